import { inflateSync } from "node:zlib";
import mammoth from "mammoth";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { minutesToDocx } from "#adapters/documents/minutes-docx.ts";
import { minutesToPdf, wrap } from "#adapters/documents/minutes-pdf.ts";
import {
  actionColumns,
  caseNote,
  draftMinutes,
  familyCopy,
  hashMinutes,
  professionalCopy,
  renderText,
  sectionIds,
} from "#domain/minutes/index.ts";
import { exampleMeeting, exampleTranscript } from "./helpers.ts";

const meeting = await exampleMeeting();
const transcript = await exampleTranscript();
const minutes = draftMinutes({ meeting, transcript });

/** The text drawn on a pdf-lib PDF: its hex strings, from the inflated content streams. */
function pdfText(bytes: Buffer): string {
  const raw = bytes.toString("latin1");
  let out = "";
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1] ?? "", "latin1")).toString("latin1");
    } catch {
      continue;
    }
    for (const hex of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g))
      out += `${Buffer.from(hex[1] ?? "", "hex").toString("latin1")}\n`;
  }
  return out;
}

describe("professional and family copies", () => {
  it("the professional copy has every section, in the record's order", () => {
    expect(professionalCopy(minutes).sections.map((s) => s.id)).toEqual([...sectionIds]);
  });

  it("the family copy leaves out the sections marked restricted", () => {
    expect(minutes.restrictedSections).toEqual(["purpose"]);
    const family = familyCopy(minutes);
    expect(family.sections.map((s) => s.id)).toEqual(sectionIds.filter((id) => id !== "purpose"));
    expect(renderText(family)).not.toContain(meeting.purpose.slice(0, 40));
    expect(renderText(professionalCopy(minutes))).toContain(meeting.purpose.slice(0, 40));
  });

  it("lays out agreed actions as Action | Timescale | Responsible professional/department | Notes (seed 000)", () => {
    const actions = professionalCopy(minutes).sections.find((s) => s.id === "actions")?.blocks[0];
    expect(actions).toMatchObject({
      kind: "table",
      columns: ["Action", "Timescale", "Responsible professional/department", "Notes"],
    });
    if (actions?.kind === "table") expect(actions.rows).toHaveLength(minutes.actions.length);
  });

  it("marks drafts, versions and machine drafting", () => {
    const text = renderText(
      professionalCopy({ ...minutes, machineDrafted: true }, { version: 2, hash: hashMinutes(minutes) }),
    );
    expect(text).toMatch(/DRAFT/);
    expect(text).toContain(`Version 2 (sha256 ${hashMinutes(minutes).slice(0, 12)})`);
    expect(text).toMatch(/Machine-drafted/);
    expect(renderText(professionalCopy(minutes, { status: "final" }))).toMatch(/^FINAL/m);
  });
});

describe("case note for the child's record (seed 002, section e)", () => {
  it("cites that the meeting was held and where the minutes are in Documents", () => {
    const note = caseNote(minutes, {
      documentName: "PM minutes 2026-03-12 v1.pdf",
      version: 1,
      hash: hashMinutes(minutes),
    });
    expect(note).toMatch(
      /the meeting was held online on Thursday 12 March 2026 at 10:00, chaired by Hannah Okafor/,
    );
    expect(note).toMatch(/are located in Documents: PM minutes 2026-03-12 v1\.pdf/);
    expect(note).toContain(`Agreed actions: ${minutes.actions.length}.`);
  });
});

describe("documents", () => {
  it("writes a DOCX with the headings, attendees and the seed 000 actions table", async () => {
    const bytes = await minutesToDocx(minutes, { version: 1 });
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    for (const column of actionColumns) expect(value).toContain(column);
    expect(value).toContain("Agreed actions");
    expect(value).toContain("priya.shah@council.example");
    expect(value).toContain(minutes.actions[0]?.action);
  });

  it("writes the family copy as DOCX without the restricted section", async () => {
    const { value } = await mammoth.extractRawText({
      buffer: await minutesToDocx(minutes, { copy: "family" }),
    });
    expect(value).not.toContain("Purpose of meeting");
    expect(value).toContain("Family copy");
  });

  it("writes a paginated PDF with every section heading and wrapped text", async () => {
    const bytes = await minutesToPdf(minutes, { status: "final" });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    const text = pdfText(bytes);
    for (const s of professionalCopy(minutes).sections) expect(text).toContain(s.heading);
    expect(text).toContain(`page ${pdf.getPageCount()} of ${pdf.getPageCount()}`);
    const family = pdfText(await minutesToPdf(minutes, { copy: "family" }));
    expect(family).not.toContain("Purpose of meeting");
  });

  it("replaces characters the standard fonts cannot draw instead of failing", async () => {
    const odd = { ...minutes, purpose: "Leo → grandad ≥ fortnightly 🙂 日本" };
    const text = pdfText(await minutesToPdf(odd));
    expect(text).toContain("Leo -> grandad >= fortnightly");
  });

  it("wraps every line within the width as drawn (kerning included), keeping every word in order", async () => {
    const pdf = await PDFDocument.create();
    for (const name of [StandardFonts.Helvetica, StandardFonts.HelveticaBold]) {
      const font = await pdf.embedFont(name);
      const text = `${minutes.purpose} "Yes," T. Young said: 'We'll visit.' V. W. Y. ${"A".repeat(120)} end.\nSecond paragraph.`;
      for (const width of [60, 150, 495]) {
        const lines = wrap(text, font, 10, width);
        for (const line of lines) expect(font.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(width);
        expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
      }
      expect(wrap("one\n\ntwo", font, 10, 495)).toEqual(["one", "", "two"]);
    }
  });
});
