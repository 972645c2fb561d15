/**
 * WebVTT transcripts as Microsoft Teams writes them, parsed by the W3C's reference parser
 * (`webvtt-parser`) after one narrow normalization of timing lines. Handles `<v Name>` voice tags
 * with or without closing tags, several voices in one cue, unpadded `0:0:0.0` timestamps, mm:ss
 * timestamps, cue settings, inline tags and entities, "Name: text" cues, and Teams' metadata VTT
 * whose cue payload is JSON (`speakerName`, `spokenText`).
 */

import webvtt, { type WebVTTCue, type WebVTTNode } from "webvtt-parser";
import entities from "webvtt-parser/html-entities.json" with { type: "json" };
import { z } from "zod";
import {
  buildTranscript,
  type Segment,
  type Transcript,
  TranscriptFormatError,
  unknownSpeaker,
} from "./model.ts";
import { clockToSeconds, secondsToClock } from "./timestamps.ts";

const parser = new webvtt.WebVTTParser(entities as Record<string, string>);

/** Errors from the reference parser that mean the file is broken, not merely untidy. */
const fatalErrors = [
  /signature/i,
  /Cue identifier/i,
  /digits/i,
  /Milliseconds/i,
  /decimal separator/i,
  /No seconds/i,
  /time unit separator/i,
  /No timestamp found/i,
  /timestamp separator/i,
  /Timestamp must (start|not have)/i,
  /more than 59/i,
  /not separated/i,
];

const timingLine = /^(\S+)(\s+-->\s+)(\S+)(.*)$/;
const unpaddedClock = /^\d{1,3}:\d{1,2}:\d{1,2}\.\d{1,3}$/;

/**
 * Teams writes timing lines like `0:0:2.90 --> 0:0:4.480`: unpadded hours, minutes, seconds and
 * milliseconds, which the WebVTT grammar (and so the reference parser) rejects. This rewrites only
 * such timestamps on timing lines to `00:00:02.090`; every other line is left as it is.
 */
export function normalizeTeamsTimings(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const m = timingLine.exec(line);
      if (!m) return line;
      const [, from = "", arrow = "", to = "", rest = ""] = m;
      return `${padTeamsClock(from)}${arrow}${padTeamsClock(to)}${rest}`;
    })
    .join("\n");
}

function padTeamsClock(value: string): string {
  if (!unpaddedClock.test(value) || /^\d{2,}:\d{2}:\d{2}\.\d{3}$/.test(value)) return value;
  // Teams' own form has a one-digit hour ("0:0:2.90"); only there is the fraction integer milliseconds.
  const seconds = clockToSeconds(value, { unpaddedMillis: /^\d:/.test(value) });
  return seconds === undefined ? value : secondsToClock(seconds);
}

/** The cue payload of Teams' metadata VTT (Graph `metadataContent`). */
const teamsJsonCueSchema = z.object({ speakerName: z.string().optional(), spokenText: z.string() });

/**
 * Parses a WebVTT transcript. Source is `teams-vtt-json` when the cues carry Teams' JSON payload,
 * else `vtt`. Cues without a voice take the name from a leading "Name: " when there is one.
 * @throws TranscriptFormatError naming `file`, the line and what was expected.
 */
