/**
 * One entry point for transcript text: detects the format (or takes the one asked for) and hands
 * the text to its importer. DOCX bytes are turned into paragraph text by the adapter in
 * adapters/transcript/ and come back here through {@link parseDocxParagraphs}.
 */
import { z } from "zod";
import { type Transcript, TranscriptFormatError } from "./model.ts";
import {
  looksLikeSpeakerHeadings,
  looksLikeTeamsLegacy,
  parsePlainText,
  parseSpeakerHeadings,
  parseTeamsLegacy,
} from "./text.ts";
import { parseTranscribeJson } from "./transcribe.ts";
import { parseVtt } from "./vtt.ts";

/** The formats a caller may name; `auto` detects. */
export const importFormats = ["auto", "vtt", "transcribe", "text", "docx"] as const;
export const importFormatSchema = z.enum(importFormats, {
  error: (issue) => `expected one of ${importFormats.join(", ")}, got ${JSON.stringify(issue.input)}`,
});
export type ImportFormat = z.infer<typeof importFormatSchema>;

/** Which importer text looks like, or undefined when it looks like none of them. */
export function detectTextFormat(
  text: string,
): Exclude<ImportFormat, "auto" | "docx"> | "teams-legacy" | undefined {
  const head = text.trimStart();
  if (/^WEBVTT(?:[ \t]|$)/m.test(head.slice(0, 10))) return "vtt";
  if (head.startsWith("{")) return "transcribe";
  if (looksLikeTeamsLegacy(text)) return "teams-legacy";
  if (head.length > 0) return "text";
  return undefined;
}

/**
 * Parses transcript text (a decoded file) into the normalized model.
 * @param format `auto` to detect; `docx` is not text: use the adapter's importTranscript.
 * @throws TranscriptFormatError with one line naming `filename` and what was expected.
 * @example parseTranscriptText({ text: "WEBVTT\n\n0:0:0.0 --> 0:0:5.320\n<v Asha>Hello</v>", filename: "m.vtt" })
 */
export function parseTranscriptText(
  input: { text: string; filename?: string },
  format: ImportFormat = "auto",
): Transcript {
  const file = input.filename ?? "transcript";
  const text = input.text.replace(/^\uFEFF/, "");
  if (text.trim() === "")
    throw new TranscriptFormatError(`${file}: the file is empty (expected a transcript)`);
  if (format === "docx") {
    throw new TranscriptFormatError(
      `${file}: a DOCX transcript is a Word file, not text (import the file's bytes)`,
    );
  }
  const detected = detectTextFormat(text);
  if (format === "transcribe" || (format === "auto" && detected === "transcribe"))
    return parseJson(text, file);
  if (format === "vtt")
    return detected === "teams-legacy" ? parseTeamsLegacy(text, file) : parseVtt(text, file);
  if (format === "text") return parseTextLayouts(text, file, "text");
  if (detected === "vtt") return parseVtt(text, file);
  if (detected === "teams-legacy") return parseTeamsLegacy(text, file);
  return parseTextLayouts(text, file, "text");
}

/**
 * Parses the paragraphs of a Teams DOCX transcript (as extracted by mammoth): either the legacy
 * layout (timing line, speaker, words in one paragraph), speaker headings ("Jane Doe   0:03"),
 * or "Name: text" lines.
 */
export function parseDocxParagraphs(text: string, file: string): Transcript {
  if (text.trim() === "")
    throw new TranscriptFormatError(`${file}: the document has no text (expected a transcript)`);
  return parseTextLayouts(text, file, "docx");
}

/** Lines a DOCX title block may take before the first cue. */
const docxTitleLines = 5;

function parseTextLayouts(text: string, file: string, source: "text" | "docx"): Transcript {
  if (looksLikeTeamsLegacy(text, source === "docx" ? docxTitleLines : 0))
    return parseTeamsLegacy(text, file, source === "docx" ? "docx" : "teams-legacy");
  if (looksLikeSpeakerHeadings(text)) return parseSpeakerHeadings(text, file, source);
  return parsePlainText(text, file, source);
}

function parseJson(text: string, file: string): Transcript {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TranscriptFormatError(`${file}: not valid JSON (${reason}); expected Amazon Transcribe output`);
  }
  return parseTranscribeJson(json, file);
}
