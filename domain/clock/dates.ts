/**
 * Plain calendar dates as `YYYY-MM-DD` strings, and the arithmetic on them. Everything runs on UTC
 * midnights, so there are no time zones, no daylight-saving jumps and no reads of the system clock.
 */
import { z } from "zod";
import { InvalidDateError } from "./errors.ts";

/** A calendar date, `YYYY-MM-DD` (proleptic Gregorian, years 0000–9999). */
export type IsoDate = string;

const msPerDay = 86_400_000;
const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] ?? 0);
}

/** Splits a date into numbers, or undefined when it is not a real calendar date. */
function splitIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const match = isoPattern.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/**
 * True when `value` is `YYYY-MM-DD` and a day the calendar has (no 30 February, no month 13).
 * @example isCalendarDate("2028-02-29") // true; isCalendarDate("2026-02-30") // false
 */
export const isCalendarDate = (value: string): boolean => splitIsoDate(value) !== undefined;

/** A real calendar date in `YYYY-MM-DD`: rejects `2026-02-30`, `2026-13-01`, `26-1-1`. */
export const isoDateSchema = z.string().refine(isCalendarDate, {
  error: (issue) => `expected a real calendar date YYYY-MM-DD, got ${JSON.stringify(issue.input)}`,
});

/**
 * Checks that `value` is a real calendar date and returns it.
 * @throws InvalidDateError naming `field` and the value.
 */
export function parseIsoDate(value: string, field = "date"): IsoDate {
  if (!isCalendarDate(value)) {
    throw new InvalidDateError(
      `${field}: expected a real calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function toEpochDay(date: IsoDate): number {
  const parts = splitIsoDate(date);
  if (!parts)
    throw new InvalidDateError(`expected a real calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  utc.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return Math.round(utc.getTime() / msPerDay);
}

function fromEpochDay(epochDay: number): IsoDate {
  const utc = new Date(epochDay * msPerDay);
  const year = utc.getUTCFullYear();
  if (year < 0 || year > 9999) {
    throw new InvalidDateError(`date arithmetic left the supported years 0000–9999 (reached year ${year})`);
  }
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(year, 4)}-${pad(utc.getUTCMonth() + 1, 2)}-${pad(utc.getUTCDate(), 2)}`;
}

/** The year of a valid date. */
export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * `date` plus `months` calendar months, clamped to the end of a shorter month:
 * 2026-01-31 + 1 month = 2026-02-28; 2028-01-31 + 1 month = 2028-02-29.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const parts = splitIsoDate(date);
  if (!parts)
    throw new InvalidDateError(`expected a real calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const monthIndex = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  if (year < 0 || year > 9999) {
    throw new InvalidDateError(`date arithmetic left the supported years 0000–9999 (reached year ${year})`);
  }
  const day = Math.min(parts.day, daysInMonth(year, month));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Day of the week: 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 (epoch day 0) was a Thursday.
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}
