/**
 * The date someone proposes in a request for more time ("can we extend this to 15 January?",
 * "I need until the end of next week", "by 3/2/27"), read with chrono-node's British English
 * parser (day before month). Pure: today is passed in.
 */
import * as chrono from "chrono-node";

/** The first calendar date after `today` (YYYY-MM-DD) that `text` names, as YYYY-MM-DD. */
export function proposedDate(text: string, today: string): string | undefined {
  const reference = new Date(`${today}T12:00:00Z`);
  for (const result of chrono.en.GB.parse(text, { instant: reference, timezone: 0 }, { forwardDate: true })) {
    const day = result.start.date().toISOString().slice(0, 10);
    if (day > today) return day;
  }
  return undefined;
}
