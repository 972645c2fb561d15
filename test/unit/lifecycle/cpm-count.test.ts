import { describe, expect, it } from "vitest";
import { cpmSchedule } from "../../../domain/catalog/cpm-schedule.ts";
import { nextCpmBy } from "../../../domain/lifecycle/cpm-count.ts";
import { reviewDate } from "../../../domain/lifecycle/review-date.ts";

const reviews = (...dates: string[]) => cpmSchedule(dates.map((date) => ({ date, broughtForward: false })));

describe("seed 002: CPMs counted between the child's CLA Reviews", () => {
  it("a window still short of its minimum: the next CPM before its later Review", () => {
    // 2nd → 3rd Review (6-monthly): at least 2. One held on 10 March: the next by 19 April.
    const windows = reviews("2025-07-20", "2026-01-20", "2026-04-20");
    expect(nextCpmBy(windows, ["2026-03-10"], "2026-03-10")).toMatchObject({ by: "2026-04-19", held: 1 });
  });

  it("a window met: the next CPM before the next window's later Review", () => {
    const windows = reviews("2026-01-20", "2026-04-20", "2026-10-20");
    expect(nextCpmBy(windows, ["2026-03-10"], "2026-03-10")).toMatchObject({ by: "2026-10-19", held: 0 });
  });

  it("no Review listed past the meeting: no limit", () => {
    expect(nextCpmBy(reviews("2026-01-20", "2026-04-20"), ["2026-03-10"], "2026-03-10")).toBeUndefined();
  });

  it("caps the review CPM's date: brought back before the Review, off the weekend", () => {
    const windows = reviews("2025-07-20", "2026-01-20", "2026-04-20");
    const by = nextCpmBy(windows, ["2026-03-10"], "2026-03-10")?.by;
    const r = reviewDate({
      heldOn: "2026-03-10",
      number: 1,
      cadence: { next: null, thereafter: null },
      today: "2026-03-10",
      nation: "england-and-wales",
      ...(by ? { latestBy: by } : {}),
    });
    // 19 April 2026 is a Sunday: Friday 17 April, not 3 months on (10 June).
    expect(r).toMatchObject({ date: "2026-04-17", latest: "2026-04-19", basis: "cadence" });
  });
});
