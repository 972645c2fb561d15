/**
 * A transcript as sentences, each with its speaker and the part of the recording it covers
 * (shared out within its segment by character position), so every extracted item can link back.
 */
import type { Transcript } from "#domain/transcript/index.ts";

export interface Sentence {
  /** Position in the transcript, 0-based. */
  index: number;
  speaker: string;
  text: string;
  start: number;
  end: number;
}

const boundary = /(?<=[.!?])["')\]]?\s+(?=["'([]?[\p{Lu}\p{N}])/u;

/** Splits every segment into sentences. */
export function toSentences(transcript: Transcript): Sentence[] {
  const out: Sentence[] = [];
  for (const seg of transcript.segments) {
    const parts = seg.text.split(boundary).filter((p) => p.trim() !== "");
    const total = parts.reduce((n, p) => n + p.length, 0) || 1;
    const span = seg.end - seg.start;
    let offset = 0;
    for (const part of parts) {
      const start = seg.start + (span * offset) / total;
      offset += part.length;
      const end = seg.start + (span * offset) / total;
      out.push({
        index: out.length,
        speaker: seg.speaker,
        text: part.trim(),
        start: round2(start),
        end: round2(end),
      });
    }
  }
  return out;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Words of a sentence, for counting. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