export function parseVtt(text: string, file: string): Transcript {
  const tree = parser.parse(normalizeTeamsTimings(text));
  const fatal = tree.errors.find((e) => fatalErrors.some((re) => re.test(e.message)));
  if (fatal) {
    const where = fatal.col === undefined ? `line ${fatal.line}` : `line ${fatal.line}, column ${fatal.col}`;
    throw new TranscriptFormatError(
      `${file}: ${where}: ${fatal.message.replace(/\.$/, "")} (expected a WebVTT file: "WEBVTT", then cues "hh:mm:ss.ttt --> hh:mm:ss.ttt" and text)`,
    );
  }
  let json = 0;
  const segments: Segment[] = [];
  tree.cues.forEach((cue, index) => {
    const where = `${file}: cue ${index + 1}${cue.id ? ` (${cue.id})` : ""} at ${secondsToClock(cue.startTime)}`;
    if (cue.endTime < cue.startTime) {
      throw new TranscriptFormatError(`${where}: ends before it starts (expected end at or after start)`);
    }
    const payload = cue.text.trim();
    if (payload.startsWith("{")) {
      let raw: unknown;
      try {
        raw = JSON.parse(payload);
      } catch {
        throw new TranscriptFormatError(
          `${where}: payload starts with "{" but is not valid JSON (expected Teams' {"speakerName", "spokenText"})`,
        );
      }
      const parsed = teamsJsonCueSchema.safeParse(raw).data;
      if (!parsed) {
        throw new TranscriptFormatError(
          `${where}: JSON payload has no "spokenText" string (expected Teams' metadata VTT)`,
        );
      }
      json += 1;
      segments.push({
        speaker: parsed.speakerName || unknownSpeaker,
        start: cue.startTime,
        end: cue.endTime,
        text: parsed.spokenText,
      });
      return;
    }
    segments.push(...cueSegments(cue));
  });
  return buildTranscript(json > 0 ? "teams-vtt-json" : "vtt", segments, file);
}

interface Voiced {
  speaker: string | undefined;
  text: string;
}

/** One segment per voice in the cue; the cue's time is shared out by the length of each part. */
function cueSegments(cue: WebVTTCue): Segment[] {
  const parts: Voiced[] = [];
  for (const node of cue.tree?.children ?? []) {
    if (node.type === "object" && node.name === "v") {
      parts.push({ speaker: decodeAnnotation(String(node.value ?? "")), text: textOf(node) });
    } else {
      const text = textOf(node);
      const last = parts.at(-1);
      if (last && last.speaker === undefined) last.text += text;
      else if (text.trim()) parts.push({ speaker: undefined, text });
    }
  }
  const named = parts
    .map((p) => (p.speaker === undefined ? splitNamePrefix(p.text) : { speaker: p.speaker, text: p.text }))
    .map((p) => ({ speaker: p.speaker?.trim() || unknownSpeaker, text: p.text.replace(/\s+/g, " ").trim() }))
    .filter((p) => p.text.length > 0);
  const total = named.reduce((n, p) => n + p.text.length, 0);
  const span = cue.endTime - cue.startTime;
  let at = cue.startTime;
  return named.map((p) => {
    const start = at;
    at += total > 0 ? (span * p.text.length) / total : 0;
    return { speaker: p.speaker, start, end: named.length === 1 ? cue.endTime : at, text: p.text };
  });
}

function textOf(node: WebVTTNode): string {
  if (node.type === "text") return String(node.value ?? "");
  if (node.type === "timestamp") return "";
  return (node.children ?? []).map(textOf).join("");
}

const namePrefix = /^\s*([\p{Lu}][\p{L}\p{M}'’.\- ]{0,60}?(?:\s*\([^)]{1,60}\))?)\s*:\s+(\S[\s\S]*)$/u;

/** "Jane Doe: hello" → speaker "Jane Doe"; anything else keeps no speaker. */
export function splitNamePrefix(text: string): Voiced {
  const m = namePrefix.exec(text);
  if (!m) return { speaker: undefined, text };
  const name = m[1] ?? "";
  // A clock ("at 10: 30") or a sentence ("Note: the school…") is not a speaker: names have ≤ 6 words.
  if (
    name.split(/\s+/).length > 6 ||
    /^(note|action|decision|agreed|update|question|answer)$/i.test(name.trim())
  ) {
    return { speaker: undefined, text };
  }
  return { speaker: name.trim(), text: m[2] ?? "" };
}

/** The reference parser leaves character references in `<v …>` annotations undecoded. */
function decodeAnnotation(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref.startsWith("#x") || ref.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
    return (entities as Record<string, string>)[`&${ref};`] ?? whole;
  });
}
