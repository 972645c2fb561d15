import { describe, expect, it } from "vitest";
import {
  checkCpmSchedule,
  claReviewSchema,
  cpmSchedule,
  fillAgenda,
  getMeetingType,
  loadCatalog,
} from "#domain/catalog/index.ts";

const reviews = [
  { date: "2026-01-20" },
  { date: "2026-04-20" },
  { date: "2026-10-20" },
  { date: "2027-02-10", broughtForward: true },
  { date: "2027-08-10" },
].map((r) => claReviewSchema.parse(r));

describe("the CPM schedule against CLA reviews (seed 002)", () => {
  it("needs 1 CPM between the 1st and 2nd review, 2 between later 6-monthly reviews, 1 where a review is brought forward (seed 002)", () => {
    const windows = cpmSchedule(reviews);
    expect(windows.map((w) => [w.from, w.to, w.minimum])).toEqual([
      ["2026-01-20", "2026-04-20", 1],
      ["2026-04-20", "2026-10-20", 2],
      ["2026-10-20", "2027-02-10", 1],
      ["2027-02-10", "2027-08-10", 2],
    ]);
    expect(windows[2]?.reason).toMatch(/earlier than the usual 6-month cycle/);
  });

  it("sorts the reviews before counting (seed 002)", () => {
    expect(cpmSchedule([...reviews].reverse())).toEqual(cpmSchedule(reviews));
  });

  it("reports the shortfall of CPMs held between reviews (seed 002)", () => {
    const check = checkCpmSchedule(reviews, [
      "2026-03-01",
      "2026-06-15",
      "2026-12-01",
      "2027-05-01",
      "2027-07-01",
    ]);
    expect(check.map((w) => w.shortfall)).toEqual([0, 1, 0, 0]);
    expect(check[1]?.held).toEqual(["2026-06-15"]);
  });

  it("does not count a meeting held on a review date as between reviews", () => {
    expect(checkCpmSchedule(reviews, ["2026-04-20"]).map((w) => w.held.length)).toEqual([0, 0, 0, 0]);
  });
});

describe("fillAgenda", () => {
  const pm = getMeetingType(loadCatalog(), "pm");

  it("fills [child], [date], [time], [link] and [transcriber] at convene", () => {
    if (!pm.agenda) throw new Error("the PM has an agenda (seed 000)");
    const filled = fillAgenda(pm.agenda, {
      child: "C-104233",
      date: "Tuesday 10 March 2026",
      time: "10:00",
      link: "https://teams.example.org/l/abc",
      transcriber: "the chair",
    });
    expect(filled.title).toBe("Professionals Meeting Agenda re C-104233");
    expect(filled.lines).toEqual([
      "Via https://teams.example.org/l/abc on Tuesday 10 March 2026 at 10:00",
      "(Meeting will be transcribed by the chair)",
    ]);
    expect(JSON.stringify(filled)).not.toMatch(/\[(child|date|time|link|transcriber)\]/);
  });

  it("prints 'to be confirmed' for a value not given, and leaves the template itself unchanged", () => {
    if (!pm.agenda) throw new Error("the PM has an agenda (seed 000)");
    const filled = fillAgenda(pm.agenda, { child: "C-1", date: "Monday 1 June 2026", time: "09:30" });
    expect(filled.lines[0]).toBe("Via to be confirmed on Monday 1 June 2026 at 09:30");
    expect(pm.agenda.title).toBe("Professionals Meeting Agenda re [child]");
  });
});
