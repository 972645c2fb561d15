/** The chair's section edits (domain/minutes/edit-sections.ts). */
import { describe, expect, it } from "vitest";
import { applyMinutesEdits, minutesEditSchema } from "../../../domain/minutes/edit-sections.ts";
import type { Minutes } from "../../../domain/minutes/model.ts";

const minutes: Minutes = {
  header: {
    child: { reference: "C-1" },
    meetingType: "Professionals Meeting",
    title: "PM",
    date: "2026-03-12",
    time: "10:00",
  },
  attendees: [],
  apologies: [],
  preReading: [],
  purpose: "To plan support.",
  agendaItems: [
    {
      number: 1,
      title: "Update",
      discussion: "First point\nSecond point",
      sourceRefs: [
        { start: 10, end: 20 },
        { start: 30, end: 40 },
      ],
    },
  ],
  childsViews: { views: "", influence: "", sourceRefs: [] },
  keyPoints: [{ text: "Kept point", sourceRef: { start: 5, end: 6 } }],
  decisions: [],
  actions: [],
  contingencyPlan: { text: "", sourceRefs: [] },
  progressMeasures: { text: "", sourceRefs: [] },
  nextReview: {},
  machineDrafted: false,
  restrictedSections: [],
};

describe("editing the minutes section by section", () => {
  it("adds the child's views and a contingency plan, naming the sections changed", () => {
    const { minutes: next, changed } = applyMinutesEdits(minutes, {
      childsViews: "Leo wants to stay at his school.",
      contingencyPlan: "A strategy discussion if support fails.",
    });
    expect(next.childsViews.views).toBe("Leo wants to stay at his school.");
    expect(next.contingencyPlan.text).toBe("A strategy discussion if support fails.");
    expect(changed.sort()).toEqual(["childs-views", "contingency-plan"]);
    expect(minutes.childsViews.views).toBe("");
  });

  it("keeps the recording link of a point left as it was, and drops it for a rewritten one", () => {
    const { minutes: next } = applyMinutesEdits(minutes, {
      keyPoints: "Kept point\nNew point",
      agendaItems: { "1": "First point\nSecond point rewritten" },
    });
    expect(next.keyPoints).toEqual([
      { text: "Kept point", sourceRef: { start: 5, end: 6 } },
      { text: "New point" },
    ]);
    expect(next.agendaItems[0]?.sourceRefs).toEqual([{ start: 10, end: 20 }]);
  });

  it("changes nothing when every section is posted as it was (line endings aside)", () => {
    const { changed } = applyMinutesEdits(minutes, {
      purpose: "To plan support.\r\n",
      keyPoints: "Kept point",
    });
    expect(changed).toEqual([]);
  });

  it("refuses an agenda item the minutes do not have, and an unknown field, naming it", () => {
    expect(() => applyMinutesEdits(minutes, { agendaItems: { "7": "x" } })).toThrow(/agendaItems\.7/);
    expect(minutesEditSchema.safeParse({ summary: "x" }).success).toBe(false);
  });
});
