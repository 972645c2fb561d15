/**
 * The compliance report (issue 13 part 3): what each figure counts, from a hand-built caseload,
 * and that every figure keeps the meetings behind it.
 */
import { describe, expect, it } from "vitest";
import { reportCsv, reportSections } from "../../../app/report-view.ts";
import type { AuditEvent, Meeting } from "../../../domain/lifecycle/model.ts";
import type { Caseload, MeetingRecord } from "../../../domain/oversight/caseload.ts";
import {
  actionMeasures,
  buildReport,
  meetingMeasures,
  ReportPeriodError,
  twelveMonthsTo,
  visitMeasures,
} from "../../../domain/oversight/report.ts";
import { testAction, testMeeting } from "../lifecycle/support.ts";

const event = (
  meetingId: string,
  what: string,
  at: string,
  detail: Record<string, unknown> = {},
): AuditEvent => ({
  at,
  meetingId,
  actor: "system",
  what,
  via: "test",
  detail,
});

const worker = (name: string) => ({ name, email: `${name.toLowerCase().replace(/ /g, ".")}@example.org` });

/** A meeting on 1 July 2026 (due by 3 July), held, its minutes out on time, with two actions. */
function held(
  id: string,
  overrides: Omit<Partial<MeetingRecord>, "meeting"> & { meeting?: Partial<Meeting> } = {},
): MeetingRecord {
  const meeting = testMeeting({ id, ...overrides.meeting });
  return {
    meeting,
    audit: overrides.audit ?? [
      event(id, "meeting-held", "2026-07-01T11:00:00.000Z"),
      event(id, "minutes-distributed", "2026-07-08T09:00:00.000Z", { version: 1, late: false }),
    ],
    actions: overrides.actions ?? [
      testAction({ number: 1, status: "done", dueDate: "2026-07-15" }),
      testAction({ number: 2, status: "open", dueDate: "2026-08-30" }),
    ],
    team: overrides.team ?? "Assessment Team",
    worker: overrides.worker ?? worker("Chris Chair"),
  };
}

const period = { from: "2026-07-01", to: "2026-07-31", asAt: "2026-08-01" };

describe("what one meeting counts for", () => {
  it("held on or before its due day is within the statutory timescale; after it, late", () => {
    expect(meetingMeasures(held("a"), period.asAt, "Europe/London")).toEqual([
      "meetings",
      "held-on-time",
      "record-on-time",
      "agreed-by-all",
    ]);
    const late = held("b", {
      meeting: { start: "2026-07-06T09:00:00.000Z", end: "2026-07-06T10:00:00.000Z" },
    });
    expect(meetingMeasures(late, period.asAt, "Europe/London")).toContain("held-late");
  });

  it("judges the held day in the authority's time zone, not UTC", () => {
    // 23:30 UTC on 3 July is 00:30 on 4 July in London (BST): after the due day.
    const r = held("c", { meeting: { start: "2026-07-03T23:30:00.000Z", end: "2026-07-04T00:30:00.000Z" } });
    expect(meetingMeasures(r, period.asAt, "Europe/London")).toContain("held-late");
    expect(meetingMeasures(r, period.asAt, "UTC")).toContain("held-on-time");
  });

  it("not held and past its due day is overdue; a deemed agreement is not agreement by all", () => {
    const waiting = held("d", { meeting: { phase: "await-meeting" }, audit: [] });
    expect(meetingMeasures(waiting, period.asAt, "Europe/London")).toEqual(["meetings", "not-held-overdue"]);
    const deemed = held("e", {
      audit: [
        event("e", "meeting-held", "2026-07-01T11:00:00.000Z"),
        event("e", "approval:deemed", "2026-07-07T09:00:00.000Z"),
        event("e", "minutes-distributed", "2026-07-13T09:00:00.000Z", { version: 1, late: true }),
      ],
    });
    expect(meetingMeasures(deemed, period.asAt, "Europe/London")).toEqual([
      "meetings",
      "held-on-time",
      "record-late",
      "deemed-agreed",
    ]);
  });

  it("a record the chair finalises is not counted as agreed by all; a record not out past due is overdue", () => {
    const chairs = held("f", {
      meeting: { minutesAgreedBy: "chair", phase: "agree-minutes" },
      audit: [event("f", "meeting-held", "2026-07-01T11:00:00.000Z")],
    });
    expect(meetingMeasures(chairs, period.asAt, "Europe/London")).toEqual([
      "meetings",
      "held-on-time",
      "record-overdue",
    ]);
  });

  it("a cancelled meeting counts as cancelled and nothing else", () => {
    expect(
      meetingMeasures(held("g", { meeting: { phase: "cancelled" } }), period.asAt, "Europe/London"),
    ).toEqual(["meetings", "cancelled"]);
  });
});

