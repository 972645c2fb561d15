/**
 * Record a Child in Need visit (seed 004, section 1):
 * 1. parse it: the date (not in the future, not before the plan), seen, seen alone, at home; a
 *    visit during a progress meeting is refused (rules.ts: countsAsChildInNeedVisit); a child not
 *    seen, or not seen alone or at home, needs a note saying why ("wherever possible");
 * 2. it answers the plan's due visit: its reminder and overdue timers removed;
 * 3. the next visit scheduled by the visiting pattern (rules.ts: nextVisitDue) with its timers;
 * 4. saved and audited (no child's name in the audit).
 */
import { z } from "zod";
import type { LifecycleKernel } from "../lifecycle/kernel.ts";
import { localDate } from "../lifecycle/time.ts";
import { NotFoundError } from "../ports/store.ts";
import { calendarDate, staffPersonInput, text } from "./inputs.ts";
import { type ChildPlan, PlanError, type Visit } from "./model.ts";
import { countsAsChildInNeedVisit, nextVisitDue } from "./rules.ts";
import { planDeps, scheduleVisit } from "./visit-timers.ts";

export const recordVisitSchema = z
  .strictObject({
    visitedOn: calendarDate(),
    seen: z.boolean(),
    seenAlone: z.boolean(),
    atHome: z.boolean(),
    duringProgressMeeting: z.boolean().default(false),
    note: text(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (!countsAsChildInNeedVisit(v))
      ctx.addIssue({
        code: "custom",
        path: ["duringProgressMeeting"],
        message:
          "a visit during a Child and Family Progress Meeting is not a Child in Need visit (seed 004): record the visit made outside the meeting",
      });
    if ((!v.seen || !v.seenAlone || !v.atHome) && !v.note)
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message:
          "say why the child was not seen, seen alone or visited at home (seed 004: wherever possible)",
      });
    if (!v.seen && v.seenAlone)
      ctx.addIssue({ code: "custom", path: ["seenAlone"], message: "a child not seen cannot be seen alone" });
  });
export type RecordVisitInput = z.input<typeof recordVisitSchema>;

/** A plan that takes visits and scores: an open (or closure-proposed) progress plan. */
export async function openProgressPlan(k: LifecycleKernel, planId: string): Promise<ChildPlan> {
  const plan = await planDeps(k).plans.getPlan(planId);
  if (plan.authorityId !== k.deps.settings.id) throw new NotFoundError(`plan ${planId} not found`);
  if (plan.kind !== "progress-plan")
    throw new PlanError("plan", "visits and safety scales are recorded on a Child and Family Progress Plan");
  if (plan.status === "closed" || plan.status === "replaced")
    throw new PlanError("plan", `the plan is ${plan.status}`);
  return plan;
}

export async function recordVisit(
  k: LifecycleKernel,
  planId: string,
  body: unknown,
  context: { by: { name: string; email: string }; via: string },
): Promise<{ plan: ChildPlan; visit: Visit; next: Visit }> {
  // 1. Parse.
  const input = recordVisitSchema.parse(body);
  const by = staffPersonInput.parse(context.by);
  const plan = await openProgressPlan(k, planId);
  const today = localDate(k.now(), k.deps.settings.timezone);
  if (input.visitedOn > today) throw new PlanError("visitedOn", `expected today (${today}) or earlier`);
  if (input.visitedOn < plan.planStart)
    throw new PlanError("visitedOn", `expected the plan's start (${plan.planStart}) or later`);
  // 2. The due visit answered.
  const due = plan.visits.find((v) => !v.visitedOn);
  if (!due) throw new PlanError("plan", "no visit is due on this plan");
  const { visitedOn, seen, seenAlone, atHome, note } = input;
  const visit: Visit = {
    ...due,
    visitedOn,
    seen,
    seenAlone,
    atHome,
    by,
    ...(note ? { note } : {}),
    recordedAt: k.now().toISOString(),
  };
  await k.deps.store.deleteTimersFor(plan.id, "visit", due.number);
  const visits = plan.visits.map((v) => (v.number === due.number ? visit : v));
  // 3. The next visit.
  const scheduled = await scheduleVisit(k, { ...plan, visits }, nextVisitDue(plan.planStart, visits));
  // 4. Saved, audited.
  const saved = await planDeps(k).plans.savePlan({ ...scheduled.plan, updatedAt: k.now().toISOString() });
  await k.audit(plan.id, by.email, "visit-recorded", context.via, {
    visit: visit.number,
    dueBy: visit.dueBy,
    visitedOn,
    seen,
    seenAlone,
    atHome,
    nextDueBy: scheduled.visit.dueBy,
  });
  return { plan: saved, visit, next: scheduled.visit };
}
