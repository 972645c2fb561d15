/**
 * Start a child's plan (seed 004, section 1): a Child and Family Progress Plan, or a Team Around
 * the Child/ESCO plan for a case not (yet) in need of a progress plan.
 *
 * 1. Parse the request; a progress plan starts no later than day 20 of the Child and Family
 *    Assessment (rules.ts: planStartDue), unless a reason for the late start is given (audited).
 * 2. No other open plan of the same kind for the child.
 * 3. The worker's team manager from the staff directory (else the authority's contact).
 * 4. The first progress meeting's due date (rules.ts: firstCfpmDueBy); when its date and invitees
 *    are given, the meeting is convened through createMeeting with the `plan-start` trigger, so its
 *    `dueBy` is the same date.
 * 5. The first Child in Need visit scheduled by the visiting pattern, with its reminder and overdue
 *    timers (visit-timers.ts).
 * 6. Stored; an open TAC/ESCO plan of the child is replaced by the progress plan ("the Child and
 *    Family Progress Plan will replace the TAC/ESCO plan", seed 004, section 1); audited.
 */
import { z } from "zod";
import { teamManagerFor } from "../directory/lookups.ts";
import type { LifecycleKernel } from "../lifecycle/kernel.ts";
import type { Meeting } from "../lifecycle/model.ts";
import type { DirectoryStore } from "../ports/directory.ts";
import { calendarDate, staffPersonInput, text } from "./inputs.ts";
import { type ChildPlan, PlanError, planKindSchema, planPersonSchema } from "./model.ts";
import { firstCfpmDueBy, nextVisitDue, planStartDue, planStartProblem } from "./rules.ts";
import { planDeps, scheduleVisit } from "./visit-timers.ts";

export const startPlanSchema = z
  .strictObject({
    kind: planKindSchema.default("progress-plan"),
    childReference: text(100),
    childName: text(200).optional(),
    /** The day the Child and Family Assessment started (progress plans). */
    assessmentStart: calendarDate().optional(),
    planStart: calendarDate(),
    /** Why a progress plan starts after day 20 of the assessment (recorded and audited). */
    lateReason: text(2000).optional(),
    /** The allocated social worker. */
    worker: staffPersonInput,
    people: z.array(planPersonSchema).max(100, "expected at most 100 people").default([]),
    /**
     * The first Child and Family Progress Meeting to convene now: the plan request's date, length
     * and invitees (domain/planning); the type, child, trigger and chair (the worker) are filled in.
     */
    firstMeeting: z
      .strictObject({
        proposedStart: z.string(),
        durationMinutes: z.number(),
        onlineLink: z.string().optional(),
        invitees: z.array(z.unknown()).default([]),
        overrides: z.array(z.unknown()).optional(),
      })
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.kind !== "progress-plan") return;
    if (!input.assessmentStart) {
      ctx.addIssue({
        code: "custom",
        path: ["assessmentStart"],
        message: "a Child and Family Progress Plan needs the day the Child and Family Assessment started",
      });
      return;
    }
    // zod runs this refinement even when a date field already failed its own check (not a calendar
    // day, out of range): that field's issue says what is wrong, and no date sum is made with it.
    if (
      !calendarDate().safeParse(input.assessmentStart).success ||
      !calendarDate().safeParse(input.planStart).success
    )
      return;
    const problem = planStartProblem(input.assessmentStart, input.planStart);
    if (problem === "before-assessment")
      ctx.addIssue({
        code: "custom",
        path: ["planStart"],
        message: `expected a date on or after the assessment started (${input.assessmentStart})`,
      });
    if (problem === "after-day-20" && !input.lateReason)
      ctx.addIssue({
        code: "custom",
        path: ["planStart"],
        message: `the plan is created at day 20 of the assessment, ${planStartDue(input.assessmentStart)} (seed 004): choose that date or earlier, or give the reason it starts late`,
      });
  });
export type StartPlanInput = z.input<typeof startPlanSchema>;

