import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  bankHoliday,
  InvalidDateError,
  InvalidDurationError,
  InvalidNationError,
  isWorkingDay,
  type Nation,
  nations,
  workingDaysBetween,
} from "#domain/clock/index.ts";

const ew: Nation = "england-and-wales";
const sc: Nation = "scotland";
const ni: Nation = "northern-ireland";

describe("the issue's examples (issue 2, section 3)", () => {
  it("counts 5 working days from Monday 21 December 2026 to Wednesday 30 December 2026 in England and Wales", () => {
    expect(addWorkingDays("2026-12-21", 5, ew)).toBe("2026-12-30");
  });

  it("counts 1 working day from 31 December 2026 to 4 January 2027 in England and Wales", () => {
    expect(addWorkingDays("2026-12-31", 1, ew)).toBe("2027-01-04");
  });

  it("counts 1 working day from 31 December 2026 to 5 January 2027 in Scotland (2 January's substitute)", () => {
    expect(addWorkingDays("2026-12-31", 1, sc)).toBe("2027-01-05");
    expect(bankHoliday("2027-01-04", sc)).toBe("2nd January");
  });

  it("starts counting on the day after the start date, even when the start date is a holiday", () => {
    expect(addWorkingDays("2026-12-25", 1, ew)).toBe("2026-12-29");
    expect(addWorkingDays("2026-12-29", 1, ew)).toBe("2026-12-30");
  });

  it("returns the start date itself for 0 working days", () => {
    expect(addWorkingDays("2026-12-26", 0, ew)).toBe("2026-12-26");
  });
});

describe("seed timescales as example computations", () => {
  it("places the first CFPM within 10 working days of a Strategy Discussion on 17 December 2026 (seed 004)", () => {
    expect(addWorkingDays("2026-12-17", 10, ew)).toBe("2027-01-05");
    // Scotland loses one more day to 2 January's substitute on Monday 4 January.
    expect(addWorkingDays("2026-12-17", 10, sc)).toBe("2027-01-06");
  });

  it("circulates the progress plan within 5 working days of an Easter-week meeting (seed 004)", () => {
    // Meeting Wednesday 1 April 2026; Good Friday 3 April and Easter Monday 6 April intervene.
    expect(addWorkingDays("2026-04-01", 5, ew)).toBe("2026-04-10");
    expect(addWorkingDays("2026-04-01", 5, sc)).toBe("2026-04-09");
  });

  it("convenes an FNM within 20 working days across the 2022 Platinum Jubilee (seed 004)", () => {
    // From Wednesday 25 May 2022: Spring bank holiday Thu 2 June and Jubilee Fri 3 June intervene.
    expect(addWorkingDays("2022-05-25", 20, ew)).toBe("2022-06-24");
  });
});

describe("Easter", () => {
  it("makes Good Friday a bank holiday in all three nations", () => {
    for (const nation of nations) {
      expect(bankHoliday("2026-04-03", nation)).toBe("Good Friday");
      expect(isWorkingDay("2026-04-03", nation)).toBe(false);
    }
  });

  it("makes Easter Monday a bank holiday in England and Wales and Northern Ireland but not Scotland", () => {
    expect(isWorkingDay("2026-04-06", ew)).toBe(false);
    expect(isWorkingDay("2026-04-06", ni)).toBe(false);
    expect(isWorkingDay("2026-04-06", sc)).toBe(true);
    expect(addWorkingDays("2026-04-02", 1, ew)).toBe("2026-04-07");
    expect(addWorkingDays("2026-04-02", 1, ni)).toBe("2026-04-07");
    expect(addWorkingDays("2026-04-02", 1, sc)).toBe("2026-04-06");
  });

  it("follows Easter into March (2024: Good Friday 29 March, Easter Monday 1 April)", () => {
    expect(addWorkingDays("2024-03-28", 1, ew)).toBe("2024-04-02");
    expect(addWorkingDays("2024-03-28", 1, sc)).toBe("2024-04-01");
  });
});

