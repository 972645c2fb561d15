/**
 * The filled agenda laid out once, as an outline of blocks, for everything that shows it: the
 * invitation (text and HTML), its calendar entry, the agenda document, `convene plan`. Items are
 * numbered once, within their section (1., 2., …), and sub-items lettered (a., b., …), as the
 * catalog's templates are written (seeds 000, 003, 004). Before this, the agenda travelled as
 * flattened lines that every email numbered again ("8. 1. Identify…").
 */
import { z } from "zod";
import { roles } from "./roles.ts";
import { type AgendaLists, agendaSectionSchema } from "./schema.ts";

/** A role's name in the catalog (a role id not in it is shown as given). */
const roleNameOf = (id: string) => roles.find((r) => r.id === id)?.name ?? id;

/** The agenda a meeting carries: the filled template's title, opening lines and sections. */
export const meetingAgendaSchema = z.preprocess(
  // Meetings stored before the agenda kept its structure hold flattened lines (numbering
  // already inside them): shown as plain lines, never numbered again.
  (value) => (Array.isArray(value) ? { title: "", lines: value, sections: [] } : value),
  z.object({
    title: z.string().max(500),
    lines: z.array(z.string().max(2000)).max(50),
    sections: z.array(agendaSectionSchema).max(50),
  }),
);
export type MeetingAgenda = z.infer<typeof meetingAgendaSchema>;

/** Someone on a meeting's list, as a `lists: "attendees"` section shows them. */
export interface AgendaAttendee {
  name: string;
  role: string;
  agency?: string;
  email: string;
  /** A family member: named with their role, never with their email address. */
  family?: boolean;
  chair?: boolean;
}

/**
 * The agenda with what its sections list of the meeting filled in (schema.ts, `lists`): the
 * attendees, chair first, each as "Name – Role, Agency – email" (seed 000's layout); those who
 * have sent apologies, as "Name – Role, Agency" (no email: they are not coming), and no longer
 * among the attendees; and the shared pre-reading. A section that has items of its own keeps
 * them; a list with nobody on it says so.
 * @example agendaForMeeting(meeting.agenda, { attendees, apologies: [], preReading: ["Parent 'All About Me'"] })
 */
export function agendaForMeeting(
  agenda: MeetingAgenda,
  meeting: { attendees: AgendaAttendee[]; apologies?: AgendaAttendee[]; preReading: string[] },
): MeetingAgenda {
  if (!agenda.sections.some((section) => section.lists && section.items.length === 0)) return agenda;
  const apologies = meeting.apologies ?? [];
  const sentApologies = new Set(apologies.map((a) => a.email.toLowerCase()));
  const person = (a: AgendaAttendee, withEmail: boolean) => {
    const name = roleNameOf(a.role);
    const role = a.chair ? `Chair${name && name !== "Chair" ? ` (${name})` : ""}` : name;
    const what = [role, a.agency].filter((part) => part && part.trim() !== "").join(", ");
    return [a.name, what, withEmail && !a.family ? a.email : ""]
      .filter((part) => part !== "")
      .join(" \u2013 ");
  };
  const listed = (lists: AgendaLists): string[] => {
    switch (lists) {
      case "attendees":
        return meeting.attendees
          .filter((a) => a.chair || !sentApologies.has(a.email.toLowerCase()))
          .sort((a, b) => Number(b.chair ?? false) - Number(a.chair ?? false))
          .map((a) => person(a, true));
      case "apologies":
        return apologies.map((a) => person(a, false));
      case "pre-reading":
        return meeting.preReading;
    }
  };
  const none: Record<AgendaLists, string> = {
    attendees: "No one invited yet.",
    apologies: "None received.",
    "pre-reading": "None.",
  };
  return {
    ...agenda,
    sections: agenda.sections.map((section) => {
      if (!section.lists || section.items.length > 0) return section;
      const texts = listed(section.lists);
      return {
        ...section,
        items: (texts.length > 0 ? texts : [none[section.lists]]).map((text) => ({ text })),
      };
    }),
  };
}

/** True when the agenda itself lists the meeting's pre-reading (so it need not be listed again). */
export const agendaListsPreReading = (agenda: MeetingAgenda) =>
  agenda.sections.some((section) => section.lists === "pre-reading");

/** An agenda with nothing on it (a meeting type whose seed sets no agenda). */
export const emptyAgenda: MeetingAgenda = { title: "", lines: [], sections: [] };

export type AgendaBlock =
  | { kind: "title"; text: string }
  | { kind: "line"; text: string }
  | { kind: "heading"; text: string; guidance?: string }
  | { kind: "item"; number: number; text: string; subItems: { letter: string; text: string }[] };

/** The agenda as blocks in reading order, each item with the one number it is shown with. */
export function agendaOutline(agenda: MeetingAgenda): AgendaBlock[] {
  const blocks: AgendaBlock[] = [];
  if (agenda.title) blocks.push({ kind: "title", text: agenda.title });
  for (const line of agenda.lines) blocks.push({ kind: "line", text: line });
  for (const section of agenda.sections) {
    blocks.push({
      kind: "heading",
      text: section.heading,
      ...(section.guidance === undefined ? {} : { guidance: section.guidance }),
    });
    section.items.forEach((item, i) => {
      blocks.push({
        kind: "item",
        number: i + 1,
        text: item.text,
        subItems: (item.subItems ?? []).map((text, s) => ({ letter: subItemLetter(s), text })),
      });
    });
  }
  return blocks;
}

/** a, b, … z, then aa, ab, … (an item with more than 26 sub-items is unlikely, never wrong). */
export function subItemLetter(index: number): string {
  const a = "a".charCodeAt(0);
  return index < 26
    ? String.fromCharCode(a + index)
    : `${subItemLetter(Math.floor(index / 26) - 1)}${String.fromCharCode(a + (index % 26))}`;
}

/**
 * The agenda as plain-text lines, indented by level: what a text email, a calendar entry's
 * description and `convene plan` show.
 * @example agendaText(meeting.agenda).join("\n")
 */
export function agendaText(agenda: MeetingAgenda, indent = ""): string[] {
  const out: string[] = [];
  for (const block of agendaOutline(agenda)) {
    switch (block.kind) {
      case "title":
      case "line":
        out.push(`${indent}${block.text}`);
        break;
      case "heading":
        if (out.length > 0) out.push("");
        out.push(`${indent}${block.text}`);
        if (block.guidance) out.push(`${indent}  ${block.guidance}`);
        break;
      case "item":
        out.push(`${indent}  ${block.number}. ${block.text}`);
        for (const sub of block.subItems) out.push(`${indent}     ${sub.letter}. ${sub.text}`);
        break;
    }
  }
  return out;
}

/** Every item's text across the sections, in order: the agenda items a record is written under. */
export function agendaItemTexts(agenda: MeetingAgenda): string[] {
  if (agenda.sections.length === 0)
    // A meeting stored with flattened lines: its items are the numbered ones.
    return agenda.lines
      .filter((line) => /^\s*\d+\.\s/.test(line))
      .map((line) => line.replace(/^\s*\d+\.\s*/, ""));
  return agenda.sections.flatMap((section) => section.items.map((item) => item.text));
}
