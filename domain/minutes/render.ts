/**
 * Renderings of the minutes (issue 5, sections 4 and 5): the professional copy, the family copy
 * (restricted sections left out), and the case note for the child's record. The DOCX and PDF
 * adapters lay out the same rendered document, so both formats always agree.
 */
import type { IsoDate } from "#domain/clock/index.ts";
import { secondsToMark } from "#domain/transcript/index.ts";
import { type Minutes, type SectionId, type SourceRef, sectionHeadings, sectionIds } from "./model.ts";

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "table"; columns: string[]; rows: string[][] };

export interface RenderedSection {
  id: SectionId;
  heading: string;
  blocks: Block[];
}

export interface RenderedMinutes {
  title: string;
  copy: "professional" | "family";
  /** A draft is marked DRAFT on every page of every copy made from it. */
  status: "draft" | "final";
  /** Lines shown above the first section: draft/final status, machine drafting, version. */
  banners: string[];
  sections: RenderedSection[];
}

export interface RenderOptions {
  status?: "draft" | "final";
  version?: number;
  hash?: string;
  /** Final minutes: who agreed them, who was deemed to, and who disagreed (domain/minutes/agreement-outcome.ts). */
  agreement?: AgreementNames;
}

/** The agreement record with people's names (and roles), as the final minutes state it. */
export interface AgreementNames {
  agreed: string[];
  deemed: string[];
  disagreed: Array<{ name: string; change: string; reason?: string }>;
}

/** The lines of the agreement record; the family copy names who disagreed but not the words. */
export function agreementLines(agreement: AgreementNames, copy: "professional" | "family"): string[] {
  const lines: string[] = [];
  if (agreement.agreed.length > 0) lines.push(`Agreed by: ${agreement.agreed.join(", ")}.`);
  if (agreement.deemed.length > 0)
    lines.push(
      `Deemed to agree (no answer by the deadline; confirmed by the chair): ${agreement.deemed.join(", ")}.`,
    );
  for (const d of agreement.disagreed) {
    if (copy === "family") {
      lines.push(`Disagreed: ${d.name} asked for a change the chair did not accept.`);
      continue;
    }
    const asked = d.change.replace(/\s+/g, " ").trim().slice(0, 500);
    lines.push(
      `Disagreed: ${d.name} asked for a change the chair did not accept${asked ? ` (“${asked}”)` : ""}${d.reason ? `; the chair's reason: ${d.reason.replace(/\s+/g, " ").trim().slice(0, 500)}` : ""}.`,
    );
  }
  return lines;
}

/** The agreed-actions table's columns: Action | Timescale | Responsible professional/department | Notes (seed 000). */
export const actionColumns = ["Action", "Timescale", "Responsible professional/department", "Notes"] as const;

/** Every section, for everyone at the meeting. */
export function professionalCopy(minutes: Minutes, options: RenderOptions = {}): RenderedMinutes {
  return render(minutes, "professional", options);
}

/** The copy for the family: the same, less the sections marked restricted. */
export function familyCopy(minutes: Minutes, options: RenderOptions = {}): RenderedMinutes {
  return render(minutes, "family", options);
}

/** Which sections a copy shows. */
export function visibleSections(minutes: Minutes, copy: "professional" | "family"): SectionId[] {
  return sectionIds.filter((id) => copy === "professional" || !minutes.restrictedSections.includes(id));
}

function render(minutes: Minutes, copy: "professional" | "family", options: RenderOptions): RenderedMinutes {
  const banners: string[] = [];
  if (options.status !== "final") banners.push("DRAFT: for agreement by all attendees, not yet final.");
  else banners.push("FINAL: agreed minutes.");
  if (options.version !== undefined) {
    banners.push(
      `Version ${options.version}${options.hash ? ` (sha256 ${options.hash.slice(0, 12)})` : ""}.`,
    );
  }
  if (minutes.machineDrafted)
    banners.push("Machine-drafted from the meeting transcript; checked and agreed by attendees.");
  if (copy === "family") banners.push("Family copy: some sections are shared with professionals only.");
  if (options.status === "final" && options.agreement)
    banners.push(...agreementLines(options.agreement, copy));
  const sections = visibleSections(minutes, copy).map((id) => ({
    id,
    heading: sectionHeadings[id],
    blocks: blocksFor(id, minutes),
  }));
  return {
    title: minutes.header.title,
    copy,
    status: options.status === "final" ? "final" : "draft",
    banners,
    sections,
  };
}

