import { describe, expect, it } from "vitest";
import {
  addDuration,
  type Duration,
  describeDuration,
  durationSchema,
  InvalidDateError,
  InvalidDurationError,
  InvalidNationError,
  type Nation,
} from "#domain/clock/index.ts";

const ew: Nation = "england-and-wales";

describe("addDuration: each kind counted its own way", () => {
  it("distributes a CPM record within 5 calendar days of the meeting, weekend or not (seed 002)", () => {
    // Meeting Tuesday 22 December 2026: 5 days later is Sunday 27 December; calendar days do not roll.
    expect(addDuration("2026-12-22", { kind: "days", amount: 5 }, ew)).toBe("2026-12-27");
  });

  it("tells 'within 5 days' from 'within 5 working days' (spec domain.md)", () => {
    expect(addDuration("2026-12-22", { kind: "working-days", amount: 5 }, ew)).toBe("2026-12-31");
    expect(addDuration("2026-12-22", { kind: "working-days", amount: 5 }, "scotland")).toBe("2026-12-31");
  });

  it("reviews the child's plan within six weeks of the pre-proceedings meeting (seed 003)", () => {
    expect(addDuration("2026-03-10", { kind: "weeks", amount: 6 }, ew)).toBe("2026-04-21");
  });

  it("holds the next CFPM in 3 months' time, clamped to the month's end (seed 004)", () => {
    expect(addDuration("2026-11-30", { kind: "months", amount: 3 }, ew)).toBe("2027-02-28");
    expect(addDuration("2027-11-30", { kind: "months", amount: 3 }, ew)).toBe("2028-02-29");
    expect(addDuration("2026-01-15", { kind: "months", amount: 3 }, ew)).toBe("2026-04-15");
  });

  it("visits every 4 weeks, i.e. 28 days, across a year end and a leap day (seed 004)", () => {
    expect(addDuration("2026-12-10", { kind: "weeks", amount: 4 }, ew)).toBe("2027-01-07");
    expect(addDuration("2028-02-10", { kind: "weeks", amount: 4 }, ew)).toBe("2028-03-09");
  });

  it("adds calendar days across a leap day", () => {
    expect(addDuration("2028-02-28", { kind: "days", amount: 2 }, ew)).toBe("2028-03-01");
    expect(addDuration("2027-02-28", { kind: "days", amount: 2 }, ew)).toBe("2027-03-02");
  });

  it.each(["working-days", "days", "weeks", "months"] as const)("returns the start date for 0 %s", (kind) => {
    expect(addDuration("2026-12-25", { kind, amount: 0 }, ew)).toBe("2026-12-25");
  });

  it("refuses an impossible start date, a bad amount, an unknown kind or an unknown nation", () => {
    expect(() => addDuration("2026-02-30", { kind: "days", amount: 1 }, ew)).toThrow(InvalidDateError);
    expect(() => addDuration("2026-01-01", { kind: "months", amount: -1 }, ew)).toThrow(
      new InvalidDurationError("months: expected a whole number from 0 to 100000, got -1"),
    );
    expect(() =>
      addDuration("2026-01-01", { kind: "fortnights", amount: 1 } as unknown as Duration, ew),
    ).toThrow(InvalidDurationError);
    expect(() => addDuration("2026-01-01", { kind: "days", amount: 1 }, "wales" as Nation)).toThrow(
      InvalidNationError,
    );
  });
});

describe("durationSchema", () => {
  it("accepts each kind with a whole amount of 0 or more", () => {
    expect(durationSchema.parse({ kind: "working-days", amount: 0 })).toEqual({
      kind: "working-days",
      amount: 0,
    });
    expect(durationSchema.parse({ kind: "months", amount: 6 })).toEqual({ kind: "months", amount: 6 });
  });

  it.each([
    [{ kind: "working-days", amount: -1 }, "expected 0 or more"],
    [{ kind: "days", amount: 1.5 }, "expected a whole number"],
    [
      { kind: "fortnights", amount: 1 },
      'expected a duration kind: working-days, days, weeks or months, got "fortnights"',
    ],
  ])("rejects %j: %s", (value, message) => {
    const result = durationSchema.safeParse(value);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

describe("describeDuration", () => {
  it.each<[Duration, string]>([
    [{ kind: "working-days", amount: 5 }, "5 working days"],
    [{ kind: "working-days", amount: 1 }, "1 working day"],
    [{ kind: "days", amount: 10 }, "10 days"],
    [{ kind: "days", amount: 1 }, "1 day"],
    [{ kind: "weeks", amount: 1 }, "1 week"],
    [{ kind: "weeks", amount: 6 }, "6 weeks"],
    [{ kind: "months", amount: 3 }, "3 months"],
    [{ kind: "months", amount: 1 }, "1 month"],
    [{ kind: "days", amount: 0 }, "0 days"],
  ])("describes %j as %j", (duration, words) => {
    expect(describeDuration(duration)).toBe(words);
  });
});
