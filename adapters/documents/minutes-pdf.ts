/**
 * Minutes as PDF (issue 5, section 5) with pdf-lib and the standard Helvetica fonts: wraps text,
 * breaks pages (table rows never split across pages), numbers the pages, either copy. Every page
 * carries the OFFICIAL-SENSITIVE marking in its header and footer, as councils file case records,
 * and a draft says DRAFT on every page, not only under the title.
 */
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import {
  type Block,
  familyCopy,
  type Minutes,
  professionalCopy,
  type RenderedMinutes,
} from "#domain/minutes/index.ts";
import { draftMarking, protectiveMarking } from "../mail/agenda-docx.ts";
import type { DocumentOptions } from "./minutes-docx.ts";

const pageSize: [number, number] = [595.28, 841.89]; // A4
const margin = 50;
const bodySize = 10;
const lineGap = 3;
const cellPadding = 4;

/**
 * Renders minutes to PDF bytes.
 * @example await writeFile("minutes.pdf", await minutesToPdf(minutes, { status: "final", version: 2 }))
 */
export async function minutesToPdf(minutes: Minutes, options: DocumentOptions = {}): Promise<Buffer> {
  const doc = options.copy === "family" ? familyCopy(minutes, options) : professionalCopy(minutes, options);
  return renderedToPdf(doc);
}

/** Lays out an already rendered copy. */
export async function renderedToPdf(rendered: RenderedMinutes): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(rendered.title);
  pdf.setCreator("Convene");
  pdf.setSubject(`${rendered.copy} copy of the minutes`);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const writer = new Writer(pdf, regular, bold);

  writer.text(rendered.title, { font: bold, size: 16 });
  writer.space(4);
  for (const banner of rendered.banners) writer.text(banner, { font: bold, size: 9 });
  for (const section of rendered.sections) {
    writer.space(10);
    writer.text(section.heading, { font: bold, size: 12.5, keepWithNext: 40 });
    writer.space(2);
    for (const block of section.blocks) writer.block(block);
  }
  const pages = pdf.getPages();
  const red = rgb(0.75, 0, 0);
  const grey = rgb(0.4, 0.4, 0.4);
  const centred = (page: PDFPage, text: string, y: number, font: PDFFont, size: number, color = red) =>
    page.drawText(text, {
      x: (pageSize[0] - font.widthOfTextAtSize(text, size)) / 2,
      y,
      size,
      font,
      color,
    });
  pages.forEach((page, i) => {
    centred(page, protectiveMarking, pageSize[1] - 28, bold, 9);
    if (rendered.status === "draft")
      page.drawText(draftMarking, {
        x: pageSize[0] - margin - bold.widthOfTextAtSize(draftMarking, 12),
        y: pageSize[1] - 30,
        size: 12,
        font: bold,
        color: grey,
      });
    centred(page, protectiveMarking, 30, bold, 9);
    const label = `${rendered.title} (${rendered.copy} copy${rendered.status === "draft" ? ", draft" : ""}), page ${i + 1} of ${pages.length}`;
    page.drawText(sanitize(label, regular), { x: margin, y: 16, size: 8, font: regular, color: grey });
  });
  return Buffer.from(await pdf.save());
}

