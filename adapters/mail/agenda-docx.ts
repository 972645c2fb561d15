/**
 * Word documents for email attachments, with the `docx` package: the agenda sent with an
 * invitation, and a generic "document from sections" used for the final minutes. Councils file
 * documents in Word. Every page carries the OFFICIAL-SENSITIVE marking top and bottom.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";

import { agendaListsPreReading, agendaOutline, type MeetingAgenda } from "#domain/catalog/agenda-outline.ts";
import type { DocumentBlock } from "#domain/ports/messages.ts";

/** The Government Security Classifications marking for case information about a child. */
export const protectiveMarking = "OFFICIAL-SENSITIVE";

/** Printed on every page of minutes not yet agreed. */
export const draftMarking = "DRAFT";

export interface DocumentTable {
  columns: string[];
  rows: string[][];
}

/** A numbered item with its lettered sub-items, numbered as given (never renumbered). */
export interface OutlineItem {
  number: number;
  text: string;
  subItems: { letter: string; text: string }[];
}

export interface DocumentSection {
  heading: string;
  /** 1 (default) for a top-level heading, 2 for a heading inside the one before. */
  level?: 1 | 2;
  paragraphs?: string[];
  /** Numbered items ("1. …"). */
  numbered?: string[];
  bullets?: string[];
  /** Items already numbered (an agenda section's items, with sub-items). */
  outline?: OutlineItem[];
  table?: DocumentTable;
  /** Mixed content in order, after the fields above. */
  blocks?: DocumentBlock[];
}

export interface SectionedDocument {
  title: string;
  /** Lines under the title, e.g. "Professionals Meeting · ref CH-1042 · Tuesday 3 December 2025 10:00". */
  subtitle?: string[];
  sections: DocumentSection[];
  /** Defaults to OFFICIAL-SENSITIVE. */
  marking?: string;
  /** Marked DRAFT in the header of every page. */
  draft?: boolean;
}

function markingParagraph(marking: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ text: marking, bold: true, color: "C00000" })],
  });
}

/** The header of every page: the marking, and DRAFT on drafts. */
function pageHeader(marking: string, draft: boolean): Header {
  return new Header({
    children: [
      markingParagraph(marking),
      ...(draft
        ? [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ text: draftMarking, bold: true, size: 28, color: "505050" })],
            }),
          ]
        : []),
    ],
  });
}

/** The footer of every page: the marking, then "Page N of M" (Word fills in the fields). */
function pageFooter(marking: string): Footer {
  return new Footer({
    children: [
      markingParagraph(marking),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], size: 16 }),
        ],
      }),
    ],
  });
}

function textLines(text: string): Paragraph[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })],
  });
}

function table(spec: DocumentTable): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      // A key/value table has blank column names: no header row.
      ...(spec.columns.some((c) => c !== "")
        ? [new TableRow({ tableHeader: true, children: spec.columns.map((c) => cell(c, true)) })]
        : []),
      ...spec.rows.map(
        (row) => new TableRow({ children: spec.columns.map((_, i) => cell(row[i] ?? "", false)) }),
      ),
    ],
  });
}

/**
 * Builds a .docx from a title and sections.
 * @example const bytes = await buildSectionedDocx({ title: "Minutes", sections: [{ heading: "Decisions", bullets: ["…"] }] });
 */
