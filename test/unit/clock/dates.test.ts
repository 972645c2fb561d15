import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  dayOfWeek,
  InvalidDateError,
  isoDateSchema,
  isWeekend,
  parseIsoDate,
} from "#domain/clock/index.ts";

describe("isoDateSchema", () => {
  it.each([
    "2026-01-01",
    "2028-02-29",
    "2000-02-29",
    "0001-01-01",
    "9999-12-31",
  ])("accepts the real date %s", (date) => {
    expect(isoDateSchema.parse(date)).toBe(date);
  });

  it.each([
    "2026-02-30",
    "2026-02-29",
    "1900-02-29",
    "2100-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-1-1",
    "26-01-01",
    "20260101",
    "2026-01-01T00:00:00Z",
    " 2026-01-01",
    "",
  ])("rejects %j, saying a real YYYY-MM-DD date was expected", (date) => {
    const result = isoDateSchema.safeParse(date);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      `expected a real calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`,
    );
  });

  it("rejects a value that is not a string", () => {
    expect(isoDateSchema.safeParse(20260101).success).toBe(false);
  });
});

describe("parseIsoDate", () => {
  it("throws InvalidDateError naming the field and the value", () => {
    expect(() => parseIsoDate("2026-02-30", "--from")).toThrow(
      new InvalidDateError('--from: expected a real calendar date YYYY-MM-DD, got "2026-02-30"'),
    );
  });
});

describe("calendar arithmetic on plain dates", () => {
  it("adds days across a month end, a year end and a leap day", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("does not shift across the October clock change (plain dates have no time zone)", () => {
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(addDays("2026-03-28", 2)).toBe("2026-03-30");
  });

  it("keeps years below 100 as written (no 19xx mapping)", () => {
    expect(addDays("0099-12-31", 1)).toBe("0100-01-01");
    expect(dayOfWeek("0001-01-01")).toBe(1); // proleptic Gregorian: a Monday
  });

  it("throws InvalidDateError when arithmetic leaves the years 0000–9999", () => {
    expect(() => addDays("9999-12-31", 1)).toThrow(InvalidDateError);
    expect(() => addMonths("9999-12-31", 1)).toThrow(InvalidDateError);
  });

  it("clamps a month addition to the end of a shorter month", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-08-31", 1)).toBe("2026-09-30");
    expect(addMonths("2026-10-31", 4)).toBe("2027-02-28");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
    expect(addMonths("2026-05-31", 0)).toBe("2026-05-31");
  });

  it("knows the day of the week", () => {
    expect(dayOfWeek("2026-12-21")).toBe(1); // Monday 21 December 2026 (issue 2)
    expect(isWeekend("2026-12-26")).toBe(true);
    expect(isWeekend("2026-12-27")).toBe(true);
    expect(isWeekend("2026-12-28")).toBe(false);
    expect(dayOfWeek("1970-01-01")).toBe(4);
    expect(dayOfWeek("1969-12-31")).toBe(3);
  });
});
