/**
 * The statutory clock (issue 2, section 3): calendar dates, durations of each kind, and working
 * days that skip weekends and the bank holidays of the authority's nation (GOV.UK data, bundled).
 * @example
 * ```ts
 * import { addDuration } from "#domain/clock/index.ts";
 * addDuration("2026-12-21", { kind: "working-days", amount: 5 }, "england-and-wales"); // "2026-12-30"
 * ```
 */
export {
  type BankHolidayEvent,
  type BankHolidayFeed,
  bankHolidayFeedSchema,
  type Coverage,
  mergeBankHolidayFeed,
  parseBankHolidayFeed,
} from "./bank-holiday-feed.ts";
export { bankHolidayCoverage, bundledBankHolidays, defaultHolidayCalendar } from "./bank-holidays.ts";
export {
  addDays,
  addMonths,
  dayOfWeek,
  type IsoDate,
  isCalendarDate,
  isoDateSchema,
  isWeekend,
  parseIsoDate,
} from "./dates.ts";
export {
  addDuration,
  type Duration,
  type DurationKind,
  describeDuration,
  durationKinds,
  durationSchema,
} from "./duration.ts";
export {
  HolidayDataError,
  InvalidDateError,
  InvalidDurationError,
  InvalidNationError,
  maxDurationAmount,
} from "./errors.ts";
export {
  createHolidayCalendar,
  type HolidayCalendar,
  type HolidayFallback,
  type HolidayListing,
} from "./holiday-calendar.ts";
export { type Nation, nationSchema, nations } from "./nation.ts";
export { addWorkingDays, bankHoliday, isWorkingDay, workingDaysBetween } from "./working-days.ts";