function blocksFor(id: SectionId, m: Minutes): Block[] {
  switch (id) {
    case "header": {
      const h = m.header;
      const rows: string[][] = [
        ["Child", h.child.name ? `${h.child.name} (${h.child.reference})` : h.child.reference],
        ["Meeting", h.title],
        ["Date", `${longDate(h.date)} at ${h.time}`],
      ];
      if (h.location) rows.push(["Location", h.location]);
      if (h.onlineLink) rows.push(["Online", h.onlineLink]);
      if (h.chair) rows.push(["Chair", h.chair]);
      if (h.transcribedBy) rows.push(["Transcribed by", h.transcribedBy]);
      const notes = m.conveningNotes ?? [];
      return [
        { kind: "table", columns: ["", ""], rows },
        ...(notes.length === 0
          ? []
          : [
              { kind: "paragraph" as const, text: "Recorded when the meeting was convened:" },
              { kind: "bullets" as const, items: notes },
            ]),
      ];
    }
    case "attendees":
      return [
        {
          kind: "table",
          columns: ["Name", "Role", "Agency", "Email"],
          rows: m.attendees.map((a) => [a.name, a.role, a.agency ?? "", a.email ?? ""]),
        },
      ];
    case "apologies":
      return m.apologies.length === 0
        ? [{ kind: "paragraph", text: "None." }]
        : [
            {
              kind: "bullets",
              items: m.apologies.map(
                (a) =>
                  `${a.name}, ${a.role}${a.agency ? `, ${a.agency}` : ""}${a.writtenReport ? " (written report provided)" : ""}`,
              ),
            },
          ];
    case "pre-reading":
      return m.preReading.length === 0
        ? [{ kind: "paragraph", text: "None listed." }]
        : [{ kind: "bullets", items: m.preReading }];
    case "purpose":
      return [{ kind: "paragraph", text: m.purpose || "Not recorded." }];
    case "agenda-items":
      return m.agendaItems.flatMap((item) => {
        const lines = item.discussion.split("\n").filter((l) => l.trim() !== "");
        return [
          { kind: "paragraph", text: `${item.number}. ${item.title}` } as Block,
          lines.length === 0
            ? ({ kind: "paragraph", text: "No discussion recorded." } as Block)
            : ({ kind: "bullets", items: lines.map((l, i) => withMark(l, item.sourceRefs[i])) } as Block),
        ];
      });
    case "childs-views": {
      const blocks: Block[] = [
        { kind: "paragraph", text: "The child's views:" },
        linesOrNote(
          m.childsViews.views,
          "Not recorded: the child's views must be added before the minutes can be final.",
        ),
        { kind: "paragraph", text: "How the child's views influenced the decisions:" },
        linesOrNote(m.childsViews.influence, "Not recorded."),
      ];
      if (m.childsViews.notActedOnWhy) {
        blocks.push(
          { kind: "paragraph", text: "Where the child's views were not acted on, why:" },
          linesOrNote(m.childsViews.notActedOnWhy, ""),
        );
      }
      return blocks;
    }
    case "key-points":
      return m.keyPoints.length === 0
        ? [{ kind: "paragraph", text: "None recorded." }]
        : [{ kind: "bullets", items: m.keyPoints.map((k) => withMark(k.text, k.sourceRef)) }];
    case "decisions":
      return m.decisions.length === 0
        ? [{ kind: "paragraph", text: "None recorded." }]
        : [{ kind: "bullets", items: m.decisions.map((d) => withMark(d.text, d.sourceRef)) }];
    case "actions":
      return [
        {
          kind: "table",
          columns: [...actionColumns],
          rows: m.actions.map((a) => [
            `${a.number}. ${a.action}`,
            timescaleText(a.timescale),
            responsibleText(a.responsible),
            [a.notes, a.sourceRef ? `Said at ${secondsToMark(a.sourceRef.start)}.` : ""]
              .filter(Boolean)
              .join(" "),
          ]),
        },
      ];
    case "contingency-plan":
      return [
        linesOrNote(
          m.contingencyPlan.text,
          "Not recorded: a contingency plan must be added before the minutes can be final.",
        ),
      ];
    case "progress-measures":
      return [linesOrNote(m.progressMeasures.text, "Not recorded.")];
    case "next-review":
      return [
        {
          kind: "paragraph",
          text: m.nextReview.date
            ? `${longDate(m.nextReview.date)}${m.nextReview.text ? `. ${m.nextReview.text}` : ""}`
            : (m.nextReview.text ?? "To be agreed."),
        },
      ];
  }
}

