/**
 * Minutes as a Word document (issue 5, section 5), laid out from the rendered professional or
 * family copy: headings per section, the attendees table, and the agreed-actions table with the
 * four columns of seed 000 (Action | Timescale | Responsible professional/department | Notes).
 */
import {
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import {
  type Block,
  familyCopy,
  type Minutes,
  professionalCopy,
  type RenderedMinutes,
  type RenderOptions,
} from "#domain/minutes/index.ts";

export interface DocumentOptions extends RenderOptions {
  copy?: "professional" | "family";
}

/**
 * Renders minutes to DOCX bytes.
 * @example await writeFile("minutes.docx", await minutesToDocx(minutes, { copy: "family" }))
 */
export async function minutesToDocx(minutes: Minutes, options: DocumentOptions = {}): Promise<Buffer> {
  const doc = options.copy === "family" ? familyCopy(minutes, options) : professionalCopy(minutes, options);
  return renderedToDocx(doc);
}

/** Lays out an already rendered copy. */
export async function renderedToDocx(rendered: RenderedMinutes): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: rendered.title, heading: HeadingLevel.TITLE }),
    ...rendered.banners.map((b) => new Paragraph({ children: [new TextRun({ text: b, bold: true })] })),
  ];
  for (const section of rendered.sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1 }));
    for (const block of section.blocks) children.push(...blockToDocx(block));
  }
  const document = new Document({
    creator: "Convene",
    title: rendered.title,
    description: `${rendered.copy} copy of the minutes`,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

function blockToDocx(block: Block): (Paragraph | Table)[] {
  if (block.kind === "paragraph") return [new Paragraph({ text: block.text })];
  if (block.kind === "bullets")
    return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
  const header = block.columns.some((c) => c !== "")
    ? [
        new TableRow({
          tableHeader: true,
          children: block.columns.map(
            (c) =>
              new TableCell({
                children: [new Paragraph({ children: [new TextRun({ text: c, bold: true })] })],
              }),
          ),
        }),
      ]
    : [];
  const border = { style: BorderStyle.SINGLE, size: 4, color: "999999" };
  return [
    new Table({
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
        ...header,
        ...block.rows.map(
          (row) =>
            new TableRow({
              children: row.map((cell) => new TableCell({ children: [new Paragraph({ text: cell })] })),
            }),
        ),
      ],
    }),
    new Paragraph({ text: "" }),
  ];
}
