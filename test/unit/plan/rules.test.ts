/**
 * The child's plan rules of seed 004, pure: the plan at day 20 of the assessment, the first
 * progress meeting within 10 days of the plan starting, the Child in Need visiting pattern, what
 * counts as a visit, closure at 7 or above, and the visit timers on the statutory clock.
 * 2026: BST from Sunday 29 March; Good Friday 3 April, Easter Monday 6 April.
 */
import { describe, expect, it } from "vitest";
import { addWorkingDays } from "../../../domain/clock/index.ts";
import type { ChildPlan } from "../../../domain/plan/model.ts";
import { recordVisitSchema } from "../../../domain/plan/record-visit.ts";
import {
  closureProposed,
  countsAsChildInNeedVisit,
  firstCfpmDueBy,
  nextVisitDue,
  planStartDue,
  planStartProblem,
} from "../../../domain/plan/rules.ts";
import { startPlanSchema } from "../../../domain/plan/start-plan.ts";
import { visitTimers } from "../../../domain/plan/visit-timers.ts";
import { testSettings } from "../lifecycle/support.ts";

const tom = { name: "Tom Hughes", email: "tom@example.org" };

describe("the progress plan starts by day 20 of the assessment (seed 004)", () => {
  it("seed 004: day 20 counts the assessment's first day as day 1", () => {
    expect(planStartDue("2026-02-16")).toBe("2026-03-07");
  });

  it("seed 004: may start earlier, never before the assessment nor after day 20", () => {
    expect(planStartProblem("2026-02-16", "2026-02-16")).toBeUndefined();
    expect(planStartProblem("2026-02-16", "2026-03-07")).toBeUndefined();
    expect(planStartProblem("2026-02-16", "2026-03-08")).toBe("after-day-20");
    expect(planStartProblem("2026-02-16", "2026-02-15")).toBe("before-assessment");
  });

  it("names a date that is not a calendar day as its own field, without the day-20 check throwing", () => {
    for (const [assessmentStart, planStart, field] of [
      ["2026-02-00", "2026-03-02", "assessmentStart"],
      ["2026-02-16", "2026-02-30", "planStart"],
    ] as const) {
      const parsed = startPlanSchema.safeParse({
        childReference: "C-1",
        assessmentStart,
        planStart,
        worker: tom,
      });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual([field]);
    }
  });

  it("seed 004: refuses a late start without a reason, naming planStart and the day-20 date", () => {
    const late = startPlanSchema.safeParse({
      childReference: "C-1",
      assessmentStart: "2026-02-16",
      planStart: "2026-03-09",
      worker: tom,
    });
    expect(late.success).toBe(false);
    expect(late.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["planStart", expect.stringContaining("day 20 of the assessment, 2026-03-07 (seed 004)")],
    ]);
    const reasoned = startPlanSchema.safeParse({
      childReference: "C-1",
      assessmentStart: "2026-02-16",
      planStart: "2026-03-09",
      lateReason: "The assessment found the need on day 21.",
      worker: tom,
    });
    expect(reasoned.success).toBe(true);
  });

  it("seed 004: a progress plan needs the assessment's start; a TAC/ESCO plan does not", () => {
    const missing = startPlanSchema.safeParse({
      childReference: "C-1",
      planStart: "2026-03-02",
      worker: tom,
    });
    expect(missing.error?.issues[0]?.path).toEqual(["assessmentStart"]);
    expect(
      startPlanSchema.safeParse({
        kind: "tac-esco",
        childReference: "C-1",
        planStart: "2026-03-02",
        worker: tom,
      }).success,
    ).toBe(true);
  });
});

describe("the first Child and Family Progress Meeting (seed 004)", () => {
  it("seed 004: is due within 10 days of the plan starting, inside 10 working days", () => {
    expect(firstCfpmDueBy("2026-03-02", "england-and-wales")).toBe("2026-03-12");
    // Over Easter the 10 days are still within 10 working days.
    const easter = firstCfpmDueBy("2026-03-30", "england-and-wales");
    expect(easter).toBe("2026-04-09");
    expect(easter <= addWorkingDays("2026-03-30", 10, "england-and-wales")).toBe(true);
  });
});

