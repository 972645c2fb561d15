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
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    text = result.value;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new TranscriptFormatError(
      `${file}: cannot read the Word document (${reason}); expected a DOCX transcript`,
    );
  }
  return parseDocxParagraphs(text, file);
}
