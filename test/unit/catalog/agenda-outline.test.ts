import { describe, expect, it } from "vitest";
import {
  agendaItemTexts,
  agendaText,
  fillAgenda,
  meetingAgendaSchema,
  professionalsMeetingAgenda,
} from "#domain/catalog/index.ts";

const filled = fillAgenda(professionalsMeetingAgenda, {
  child: "CH-1042",
  date: "Monday 9 March 2026",
  time: "10:00",
});
const agenda = meetingAgendaSchema.parse(filled);

describe("the agenda laid out once (seed 000 agenda)", () => {
  it("numbers items within their section once and letters sub-items", () => {
    const text = agendaText(agenda);
    expect(text).toContain(
      "  1. Allocated social worker to provide an update on the family including any intervention/support and whether this has led to any improvement.",
    );
    expect(text).toContain("     a. Any services/support offered that the parent has/has not engaged with.");
    expect(text.join("\n")).not.toMatch(/\d+\.\s+\d+\.\s/);
  });

  it("starts each section after a blank line, under its heading", () => {
    const text = agendaText(agenda);
    const i = text.indexOf("Agenda points");
    expect(i).toBeGreaterThan(0);
    expect(text[i - 1]).toBe("");
  });

  it("lists every section's items, in order, as the items the record is written under", () => {
    const items = agendaItemTexts(agenda);
    expect(items).toHaveLength(agenda.sections.reduce((n, s) => n + s.items.length, 0));
    expect(items[0]).toBe(agenda.sections.flatMap((s) => s.items)[0]?.text);
  });

  it("reads a meeting stored with flattened lines without numbering them again", () => {
    const legacy = meetingAgendaSchema.parse([
      "Agenda re CH-1",
      "Agenda points",
      "1. Update",
      "   - detail",
      "2. Plan",
    ]);
    expect(agendaText(legacy)).toEqual([
      "Agenda re CH-1",
      "Agenda points",
      "1. Update",
      "   - detail",
      "2. Plan",
    ]);
    expect(agendaItemTexts(legacy)).toEqual(["Update", "Plan"]);
  });

  it("refuses an agenda that is neither lines nor the structured shape", () => {
    expect(meetingAgendaSchema.safeParse({ title: 3 }).success).toBe(false);
    expect(meetingAgendaSchema.safeParse("Introductions").success).toBe(false);
  });
});
