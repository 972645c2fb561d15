/**
 * Transcripts as text: Teams' older exports with no WEBVTT header (timing line, speaker line,
 * text), the speaker-heading layout of Teams' DOCX downloads ("Jane Doe   0:03" then the words),
 * and plain "Name: text" lines. DOCX arrives here as the text of its paragraphs.
 */
import {
  buildTranscript,
  type Segment,
  type Transcript,
  TranscriptFormatError,
  unknownSpeaker,
} from "./model.ts";
import { clockToSeconds } from "./timestamps.ts";
import { splitNamePrefix } from "./vtt.ts";

const clock = String.raw`\d{1,3}:\d{1,2}(?::\d{1,2})?[.,]\d{1,3}`;
const legacyTiming = new RegExp(String.raw`^\s*(${clock})\s*-->\s*(${clock})(?:\s.*)?$`);
const speakerHeading = /^\s*([\p{Lu}][\p{L}\p{M}'’.,()\- ]{0,80}?)\s{1,}(\d{1,2}:\d{2}(?::\d{2})?)\s*$/u;
const timestampPrefix = /^\s*[[(]?(\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[\])]?\s*[-–]?\s*/;

/** Speaking rate used only to estimate times where a format gives none (≈150 words a minute). */
const wordsPerSecond = 2.5;

/**
 * True when the first non-blank line is a Teams legacy timing line (`0:0:0.0 --> 0:0:5.320`), or,
 * with `titleLines`, one of the first few is (a DOCX starts with the meeting's title block).
 */
export function looksLikeTeamsLegacy(text: string, titleLines = 0): boolean {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim() !== "");
  return lines.slice(0, titleLines + 1).some((l) => legacyTiming.test(l));
}

/** True when some line is a Teams DOCX speaker heading ("Jane Doe   0:03"). */
export function looksLikeSpeakerHeadings(text: string): boolean {
  return text.split(/\r\n|\r|\n/).some((l) => isSpeakerHeading(l));
}

/** True when some line starts "Name: " (optionally after a timestamp). */
export function looksLikeSpeakerLines(text: string): boolean {
  return text
    .split(/\r\n|\r|\n/)
    .some((l) => splitNamePrefix(l.replace(timestampPrefix, "")).speaker !== undefined);
}

/**
 * Parses Teams' legacy layout: a timing line, the speaker on the next line, then the words, with
 * or without blank lines between cues. Timestamps are Teams' unpadded form (see clockToSeconds).
 * @throws TranscriptFormatError naming `file` and the line.
 */
export function parseTeamsLegacy(
  text: string,
  file: string,
  source: "teams-legacy" | "docx" = "teams-legacy",
): Transcript {
  const lines = text.split(/\r\n|\r|\n/);
  const segments: Segment[] = [];
  let current: { start: number; end: number; lines: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const body = current.lines.map((l) => stripTags(l)).filter((l) => l.trim() !== "");
    let speaker: string | undefined;
    let words: string[];
    const voice = /^\s*<v\s+([^>]+)>/.exec(current.lines.find((l) => l.trim() !== "") ?? "");
    if (voice) {
      speaker = voice[1];
      words = body;
    } else if (body.length >= 2) {
      speaker = body[0];
      words = body.slice(1);
    } else {
      const split = splitNamePrefix(body[0] ?? "");
      speaker = split.speaker;
      words = [split.text];
    }
    segments.push({
      speaker: speaker?.trim() || unknownSpeaker,
      start: current.start,
      end: current.end,
      text: words.join(" "),
    });
    current = undefined;
  };
  lines.forEach((line, index) => {
    const m = legacyTiming.exec(line);
    if (m) {
      flush();
      const start = teamsClock(m[1] ?? "");
      const end = teamsClock(m[2] ?? "");
      if (start === undefined || end === undefined) {
        throw new TranscriptFormatError(
          `${file}: line ${index + 1}: bad timestamp in "${line.trim()}" (expected h:m:s.ms, e.g. 0:0:5.320)`,
        );
      }
      if (end < start) {
        throw new TranscriptFormatError(
          `${file}: line ${index + 1}: cue ends before it starts ("${line.trim()}")`,
        );
      }
      current = { start, end, lines: [] };
      return;
    }
    if (current) current.lines.push(line);
    // A DOCX opens with its title block (meeting name, date); a text export must start with a cue.
    else if (line.trim() !== "" && source !== "docx" && !/^WEBVTT\b/.test(line.trim())) {
      throw new TranscriptFormatError(
        `${file}: line ${index + 1}: expected a timing line like "0:0:0.0 --> 0:0:5.320", got "${line.trim().slice(0, 60)}"`,
      );
    }
  });
  flush();
  return buildTranscript(source, segments, file);
}

/**
 * Parses the speaker-heading layout of Teams' DOCX transcripts: "Jane Doe   0:03" on one line,
 * the words on the lines after it. A segment ends where the next begins.
 */
export function parseSpeakerHeadings(
  text: string,
  file: string,
  source: "docx" | "text" = "docx",
): Transcript {
  const blocks: { speaker: string; start: number; lines: string[] }[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const heading = isSpeakerHeading(line);
    if (heading) blocks.push({ ...heading, lines: [] });
    else if (blocks.length > 0 && line.trim() !== "") blocks.at(-1)?.lines.push(line.trim());
    // Lines before the first heading are the document's title block (meeting name, date): not speech.
  }
  if (blocks.length === 0) {
    throw new TranscriptFormatError(
      `${file}: no speaker headings found (expected lines like "Jane Doe   0:03" followed by the words)`,
    );
  }
  const segments = blocks.map((b, i) => {
    const words = b.lines.join(" ");
    const next = blocks[i + 1];
    const estimated = b.start + countWords(words) / wordsPerSecond;
    const end = next && next.start >= b.start ? next.start : estimated;
    return { speaker: b.speaker, start: b.start, end, text: words };
  });
  return buildTranscript(source, segments, file);
}

/**
 * Parses plain "Name: text" lines, each optionally led by a timestamp (`[00:01:02]`, `0:03`).
 * Lines without a name continue the previous speaker. Where no timestamps are given, times are
 * estimated from word counts at about 150 words a minute, so links back into the text still
 * point at the right passage.
 * @throws TranscriptFormatError naming `file` when no line names a speaker.
 */
export function parsePlainText(text: string, file: string, source: "text" | "docx" = "text"): Transcript {
  const turns: { speaker: string; start: number | undefined; words: string[] }[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (raw.trim() === "") continue;
    const stamp = timestampPrefix.exec(raw);
    const seconds = stamp ? clockToSeconds(stamp[1] ?? "") : undefined;
    const rest = stamp && seconds !== undefined ? raw.slice(stamp[0].length) : raw;
    const split = splitNamePrefix(rest);
    if (split.speaker !== undefined)
      turns.push({ speaker: split.speaker, start: seconds, words: [split.text.trim()] });
    else if (turns.length > 0) turns.at(-1)?.words.push(rest.trim());
    else turns.push({ speaker: unknownSpeaker, start: seconds, words: [rest.trim()] });
  }
  if (!turns.some((t) => t.speaker !== unknownSpeaker)) {
    throw new TranscriptFormatError(
      `${file}: not a recognized transcript (expected WebVTT, Teams' timing-line export, Amazon Transcribe JSON, DOCX, or text lines "Name: what they said")`,
    );
  }
  let clockAt = 0;
  const segments = turns.map((t) => {
    const words = t.words.join(" ");
    const start = t.start ?? clockAt;
    const end = start + Math.max(1, countWords(words)) / wordsPerSecond;
    clockAt = end;
    return { speaker: t.speaker, start, end, text: words };
  });
  return buildTranscript(source, segments, file);
}

function isSpeakerHeading(line: string): { speaker: string; start: number } | undefined {
  const m = speakerHeading.exec(line);
  if (!m) return undefined;
  const name = (m[1] ?? "").trim();
  const start = clockToSeconds(m[2] ?? "");
  if (start === undefined || name.split(/\s+/).length > 6 || /[.!?]$/.test(name)) return undefined;
  return { speaker: name, start };
}

function teamsClock(value: string): number | undefined {
  return clockToSeconds(value, { unpaddedMillis: /^\d:\d{1,2}:\d{1,2}[.,]\d{1,3}$/.test(value) });
}

function stripTags(line: string): string {
  return line.replace(/<[^>]*>/g, "");
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
