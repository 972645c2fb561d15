/**
 * Wall-clock times in the authority's time zone (Europe/London by default), computed with the
 * platform's Intl data: pure functions of their arguments, no clock reads.
 */

import { isCalendarDate } from "../clock/index.ts";

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl.DateTimeFormat for `locale` and `options`, built once and reused: building one costs far
 * more than formatting with it, and every email, deadline and timeline line formats dates.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** The offset of `tz` from UTC, in minutes, at the instant `at`. */
function offsetMinutes(at: Date, tz: string): number {
  const parts = dateTimeFormat("en-GB", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/**
 * The instant at which it is `hhmm` on `date` in `tz`; an Invalid Date (NaN) when `date` is not a
 * calendar day (isCalendarDate, domain/clock) or `hhmm` not a time of day, never a day rolled over (30 February
 * is not 2 March).
 * @example atLocalTime("2026-07-01", "17:00", "Europe/London") // 2026-07-01T16:00:00.000Z
 */
export function atLocalTime(date: string, hhmm: string, tz: string): Date {
  const [h, m] = hhmm.split(":").map(Number);
  const within = (n: number | undefined, max: number) =>
    Number.isInteger(n) && (n as number) >= 0 && (n as number) <= max;
  if (!isCalendarDate(date) || !within(h, 23) || !within(m, 59)) return new Date(Number.NaN);
  const guess = new Date(`${date}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00Z`);
  const first = new Date(guess.getTime() - offsetMinutes(guess, tz) * 60_000);
  // Second pass settles the rare case where the offset differs either side of the guess.
  return new Date(guess.getTime() - offsetMinutes(first, tz) * 60_000);
}

/** The calendar date (YYYY-MM-DD) of instant `at` in `tz`. */
export function localDate(at: Date, tz: string): string {
  return dateTimeFormat("en-CA", {
    timeZone: tz,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/**
 * "Tuesday 1 December 2026 at 10:00" in `tz`, for emails and timelines (built from parts, so no
 * platform commas); `between` joins the date and the time (" at " by default, ", " in emails).
 */
export function formatLocal(at: Date, tz: string, between = " at "): string {
  const parts = dateTimeFormat("en-GB", {
    timeZone: tz,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("day")} ${get("month")} ${get("year")}${between}${get("hour")}:${get("minute")}`;
}

/** The months (YYYY-MM) from the instant `from` to the instant `to`, inclusive, as UTC. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    if (key > last) break;
    months.push(key);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}
