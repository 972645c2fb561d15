/** Meetings at risk of missing their statutory dates (domain/access/oversight.ts). */
import { describe, expect, it } from "vitest";
import { meetingsAtRisk } from "../../../domain/access/oversight.ts";
import type { Meeting } from "../../../domain/lifecycle/model.ts";

const settings = { nation: "england-and-wales" } as Parameters<typeof meetingsAtRisk>[2];
const meeting = (over: Partial<Meeting>): Meeting =>
  ({
    id: "m",
    phase: "await-meeting",
    start: "2027-01-20T10:00:00.000Z",
    minutesDueBy: "2027-01-27",
    recordName: "Minutes",
    ...over,
  }) as Meeting;

describe("meetings at risk", () => {
  it("flags a meeting not held whose due date has passed or is within 5 working days", () => {
    const risk = meetingsAtRisk(
      [
        meeting({ id: "past", dueBy: "2027-01-08" }),
        meeting({ id: "soon", dueBy: "2027-01-15" }),
        meeting({ id: "far", dueBy: "2027-03-01", start: "2027-02-01T10:00:00.000Z" }),
      ],
      "2027-01-11",
      settings,
    );
    expect(risk.map((r) => r.meeting.id)).toEqual(["past", "soon"]);
    expect(risk[0]?.reason).toContain("was due by 2027-01-08");
  });

  it("flags a meeting planned after its own due date", () => {
    const risk = meetingsAtRisk(
      [meeting({ dueBy: "2027-03-01", start: "2027-03-05T10:00:00.000Z" })],
      "2027-01-11",
      settings,
    );
    expect(risk[0]?.reason).toContain("planned after its due date");
  });

  it("flags minutes due within 2 working days (Friday to Tuesday counts 2) and not a closed meeting", () => {
    const risk = meetingsAtRisk(
      [
        meeting({ id: "minutes", phase: "agree-minutes", minutesDueBy: "2027-01-19" }),
        meeting({ id: "closed", phase: "closed", dueBy: "2027-01-01" }),
      ],
      "2027-01-15",
      settings,
    );
    expect(risk.map((r) => r.meeting.id)).toEqual(["minutes"]);
  });
});
