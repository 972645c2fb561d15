/**
 * Durations as the seeds write them: "within 5 days" (calendar days), "within 5 working days",
 * "within 6 weeks", "in 3 months' time". Each kind is counted its own way; none rolls a calendar
 * deadline off a weekend (the seeds say "working days" where they mean it).
 */
import { z } from "zod";
import { addDays, addMonths, type IsoDate, parseIsoDate } from "./dates.ts";
import { InvalidDurationError, maxDurationAmount } from "./errors.ts";
import type { HolidayCalendar } from "./holiday-calendar.ts";
import type { Nation } from "./nation.ts";
import { addWorkingDays, checkAmount, checkNation } from "./working-days.ts";

/** The kinds of duration: working days, calendar days, weeks (7 days), calendar months. */
export const durationKinds = ["working-days", "days", "weeks", "months"] as const;

/** A duration: a kind and a whole amount from 0 to 100,000. */
export const durationSchema = z.object({
  kind: z.enum(durationKinds, {
    error: (issue) =>
      `expected a duration kind: working-days, days, weeks or months, got ${JSON.stringify(issue.input)}`,
  }),
  amount: z
    .number()
    .int("expected a whole number")
    .min(0, "expected 0 or more")
    .max(maxDurationAmount, `expected at most ${maxDurationAmount}`),
});

/** A duration kind. */
export type DurationKind = (typeof durationKinds)[number];
/** A duration, e.g. `{ kind: "working-days", amount: 5 }`. */
export interface Duration {
  kind: DurationKind;
  /** A whole number, 0 or more. */
  amount: number;
}

/**
 * The date `duration` after `from`. Working days skip weekends and `nation`'s bank holidays and
 * start counting the day after `from`; days and weeks are calendar days; months are calendar
 * months clamped to the month's end (2026-01-31 + 1 month = 2026-02-28). An amount of 0 is `from`.
 * @example addDuration("2026-01-31", { kind: "months", amount: 1 }, "scotland") // "2026-02-28"
 */
export function addDuration(
  from: IsoDate,
  duration: Duration,
  nation: Nation,
  calendar?: HolidayCalendar,
): IsoDate {
  const start = parseIsoDate(from, "from");
  const amount = checkAmount(duration.amount, describeKind(duration.kind));
  checkNation(nation);
  switch (duration.kind) {
    case "working-days":
      return addWorkingDays(start, amount, nation, calendar);
    case "days":
      return addDays(start, amount);
    case "weeks":
      return addDays(start, amount * 7);
    case "months":
      return addMonths(start, amount);
    default:
      throw new InvalidDurationError(
        `expected a duration kind: working-days, days, weeks or months, got ${JSON.stringify(duration.kind)}`,
      );
  }
}

function describeKind(kind: DurationKind): string {
  return kind === "working-days" ? "working days" : kind;
}

/**
 * The duration in words, singular for 1.
 * @example describeDuration({ kind: "working-days", amount: 5 }) // "5 working days"
 */
export function describeDuration(duration: Duration): string {
  const plural = describeKind(duration.kind);
  return `${duration.amount} ${duration.amount === 1 ? plural.slice(0, -1) : plural}`;
}
