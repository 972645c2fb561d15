/**
 * The one normalized transcript model every importer produces (issue 5, section 1): segments
 * (speaker, start, end in seconds, text), the list of speakers, and the source format.
 */
import { z } from "zod";

/** Where a transcript came from; each importer sets exactly one. */
export const transcriptSources = [
  "vtt",
  "teams-vtt-json",
  "teams-legacy",
  "docx",
  "text",
  "transcribe",
  "transcribe-call-analytics",
] as const;
export type TranscriptSource = (typeof transcriptSources)[number];

/** The label used when a format carries no speaker for a passage. */
export const unknownSpeaker = "Unknown speaker";

export const segmentSchema = z
  .object({
    speaker: z.string().min(1, "expected a speaker name or label"),
    start: z.number().min(0, "expected seconds from the start of the recording, 0 or more"),
    end: z.number().min(0, "expected seconds from the start of the recording, 0 or more"),
    text: z.string().min(1, "expected the words spoken"),
  })
  .refine((s) => s.end >= s.start, { error: "expected end at or after start" });
export type Segment = z.infer<typeof segmentSchema>;

export const transcriptSchema = z.object({
  source: z.enum(transcriptSources),
  speakers: z.array(z.string().min(1)),
  segments: z.array(segmentSchema).min(1, "expected at least one spoken segment"),
});
export type Transcript = z.infer<typeof transcriptSchema>;

/**
 * A transcript file that is not in a recognized format, or is broken. The message names the file,
 * the line, cue or JSON path, and what was expected; nothing is stored when this is thrown.
 */
export class TranscriptFormatError extends Error {
  override name = "TranscriptFormatError";
}

/**
 * Builds a transcript from segments: drops empty ones, sorts them by start time (stable, so
 * overlapping cues keep file order) and lists speakers in order of first appearance.
 * @throws TranscriptFormatError naming `file` when no segment has any words.
 */
export function buildTranscript(source: TranscriptSource, segments: Segment[], file: string): Transcript {
  const spoken = segments
    .map((s) => ({ ...s, speaker: s.speaker.trim() || unknownSpeaker, text: collapseSpace(s.text) }))
    .filter((s) => s.text.length > 0);
  if (spoken.length === 0) {
    throw new TranscriptFormatError(
      `${file}: no spoken words found (expected at least one cue or segment with text)`,
    );
  }
  const ordered = spoken
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.start - b.s.start || a.i - b.i)
    .map(({ s }) => ({
      speaker: s.speaker,
      start: round3(s.start),
      end: round3(Math.max(s.end, s.start)),
      text: s.text,
    }));
  const speakers: string[] = [];
  for (const s of ordered) if (!speakers.includes(s.speaker)) speakers.push(s.speaker);
  return { source, speakers, segments: ordered };
}

/**
 * Who a speaker label names under `mapping` (the meeting's speaker map): the mapped name, or the
 * label itself when the mapping has no name for it. Own keys only: a label such as "constructor"
 * or "toString" is not in the mapping because every object has it.
 * @example speakerName({ spk_0: "Asha Patel" }, "spk_0") // "Asha Patel"
 */
export function speakerName(mapping: Readonly<Record<string, string>>, label: string): string {
  const to = Object.hasOwn(mapping, label) ? mapping[label]?.trim() : undefined;
  return to ? to : label;
}

/**
 * Renames speakers, e.g. Amazon Transcribe's `spk_0` labels to the attendees the chair matched
 * them to. Labels missing from `mapping` are kept as given; two labels may map to one person.
 * @example mapSpeakers(t, { spk_0: "Asha Patel", spk_1: "Tom Reid" })
 */
export function mapSpeakers(transcript: Transcript, mapping: Readonly<Record<string, string>>): Transcript {
  const segments = transcript.segments.map((s) => ({ ...s, speaker: speakerName(mapping, s.speaker) }));
  const speakers: string[] = [];
  for (const s of segments) if (!speakers.includes(s.speaker)) speakers.push(s.speaker);
  return { ...transcript, speakers, segments };
}

/** The last moment anyone speaks, in seconds. */
export function transcriptDuration(transcript: Transcript): number {
  return transcript.segments.reduce((max, s) => Math.max(max, s.end), 0);
}

/** Collapses runs of whitespace (including line breaks inside a cue) to single spaces. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
