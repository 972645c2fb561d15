/**
 * When the review meeting is held: a pure decision (issue 10, item 4).
 *
 * - The statutory latest date is this meeting's date plus the type's interval for this meeting's
 *   place in the series (seed 004: the first CFPM is reviewed within 3 months, then at least every
 *   6 months; seed 003: the child's plan reviewed within 6 weeks of a Pre-Proceedings Meeting).
 * - A further limit may come sooner: the next CPM before the child's next CLA Review (cpm-count.ts).
 * - The date the meeting agreed (the minutes' next review) is kept when it is within that limit;
 *   a later agreed date is brought back to the limit. Without either, 3 months after the meeting,
 *   for the chair to confirm.
 * - Never a weekend or bank holiday: moved back to the working day before (staying within the
 *   limit), or forward when that would be too soon.
 * - Never in the past or too soon to invite: at least {@link minimumNoticeWorkingDays} working days
 *   after today (a meeting whose review date has already passed, e.g. after a long stop, is
 *   reviewed as soon as people can be invited, and is marked late).
 */
import {
  addDays,
  addDuration,
  addMonths,
  addWorkingDays,
  type Duration,
  type IsoDate,
  isWorkingDay,
  type Nation,
} from "../clock/index.ts";

/** Working days' notice the invitees of a review get, at least. */
export const minimumNoticeWorkingDays = 5;
/** Where neither the seeds nor the meeting set a date: 3 months, for the chair to confirm. */
export const defaultReviewMonths = 3;

export type ReviewBasis = "agreed" | "cadence" | "agreed-after-limit" | "default";

export interface ReviewDate {
  /** The date the review meeting is invited for. */
  date: IsoDate;
  /** The last date the seeds allow (null where they set none). */
  latest: IsoDate | null;
  basis: ReviewBasis;
  /** The date is after the statutory limit (the limit had passed, or was too near to give notice). */
  late: boolean;
  /** The date was moved off a weekend or bank holiday. */
  movedOffHoliday: boolean;
}

/** The interval after meeting number `n` of a series. */
export function intervalAfter(
  n: number,
  cadence: { next: Duration | null; thereafter: Duration | null },
): Duration | null {
  return n <= 1 ? (cadence.next ?? cadence.thereafter) : (cadence.thereafter ?? cadence.next);
}

export function reviewDate(input: {
  /** The local date this meeting was held on. */
  heldOn: IsoDate;
  /** This meeting's number in its series (1 = the first). */
  number: number;
  cadence: { next: Duration | null; thereafter: Duration | null };
  /** The date agreed at the meeting (the minutes' next review), if any. */
  agreed?: IsoDate;
  /** Today, in the authority's time zone. */
  today: IsoDate;
  nation: Nation;
  /** A further limit, e.g. the next CPM before the child's next CLA Review (cpm-count.ts). */
  latestBy?: IsoDate;
}): ReviewDate {
  const { nation } = input;
  const interval = intervalAfter(input.number, input.cadence);
  const byInterval = interval ? addDuration(input.heldOn, interval, nation) : null;
  const latest = input.latestBy && (!byInterval || input.latestBy < byInterval) ? input.latestBy : byInterval;
  let basis: ReviewBasis;
  let date: IsoDate;
  if (input.agreed && input.agreed > input.heldOn) {
    if (latest && input.agreed > latest) {
      basis = "agreed-after-limit";
      date = latest;
    } else {
      basis = "agreed";
      date = input.agreed;
    }
  } else if (latest && byInterval) {
    basis = "cadence";
    date = latest;
  } else {
    // Nothing agreed and no interval: 3 months on, unless a further limit comes sooner.
    const fallback = addMonths(input.heldOn, defaultReviewMonths);
    basis = latest && latest < fallback ? "cadence" : "default";
    date = latest && latest < fallback ? latest : fallback;
  }
  const earliest = addWorkingDays(input.today, minimumNoticeWorkingDays, nation);
  let movedOffHoliday = false;
  if (!isWorkingDay(date, nation)) {
    movedOffHoliday = true;
    let back = date;
    while (!isWorkingDay(back, nation)) back = addDays(back, -1);
    date = back;
  }
  if (date < earliest) {
    // Too soon (or past): the first day people can be given notice, a working day by construction.
    date = earliest;
  }
  return { date, latest, basis, late: latest !== null && date > latest, movedOffHoliday };
}