describe("Child in Need visits (seed 004)", () => {
  it("seed 004: every 4 weeks for the first three months", () => {
    expect(nextVisitDue("2026-03-02", [])).toBe("2026-03-30");
    expect(nextVisitDue("2026-03-02", [{ visitedOn: "2026-03-25" }])).toBe("2026-04-22");
    // The last visit within three months of the start (before 2 June) is followed 4 weeks on.
    expect(nextVisitDue("2026-03-02", [{ visitedOn: "2026-06-01" }])).toBe("2026-06-29");
  });

  it("seed 004: then every 12 calendar weeks as a minimum thereafter", () => {
    expect(nextVisitDue("2026-03-02", [{ visitedOn: "2026-06-02" }])).toBe("2026-08-25");
    expect(nextVisitDue("2026-03-02", [{ visitedOn: "2026-04-01" }, { visitedOn: "2026-06-20" }, {}])).toBe(
      "2026-09-12",
    );
  });

  it("seed 004: a visit during a progress meeting is not a Child in Need visit", () => {
    expect(countsAsChildInNeedVisit({ duringProgressMeeting: true })).toBe(false);
    const refused = recordVisitSchema.safeParse({
      visitedOn: "2026-03-10",
      seen: true,
      seenAlone: true,
      atHome: true,
      duringProgressMeeting: true,
    });
    expect(refused.error?.issues.map((i) => i.path.join("."))).toEqual(["duringProgressMeeting"]);
  });

  it("seed 004: a child not seen alone or not at home needs a note saying why", () => {
    const bare = recordVisitSchema.safeParse({
      visitedOn: "2026-03-10",
      seen: true,
      seenAlone: false,
      atHome: true,
    });
    expect(bare.error?.issues.map((i) => i.path.join("."))).toEqual(["note"]);
    expect(
      recordVisitSchema.safeParse({
        visitedOn: "2026-03-10",
        seen: true,
        seenAlone: false,
        atHome: true,
        note: "Alex asked for their mother to stay.",
      }).success,
    ).toBe(true);
  });

  it("seed 004: reminds the worker before and on the due day, escalates 1 working day overdue", () => {
    const plan = { id: "plan1" } as ChildPlan;
    // Due Monday 30 March 2026 (BST): reminders Thursday 26 and Monday 30 at 09:00, overdue Tuesday 31 at 17:00.
    const timers = visitTimers(
      plan,
      { number: 1, dueBy: "2026-03-30" },
      testSettings,
      new Date("2026-03-02T09:00:00Z"),
    );
    expect(timers.map((t) => [t.id, t.kind, t.dueAt, t.purpose, t.meetingId, t.ref])).toEqual([
      ["r0-0", "reminder", "2026-03-26T09:00:00.000Z", "visit", "plan1", 1],
      ["r1-0", "reminder", "2026-03-30T08:00:00.000Z", "visit", "plan1", 1],
      ["d-0", "deadline", "2026-03-31T16:00:00.000Z", "visit", "plan1", 1],
    ]);
    // Due Good Friday: reminded the working day before, overdue after Easter Monday.
    const easter = visitTimers(
      plan,
      { number: 2, dueBy: "2026-04-03" },
      testSettings,
      new Date("2026-03-02T09:00:00Z"),
    );
    expect(easter.map((t) => t.dueAt)).toEqual([
      "2026-04-01T08:00:00.000Z",
      "2026-04-02T08:00:00.000Z",
      "2026-04-07T16:00:00.000Z",
    ]);
  });
});

describe("closure (seed 004)", () => {
  const score = (...s: number[]) =>
    s.map((n, i) => ({ name: `P${i}`, relationship: "parent" as const, score: n }));
  it("seed 004: is proposed when everyone scores 7 or above on the safety scale", () => {
    expect(closureProposed(score(7, 8, 10))).toBe(true);
    expect(closureProposed(score(7, 6, 10))).toBe(false);
    expect(closureProposed([])).toBe(false);
  });
});