describe("what one action counts for", () => {
  it("done on time, done late, overdue, open, escalated and slipped", () => {
    const r = held("h", {
      actions: [
        testAction({ number: 1, status: "done" }),
        testAction({ number: 2, status: "done", doneLate: true }),
        testAction({ number: 3, status: "open", dueDate: "2026-07-20", escalationLevel: 1 }),
        testAction({ number: 4, status: "open", dueDate: "2026-09-01" }),
        testAction({ number: 5, status: "slipped", dueDate: "2026-07-10", escalationLevel: 3 }),
        testAction({ number: 6, status: "cancelled" }),
      ],
      audit: [event("h", "action-slipped", "2026-07-30T09:00:00.000Z", { number: 2 })],
    });
    expect(actionMeasures(r, 1, period.asAt)).toEqual(["actions", "actions-done-on-time"]);
    expect(actionMeasures(r, 2, period.asAt)).toEqual(["actions", "actions-done-late", "actions-slipped"]);
    expect(actionMeasures(r, 3, period.asAt)).toEqual(["actions", "actions-overdue", "actions-escalated"]);
    expect(actionMeasures(r, 4, period.asAt)).toEqual(["actions", "actions-open"]);
    expect(actionMeasures(r, 5, period.asAt)).toEqual(["actions", "actions-escalated", "actions-slipped"]);
    expect(actionMeasures(r, 6, period.asAt)).toEqual([]);
  });
});

describe("seed 004: Child in Need visits on time", () => {
  it("visited by the due day is on time, after it late, not visited and past due overdue", () => {
    const v = { childReference: "C-1", dueBy: "2026-07-10", worker: worker("Vi Worker"), team: "CIN Team" };
    expect(visitMeasures({ ...v, visitedOn: "2026-07-10" }, period.asAt)).toEqual([
      "visits",
      "visits-on-time",
    ]);
    expect(visitMeasures({ ...v, visitedOn: "2026-07-11" }, period.asAt)).toEqual(["visits", "visits-late"]);
    expect(visitMeasures(v, period.asAt)).toEqual(["visits", "visits-overdue"]);
    expect(visitMeasures({ ...v, dueBy: "2026-08-20" }, period.asAt)).toEqual(["visits"]);
  });
});