export async function buildSectionedDocx(doc: SectionedDocument): Promise<Buffer> {
  const marking = doc.marking ?? protectiveMarking;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    ...(doc.subtitle ?? []).map(
      (line) => new Paragraph({ children: [new TextRun({ text: line, italics: true })] }),
    ),
  ];
  for (const section of doc.sections) {
    children.push(
      new Paragraph({
        text: section.heading,
        heading: section.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_1,
      }),
    );
    for (const p of section.paragraphs ?? []) children.push(...textLines(p));
    (section.numbered ?? []).forEach((item, i) => {
      children.push(new Paragraph({ children: [new TextRun(`${i + 1}. ${item}`)], indent: { left: 360 } }));
    });
    for (const item of section.bullets ?? [])
      children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
    for (const item of section.outline ?? []) {
      children.push(
        new Paragraph({ children: [new TextRun(`${item.number}. ${item.text}`)], indent: { left: 360 } }),
      );
      for (const sub of item.subItems)
        children.push(
          new Paragraph({ children: [new TextRun(`${sub.letter}. ${sub.text}`)], indent: { left: 720 } }),
        );
    }
    if (section.table) {
      children.push(table(section.table));
      children.push(new Paragraph(""));
    }
    for (const block of section.blocks ?? []) {
      if (block.kind === "paragraph") children.push(...textLines(block.text));
      else if (block.kind === "bullets")
        for (const item of block.items) children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
      else children.push(table(block), new Paragraph(""));
    }
  }
  const document = new Document({
    creator: "Convene",
    title: doc.title,
    description: marking,
    sections: [
      {
        headers: { default: pageHeader(marking, doc.draft ?? false) },
        footers: { default: pageFooter(marking) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

export interface AgendaDocument {
  /** e.g. "Professionals Meeting" */
  typeName: string;
  /** The child's case reference, never the name. */
  childReference: string;
  /** Date and time as people read them, in the authority's time zone. */
  when: string;
  onlineLink?: string;
  location?: string;
  chair: string;
  agenda: MeetingAgenda;
  preReading: string[];
  attendees?: { name: string; role: string; agency?: string }[];
}

/** The agenda sent with an invitation, as a Word document. */
export async function buildAgendaDocx(agenda: AgendaDocument): Promise<Buffer> {
  const details: string[][] = [
    ["Meeting", agenda.typeName],
    ["Case reference", agenda.childReference],
    ["Date and time", agenda.when],
    ["Chair", agenda.chair],
  ];
  if (agenda.location) details.push(["Location", agenda.location]);
  if (agenda.onlineLink) details.push(["Online meeting link", agenda.onlineLink]);
  const sections: DocumentSection[] = [
    { heading: "Meeting details", table: { columns: ["", ""], rows: details } },
    ...agendaSections(agenda.agenda),
    // An agenda that lists the pre-reading itself (seed 000) is not followed by the list again.
    ...(agendaListsPreReading(agenda.agenda)
      ? []
      : [
          {
            heading: "Pre-reading",
            ...(agenda.preReading.length > 0 ? { bullets: agenda.preReading } : { paragraphs: ["None."] }),
          },
        ]),
  ];
  if (agenda.attendees && agenda.attendees.length > 0) {
    sections.push({
      heading: "Invited",
      table: {
        columns: ["Name", "Role", "Agency"],
        rows: agenda.attendees.map((a) => [a.name, a.role, a.agency ?? ""]),
      },
    });
  }
  return buildSectionedDocx({
    title: `Agenda: ${agenda.typeName}`,
    subtitle: [`Case reference ${agenda.childReference}`, agenda.when],
    sections,
  });
}

/** The agenda's title and lines under "Agenda", then each of its sections with its items numbered once. */
function agendaSections(agenda: MeetingAgenda): DocumentSection[] {
  type Built = DocumentSection & { paragraphs: string[]; outline: OutlineItem[] };
  const sections: Built[] = [{ heading: "Agenda", paragraphs: [], outline: [] }];
  for (const block of agendaOutline(agenda)) {
    const current = sections[sections.length - 1] as Built;
    switch (block.kind) {
      case "title":
      case "line":
        current.paragraphs.push(block.text);
        break;
      case "heading":
        sections.push({
          heading: block.text,
          level: 2,
          paragraphs: block.guidance ? [block.guidance] : [],
          outline: [],
        });
        break;
      case "item":
        current.outline.push(block);
        break;
    }
  }
  const first = sections[0] as Built;
  if (sections.length === 1 && first.paragraphs.length === 0) first.paragraphs.push("None set.");
  return sections;
}
