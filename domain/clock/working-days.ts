/**
 * Working days: every day but Saturdays, Sundays and the bank holidays of the authority's nation
 * (issue 2, section 3; spec domain.md). Counting starts on the day after the start date.
 */
import { defaultHolidayCalendar } from "./bank-holidays.ts";
import { addDays, type IsoDate, isWeekend, parseIsoDate } from "./dates.ts";
import { InvalidDurationError, InvalidNationError, maxDurationAmount } from "./errors.ts";
import type { HolidayCalendar } from "./holiday-calendar.ts";
import { type Nation, nationSchema } from "./nation.ts";

/** Throws {@link InvalidNationError} unless `nation` is a GOV.UK division. */
export function checkNation(nation: Nation): Nation {
  const result = nationSchema.safeParse(nation);
  if (!result.success) throw new InvalidNationError(`nation: ${result.error.issues[0]?.message}`);
  return result.data;
}

/** Throws unless `n` is a whole number from 0 to {@link maxDurationAmount}. */
export function checkAmount(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > maxDurationAmount) {
    throw new InvalidDurationError(
      `${what}: expected a whole number from 0 to ${maxDurationAmount}, got ${n}`,
    );
  }
  return n;
}

/**
 * The bank holiday's title when `date` is one in `nation` (GOV.UK's title for bundled years), else
 * undefined. Weekends are never listed: a holiday falling then is observed on a substitute weekday.
 * @throws HolidayDataError when no data source can answer for the date's year.
 * @example bankHoliday("2023-05-08", "scotland") // "Bank holiday for the coronation of King Charles III"
 */
export function bankHoliday(
  date: IsoDate,
  nation: Nation,
  calendar: HolidayCalendar = defaultHolidayCalendar,
): string | undefined {
  return calendar.bankHoliday(parseIsoDate(date), checkNation(nation));
}

/**
 * Whether `date` is a working day in `nation`: not a Saturday, Sunday or bank holiday.
 * @example isWorkingDay("2026-04-06", "scotland") // true: Easter Monday is not a Scottish bank holiday
 */
export function isWorkingDay(
  date: IsoDate,
  nation: Nation,
  calendar: HolidayCalendar = defaultHolidayCalendar,
): boolean {
  return isCheckedWorkingDay(parseIsoDate(date), checkNation(nation), calendar);
}

/** {@link isWorkingDay} for a date and nation already checked (the counting loops' fast path). */
function isCheckedWorkingDay(date: IsoDate, nation: Nation, calendar: HolidayCalendar): boolean {
  return !isWeekend(date) && calendar.bankHoliday(date, nation) === undefined;
}

/**
 * The `n`th working day after `from` (the start date itself never counts); `from` when `n` is 0.
 * @example addWorkingDays("2026-12-31", 1, "scotland") // "2027-01-05"
 */
export function addWorkingDays(
  from: IsoDate,
  n: number,
  nation: Nation,
  calendar: HolidayCalendar = defaultHolidayCalendar,
): IsoDate {
  let date = parseIsoDate(from, "from");
  let remaining = checkAmount(n, "working days");
  const checked = checkNation(nation);
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isCheckedWorkingDay(date, checked, calendar)) remaining -= 1;
  }
  return date;
}

/**
 * Working days after `from` up to and including `to` (0 if `to` <= `from`).
 * @example workingDaysBetween("2026-12-21", "2026-12-30", "england-and-wales") // 5
 */
export function workingDaysBetween(
  from: IsoDate,
  to: IsoDate,
  nation: Nation,
  calendar: HolidayCalendar = defaultHolidayCalendar,
): number {
  let date = parseIsoDate(from, "from");
  const end = parseIsoDate(to, "to");
  const checked = checkNation(nation);
  let count = 0;
  while (date < end) {
    date = addDays(date, 1);
    if (isCheckedWorkingDay(date, checked, calendar)) count += 1;
  }
  return count;
}
