/**
 * Teams DOCX transcripts: mammoth extracts the document's text (one paragraph per block, soft line
 * breaks kept), then the pure parser in domain/transcript reads the layout.
 */
import mammoth from "mammoth";
import { parseDocxParagraphs, type Transcript, TranscriptFormatError } from "#domain/transcript/index.ts";

/** True when `bytes` start like a ZIP container (DOCX is one): `PK\x03\x04`. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads a DOCX transcript as Teams downloads it.
 * @throws TranscriptFormatError naming `file` when the bytes are not a readable Word document.
 */
export async function parseDocxTranscript(bytes: Uint8Array, file: string): Promise<Transcript> {
  if (!looksLikeZip(bytes)) {
    throw new TranscriptFormatError(`${file}: not a DOCX file (expected a Word document, which starts "PK")`);
  }
  let text: string;
  try {
    // extractRawText drops soft line breaks (<w:br/>), which Teams uses inside each cue, so go via HTML.
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
    text = htmlToText(result.value);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new TranscriptFormatError(
      `${file}: cannot read the Word document (${reason}); expected a DOCX transcript`,
    );
  }
  return parseDocxParagraphs(text, file);
}

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** mammoth's HTML as lines: `<br />` → line break, end of paragraph or table cell → blank line. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|h\d|li|td|th|tr)>/gi, "\n\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
      if (/^#x/i.test(ref)) return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
      if (ref.startsWith("#")) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
      return entities[ref.toLowerCase()] ?? whole;
    });
}
