import { describe, expect, it } from "vitest";
import { intervalAfter, reviewDate } from "../../../domain/lifecycle/review-date.ts";

const cfpm = { next: { kind: "months", amount: 3 }, thereafter: { kind: "months", amount: 6 } } as const;
const preProceedings = { next: { kind: "weeks", amount: 6 }, thereafter: null } as const;
const none = { next: null, thereafter: null };
const base = { nation: "england-and-wales" as const, today: "2026-03-10" };

describe("the review meeting's date (issue 10 item 4)", () => {
  it("seed 004: the first CFPM is reviewed within 3 months, later ones at least every 6 months", () => {
    expect(intervalAfter(1, cfpm)).toEqual({ kind: "months", amount: 3 });
    expect(intervalAfter(2, cfpm)).toEqual({ kind: "months", amount: 6 });
    const first = reviewDate({ ...base, heldOn: "2026-03-10", number: 1, cadence: cfpm });
    expect(first).toMatchObject({ date: "2026-06-10", latest: "2026-06-10", basis: "cadence", late: false });
    // The 2nd meeting's review is 6 months on: never due on the 2nd meeting's own day.
    const second = reviewDate({
      ...base,
      today: "2026-06-10",
      heldOn: "2026-06-10",
      number: 2,
      cadence: cfpm,
    });
    expect(second).toMatchObject({ date: "2026-12-10", latest: "2026-12-10", basis: "cadence" });
  });

  it("seed 003: a Pre-Proceedings Meeting's plan is reviewed within six weeks", () => {
    const r = reviewDate({ ...base, heldOn: "2026-03-10", number: 1, cadence: preProceedings });
    expect(r).toMatchObject({ date: "2026-04-21", latest: "2026-04-21", basis: "cadence" });
  });

  it("keeps the date agreed at the meeting when within the limit, and brings a later one back to it", () => {
    const agreed = reviewDate({
      ...base,
      heldOn: "2026-03-10",
      number: 1,
      cadence: cfpm,
      agreed: "2026-05-05",
    });
    expect(agreed).toMatchObject({ date: "2026-05-05", basis: "agreed" });
    const tooLate = reviewDate({
      ...base,
      heldOn: "2026-03-10",
      number: 1,
      cadence: cfpm,
      agreed: "2026-09-01",
    });
    expect(tooLate).toMatchObject({ date: "2026-06-10", basis: "agreed-after-limit", late: false });
  });

  it("uses the agreed date where the seeds set no interval; 3 months for the chair to confirm without one", () => {
    expect(
      reviewDate({ ...base, heldOn: "2026-03-10", number: 1, cadence: none, agreed: "2026-04-28" }),
    ).toMatchObject({
      date: "2026-04-28",
      latest: null,
      basis: "agreed",
    });
    expect(reviewDate({ ...base, heldOn: "2026-03-10", number: 1, cadence: none })).toMatchObject({
      date: "2026-06-10",
      basis: "default",
    });
  });

  it("never falls on a weekend or bank holiday: moved back to the working day before, within the limit", () => {
    // 6 weeks after Monday 20 July 2026 is Monday 31 August 2026, the summer bank holiday (England).
    const r = reviewDate({
      ...base,
      heldOn: "2026-07-20",
      today: "2026-07-20",
      number: 1,
      cadence: preProceedings,
    });
    expect(r).toMatchObject({ date: "2026-08-28", latest: "2026-08-31", movedOffHoliday: true, late: false });
    // 3 months after 7 March 2026 is Sunday 7 June: the Friday before.
    const sat = reviewDate({ ...base, heldOn: "2026-03-07", today: "2026-03-07", number: 1, cadence: cfpm });
    expect(sat.date).toBe("2026-06-05"); // 7 June 2026 is a Sunday
  });

  it("is never in the past or without notice: after a long stop the review is as soon as people can be invited, marked late", () => {
    const r = reviewDate({ ...base, heldOn: "2026-03-10", today: "2026-07-01", number: 1, cadence: cfpm });
    expect(r).toMatchObject({ date: "2026-07-08", latest: "2026-06-10", late: true });
  });

  it("an agreed date on or before the meeting's own day is not a review date", () => {
    const r = reviewDate({ ...base, heldOn: "2026-03-10", number: 1, cadence: cfpm, agreed: "2026-03-10" });
    expect(r.basis).toBe("cadence");
  });
});
