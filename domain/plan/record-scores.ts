/**
 * Record the safety-scale scores given at a Child and Family Progress Meeting (seed 004, section 4):
 * 1. parse them (each participant 0–10);
 * 2. the meeting is a held progress meeting of this child (scores come from a meeting);
 * 3. kept with the plan; when everyone scored 7 or above (rules.ts: closureProposed) closure is
 *    proposed and the chair and team manager are told, once per meeting; when not, a proposal
 *    from an earlier meeting is withdrawn (the plan is open again);
 * 4. saved and audited.
 */
import { z } from "zod";
import { address, type LifecycleKernel } from "../lifecycle/kernel.ts";
import { phaseIndex } from "../lifecycle/phases.ts";
import { localDate } from "../lifecycle/time.ts";
import { NotFoundError } from "../ports/store.ts";
import { text } from "./inputs.ts";
import { type ChildPlan, PlanError, relationshipSchema } from "./model.ts";
import { openProgressPlan } from "./record-visit.ts";
import { closureProposed } from "./rules.ts";
import { planDeps } from "./visit-timers.ts";

export const recordScoresSchema = z.strictObject({
  meetingId: text(100),
  scores: z
    .array(
      z.strictObject({
        name: text(200),
        relationship: relationshipSchema,
        score: z
          .number({ error: "expected a whole number from 0 to 10" })
          .int("expected a whole number from 0 to 10")
          .min(0, "expected a whole number from 0 to 10")
          .max(10, "expected a whole number from 0 to 10"),
      }),
    )
    .min(1, "expected at least one participant's score")
    .max(100, "expected at most 100 scores"),
});
export type RecordScoresInput = z.input<typeof recordScoresSchema>;

/** A held Child and Family Progress Meeting of the plan's child (for scores and closure). */
export async function heldProgressMeeting(
  k: LifecycleKernel,
  plan: ChildPlan,
  meetingId: string,
  field: string,
) {
  let meeting: Awaited<ReturnType<typeof k.deps.store.getMeeting>>;
  try {
    meeting = await k.deps.store.getMeeting(meetingId);
  } catch (error) {
    if (error instanceof NotFoundError) throw new PlanError(field, `no meeting ${meetingId}`);
    throw error;
  }
  if (
    meeting.typeId !== "cfpm" ||
    meeting.authorityId !== plan.authorityId ||
    meeting.child.reference !== plan.childReference
  )
    throw new PlanError(field, "expected a Child and Family Progress Meeting of this child");
  if (meeting.phase === "cancelled" || phaseIndex(meeting.phase) < phaseIndex("transcribe"))
    throw new PlanError(field, "the meeting has not been held yet");
  return meeting;
}

export async function recordScores(
  k: LifecycleKernel,
  planId: string,
  body: unknown,
  context: { actor: string; via: string },
): Promise<{ plan: ChildPlan; closureProposed: boolean }> {
  const { plans, planMessages } = planDeps(k);
  // 1. Parse.
  const input = recordScoresSchema.parse(body);
  // 2. A held meeting of this child.
  const plan = await openProgressPlan(k, planId);
  const meeting = await heldProgressMeeting(k, plan, input.meetingId, "meetingId");
  // 3. Kept; closure proposed or withdrawn.
  const proposed = closureProposed(input.scores);
  const scoring = {
    meetingId: meeting.id,
    heldOn: localDate(new Date(meeting.start), k.deps.settings.timezone),
    scores: input.scores,
    recordedBy: context.actor,
    recordedAt: k.now().toISOString(),
  };
  const saved = await plans.savePlan({
    ...plan,
    scorings: [...plan.scorings.filter((s) => s.meetingId !== meeting.id), scoring],
    status: proposed ? "closure-proposed" : "open",
    updatedAt: k.now().toISOString(),
  });
  if (proposed)
    await k.send(
      saved,
      planMessages.closureProposed(saved, [address(meeting.chair), address(saved.teamManager)]),
      `closure-proposed:${meeting.id}`,
    );
  // 4. Audited (scores without names).
  await k.audit(plan.id, context.actor, proposed ? "closure-proposed" : "scores-recorded", context.via, {
    meetingId: meeting.id,
    scores: input.scores.map((s) => ({ relationship: s.relationship, score: s.score })),
  });
  return { plan: saved, closureProposed: proposed };
}