export interface StartPlanPorts {
  directory?: Pick<DirectoryStore, "getDirectory"> | undefined;
  /** The create-meeting use case, as the composition root wires it. */
  convene?: ((body: unknown) => Promise<{ meeting: Meeting }>) | undefined;
}

export async function startPlan(
  k: LifecycleKernel,
  ports: StartPlanPorts,
  body: unknown,
  context: { actor: string; via: string },
): Promise<ChildPlan> {
  const { plans } = planDeps(k);
  const s = k.deps.settings;
  const now = k.now();
  // 1. Parse.
  const input = startPlanSchema.parse(body);
  const progress = input.kind === "progress-plan";
  // 2. One open plan of a kind per child.
  const existing = await plans.childPlans(s.id, input.childReference);
  const live = (p: ChildPlan) => p.status === "open" || p.status === "closure-proposed";
  if (existing.some((p) => p.kind === input.kind && live(p)))
    throw new PlanError(
      "childReference",
      `the child already has an open ${progress ? "Child and Family Progress Plan" : "TAC/ESCO plan"}`,
    );
  // 3. The team manager.
  const staff = ports.directory ? await ports.directory.getDirectory(s.id) : undefined;
  const tm = staff ? teamManagerFor(staff, input.worker.email) : undefined;
  const teamManager = tm ? { name: tm.name, email: tm.email } : s.contacts.teamManager;
  const id = `plan${k.deps.newMeetingId()}`;
  let plan: ChildPlan = {
    id,
    authorityId: s.id,
    childReference: input.childReference,
    ...(input.childName ? { childName: input.childName } : {}),
    kind: input.kind,
    status: "open",
    ...(input.assessmentStart ? { assessmentStart: input.assessmentStart } : {}),
    planStart: input.planStart,
    worker: input.worker,
    teamManager,
    people: input.people,
    visits: [],
    scorings: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 0,
  };
  if (progress) {
    // 4. The first progress meeting.
    plan.firstMeetingDueBy = firstCfpmDueBy(input.planStart, s.nation);
    if (input.firstMeeting && ports.convene) {
      const { meeting } = await ports.convene({
        plan: {
          meetingType: "cfpm",
          child: { reference: input.childReference, ...(input.childName ? { name: input.childName } : {}) },
          trigger: { kind: "plan-start", date: input.planStart },
          proposedStart: input.firstMeeting.proposedStart,
          durationMinutes: input.firstMeeting.durationMinutes,
          ...(input.firstMeeting.onlineLink ? { onlineLink: input.firstMeeting.onlineLink } : {}),
          chair: { ...input.worker, role: "social-worker" },
          invitees: input.firstMeeting.invitees,
        },
        ...(input.firstMeeting.overrides ? { overrides: input.firstMeeting.overrides } : {}),
      });
      plan.firstMeetingId = meeting.id;
    }
    // 5. The first visit.
    plan = (await scheduleVisit(k, plan, nextVisitDue(input.planStart, []))).plan;
  }
  // 6. Stored, the TAC/ESCO plan replaced, audited.
  await plans.createPlan(plan);
  const replaced = progress ? existing.find((p) => p.kind === "tac-esco" && live(p)) : undefined;
  if (replaced) {
    await plans.savePlan({ ...replaced, status: "replaced", replacedBy: id, updatedAt: now.toISOString() });
    plan = await plans.savePlan({ ...plan, replaces: replaced.id });
    await k.audit(replaced.id, context.actor, "plan-replaced", context.via, { by: id });
  }
  await k.audit(id, context.actor, "plan-started", context.via, {
    kind: plan.kind,
    planStart: plan.planStart,
    firstMeetingDueBy: plan.firstMeetingDueBy,
    firstMeetingId: plan.firstMeetingId,
    ...(input.lateReason ? { lateReason: input.lateReason } : {}),
    ...(replaced ? { replaces: replaced.id } : {}),
  });
  return plan;
}
