import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  bankHoliday,
  bundledBankHolidays,
  createHolidayCalendar,
  HolidayDataError,
  type HolidayFallback,
  isWorkingDay,
  type Nation,
  nations,
  workingDaysBetween,
} from "#domain/clock/index.ts";

const ew: Nation = "england-and-wales";
const sc: Nation = "scotland";
const ni: Nation = "northern-ireland";

describe("years after the bundled data fall back to date-holidays", () => {
  it("knows 2031's Christmas, Boxing Day and New Year in every nation", () => {
    // Christmas 2031 is a Thursday; New Year's Day 2032 a Thursday, 2 January 2032 a Friday.
    for (const nation of nations) {
      expect(addWorkingDays("2031-12-24", 1, nation)).toBe("2031-12-29");
    }
    expect(addWorkingDays("2031-12-31", 1, ew)).toBe("2032-01-02");
    expect(addWorkingDays("2031-12-31", 1, ni)).toBe("2032-01-02");
    expect(addWorkingDays("2031-12-31", 1, sc)).toBe("2032-01-05");
  });

  it("knows Easter 2031 (Good Friday 11 April, Easter Monday 14 April not in Scotland)", () => {
    expect(addWorkingDays("2031-04-10", 1, ew)).toBe("2031-04-15");
    expect(addWorkingDays("2031-04-10", 1, ni)).toBe("2031-04-15");
    expect(addWorkingDays("2031-04-10", 1, sc)).toBe("2031-04-14");
  });

  it("knows 2031's substitute days: the Boyne (a Saturday) in Northern Ireland, St Andrew's (a Sunday) in Scotland", () => {
    expect(bankHoliday("2031-07-14", ni)).toMatch(/Boyne/);
    expect(isWorkingDay("2031-07-14", ew)).toBe(true);
    expect(bankHoliday("2031-12-01", sc)).toMatch(/St Andrew/);
    expect(isWorkingDay("2031-12-01", ni)).toBe(true);
    expect(isWorkingDay("2031-03-17", ni)).toBe(false);
  });

  it("keeps Scotland's summer bank holiday on the first Monday of August 2031, the others' on the last", () => {
    expect(isWorkingDay("2031-08-04", sc)).toBe(false);
    expect(isWorkingDay("2031-08-04", ew)).toBe(true);
    expect(isWorkingDay("2031-08-25", ew)).toBe(false);
    expect(isWorkingDay("2031-08-25", sc)).toBe(true);
  });

  it("never lists a weekend as a holiday, as GOV.UK does not (Christmas Day 2032 is a Saturday)", () => {
    expect(bankHoliday("2032-12-25", ew)).toBeUndefined();
    expect(bankHoliday("2032-12-27", ew)).toMatch(/Christmas/);
    expect(workingDaysBetween("2032-12-24", "2032-12-31", ew)).toBe(3);
  });
});

describe("HolidayDataError: no source can answer", () => {
  it("refuses a date before the bundled data, naming the date and the nation", () => {
    for (const nation of nations) {
      let error: unknown;
      try {
        addWorkingDays("2017-12-28", 1, nation);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(HolidayDataError);
      expect((error as HolidayDataError).date).toBe("2017-12-29");
      expect((error as HolidayDataError).nation).toBe(nation);
      expect((error as Error).message).toBe(
        `cannot tell whether 2017-12-29 is a bank holiday in ${nation}: 2017 is before the bundled data, and past years are not computed (the fallback library misses past one-off holidays) (bundled GOV.UK data covers 2018–2028)`,
      );
    }
  });

  it("still answers for a weekend before the bundled data (a weekend is never a working day)", () => {
    expect(isWorkingDay("2017-12-30", ew)).toBe(false);
  });

  const fallbacks: [string, HolidayFallback, RegExp][] = [
    [
      "throws",
      () => {
        throw new Error("no rules for GB");
      },
      /the fallback holiday library failed for 2031: no rules for GB/,
    ],
    ["answers nothing", () => [], /has no complete list for 2031/],
    [
      "answers without a December holiday",
      (year) => [{ date: `${year}-01-01`, title: "New Year" }],
      /no complete list/,
    ],
    [
      "answers dates of another year",
      () => [{ date: "0000-01-01", title: "New Year" }],
      /answered "0000-01-01" for 2031/,
    ],
    ["answers an impossible date", () => [{ date: "2031-02-30", title: "?" }], /answered "2031-02-30"/],
  ];
  for (const [what, fallback, message] of fallbacks) {
    it(`throws HolidayDataError when the fallback ${what}, rather than counting the day as working`, () => {
      const calendar = createHolidayCalendar(bundledBankHolidays, fallback);
      expect(() => addWorkingDays("2031-03-03", 1, sc, calendar)).toThrow(HolidayDataError);
      expect(() => isWorkingDay("2031-03-04", sc, calendar)).toThrow(message);
      // Bundled years never consult the fallback.
      expect(addWorkingDays("2026-12-31", 1, sc, calendar)).toBe("2027-01-05");
    });
  }

  it("computes each fallback year once per nation", () => {
    const asked: string[] = [];
    const calendar = createHolidayCalendar(bundledBankHolidays, (year, nation) => {
      asked.push(`${nation} ${year}`);
      return [
        { date: `${year}-01-01`, title: "New Year" },
        { date: `${year}-12-25`, title: "Christmas" },
      ];
    });
    expect(workingDaysBetween("2030-11-01", "2031-02-01", ew, calendar)).toBeGreaterThan(0);
    expect(isWorkingDay("2031-01-01", ew, calendar)).toBe(false);
    expect(asked).toEqual(["england-and-wales 2030", "england-and-wales 2031"]);
  });

  it("refuses a year missing inside a feed that was not checked by the schema", () => {
    const gapped = {
      ...bundledBankHolidays,
      scotland: {
        division: "scotland" as const,
        events: bundledBankHolidays.scotland.events.filter((event) => !event.date.startsWith("2024-")),
      },
    };
    const calendar = createHolidayCalendar(gapped, () => []);
    expect(() => isWorkingDay("2024-12-02", sc, calendar)).toThrow(/2024 is missing from the bundled data/);
  });
});
