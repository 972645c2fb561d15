import { describe, expect, it } from "vitest";
import {
  agendaForMeeting,
  agendaItemTexts,
  agendaListsPreReading,
  agendaText,
  fillAgenda,
  type MeetingAgenda,
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

describe("the agenda's own lists, filled from the meeting (seed 000: Attendees & email addresses; Agreed list of pre-reading)", () => {
  const people = [
    { name: "Gita Guardian", role: "childrens-guardian", agency: "Cafcass", email: "gita@cafcass.example" },
    { name: "Paula Parent", role: "parent", agency: "", email: "paula@home.example", family: true },
    {
      name: "Sam Solicitor",
      role: "childs-solicitor",
      agency: "Shah & Co",
      email: "sam@shah.example",
      chair: true,
    },
  ];
  const section = (a: MeetingAgenda, heading: string) => a.sections.find((s) => s.heading === heading);

  it("lists everyone invited, chair first, by role name and agency, with professionals' email addresses only", () => {
    const shown = agendaForMeeting(agenda, { attendees: people, preReading: ["Parent 'All About Me'"] });
    expect(section(shown, "Attendees & email addresses")?.items.map((i) => i.text)).toEqual([
      "Sam Solicitor \u2013 Chair (Child's solicitor), Shah & Co \u2013 sam@shah.example",
      "Gita Guardian \u2013 Children's Guardian, Cafcass \u2013 gita@cafcass.example",
      "Paula Parent \u2013 Parent or other person with parental responsibility",
    ]);
    expect(section(shown, "Agreed list of pre-reading")?.items.map((i) => i.text)).toEqual([
      "Parent 'All About Me'",
    ]);
    expect(agendaListsPreReading(shown)).toBe(true);
    // The stored agenda is not changed, and the record is still written under the agenda points only.
    expect(section(agenda, "Attendees & email addresses")?.items).toEqual([]);
  });

  it("lists who has sent apologies by role and agency without an email address, and no longer among the attendees", () => {
    const gita = people[0] as (typeof people)[number];
    const shown = agendaForMeeting(agenda, {
      attendees: people,
      apologies: [{ ...gita, email: "GITA@cafcass.example" }],
      preReading: [],
    });
    expect(section(shown, "Apologies")?.items.map((i) => i.text)).toEqual([
      "Gita Guardian \u2013 Children's Guardian, Cafcass",
    ]);
    expect(section(shown, "Attendees & email addresses")?.items.map((i) => i.text)).toEqual([
      "Sam Solicitor \u2013 Chair (Child's solicitor), Shah & Co \u2013 sam@shah.example",
      "Paula Parent \u2013 Parent or other person with parental responsibility",
    ]);
    expect(
      section(agendaForMeeting(agenda, { attendees: people, preReading: [] }), "Apologies")?.items,
    ).toEqual([{ text: "None received." }]);
  });

  it("says so when a list is empty, keeps a section's own items, and leaves an agenda without lists as it is", () => {
    const shown = agendaForMeeting(agenda, { attendees: [], preReading: [] });
    expect(section(shown, "Attendees & email addresses")?.items.map((i) => i.text)).toEqual([
      "No one invited yet.",
    ]);
    expect(section(shown, "Agreed list of pre-reading")?.items.map((i) => i.text)).toEqual(["None."]);
    const own: MeetingAgenda = {
      ...agenda,
      sections: agenda.sections.map((s) =>
        s.lists === "attendees" ? { ...s, items: [{ text: "As agreed" }] } : s,
      ),
    };
    expect(
      section(agendaForMeeting(own, { attendees: people, preReading: [] }), "Attendees & email addresses")
        ?.items,
    ).toEqual([{ text: "As agreed" }]);
    const plain: MeetingAgenda = {
      title: "",
      lines: [],
      sections: [{ heading: "Agenda", items: [{ text: "One" }] }],
    };
    expect(agendaForMeeting(plain, { attendees: people, preReading: ["x"] })).toBe(plain);
    expect(agendaListsPreReading(plain)).toBe(false);
  });
});
