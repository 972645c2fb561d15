/**
 * A Child in Need visit's reminders and escalation, on the sweeper's timers (purpose `visit`, the
 * plan's id in the meeting-id slot, the visit's number as ref):
 * 1. reminders to the worker `actionReminderWorkingDaysBefore` working days before the due day and
 *    on it (at the start of the working day), as for an action;
 * 2. the deadline when the visit is `lineManagerAfterWorkingDays` working days overdue (end of the
 *    day): the worker's team manager is told, the worker copied (seed 001: own line manager first);
 * 3. a timer whose visit has been recorded (or whose plan is no longer open, or was never stored)
 *    does nothing.
 * Each email is one send batch, so a timer fired again after a crash sends only what was unsent.
 */
import { addWorkingDays, isWorkingDay } from "../clock/index.ts";
import { backWorkingDays, endOfDay, startOfDay } from "../lifecycle/deadlines.ts";
import type { LifecycleKernel } from "../lifecycle/kernel.ts";
import type { Timer } from "../lifecycle/model.ts";
import type { LifecycleSettings } from "../lifecycle/settings.ts";
import { atLocalTime, localDate } from "../lifecycle/time.ts";
import type { PlanDeps } from "../ports/plans.ts";
import { NotFoundError } from "../ports/store.ts";
import type { ChildPlan, Visit } from "./model.ts";

/** The visit timers of a plan's due visit (pure). */
export function visitTimers(plan: ChildPlan, visit: Visit, s: LifecycleSettings, now: Date): Timer[] {
  const tz = s.timezone;
  const base = { meetingId: plan.id, purpose: "visit" as const, ref: visit.number, level: 0 };
  const dueDay = isWorkingDay(visit.dueBy, s.nation) ? visit.dueBy : backWorkingDays(visit.dueBy, 1, s);
  const reminders = [
    atLocalTime(
      backWorkingDays(visit.dueBy, s.escalation.actionReminderWorkingDaysBefore, s),
      startOfDay,
      tz,
    ),
    atLocalTime(dueDay, startOfDay, tz),
  ];
  const deadline = atLocalTime(
    addWorkingDays(visit.dueBy, s.escalation.lineManagerAfterWorkingDays, s.nation),
    endOfDay,
    tz,
  );
  return [
    ...reminders
      .filter((r, i) => r > now && reminders.findIndex((o) => o.getTime() === r.getTime()) === i)
      .map((r, i) => ({ ...base, id: `r${i}-0`, kind: "reminder" as const, dueAt: r.toISOString() })),
    { ...base, id: "d-0", kind: "deadline" as const, dueAt: deadline.toISOString() },
  ];
}

/** The plans port, or a clear error where a composition root did not wire it. */
export function planDeps(k: LifecycleKernel): PlanDeps {
  const plans = k.deps.plans;
  if (!plans) throw new Error("the child's plans are not wired into this runtime (LifecycleDeps.plans)");
  return plans;
}

/** Fires one visit timer (the sweeper calls this for purpose `visit`). */
export async function fireVisitTimer(
  k: LifecycleKernel,
  timer: Timer,
): Promise<"reminded" | "escalated" | "none"> {
  const { plans, planMessages } = planDeps(k);
  let plan: ChildPlan;
  try {
    plan = await plans.getPlan(timer.meetingId);
  } catch (error) {
    // A timer whose plan was never stored (a start that failed after its timers): nothing to chase,
    // and one stray timer must not stop the sweep of every other meeting.
    if (error instanceof NotFoundError) return "none";
    throw error;
  }
  const visit = plan.visits.find((v) => v.number === timer.ref);
  // 3. Recorded, or the plan is closed or replaced: nothing to chase.
  if (!visit || visit.visitedOn || plan.status === "closed" || plan.status === "replaced") return "none";
  const once = `visit:${plan.id}:v${visit.number}:${timer.id}`;
  if (timer.kind === "reminder") {
    // 1. The worker is reminded.
    const today = localDate(k.now(), k.deps.settings.timezone);
    await k.send(
      plan,
      planMessages.visitReminder(plan, visit, today >= visit.dueBy ? "due-today" : "before-due"),
      once,
    );
    await k.audit(plan.id, "sweeper", "visit-reminder", "workflow", {
      visit: visit.number,
      dueBy: visit.dueBy,
    });
    return "reminded";
  }
  // 2. Overdue: the team manager is told, once.
  await k.send(plan, planMessages.visitOverdue(plan, visit), once);
  await plans.savePlan({
    ...plan,
    visits: plan.visits.map((v) => (v.number === visit.number ? { ...v, escalated: true } : v)),
    updatedAt: k.now().toISOString(),
  });
  await k.audit(plan.id, "sweeper", "escalation:visit-overdue", "workflow", {
    visit: visit.number,
    dueBy: visit.dueBy,
    to: [plan.teamManager.email],
  });
  return "escalated";
}

/**
 * Schedules the plan's next visit: the due entry added to the plan (by the visiting pattern,
 * rules.ts) and its timers stored. Returns the plan with the new visit (not yet saved).
 */
export async function scheduleVisit(
  k: LifecycleKernel,
  plan: ChildPlan,
  dueBy: string,
): Promise<{ plan: ChildPlan; visit: Visit }> {
  const number = (plan.visits.at(-1)?.number ?? 0) + 1;
  const visit: Visit = { number, dueBy };
  await k.deps.store.putTimers(visitTimers(plan, visit, k.deps.settings, k.now()));
  return { plan: { ...plan, visits: [...plan.visits, visit] }, visit };
}
