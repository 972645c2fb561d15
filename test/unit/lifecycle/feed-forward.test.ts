import { describe, expect, it } from "vitest";
import { feedForwardSection, feedingMeetings, isFed } from "../../../domain/lifecycle/feed-forward.ts";

const m = (id: string, typeId: string, start: string) => ({ id, typeId, start });

describe("seed 002: a Specific Issue CPM's recommendations feed the next standard CPM", () => {
  const child = [
    m("a", "cpm", "2026-01-10T10:00:00Z"),
    m("b", "specific-issue-cpm", "2026-01-20T10:00:00Z"),
    m("c", "cpm", "2026-02-10T10:00:00Z"),
    m("d", "specific-issue-cpm", "2026-02-20T10:00:00Z"),
    m("e", "specific-issue-cpm", "2026-03-01T10:00:00Z"),
    m("f", "pm", "2026-03-02T10:00:00Z"),
  ];

  it("takes the SI-CPMs held since the child's last CPM, each fed once", () => {
    expect(feedingMeetings(child, "cpm", "2026-03-10T10:00:00Z").map((x) => x.id)).toEqual(["d", "e"]);
    expect(feedingMeetings(child, "cpm", "2026-02-01T10:00:00Z").map((x) => x.id)).toEqual(["b"]);
  });

  it("only a CPM is fed, so other types never read the child's meetings", () => {
    expect(isFed("cpm")).toBe(true);
    expect(["pm", "cfpm", "specific-issue-cpm", "lpm"].map(isFed)).toEqual([false, false, false, false]);
  });

  it("feeds nothing into other types, or with no CPM before and no SI-CPM", () => {
    expect(feedingMeetings(child, "pm", "2026-03-10T10:00:00Z")).toEqual([]);
    expect(feedingMeetings([m("a", "cpm", "2026-01-10T10:00:00Z")], "cpm", "2026-03-10T10:00:00Z")).toEqual(
      [],
    );
  });

  it("makes one agenda item per decision, dated", () => {
    expect(
      feedForwardSection([
        {
          heldOn: "Friday 20 February 2026",
          typeName: "Specific Issue CPM",
          decisions: ["Respite twice a month"],
        },
        { heldOn: "Sunday 1 March 2026", typeName: "Specific Issue CPM", decisions: [] },
      ])?.items.map((i) => i.text),
    ).toEqual([
      "Specific Issue CPM, Friday 20 February 2026: Respite twice a month",
      "Specific Issue CPM, Sunday 1 March 2026: no decisions were recorded.",
    ]);
    expect(feedForwardSection([])).toBeUndefined();
  });
});