function linesOrNote(text: string, note: string): Block {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) return { kind: "paragraph", text: note };
  return lines.length === 1 ? { kind: "paragraph", text: lines[0] ?? "" } : { kind: "bullets", items: lines };
}

function withMark(text: string, ref: SourceRef | undefined): string {
  return ref ? `${text} [${secondsToMark(ref.start)}]` : text;
}

function timescaleText(t: { text: string; dueDate?: IsoDate }): string {
  if (t.dueDate) return t.text ? `${shortDate(t.dueDate)} (${t.text})` : shortDate(t.dueDate);
  return t.text || "To be confirmed";
}

function responsibleText(r: { name?: string; role?: string; department?: string; email?: string }): string {
  const who = [r.name, r.role].filter(Boolean).join(", ");
  const parts = [who, r.department && r.department !== r.role ? r.department : ""].filter(Boolean);
  return parts.join(" – ") || "To be confirmed";
}

const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** "2026-03-12" → "Thursday 12 March 2026". */
export function longDate(date: IsoDate): string {
  const [y, m, d] = date.split("-").map(Number);
  const weekday = weekdays[new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).getUTCDay()];
  return `${weekday} ${d} ${months[(m ?? 1) - 1]} ${y}`;
}

/** "2026-03-12" → "12 Mar 2026". */
export function shortDate(date: IsoDate): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${d} ${months[(m ?? 1) - 1]?.slice(0, 3)} ${y}`;
}

/** Plain text of a rendered document (for email bodies, logs and tests). */
export function renderText(doc: RenderedMinutes): string {
  const out: string[] = [doc.title, ...doc.banners, ""];
  for (const s of doc.sections) {
    out.push(s.heading.toUpperCase());
    for (const b of s.blocks) {
      if (b.kind === "paragraph") out.push(b.text);
      else if (b.kind === "bullets") out.push(...b.items.map((i) => `  - ${i}`));
      else {
        if (b.columns.some((c) => c !== "")) out.push(b.columns.join(" | "));
        out.push(...b.rows.map((r) => r.join(" | ")));
      }
    }
    out.push("");
  }
  return out.join("\n");
}

/**
 * The case note for the child's record: "for each Form loaded into documents a case note should be
 * added citing the meeting has been held and minutes are located in documents" (seed 002, section e).
 * @example caseNote(minutes, { documentName: "PM minutes 2026-03-12 v2.pdf", version: 2, hash })
 */
export function caseNote(
  minutes: Minutes,
  options: { documentName: string; version?: number; hash?: string; agreedOn?: IsoDate },
): string {
  const h = minutes.header;
  const where = h.onlineLink ? " online" : h.location ? ` at ${h.location}` : "";
  const lines = [
    `${h.title}: the meeting was held${where} on ${longDate(h.date)} at ${h.time}${h.chair ? `, chaired by ${h.chair}` : ""}.`,
    `The minutes${options.version !== undefined ? ` (version ${options.version}${options.hash ? `, sha256 ${options.hash.slice(0, 12)}` : ""})` : ""}${
      options.agreedOn ? `, agreed on ${longDate(options.agreedOn)},` : ""
    } are located in Documents: ${options.documentName}.`,
    `Agreed actions: ${minutes.actions.length}.${minutes.nextReview.date ? ` Next review: ${longDate(minutes.nextReview.date)}.` : ""}`,
  ];
  return lines.join("\n");
}
