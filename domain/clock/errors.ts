/**
 * Errors of the statutory clock. Each carries one message that names the bad value and what was
 * expected, so a CLI or handler can print it alone.
 */

/** A date that is not a real calendar date in YYYY-MM-DD, or arithmetic that leaves years 0000–9999. */
export class InvalidDateError extends Error {
  override name = "InvalidDateError";
}

/** A duration whose amount is not a whole number from 0 to {@link maxDurationAmount}, or an unknown kind. */
export class InvalidDurationError extends Error {
  override name = "InvalidDurationError";
}

/** A nation that is not one of GOV.UK's divisions. */
export class InvalidNationError extends Error {
  override name = "InvalidNationError";
}

/**
 * Bank-holiday data cannot answer for a date: the bundled GOV.UK data does not cover its year and
 * the fallback library cannot either, or the bundled data itself is malformed. Never swallowed:
 * counting a holiday as a working day silently would move a statutory deadline.
 */
export class HolidayDataError extends Error {
  override name = "HolidayDataError";
  /** The date asked about, when the error concerns one date. */
  readonly date: string | undefined;
  /** The nation asked about, when the error concerns one nation. */
  readonly nation: string | undefined;

  constructor(message: string, context: { date?: string; nation?: string } = {}) {
    super(message);
    this.date = context.date;
    this.nation = context.nation;
  }
}

/** The largest amount a {@link Duration} may have (about 270 years of days): guards runaway loops. */
export const maxDurationAmount = 100_000;