class Writer {
  private page: PDFPage;
  private y: number;
  private readonly width = pageSize[0] - 2 * margin;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage(pageSize);
    this.y = pageSize[1] - margin;
  }

  space(points: number): void {
    this.y -= points;
  }

  text(
    value: string,
    options: { font?: PDFFont; size?: number; indent?: number; bullet?: boolean; keepWithNext?: number } = {},
  ): void {
    const font = options.font ?? this.regular;
    const size = options.size ?? bodySize;
    const indent = options.indent ?? 0;
    const lines = wrap(sanitize(value, font), font, size, this.width - indent - (options.bullet ? 10 : 0));
    const height = size + lineGap;
    this.ensure(height + (options.keepWithNext ?? 0));
    lines.forEach((line, i) => {
      this.ensure(height);
      if (options.bullet && i === 0)
        this.page.drawText("-", { x: margin + indent, y: this.y - size, size, font });
      this.page.drawText(line, {
        x: margin + indent + (options.bullet ? 10 : 0),
        y: this.y - size,
        size,
        font,
      });
      this.y -= height;
    });
  }

  block(block: Block): void {
    if (block.kind === "paragraph") {
      this.text(block.text);
      this.space(3);
    } else if (block.kind === "bullets") {
      for (const item of block.items) this.text(item, { bullet: true, indent: 6 });
      this.space(3);
    } else {
      this.table(block.columns, block.rows);
      this.space(6);
    }
  }

  private table(columns: string[], rows: string[][]): void {
    const n = Math.max(columns.length, ...rows.map((r) => r.length));
    const fractions =
      n === 4 ? [0.34, 0.19, 0.25, 0.22] : n === 2 ? [0.22, 0.78] : Array.from({ length: n }, () => 1 / n);
    const widths = fractions.map((f) => f * this.width);
    const hasHeader = columns.some((c) => c !== "");
    if (hasHeader) this.row(columns, widths, this.bold, 0.92);
    for (const row of rows) this.row(row, widths, this.regular, undefined);
  }

  private row(cells: string[], widths: number[], font: PDFFont, shade: number | undefined): void {
    const size = 9;
    const height = size + lineGap;
    const wrapped = widths.map((w, i) =>
      wrap(sanitize(cells[i] ?? "", font), font, size, w - 2 * cellPadding),
    );
    const maxLines = Math.floor((pageSize[1] - 2 * margin - 2 * cellPadding) / height);
    const lines = wrapped.map((l) => (l.length > maxLines ? [...l.slice(0, maxLines - 1), "…"] : l));
    const rowHeight = Math.max(1, ...lines.map((l) => l.length)) * height + 2 * cellPadding;
    this.ensure(rowHeight);
    let x = margin;
    widths.forEach((w, i) => {
      this.page.drawRectangle({
        x,
        y: this.y - rowHeight,
        width: w,
        height: rowHeight,
        borderColor: rgb(0.6, 0.6, 0.6),
        borderWidth: 0.5,
        ...(shade !== undefined ? { color: rgb(shade, shade, shade) } : {}),
      });
      (lines[i] ?? []).forEach((line, j) => {
        this.page.drawText(line === "…" ? "..." : line, {
          x: x + cellPadding,
          y: this.y - cellPadding - size - j * height,
          size,
          font,
        });
      });
      x += w;
    });
    this.y -= rowHeight;
  }

  private ensure(height: number): void {
    if (this.y - height < margin) {
      this.page = this.pdf.addPage(pageSize);
      this.y = pageSize[1] - margin;
    }
  }
}

/**
 * Splits text into lines that fit `width`; words longer than a line are broken. Each word is
 * measured once and a line's width kept as the sum of its words and spaces (measuring every
 * candidate line again was quadratic in the line's length). Helvetica's kerning pairs with a space
 * are all negative, so a line that fits by this sum fits as drawn.
 */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const measure = (s: string) => font.widthOfTextAtSize(s, size);
  const space = measure(" ");
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let lineWidth = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordWidth = measure(word);
      const widened = line ? lineWidth + space + wordWidth : wordWidth;
      if (widened <= width) {
        line = line ? `${line} ${word}` : word;
        lineWidth = widened;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      let restWidth = wordWidth;
      while (restWidth > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut)) > width) cut -= 1;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
        restWidth = measure(rest);
      }
      line = rest;
      lineWidth = restWidth;
    }
    lines.push(line);
  }
  return lines;
}

const replacements: Record<string, string> = { "→": "->", "≥": ">=", "≤": "<=", "✓": "v", "\t": " " };

/** The standard fonts encode WinAnsi only: other characters become close equivalents or "?". */
export function sanitize(text: string, font: PDFFont): string {
  let known = encodable.get(font);
  if (!known) {
    known = new Map();
    encodable.set(font, known);
  }
  let out = "";
  for (const ch of text) {
    let safe = known.get(ch);
    if (safe === undefined) {
      const candidate = replacements[ch] ?? ch;
      try {
        font.encodeText(candidate);
        safe = candidate;
      } catch {
        safe = "?";
      }
      known.set(ch, safe);
    }
    out += safe;
  }
  return out;
}

/** What each character becomes in a font (asking the font throws for every character it lacks). */
const encodable = new WeakMap<PDFFont, Map<string, string>>();
