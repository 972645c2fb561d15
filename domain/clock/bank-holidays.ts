/**
 * The bundled GOV.UK bank holidays (bank-holidays.json, refreshed by `npm run holidays:refresh`),
 * parsed at load, and the calendar every clock function uses: bundled data for the years it covers,
 * date-holidays for later years, an error otherwise.
 */

import { type BankHolidayFeed, type Coverage, parseBankHolidayFeed } from "./bank-holiday-feed.ts";
import data from "./bank-holidays.json" with { type: "json" };
import { dateHolidaysFallback } from "./date-holidays-fallback.ts";
import { createHolidayCalendar, type HolidayCalendar } from "./holiday-calendar.ts";
import type { Nation } from "./nation.ts";

/** The bundled GOV.UK feed, validated. */
export const bundledBankHolidays: BankHolidayFeed = parseBankHolidayFeed(
  data,
  "domain/clock/bank-holidays.json",
);

/** The calendar over the bundled feed with the date-holidays fallback. */
export const defaultHolidayCalendar: HolidayCalendar = createHolidayCalendar(
  bundledBankHolidays,
  dateHolidaysFallback,
);

/**
 * The years the bundled GOV.UK data covers for `nation`; later years come from date-holidays.
 * @example bankHolidayCoverage("scotland") // { firstYear: 2018, lastYear: 2028 }
 */
export function bankHolidayCoverage(nation: Nation): Coverage {
  return defaultHolidayCalendar.coverage(nation);
}
