import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../../domain/catalog/index.ts";
import {
  amendMinutes,
  blockingFor,
  minutesInputFor,
  restrictedSectionsFor,
  trackedActionsOf,
} from "../../../domain/lifecycle/minutes-rules.ts";
import { draftMinutes } from "../../../domain/minutes/index.ts";
import { smallMeeting, vtt } from "../minutes/helpers.ts";
import { testMeeting } from "./support.ts";

const catalog = loadCatalog();

describe("the lifecycle's rules for its minutes", () => {
  it("gives the drafter who attended, who sent apologies with a report, and the convening notes (seed 001)", () => {
    const meeting = testMeeting({
      typeId: "pm",
      invitees: [
        {
          index: 1,
          name: "Dr Helen Ward",
          email: "h@example.org",
          role: "gp",
          agency: "Surgery",
          keyAgency: true,
          observer: false,
          family: false,
        },
      ],
      keyAgenciesNotInvited: [{ agency: "Police", rationale: "no current involvement" }],
    });
    const input = minutesInputFor(
      meeting,
      [
        { index: 0, attendance: "attended", reportReceived: false, at: "x" },
        { index: 1, attendance: "apologies-with-report", reportReceived: true, at: "x" },
      ],
      catalog,
      "Europe/London",
    );
    expect(input.attendees.map((a) => a.name)).toEqual(["Chris Chair"]);
    expect(input.apologies).toMatchObject([{ name: "Dr Helen Ward", role: "GP", writtenReport: true }]);
    expect(input.conveningNotes).toEqual([
      "Key agency not invited: Police. Rationale: no current involvement (seed 001).",
    ]);
    expect(input.time).toBe("10:00");
  });

  it("an action without a timescale gets a provisional 10 working days, marked for the chair to set (issue 13)", () => {
    const drafted = draftMinutes({
      meeting: smallMeeting(),
      transcript: vtt([["Chair", "We agreed the plan."]]),
    });
    const minutes = {
      ...drafted,
      header: { ...drafted.header, date: "2026-03-10" },
      actions: [
        {
          number: 1,
          action: "Share the attendance record",
          timescale: { text: "to be confirmed" },
          responsible: { name: "Sam" },
          notes: "",
          sourceRefs: [],
        },
      ],
    } as unknown as typeof drafted;
    expect(trackedActionsOf(minutes, "england-and-wales")).toMatchObject([
      {
        number: 1,
        dueDate: "2026-03-24",
        notes: "(no date given: 10 working days, chair to confirm)",
        dateToConfirm: true,
      },
    ]);
  });

  it("blocks finalising by the type (seed 001), and records an accepted change as an amendment", () => {
    expect(blockingFor(catalog, "cpm")).toEqual(["childs-views", "contingency-plan"]);
    expect(blockingFor(catalog, "no-such-type")).toEqual(["childs-views", "contingency-plan"]);
    expect(Array.isArray(restrictedSectionsFor(catalog, "pm"))).toBe(true);
    const minutes = draftMinutes({
      meeting: smallMeeting(),
      transcript: vtt([["Chair", "We agreed the plan."]]),
    });
    const amended = amendMinutes(minutes, { by: "GP", text: "Add the hoist" });
    expect(amended.keyPoints.at(-1)?.text).toBe(
      "Amendment agreed by the chair (asked for by the GP): Add the hoist",
    );
  });
});
