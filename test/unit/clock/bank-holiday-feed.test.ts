/** The refresh script's checks (scripts/refresh-bank-holidays.mjs calls mergeBankHolidayFeed). */
import { describe, expect, it } from "vitest";
import {
  type BankHolidayEvent,
  type BankHolidayFeed,
  bundledBankHolidays,
  HolidayDataError,
  mergeBankHolidayFeed,
  nations,
  parseBankHolidayFeed,
} from "#domain/clock/index.ts";

const copy = (): BankHolidayFeed => structuredClone(bundledBankHolidays);
const event = (date: string, title: string): BankHolidayEvent => ({ title, date, notes: "", bunting: true });

describe("parseBankHolidayFeed", () => {
  it("names the file and the field for an impossible date", () => {
    const feed = copy();
    (feed.scotland.events[3] as BankHolidayEvent).date = "2018-02-30";
    expect(() => parseBankHolidayFeed(feed, "bank-holidays.json")).toThrow(
      new HolidayDataError(
        'bank-holidays.json: scotland.events.3.date: expected a real calendar date YYYY-MM-DD, got "2018-02-30"',
      ),
    );
  });

  it("refuses a division filed under another division's name", () => {
    const feed = copy() as unknown as Record<string, { division: string }>;
    (feed["northern-ireland"] as { division: string }).division = "scotland";
    expect(() => parseBankHolidayFeed(feed, "f")).toThrow(
      /northern-ireland\.division: expected "northern-ireland"/,
    );
  });

  it("refuses a year listed only in part (no Christmas holiday)", () => {
    const feed = copy();
    feed["england-and-wales"].events = feed["england-and-wales"].events.filter(
      (e) => !e.date.startsWith("2024-12"),
    );
    expect(() => parseBankHolidayFeed(feed, "f")).toThrow(/2024 is not complete/);
  });

  it("refuses a date listed twice", () => {
    const feed = copy();
    feed.scotland.events.push(event("2026-12-25", "Christmas Day"));
    expect(() => parseBankHolidayFeed(feed, "f")).toThrow(/2026-12-25 is listed twice/);
  });
});

describe("mergeBankHolidayFeed (npm run holidays:refresh)", () => {
  it("reports no change when GOV.UK serves what is bundled", () => {
    const { feed, changes } = mergeBankHolidayFeed(bundledBankHolidays, copy(), "gov.uk");
    expect(changes).toEqual([]);
    expect(feed).toEqual(bundledBankHolidays);
  });

  it("keeps bundled years the download has dropped and adds its new years, sorted", () => {
    const download = copy();
    for (const nation of nations) {
      download[nation].events = [
        event("2029-12-25", "Christmas Day"),
        event("2029-01-01", "New Year\u2019s Day"),
        ...download[nation].events.filter((e) => !e.date.startsWith("2018-")),
      ];
    }
    const { feed, changes } = mergeBankHolidayFeed(bundledBankHolidays, download, "gov.uk");
    for (const nation of nations) {
      const dates = feed[nation].events.map((e) => e.date);
      expect(dates[0]?.startsWith("2018-")).toBe(true);
      expect(dates.at(-1)).toBe("2029-12-25");
      expect(dates).toEqual([...dates].sort());
    }
    expect(changes).toContain("england-and-wales: added 2029-01-01 New Year\u2019s Day");
    expect(changes).toHaveLength(6);
  });

  it("ignores a year the download lists only in part, keeping the bundled year", () => {
    const download = copy();
    download.scotland.events = download.scotland.events.filter((e) => !e.date.startsWith("2028-12"));
    const { feed, changes } = mergeBankHolidayFeed(bundledBankHolidays, download, "gov.uk");
    expect(changes).toEqual([]);
    expect(feed.scotland.events.filter((e) => e.date.startsWith("2028-12"))).toHaveLength(2);
  });

  it("lets GOV.UK's complete years replace bundled ones, reporting added, removed and retitled days", () => {
    const download = copy();
    const ew = download["england-and-wales"];
    ew.events = ew.events.filter((e) => e.date !== "2027-05-31");
    ew.events.push(event("2027-06-04", "Extra bank holiday"));
    const boxing = ew.events.find((e) => e.date === "2027-12-28") as BankHolidayEvent;
    boxing.title = "Boxing Day (substitute)";
    const { feed, changes } = mergeBankHolidayFeed(bundledBankHolidays, download, "gov.uk");
    expect(changes.sort()).toEqual([
      "england-and-wales: added 2027-06-04 Extra bank holiday",
      "england-and-wales: removed 2027-05-31 Spring bank holiday",
      "england-and-wales: retitled 2027-12-28 Boxing Day (substitute)",
    ]);
    expect(feed["england-and-wales"].events.map((e) => e.date)).toContain("2027-06-04");
  });

  it("refuses a download that is not GOV.UK's shape, naming the field", () => {
    const { scotland: _dropped, ...withoutScotland } = copy();
    expect(() => mergeBankHolidayFeed(bundledBankHolidays, withoutScotland, "gov.uk")).toThrow(
      /gov\.uk: scotland:/,
    );
    expect(() => mergeBankHolidayFeed(bundledBankHolidays, "<html>", "gov.uk")).toThrow(HolidayDataError);
  });

  it("refuses a division with no complete year", () => {
    const download = copy();
    download["northern-ireland"].events = [event("2030-03-17", "St Patrick\u2019s Day")];
    expect(() => mergeBankHolidayFeed(bundledBankHolidays, download, "gov.uk")).toThrow(
      "gov.uk: northern-ireland: no complete year (January to December) in the download",
    );
  });

  it("refuses a download that would leave a gap in coverage", () => {
    const download = copy();
    download.scotland.events.push(event("2031-01-01", "New Year"), event("2031-12-25", "Christmas Day"));
    expect(() => mergeBankHolidayFeed(bundledBankHolidays, download, "gov.uk")).toThrow(
      /2029 is not complete/,
    );
  });
});
