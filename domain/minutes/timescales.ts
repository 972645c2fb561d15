/**
 * Timescales as people say them ("by next Friday", "within 10 working days", "in two weeks",
 * "by the end of the month"), resolved to a due date against the meeting date: working days by
 * the statutory clock (bank holidays of the authority's nation), everything else by chrono-node.
 */
import * as chrono from "chrono-node";
import { addDuration, type IsoDate, type Nation } from "#domain/clock/index.ts";
import { cardinalWords } from "./cues.ts";

export interface FoundTimescale {
  /** The words as said, e.g. "within 10 working days". */
  text: string;
  dueDate?: IsoDate;
  /** Where the words are in the sentence. */
  index: number;
  length: number;
}

/** "a week", "an hour": the article counts as one. */
const numberWords: Record<string, number> = { a: 1, an: 1, ...cardinalWords };
const amount = String.raw`(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)`;

const durationPattern = new RegExp(
  String.raw`\b(?:within|in|in the next|over the next)\s+(?:the\s+next\s+)?${amount}\s+(working\s+days?|days?|weeks?|months?)\b`,
  "i",
);
const withoutDate =
  /\b(as soon as possible|asap|immediately|ongoing|before the next (?:hearing|meeting|review)|by the next (?:hearing|meeting|review)|before the (?:hearing|cmh|case management hearing)|by the end of (?:the )?term)\b/i;
const leadIn = /\b(by|before|on|no later than|until|for)\s+/gi;

/**
 * Finds the first timescale in `sentence` and resolves it against `meetingDate`.
 * @example findTimescale("Priya will refer within 10 working days.", "2026-03-12", "england-and-wales")
 *   // { text: "within 10 working days", dueDate: "2026-03-26", … }
 */
export function findTimescale(
  sentence: string,
  meetingDate: IsoDate,
  nation: Nation,
): FoundTimescale | undefined {
  const d = durationPattern.exec(sentence);
  if (d) {
    const n = toNumber(d[1] ?? "");
    const unit = (d[2] ?? "").toLowerCase();
    if (n !== undefined) {
      const kind = unit.startsWith("working")
        ? "working-days"
        : unit.startsWith("day")
          ? "days"
          : unit.startsWith("week")
            ? "weeks"
            : "months";
      return {
        text: d[0],
        dueDate: addDuration(meetingDate, { kind, amount: n }, nation),
        index: d.index,
        length: d[0].length,
      };
    }
  }
  const reference = new Date(`${meetingDate}T12:00:00Z`);
  for (const lead of sentence.matchAll(leadIn)) {
    const after = sentence.slice((lead.index ?? 0) + lead[0].length);
    const parsed = chrono.en.GB.parse(after, { instant: reference, timezone: 0 }, { forwardDate: true });
    const first = parsed[0];
    if (first && first.index <= 4) {
      const due = toIsoDate(first.start.date());
      if (due >= meetingDate) {
        const end = (lead.index ?? 0) + lead[0].length + first.index + first.text.length;
        return {
          text: sentence.slice(lead.index, end),
          dueDate: due,
          index: lead.index ?? 0,
          length: end - (lead.index ?? 0),
        };
      }
    }
  }
  const w = withoutDate.exec(sentence);
  if (w) return { text: w[0], index: w.index, length: w[0].length };
  const loose = chrono.en.GB.parse(sentence, { instant: reference, timezone: 0 }, { forwardDate: true }).find(
    (r) => /\d|monday|tuesday|wednesday|thursday|friday|week|month|tomorrow|today/i.test(r.text),
  );
  if (loose) {
    const due = toIsoDate(loose.start.date());
    if (due >= meetingDate)
      return { text: loose.text, dueDate: due, index: loose.index, length: loose.text.length };
  }
  return undefined;
}

/** A date the chrono-node parser finds anywhere in `sentence`, on or after `meetingDate`. */
export function findDate(
  sentence: string,
  meetingDate: IsoDate,
): { text: string; date: IsoDate } | undefined {
  const reference = new Date(`${meetingDate}T12:00:00Z`);
  for (const r of chrono.en.GB.parse(sentence, { instant: reference, timezone: 0 }, { forwardDate: true })) {
    const date = toIsoDate(r.start.date());
    if (date > meetingDate) return { text: r.text, date };
  }
  return undefined;
}

function toNumber(word: string): number | undefined {
  const n = /^\d+$/.test(word) ? Number(word) : numberWords[word.toLowerCase()];
  return n !== undefined && n > 0 ? n : undefined;
}

function toIsoDate(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}
