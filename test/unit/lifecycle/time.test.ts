/**
 * Wall-clock times in the authority's zone. 2026 in London: clocks go forward at 01:00 UTC on
 * Sunday 29 March and back at 01:00 UTC on Sunday 25 October.
 */
import { describe, expect, it } from "vitest";
import { addDays, isCalendarDate } from "../../../domain/clock/index.ts";
import { atLocalTime, formatLocal, localDate, monthsBetween } from "../../../domain/lifecycle/time.ts";

const london = "Europe/London";
const at = (date: string, hhmm: string, tz = london) => atLocalTime(date, hhmm, tz).toISOString();

describe("atLocalTime", () => {
  it("gives an Invalid Date, never a day rolled over or a RangeError, for a day the calendar lacks or a time that is not one", () => {
    for (const [date, hhmm] of [
      ["2026-02-30", "10:00"],
      ["2026-00-12", "10:00"],
      ["2026-13-01", "10:00"],
      ["2026-1a-01", "10:00"],
      ["2026-3-1", "10:00"],
      ["", "10:00"],
      ["2026-03-01", "24:00"],
      ["2026-03-01", "10:60"],
      ["2026-03-01", "-1:00"],
      ["2026-03-01", "ten"],
    ] as const)
      expect(Number.isNaN(atLocalTime(date, hhmm, london).getTime()), `${date} ${hhmm}`).toBe(true);
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("2026-12-31")).toBe(true);
  });

  it("is UTC in winter and an hour behind in summer", () => {
    expect(at("2026-01-15", "09:00")).toBe("2026-01-15T09:00:00.000Z");
    expect(at("2026-07-01", "17:00")).toBe("2026-07-01T16:00:00.000Z");
  });

  it("crosses the March clock change: BST from the Sunday itself", () => {
    expect(at("2026-03-28", "09:00")).toBe("2026-03-28T09:00:00.000Z");
    expect(at("2026-03-29", "00:30")).toBe("2026-03-29T00:30:00.000Z");
    expect(at("2026-03-29", "09:00")).toBe("2026-03-29T08:00:00.000Z");
    expect(at("2026-03-30", "17:00")).toBe("2026-03-30T16:00:00.000Z");
  });

  it("crosses the October clock change: GMT from the Sunday itself", () => {
    expect(at("2026-10-24", "17:00")).toBe("2026-10-24T16:00:00.000Z");
    expect(at("2026-10-25", "00:30")).toBe("2026-10-24T23:30:00.000Z");
    expect(at("2026-10-25", "09:00")).toBe("2026-10-25T09:00:00.000Z");
    expect(at("2026-10-26", "17:00")).toBe("2026-10-26T17:00:00.000Z");
  });

  it("gives 09:00 and 17:00 on the same London date every day of the year", () => {
    for (let date = "2026-01-01"; date <= "2026-12-31"; date = addDays(date, 1)) {
      for (const hhmm of ["09:00", "17:00"]) {
        const instant = atLocalTime(date, hhmm, london);
        expect(localDate(instant, london), `${date} ${hhmm}`).toBe(date);
        expect(formatLocal(instant, london).endsWith(`at ${hhmm}`), `${date} ${hhmm}`).toBe(true);
      }
    }
  });

  it("works in other zones with other change dates", () => {
    // New York moves to daylight time on Sunday 8 March 2026.
    expect(at("2026-03-07", "09:00", "America/New_York")).toBe("2026-03-07T14:00:00.000Z");
    expect(at("2026-03-09", "09:00", "America/New_York")).toBe("2026-03-09T13:00:00.000Z");
  });
});

describe("localDate", () => {
  it("takes the London calendar date, which differs from UTC's late in a summer evening", () => {
    expect(localDate(new Date("2026-06-30T23:30:00Z"), london)).toBe("2026-07-01");
    expect(localDate(new Date("2026-01-31T23:30:00Z"), london)).toBe("2026-01-31");
  });

  it("switches at the March change", () => {
    expect(localDate(new Date("2026-03-28T23:59:59Z"), london)).toBe("2026-03-28");
    expect(localDate(new Date("2026-03-29T00:59:59Z"), london)).toBe("2026-03-29");
    expect(localDate(new Date("2026-03-29T23:30:00Z"), london)).toBe("2026-03-30");
  });

  it("switches at the October change", () => {
    expect(localDate(new Date("2026-10-24T23:30:00Z"), london)).toBe("2026-10-25");
    expect(localDate(new Date("2026-10-25T23:30:00Z"), london)).toBe("2026-10-25");
  });
});

describe("formatLocal", () => {
  // Built from parts: the same on every platform, whatever its date data does with commas.
  it("writes the day, date and 24-hour London time", () => {
    expect(formatLocal(new Date("2026-12-01T10:00:00Z"), london)).toMatch(
      /^Tuesday 1 December 2026 at 10:00$/,
    );
    expect(formatLocal(new Date("2026-07-03T15:00:00Z"), london)).toMatch(/^Friday 3 July 2026 at 16:00$/);
    expect(formatLocal(new Date("2026-01-05T17:30:00Z"), london)).toMatch(/^Monday 5 January 2026 at 17:30$/);
  });
});

describe("monthsBetween", () => {
  it("lists the UTC months from one instant to another, inclusive, across a year end", () => {
    expect(monthsBetween("2026-11-15T10:00:00.000Z", "2027-02-01T00:00:00.000Z")).toEqual([
      "2026-11",
      "2026-12",
      "2027-01",
      "2027-02",
    ]);
    expect(monthsBetween("2026-07-01T00:00:00.000Z", "2026-07-31T23:59:59.999Z")).toEqual(["2026-07"]);
    expect(monthsBetween("2026-08-01T00:00:00.000Z", "2026-07-31T23:59:59.999Z")).toEqual([]);
  });
});
