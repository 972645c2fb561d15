/**
 * The Care Planning Meeting schedule against Child Looked After Review dates (seed 002,
 * "The schedule is as listed below"):
 * - between the 1st and 2nd Review, a minimum of 1 Care Planning Meeting;
 * - between each subsequent 6-monthly Review, a minimum of 2;
 * - where a Review is scheduled earlier than the usual 6-month cycle, a minimum of 1.
 * Whether a Review was brought forward is recorded by the user (`broughtForward`); Convene does
 * not guess it from the gap between dates.
 */
import { z } from "zod";
import { type IsoDate, isoDateSchema } from "#domain/clock/index.ts";

/** One Child Looked After Review of the child. */
export const claReviewSchema = z.strictObject({
  date: isoDateSchema,
  /** Scheduled earlier than the usual 6-month cycle. */
  broughtForward: z.boolean().default(false),
});
export type ClaReview = z.output<typeof claReviewSchema>;

/** The minimum number of Care Planning Meetings between two consecutive reviews. */
export interface CpmWindow {
  /** The earlier review (exclusive). */
  from: IsoDate;
  /** The later review (exclusive); CPMs in the window are held before it. */
  to: IsoDate;
  /** 1-based number of the later review. */
  toReviewNumber: number;
  minimum: number;
  reason: string;
}

/**
 * The CPM windows for a child's CLA Reviews, listed from the 1st Review (any order; sorted here).
 * @example cpmSchedule([{ date: "2026-01-10", broughtForward: false }, { date: "2026-04-10", broughtForward: false }])
 * // [{ from: "2026-01-10", to: "2026-04-10", toReviewNumber: 2, minimum: 1, reason: "between the 1st and 2nd Review (seed 002)" }]
 */
export function cpmSchedule(reviews: readonly ClaReview[]): CpmWindow[] {
  const sorted = [...reviews].sort((a, b) => a.date.localeCompare(b.date));
  const windows: CpmWindow[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i];
    const to = sorted[i + 1];
    if (!from || !to) continue;
    const toReviewNumber = i + 2;
    if (i === 0) {
      windows.push({
        from: from.date,
        to: to.date,
        toReviewNumber,
        minimum: 1,
        reason: "between the 1st and 2nd Review (seed 002)",
      });
    } else if (to.broughtForward) {
      windows.push({
        from: from.date,
        to: to.date,
        toReviewNumber,
        minimum: 1,
        reason: "the Review is scheduled earlier than the usual 6-month cycle (seed 002)",
      });
    } else {
      windows.push({
        from: from.date,
        to: to.date,
        toReviewNumber,
        minimum: 2,
        reason: "between subsequent 6-monthly Reviews (seed 002)",
      });
    }
  }
  return windows;
}

/** A window with the meetings held in it and how many are still needed. */
export interface CpmWindowCheck extends CpmWindow {
  held: IsoDate[];
  shortfall: number;
}

/**
 * Counts Care Planning Meetings held strictly between each pair of reviews and reports any shortfall.
 * @example checkCpmSchedule(reviews, ["2026-02-20"]).every((w) => w.shortfall === 0)
 */
export function checkCpmSchedule(
  reviews: readonly ClaReview[],
  meetingDates: readonly IsoDate[],
): CpmWindowCheck[] {
  return cpmSchedule(reviews).map((window) => {
    const held = meetingDates.filter((date) => date > window.from && date < window.to).sort();
    return { ...window, held, shortfall: Math.max(0, window.minimum - held.length) };
  });
}

/** The window a date falls in (strictly between its reviews), if any. */
export function cpmWindowFor(windows: readonly CpmWindow[], date: IsoDate): CpmWindow | undefined {
  return windows.find((window) => date > window.from && date < window.to);
}