describe("substitute days", () => {
  it("moves Christmas 2021 (a weekend) to Monday 27 and Tuesday 28 December in every nation", () => {
    for (const nation of nations) {
      expect(bankHoliday("2021-12-27", nation)).toBe("Christmas Day");
      expect(bankHoliday("2021-12-28", nation)).toBe("Boxing Day");
      expect(addWorkingDays("2021-12-24", 1, nation)).toBe("2021-12-29");
    }
  });

  it("keeps Boxing Day 2022 on Monday 26 and moves Christmas Day to Tuesday 27 December", () => {
    for (const nation of nations) {
      expect(bankHoliday("2022-12-26", nation)).toBe("Boxing Day");
      expect(bankHoliday("2022-12-27", nation)).toBe("Christmas Day");
      expect(addWorkingDays("2022-12-23", 1, nation)).toBe("2022-12-28");
    }
  });

  it("moves Scotland's St Andrew's Day 2025 (a Sunday) to Monday 1 December, in Scotland only", () => {
    expect(bankHoliday("2025-12-01", sc)).toBe("St Andrew\u2019s Day");
    expect(addWorkingDays("2025-11-28", 1, sc)).toBe("2025-12-02");
    expect(addWorkingDays("2025-11-28", 1, ew)).toBe("2025-12-01");
    expect(addWorkingDays("2025-11-28", 1, ni)).toBe("2025-12-01");
  });

  it("moves St Andrew's Day 2024 (a Saturday) to Monday 2 December", () => {
    expect(isWorkingDay("2024-12-02", sc)).toBe(false);
    expect(isWorkingDay("2024-12-02", ew)).toBe(true);
  });

  it("moves Northern Ireland's Battle of the Boyne to the Monday in 2025 (Saturday) and 2026 (Sunday)", () => {
    expect(bankHoliday("2025-07-14", ni)).toBe("Battle of the Boyne (Orangemen\u2019s Day)");
    expect(addWorkingDays("2025-07-11", 1, ni)).toBe("2025-07-15");
    expect(addWorkingDays("2025-07-11", 1, ew)).toBe("2025-07-14");
    expect(isWorkingDay("2026-07-13", ni)).toBe(false);
    expect(isWorkingDay("2026-07-13", sc)).toBe(true);
  });

  it("moves Northern Ireland's St Patrick's Day 2024 (a Sunday) to Monday 18 March", () => {
    expect(bankHoliday("2024-03-18", ni)).toBe("St Patrick\u2019s Day");
    expect(isWorkingDay("2024-03-18", ew)).toBe(true);
    expect(isWorkingDay("2026-03-17", ni)).toBe(false);
  });
});

describe("one-off bank holidays", () => {
  it("moved the 2020 Early May bank holiday to Friday 8 May for VE Day", () => {
    for (const nation of nations) {
      expect(isWorkingDay("2020-05-04", nation)).toBe(true);
      expect(bankHoliday("2020-05-08", nation)).toBe("Early May bank holiday (VE day)");
    }
  });

  it("moved the 2022 Spring bank holiday to Thursday 2 June and added the Platinum Jubilee on Friday 3 June", () => {
    for (const nation of nations) {
      expect(isWorkingDay("2022-05-30", nation)).toBe(true);
      expect(bankHoliday("2022-06-03", nation)).toBe("Platinum Jubilee bank holiday");
      expect(addWorkingDays("2022-06-01", 1, nation)).toBe("2022-06-06");
    }
  });

  it("made Monday 19 September 2022, the State Funeral, a bank holiday everywhere", () => {
    for (const nation of nations) {
      expect(bankHoliday("2022-09-19", nation)).toBe(
        "Bank Holiday for the State Funeral of Queen Elizabeth II",
      );
      expect(addWorkingDays("2022-09-16", 1, nation)).toBe("2022-09-20");
    }
  });

  it("made Monday 8 May 2023, the Coronation, a bank holiday everywhere, a week after Early May", () => {
    for (const nation of nations) {
      expect(bankHoliday("2023-05-08", nation)).toBe("Bank holiday for the coronation of King Charles III");
      expect(workingDaysBetween("2023-04-28", "2023-05-12", nation)).toBe(8);
    }
  });
});

