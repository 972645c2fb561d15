/**
 * The fallback for years after the bundled GOV.UK data: the maintained `date-holidays` library's
 * rules for GB-ENG, GB-SCT and GB-NIR (public and bank holidays). A pure computation, no I/O. It
 * knows the standing rules and substitute days, and only the one-off days announced before its
 * release: refresh the bundle (npm run holidays:refresh) as GOV.UK publishes new years.
 */
import Holidays from "date-holidays";
import type { HolidayFallback, HolidayListing } from "./holiday-calendar.ts";
import type { Nation } from "./nation.ts";

/** date-holidays' state codes within GB. England's rules are also Wales's (one GOV.UK division). */
export const dateHolidaysStates: Record<Nation, string> = {
  "england-and-wales": "ENG",
  scotland: "SCT",
  "northern-ireland": "NIR",
};

const libraries = new Map<Nation, Holidays>();

/** All public and bank holidays date-holidays lists for a nation and year, weekend dates included. */
export const dateHolidaysFallback: HolidayFallback = (year: number, nation: Nation): HolidayListing[] => {
  let library = libraries.get(nation);
  if (!library) {
    library = new Holidays("GB", dateHolidaysStates[nation], { languages: ["en"] });
    libraries.set(nation, library);
  }
  return library
    .getHolidays(year, "en")
    .filter((holiday) => holiday.type === "public" || holiday.type === "bank")
    .map((holiday) => ({ date: holiday.date.slice(0, 10), title: holiday.name }));
};
