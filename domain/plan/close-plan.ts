/**
 * Close a child's plan (seed 004, section 4):
 * 1. parse: where it was decided (at a Child and Family Progress Meeting, or between meetings) and
 *    the rationale, always recorded;
 * 2. at a meeting: a held progress meeting of this child; between meetings: only a team manager
 *    or practice supervisor closes (rules.ts: closesBetweenMeetings), their rationale the record;
 * 3. the closure letters, one each for the child (child-friendly wording), the parents and the
 *    professionals ("closure letters will be sent to children, parents and professionals"), kept
 *    as Word files with the plan and emailed, once, to each person of the plan whose address is
 *    known; the others are listed to be posted;
 * 4. the due visit's timers removed, the plan closed, saved and audited.
 */
import { z } from "zod";
import type { LifecycleKernel } from "../lifecycle/kernel.ts";
import { NotFoundError } from "../ports/store.ts";
import { text } from "./inputs.ts";
import {
  type ChildPlan,
  type ClosureLetter,
  type LetterAudience,
  letterAudiences,
  PlanError,
  type Relationship,
} from "./model.ts";
import { heldProgressMeeting } from "./record-scores.ts";
import { closesBetweenMeetings } from "./rules.ts";
import { planDeps } from "./visit-timers.ts";

export const closePlanSchema = z
  .strictObject({
    decidedAt: z.enum(["progress-meeting", "between-meetings"], {
      error: "expected progress-meeting or between-meetings",
    }),
    meetingId: text(100).optional(),
    rationale: text(4000),
  })
  .superRefine((v, ctx) => {
    if (v.decidedAt === "progress-meeting" && !v.meetingId)
      ctx.addIssue({
        code: "custom",
        path: ["meetingId"],
        message: "expected the progress meeting that decided it",
      });
  });
export type ClosePlanInput = z.input<typeof closePlanSchema>;

/** Which letter each person of the plan gets. */
const audienceOf: Record<Relationship, LetterAudience> = {
  child: "child",
  parent: "parents",
  "family-network": "parents",
  professional: "professionals",
};

export interface ClosingPerson {
  name: string;
  email: string;
  /** The closer's directory role (e.g. `team-manager`, `practice-supervisor`) or workspace groups. */
  roles: string[];
}

export async function closePlan(
  k: LifecycleKernel,
  planId: string,
  body: unknown,
  context: { by: ClosingPerson; via: string },
): Promise<ChildPlan> {
  const { plans, planMessages } = planDeps(k);
  // 1. Parse.
  const input = closePlanSchema.parse(body);
  const plan = await plans.getPlan(planId);
  if (plan.authorityId !== k.deps.settings.id) throw new NotFoundError(`plan ${planId} not found`);
  if (plan.status === "closed" || plan.status === "replaced")
    throw new PlanError("plan", `the plan is ${plan.status} already`);
  // 2. Who decides, where.
  if (input.decidedAt === "progress-meeting")
    await heldProgressMeeting(k, plan, input.meetingId ?? "", "meetingId");
  else if (!context.by.roles.some((r) => (closesBetweenMeetings as readonly string[]).includes(r)))
    throw new PlanError(
      "decidedAt",
      "a plan closed between Child and Family Progress Meetings is closed by the Team Manager or Practice Supervisor, who records the rationale (seed 004)",
    );
  // 3. The letters: kept, and emailed where an address is known.
  const letters: ClosureLetter[] = [];
  const closing: ChildPlan = { ...plan, status: "closed" };
  for (const audience of letterAudiences) {
    const letter = await planMessages.closureLetter(closing, audience);
    // Under documents/: the documents bucket in the cloud (S3BlobStore maps the first segment to a bucket).
    const blobKey = `documents/plans/${plan.id}/letters/${audience}.docx`;
    await k.deps.blobs.put(blobKey, letter.content, letter.contentType);
    const people = plan.people.filter((p) => audienceOf[p.relationship] === audience);
    const emailed = people.filter((p): p is typeof p & { email: string } => p.email !== undefined);
    await k.sendAll(
      plan,
      emailed.map((p) => planMessages.closureLetterEmail(closing, { name: p.name, email: p.email }, letter)),
      { once: `closure-letter:${audience}` },
    );
    letters.push({
      audience,
      filename: letter.filename,
      blobKey,
      emailedTo: emailed.map((p) => p.email.toLowerCase()),
      toPost: people.filter((p) => !p.email).map((p) => p.name),
    });
  }
  // 4. Closed.
  for (const v of plan.visits.filter((v) => !v.visitedOn))
    await k.deps.store.deleteTimersFor(plan.id, "visit", v.number);
  const at = k.now().toISOString();
  const saved = await plans.savePlan({
    ...plan,
    status: "closed",
    closure: {
      decidedAt:
        input.decidedAt === "progress-meeting"
          ? { kind: "progress-meeting", meetingId: input.meetingId ?? "" }
          : { kind: "between-meetings" },
      rationale: input.rationale,
      by: { name: context.by.name, email: context.by.email },
      at,
      letters,
    },
    updatedAt: at,
  });
  await k.audit(plan.id, context.by.email, "plan-closed", context.via, {
    decidedAt: input.decidedAt,
    meetingId: input.meetingId,
    letters: letters.map((l) => ({
      audience: l.audience,
      emailed: l.emailedTo.length,
      toPost: l.toPost.length,
    })),
  });
  return saved;
}
