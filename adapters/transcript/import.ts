/**
 * Imports a transcript file from its bytes (or already-decoded text): DOCX through mammoth,
 * everything else decoded as UTF-8 (or UTF-16 with a byte-order mark) and parsed by the pure
 * importers of domain/transcript. Auto-detects the format unless one is named.
 */
import {
  type ImportFormat,
  parseTranscriptText,
  type Transcript,
  TranscriptFormatError,
} from "#domain/transcript/index.ts";
import { looksLikeZip, parseDocxTranscript } from "./docx.ts";

/** A transcript file: its bytes, or its text; the name is used in error messages. */
export type TranscriptInput = { bytes: Uint8Array; filename?: string } | { text: string; filename?: string };

/**
 * Imports a transcript into the normalized model.
 * @throws TranscriptFormatError with one line naming the file and what was expected.
 * @example await importTranscript({ bytes: await readFile("m.vtt"), filename: "m.vtt" }, "auto")
 */
export async function importTranscript(
  input: TranscriptInput,
  format: ImportFormat = "auto",
): Promise<Transcript> {
  const file = input.filename ?? "transcript";
  if ("text" in input) return parseTranscriptText({ text: input.text, filename: file }, format);
  const { bytes } = input;
  if (format === "docx" || (format === "auto" && looksLikeZip(bytes)))
    return parseDocxTranscript(bytes, file);
  if (looksLikeZip(bytes)) {
    throw new TranscriptFormatError(
      `${file}: this is a ZIP/DOCX file, not ${format} text (use --format docx or auto)`,
    );
  }
  return parseTranscriptText({ text: decodeText(bytes, file), filename: file }, format);
}

/** Decodes UTF-8 (strictly) or, with a byte-order mark, UTF-16. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new TranscriptFormatError(
      `${file}: not text (expected UTF-8 WebVTT, JSON or text, or a DOCX file)`,
    );
  }
}
