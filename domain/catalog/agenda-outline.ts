/**
 * The filled agenda laid out once, as an outline of blocks, for everything that shows it: the
 * invitation (text and HTML), its calendar entry, the agenda document, `convene plan`. Items are
 * numbered once, within their section (1., 2., …), and sub-items lettered (a., b., …), as the
 * catalog's templates are written (seeds 000, 003, 004). Before this, the agenda travelled as
 * flattened lines that every email numbered again ("8. 1. Identify…").
 */
import { z } from "zod";
import { agendaSectionSchema } from "./schema.ts";

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
