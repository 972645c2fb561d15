/**
 * Builds DOCX transcripts the way Teams lays them out (see test/fixtures/transcripts/README.md):
 * the legacy layout puts each cue in one paragraph, its lines joined by soft line breaks; the newer
 * layout has a "Name   m:ss" line, a break, then the words.
 */
import { Document, Packer, Paragraph, TextRun } from "docx";

/** One paragraph per block; each block's lines joined by line breaks. */
export async function docxFromBlocks(blocks: string[][], title?: string): Promise<Uint8Array> {
  const paragraphs = [
    ...(title ? [new Paragraph({ text: title })] : []),
    ...blocks.map(
      (lines) =>
        new Paragraph({
          children: lines.map((line, i) => new TextRun(i === 0 ? { text: line } : { text: line, break: 1 })),
        }),
    ),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

/** Splits a legacy Teams text export into its cues (timing line, speaker, words). */
export function legacyBlocks(text: string): string[][] {
  const blocks: string[][] = [];
  for (const line of text.split("\n")) {
    if (line.includes("-->")) blocks.push([line]);
    else if (line.trim() !== "") blocks.at(-1)?.push(line);
  }
  return blocks;
}
