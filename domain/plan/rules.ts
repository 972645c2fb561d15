/**
 * The seed 004 rules of the child's plan over time, each in one place, pure (dates in, facts out):
 * when the plan starts, when the first progress meeting is due, when each Child in Need visit is
 * due, what counts as a visit, and when closure is proposed.
 */
import { findMeetingType, loadCatalog } from "../catalog/index.ts";
import { addDays, addDuration, addMonths, type IsoDate, type Nation } from "../clock/index.ts";
import type { Scoring, Visit } from "./model.ts";

/**
 * "The plan will be created at day 20 of the Child and Family Assessment … The plan may start prior
 * to day 20 … however in all cases where a Child and Family Assessment continues beyond 20 days, a
 * Child and Family Progress Plan will be created." (seed 004, section 1). Calendar days (the seed
 * does not say working), day 1 being the day the assessment starts.
 */
export const planStartDay = 20;

/** The latest day the progress plan starts: day 20 of the assessment (seed 004, section 1). */
export function planStartDue(assessmentStart: IsoDate): IsoDate {
  return addDays(assessmentStart, planStartDay - 1);
}

/** Whether `planStart` is allowed: on or before day 20 ("may start prior to day 20"), never before the assessment. */
export function planStartProblem(
  assessmentStart: IsoDate,
  planStart: IsoDate,
): "before-assessment" | "after-day-20" | undefined {
  if (planStart < assessmentStart) return "before-assessment";
  if (planStart > planStartDue(assessmentStart)) return "after-day-20";
  return undefined;
}

/**
 * The first Child and Family Progress Meeting's due date from the plan starting. The rule itself is
 * the catalog's `plan-start` timescale of the `cfpm` type (domain/catalog/meeting-types.ts: "within
 * 10 days of the Child and Family Progress Plan starting", seed 004, section 2), read here so there
 * is one place for it: the same date createMeeting gives the meeting's `dueBy`.
 */
export function firstCfpmDueBy(planStart: IsoDate, nation: Nation): IsoDate {
  const timescale = findMeetingType(loadCatalog(), "cfpm")?.timescales.first.find(
    (t) => t.trigger === "plan-start",
  );
  if (!timescale?.duration) throw new Error("the catalog's cfpm type has no plan-start timescale");
  return addDuration(planStart, timescale.duration, nation);
}

/**
 * "Child in Need visits are to take place at intervals of once every 4 weeks for the first three
 * months and then once every 12 calendar weeks as a minimum thereafter" (seed 004, section 1).
 */
export const visitingPattern = {
  firstMonths: 3,
  firstIntervalDays: 4 * 7,
  thereafterIntervalDays: 12 * 7,
} as const;

/**
 * The day the next Child in Need visit is due by: 4 weeks after the last visit (or the plan's
 * start) while that is within the plan's first three months, 12 weeks after it from then on.
 * Only visits that took place count.
 * @example nextVisitDue("2026-01-05", []) // "2026-02-02"
 */
export function nextVisitDue(planStart: IsoDate, visits: Pick<Visit, "visitedOn">[]): IsoDate {
  const last = visits
    .map((v) => v.visitedOn)
    .filter((d): d is string => d !== undefined)
    .sort()
    .at(-1);
  const from = last && last > planStart ? last : planStart;
  const firstPeriodEnds = addMonths(planStart, visitingPattern.firstMonths);
  return addDays(
    from,
    from < firstPeriodEnds ? visitingPattern.firstIntervalDays : visitingPattern.thereafterIntervalDays,
  );
}

/**
 * "Visits to the child should take place outside of Child and Family Progress meetings … this visit
 * is not considered a Child in Need Visit" (seed 004, section 1).
 */
export function countsAsChildInNeedVisit(visit: { duringProgressMeeting: boolean }): boolean {
  return !visit.duringProgressMeeting;
}

/**
 * "The decision to close a case … will be when everyone judges the safety to be high enough and
 * permanent (usually everyone scoring 7 or above on the safety scale)" (seed 004, section 4).
 */
export const closureScore = 7;

/** Closure is proposed when every participant scored 7 or above (and someone scored). */
export function closureProposed(scores: Scoring["scores"]): boolean {
  return scores.length > 0 && scores.every((s) => s.score >= closureScore);
}

/**
 * "If a case is closed between Child and Family Progress Meetings … the rationale will be recorded
 * … by the Team Manager/Practice Supervisor" (seed 004, section 4): the roles that may close then.
 */
export const closesBetweenMeetings = ["team-manager", "practice-supervisor"] as const;