describe("the report", () => {
  const caseload: Caseload = {
    authorityId: "test-authority",
    timeZone: "Europe/London",
    meetings: [
      held("m1"),
      held("m2", {
        meeting: {
          typeId: "cfpm",
          typeName: "Child and Family Progress Meeting",
          start: "2026-07-06T09:00:00.000Z",
        },
        team: "Disabilities Team",
        worker: worker("Dee Worker"),
        actions: [
          testAction({
            number: 1,
            status: "open",
            dueDate: "2026-07-20",
            responsible: { name: "Dr K", department: "CAMHS" },
          }),
        ],
      }),
      // Outside the period: not counted.
      held("m3", { meeting: { start: "2026-06-30T09:00:00.000Z" } }),
    ],
    visits: [
      {
        childReference: "C-9",
        dueBy: "2026-07-10",
        visitedOn: "2026-07-09",
        worker: worker("Dee Worker"),
        team: "Disabilities Team",
      },
      { childReference: "C-8", dueBy: "2026-09-10", worker: worker("Dee Worker"), team: "Disabilities Team" },
    ],
  };
  const report = buildReport(caseload, period);
  const row = (dimension: string, key: string) =>
    report.rows.find((r) => r.dimension === dimension && r.key === key);

  it("counts each meeting in the period once in the total and once in its type, team, worker and chair's agency", () => {
    const all = row("all", "all");
    expect(all?.figures.meetings).toEqual({ count: 2, meetings: ["m1", "m2"], children: [] });
    expect(all?.figures["held-on-time"].meetings).toEqual(["m1"]);
    expect(all?.figures["held-late"].meetings).toEqual(["m2"]);
    expect(row("type", "cfpm")?.figures.meetings.count).toBe(1);
    expect(row("team", "Disabilities Team")?.figures["held-late"].count).toBe(1);
    expect(row("worker", "dee.worker@example.org")?.label).toBe("Dee Worker");
    expect(row("agency", "Children's services")?.figures.meetings.count).toBe(2);
  });

  it("counts actions by the owner's agency, and the meetings behind each action figure", () => {
    expect(row("all", "all")?.figures.actions.count).toBe(3);
    expect(row("all", "all")?.figures["actions-overdue"]).toEqual({
      count: 1,
      meetings: ["m2"],
      children: [],
    });
    expect(row("agency", "CAMHS")?.figures["actions-overdue"].count).toBe(1);
    expect(row("agency", "CAMHS")?.figures.meetings.count).toBe(0);
  });

  it("counts visits due in the period, by team and worker, with the children behind them", () => {
    expect(row("all", "all")?.figures.visits).toEqual({ count: 1, meetings: [], children: ["C-9"] });
    expect(row("worker", "dee.worker@example.org")?.figures["visits-on-time"].count).toBe(1);
  });

  it("refuses a period that is not two real dates in order, naming the field", () => {
    expect(() => buildReport(caseload, { ...period, from: "2026-02-30" })).toThrow(ReportPeriodError);
    expect(() => buildReport(caseload, { ...period, from: "1/7/2026" })).toThrow(/^from: expected a date/);
    expect(() => buildReport(caseload, { ...period, to: "2026-06-01" })).toThrow(/before from/);
  });

  it("writes one CSV line per figure with the meetings behind it, quoted and made inert for spreadsheets", () => {
    const csv = reportCsv(
      buildReport({ ...caseload, meetings: [held("m1", { team: '=HYPERLINK("x"), "Team"' })] }, period),
    );
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "from,to,as_at,dimension,group_key,group,measure,measure_label,count,meetings,children",
    );
    expect(lines).toContain(
      "2026-07-01,2026-07-31,2026-08-01,all,all,All meetings,held-on-time,Held within the statutory timescale,1,m1,",
    );
    expect(csv).toContain(`"'=HYPERLINK(""x""), ""Team"""`);
  });

  it("draws each chart as described SVG, and links every non-zero figure", () => {
    const sections = reportSections(report, (r, m) => `/report/figure?d=${r.dimension}&m=${m}`);
    const total = sections[0];
    expect(total?.heading).toBe("All meetings");
    const held = total?.charts.find((c) => c.id === "held")?.svg ?? "";
    expect(held).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-all-held-title chart-all-held-desc"/);
    expect(held).toContain(
      '<desc id="chart-all-held-desc">All meetings: 1 held within the statutory timescale, 1 held after the statutory date',
    );
    const cells = total?.tables.flatMap((t) => t.rows.flat()) ?? [];
    expect(cells.some((c) => c.html?.includes('href="/report/figure?d=all&#38;m=held-on-time"'))).toBe(true);
    expect(cells.filter((c) => c.text === "0").length).toBeGreaterThan(0);
  });
});

describe("the default period", () => {
  it("is the twelve months that end on the day given", () => {
    expect(twelveMonthsTo("2027-03-31")).toBe("2026-04-01");
    expect(twelveMonthsTo("2026-12-03")).toBe("2025-12-04");
  });
});
