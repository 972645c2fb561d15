/**
 * Answers "is this date a bank holiday in this nation?" from the bundled GOV.UK data, and for years
 * after it from a fallback computation. A year is answered wholly by one source: either the bundle
 * covers it completely or the fallback computes all of it, so the two are never mixed within a year.
 */
import { type BankHolidayFeed, type Coverage, coverageOf, isCompleteYear } from "./bank-holiday-feed.ts";
import { type IsoDate, isoDateSchema, isWeekend, yearOf } from "./dates.ts";
import { HolidayDataError } from "./errors.ts";
import { type Nation, nations } from "./nation.ts";

/** One holiday as a source lists it. */
export interface HolidayListing {
  date: IsoDate;
  title: string;
}

/** Computes a nation's bank holidays for a whole year (a library's rules); may throw. */
export type HolidayFallback = (year: number, nation: Nation) => readonly HolidayListing[];

/** Bank holidays per nation, from bundled data and a fallback. */
export interface HolidayCalendar {
  /** The holiday's title when `date` is a bank holiday in `nation`, else undefined. */
  bankHoliday(date: IsoDate, nation: Nation): string | undefined;
  /** The years the bundled GOV.UK data covers for `nation`. */
  coverage(nation: Nation): Coverage;
}

/**
 * Builds a calendar over a parsed feed. For a year after the feed's last year it asks `fallback`
 * for the whole year, and checks the answer (real dates, all inside that year, its January and
 * December holidays present) before trusting it. Years before the feed are refused: the fallback
 * library projects today's rules backwards and misses past one-off days (e.g. the 2012 Spring bank
 * holiday moved to 4 June for the Diamond Jubilee).
 * @throws HolidayDataError (from `bankHoliday`) naming the date and nation it cannot answer for.
 */
export function createHolidayCalendar(feed: BankHolidayFeed, fallback: HolidayFallback): HolidayCalendar {
  const coverage = new Map<Nation, Coverage>();
  const years = new Map<string, ReadonlyMap<IsoDate, string>>();
  for (const nation of nations) {
    const { events } = feed[nation];
    coverage.set(nation, coverageOf(events));
    const byYear = new Map<number, Map<IsoDate, string>>();
    for (const event of events) {
      const year = yearOf(event.date);
      const holidays = byYear.get(year) ?? new Map<IsoDate, string>();
      holidays.set(event.date, event.title);
      byYear.set(year, holidays);
    }
    for (const [year, holidays] of byYear) years.set(`${nation}:${year}`, holidays);
  }

  const coverageFor = (nation: Nation): Coverage => {
    const range = coverage.get(nation);
    if (!range)
      throw new HolidayDataError(`no bank-holiday data for nation ${JSON.stringify(nation)}`, { nation });
    return range;
  };

  const computeYear = (year: number, nation: Nation, date: IsoDate): ReadonlyMap<IsoDate, string> => {
    const range = coverageFor(nation);
    const cannot = (why: string) =>
      new HolidayDataError(
        `cannot tell whether ${date} is a bank holiday in ${nation}: ${why} (bundled GOV.UK data covers ${range.firstYear}–${range.lastYear})`,
        { date, nation },
      );
    if (year < range.firstYear) {
      throw cannot(
        `${year} is before the bundled data, and past years are not computed (the fallback library misses past one-off holidays)`,
      );
    }
    if (year <= range.lastYear) throw cannot(`${year} is missing from the bundled data`);
    let listed: readonly HolidayListing[];
    try {
      listed = fallback(year, nation);
    } catch (error) {
      throw cannot(`the fallback holiday library failed for ${year}: ${(error as Error).message}`);
    }
    const prefix = `${String(year).padStart(4, "0")}-`;
    const bad = listed.find(
      (holiday) => !isoDateSchema.safeParse(holiday.date).success || !holiday.date.startsWith(prefix),
    );
    if (bad) throw cannot(`the fallback holiday library answered ${JSON.stringify(bad.date)} for ${year}`);
    if (!isCompleteYear(listed, year)) {
      throw cannot(
        `the fallback holiday library has no complete list for ${year}; run npm run holidays:refresh`,
      );
    }
    const holidays = new Map<IsoDate, string>();
    // GOV.UK lists only the weekday a holiday is observed on; libraries also list the calendar
    // date when it falls at a weekend. Weekends are never working days, so keep weekdays only.
    for (const holiday of listed) {
      if (!isWeekend(holiday.date) && !holidays.has(holiday.date)) holidays.set(holiday.date, holiday.title);
    }
    return holidays;
  };

  const holidaysOf = (date: IsoDate, nation: Nation): ReadonlyMap<IsoDate, string> => {
    const year = yearOf(date);
    const key = `${nation}:${year}`;
    const cached = years.get(key);
    if (cached) return cached;
    const computed = computeYear(year, nation, date);
    years.set(key, computed);
    return computed;
  };

  return {
    bankHoliday: (date, nation) => holidaysOf(date, nation).get(date),
    coverage: (nation) => ({ ...coverageFor(nation) }),
  };
}