describe("year ends in all three nations", () => {
  const cases: [string, Record<Nation, string>][] = [
    [
      "2021-12-31",
      { "england-and-wales": "2022-01-04", scotland: "2022-01-05", "northern-ireland": "2022-01-04" },
    ],
    [
      "2022-12-30",
      { "england-and-wales": "2023-01-03", scotland: "2023-01-04", "northern-ireland": "2023-01-03" },
    ],
    [
      "2024-12-31",
      { "england-and-wales": "2025-01-02", scotland: "2025-01-03", "northern-ireland": "2025-01-02" },
    ],
    [
      "2026-12-31",
      { "england-and-wales": "2027-01-04", scotland: "2027-01-05", "northern-ireland": "2027-01-04" },
    ],
    [
      "2027-12-24",
      { "england-and-wales": "2027-12-29", scotland: "2027-12-29", "northern-ireland": "2027-12-29" },
    ],
  ];
  for (const [from, expected] of cases) {
    for (const nation of nations) {
      it(`counts 1 working day from ${from} to ${expected[nation]} in ${nation}`, () => {
        expect(addWorkingDays(from, 1, nation)).toBe(expected[nation]);
      });
    }
  }

  it("crosses from the bundled data (2028) into the fallback library's years (2029)", () => {
    // Friday 29 December 2028; New Year's Day 2029 is a Monday, 2 January a Tuesday.
    expect(addWorkingDays("2028-12-29", 1, ew)).toBe("2029-01-02");
    expect(addWorkingDays("2028-12-29", 1, ni)).toBe("2029-01-02");
    expect(addWorkingDays("2028-12-29", 1, sc)).toBe("2029-01-03");
  });
});

describe("summer bank holidays differ by nation", () => {
  it("has Scotland's on the first Monday of August and the others' on the last", () => {
    expect(isWorkingDay("2026-08-03", sc)).toBe(false);
    expect(isWorkingDay("2026-08-03", ew)).toBe(true);
    expect(isWorkingDay("2026-08-31", sc)).toBe(true);
    expect(isWorkingDay("2026-08-31", ew)).toBe(false);
    expect(isWorkingDay("2026-08-31", ni)).toBe(false);
  });
});

describe("workingDaysBetween", () => {
  it("counts the working days after `from` up to and including `to`", () => {
    expect(workingDaysBetween("2026-12-21", "2026-12-30", ew)).toBe(5);
    expect(workingDaysBetween("2026-12-31", "2027-01-05", sc)).toBe(1);
    expect(workingDaysBetween("2026-12-31", "2027-01-05", ew)).toBe(2);
  });

  it("is 0 when `to` is on or before `from`", () => {
    expect(workingDaysBetween("2026-12-30", "2026-12-30", ew)).toBe(0);
    expect(workingDaysBetween("2026-12-30", "2026-12-21", ew)).toBe(0);
  });

  it("inverts addWorkingDays for every start day of 2021–2029 in every nation", () => {
    for (const nation of nations) {
      for (let day = 0; day < 9 * 365; day += 3) {
        const from = new Date(Date.UTC(2021, 0, 1 + day)).toISOString().slice(0, 10);
        const n = day % 23;
        expect(workingDaysBetween(from, addWorkingDays(from, n, nation), nation)).toBe(n);
      }
    }
  });
});

describe("bad input", () => {
  it("refuses an impossible date with InvalidDateError", () => {
    expect(() => addWorkingDays("2026-02-30", 1, ew)).toThrow(InvalidDateError);
    expect(() => isWorkingDay("2026-13-01", ew)).toThrow(InvalidDateError);
    expect(() => bankHoliday("2026-1-1", ew)).toThrow(InvalidDateError);
    expect(() => workingDaysBetween("2026-01-01", "2026-02-29", ew)).toThrow(
      "to: expected a real calendar date",
    );
  });

  it.each([-1, 1.5, Number.NaN, 100_001])("refuses %s working days with InvalidDurationError", (n) => {
    expect(() => addWorkingDays("2026-01-05", n, ew)).toThrow(InvalidDurationError);
  });

  it("refuses an unknown nation with InvalidNationError", () => {
    expect(() => isWorkingDay("2026-01-05", "wales" as Nation)).toThrow(
      new InvalidNationError(
        'nation: expected a nation: england-and-wales, scotland or northern-ireland, got "wales"',
      ),
    );
  });
});
