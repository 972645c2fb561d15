/**
 * The bundled GOV.UK data (domain/clock/bank-holidays.json): its shape, its coverage, and a
 * cross-check of every year and division against the date-holidays library, which is maintained
 * independently of GOV.UK's feed. Any disagreement on a date fails unless it is listed below with
 * its justification.
 */
import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import raw from "#domain/clock/bank-holidays.json" with { type: "json" };
import { dateHolidaysStates } from "#domain/clock/date-holidays-fallback.ts";
import {
  bankHolidayCoverage,
  bundledBankHolidays,
  dayOfWeek,
  isWeekend,
  type Nation,
  nations,
} from "#domain/clock/index.ts";

/**
 * Dates where GOV.UK and date-holidays legitimately differ: none. Differences that are not about
 * which weekdays are holidays, and so are not compared:
 * - date-holidays also lists a holiday on its calendar date when that is a Saturday or Sunday
 *   (e.g. Christmas Day 2022-12-25); GOV.UK lists only the weekday it is observed on. Weekends are
 *   never working days, so the comparison is over weekdays only.
 * - Titles differ in wording ("Queen’s Platinum Jubilee" vs GOV.UK's "Platinum Jubilee bank
 *   holiday"; "(substitute day)" in the name vs GOV.UK's "Substitute day" note). GOV.UK's titles
 *   are the ones shown for bundled years.
 * - Scotland, New Year 2022 (1 January a Saturday): both list Monday 3 and Tuesday 4 January, but
 *   date-holidays names Monday "January 2nd (substitute day)" where GOV.UK names it "New Year’s Day"
 *   (Substitute day). Same dates, so the clock is unaffected.
 */
const knownDateDifferences: { nation: Nation; date: string; why: string }[] = [];

const libraries = Object.fromEntries(
  nations.map((nation) => [nation, new Holidays("GB", dateHolidaysStates[nation])]),
) as Record<Nation, Holidays>;

function libraryWeekdays(nation: Nation, year: number): string[] {
  return libraries[nation]
    .getHolidays(year)
    .filter((holiday) => holiday.type === "public" || holiday.type === "bank")
    .map((holiday) => holiday.date.slice(0, 10))
    .filter((date) => !isWeekend(date))
    .sort();
}

function bundledDates(nation: Nation, year: number): string[] {
  return bundledBankHolidays[nation].events
    .filter((event) => event.date.startsWith(`${year}-`))
    .map((event) => event.date)
    .sort();
}

describe("the bundled GOV.UK bank holidays", () => {
  it("is in GOV.UK's exact format: three divisions of {title, date, notes, bunting} events", () => {
    expect(Object.keys(raw)).toEqual(["england-and-wales", "scotland", "northern-ireland"]);
    for (const nation of nations) {
      const division = raw[nation];
      expect(Object.keys(division)).toEqual(["division", "events"]);
      expect(division.division).toBe(nation);
      for (const event of division.events) {
        expect(Object.keys(event)).toEqual(["title", "date", "notes", "bunting"]);
        expect(["", "Substitute day"]).toContain(event.notes);
      }
    }
  });

  it("covers 2018 to 2028 in every division", () => {
    for (const nation of nations) {
      expect(bankHolidayCoverage(nation)).toEqual({ firstYear: 2018, lastYear: 2028 });
    }
  });

  it("lists events sorted by date, never on a weekend", () => {
    for (const nation of nations) {
      const dates = bundledBankHolidays[nation].events.map((event) => event.date);
      expect(dates).toEqual([...dates].sort());
      expect(dates.filter(isWeekend)).toEqual([]);
    }
  });

  it("has 8 holidays a year in England and Wales, 9 in Scotland, 10 in Northern Ireland, plus the one-offs", () => {
    // Standing days: E&W New Year, Good Friday, Easter Monday, Early May, Spring, Summer, Christmas,
    // Boxing Day; Scotland drops Easter Monday, adds 2 January and St Andrew's Day; NI adds St Patrick's
    // Day and the Battle of the Boyne. One-offs: 2022 Platinum Jubilee and State Funeral; 2023 Coronation.
    const standing: Record<Nation, number> = { "england-and-wales": 8, scotland: 9, "northern-ireland": 10 };
    const oneOffs: Record<number, number> = { 2022: 2, 2023: 1 };
    for (const nation of nations) {
      for (let year = 2018; year <= 2028; year++) {
        expect(bundledDates(nation, year), `${nation} ${year}`).toHaveLength(
          standing[nation] + (oneOffs[year] ?? 0),
        );
      }
    }
  });

  it("marks a substitute day only where the holiday's own date is a weekend", () => {
    const ownDate: Record<string, (year: number) => string> = {
      "Christmas Day": (y) => `${y}-12-25`,
      "Boxing Day": (y) => `${y}-12-26`,
      "New Year\u2019s Day": (y) => `${y}-01-01`,
      "2nd January": (y) => `${y}-01-02`,
      "St Andrew\u2019s Day": (y) => `${y}-11-30`,
      "St Patrick\u2019s Day": (y) => `${y}-03-17`,
      "Battle of the Boyne (Orangemen\u2019s Day)": (y) => `${y}-07-12`,
    };
    for (const nation of nations) {
      for (const event of bundledBankHolidays[nation].events) {
        const own = ownDate[event.title];
        if (!own) {
          expect(event.notes, `${nation} ${event.date} ${event.title}`).toBe("");
          continue;
        }
        const date = own(Number(event.date.slice(0, 4)));
        expect(event.notes === "Substitute day", `${nation} ${event.date} ${event.title}`).toBe(
          isWeekend(date),
        );
        if (!isWeekend(date)) expect(event.date).toBe(date);
      }
    }
  });

  it("puts Scotland's summer bank holiday on the first Monday of August and the others' on the last", () => {
    for (let year = 2018; year <= 2028; year++) {
      for (const nation of nations) {
        const [summer, ...others] = bundledBankHolidays[nation].events.filter(
          (event) => event.title === "Summer bank holiday" && event.date.startsWith(`${year}-08-`),
        );
        expect(others).toEqual([]);
        const day = Number(summer?.date.slice(8));
        expect(dayOfWeek(summer?.date ?? "")).toBe(1);
        if (nation === "scotland") expect(day).toBeLessThanOrEqual(7);
        else expect(day).toBeGreaterThan(24);
      }
    }
  });
});

describe("cross-check against date-holidays (GB-ENG, GB-SCT, GB-NIR; public and bank)", () => {
  for (const nation of nations) {
    for (let year = 2018; year <= 2028; year++) {
      it(`agrees on every weekday holiday of ${year} in ${nation}`, () => {
        const known = new Set(knownDateDifferences.filter((d) => d.nation === nation).map((d) => d.date));
        const bundled = bundledDates(nation, year).filter((date) => !known.has(date));
        const library = libraryWeekdays(nation, year).filter((date) => !known.has(date));
        expect(bundled).toEqual(library);
      });
    }
  }

  it("shows why years before the bundle are refused: date-holidays misses 2012's moved Spring bank holiday", () => {
    // GOV.UK moved the 2012 Spring bank holiday to Monday 4 June (Diamond Jubilee weekend).
    expect(libraryWeekdays("england-and-wales", 2012)).not.toContain("2012-06-04");
    expect(libraryWeekdays("england-and-wales", 2012)).toContain("2012-05-28");
  });
});
