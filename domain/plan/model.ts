/**
 * The child's plan over time (seed 004, issue 13 part 2): a Child and Family Progress Plan, or the
 * Team Around the Child/ESCO plan it replaces, per child reference in an authority, with its Child
 * in Need visits, the safety-scale scores given at its progress meetings, and its closure. Parsed
 * by these schemas whenever it is read back from the store.
 */
import { z } from "zod";
import { isoDateSchema } from "../clock/index.ts";
import { personSchema } from "../lifecycle/model.ts";

export const planKinds = ["progress-plan", "tac-esco"] as const;
export const planKindSchema = z.enum(planKinds);
export type PlanKind = z.infer<typeof planKindSchema>;

export const planStatuses = ["open", "closure-proposed", "closed", "replaced"] as const;
export const planStatusSchema = z.enum(planStatuses);
export type PlanStatus = z.infer<typeof planStatusSchema>;

/** Who a closure letter is written for (seed 004, section 4: "children, parents and professionals"). */
export const letterAudiences = ["child", "parents", "professionals"] as const;
export const letterAudienceSchema = z.enum(letterAudiences);
export type LetterAudience = z.infer<typeof letterAudienceSchema>;

/** How someone in the plan relates to the child: which closure letter they get. */
export const relationships = ["child", "parent", "family-network", "professional"] as const;
export const relationshipSchema = z.enum(relationships);
export type Relationship = z.infer<typeof relationshipSchema>;

/** Someone in the plan: the child, a parent or carer, a support person, a professional. */
export const planPersonSchema = z.object({
  name: z.string().min(1).max(200),
  relationship: relationshipSchema,
  /** Where their closure letter is emailed; without one it is kept to be posted. */
  email: z.string().email().max(254).optional(),
  agency: z.string().max(200).optional(),
});
export type PlanPerson = z.infer<typeof planPersonSchema>;

/** One Child in Need visit: due by the visiting pattern, then recorded as it took place. */
export const visitSchema = z.object({
  /** 1 for the first visit of the plan, 2 for the next, … (the timers' ref). */
  number: z.number().int().min(1),
  /** YYYY-MM-DD: due by this day (visit-schedule.ts). */
  dueBy: isoDateSchema,
  visitedOn: isoDateSchema.optional(),
  seen: z.boolean().optional(),
  seenAlone: z.boolean().optional(),
  /** Seen at home (seed 004: "visited at home … wherever possible"). */
  atHome: z.boolean().optional(),
  by: personSchema.optional(),
  note: z.string().max(2000).optional(),
  recordedAt: z.string().optional(),
  /** The visit was escalated to the team manager as overdue (once). */
  escalated: z.boolean().optional(),
});
export type Visit = z.infer<typeof visitSchema>;

/** Safety-scale scores given at one Child and Family Progress Meeting (0 = no safety, 10 = safe and permanent). */
export const scoringSchema = z.object({
  meetingId: z.string().min(1),
  /** YYYY-MM-DD the meeting was held. */
  heldOn: isoDateSchema,
  scores: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        relationship: relationshipSchema,
        score: z.number().int().min(0).max(10),
      }),
    )
    .min(1),
  recordedBy: z.string().min(1),
  recordedAt: z.string(),
});
export type Scoring = z.infer<typeof scoringSchema>;

export const closureLetterSchema = z.object({
  audience: letterAudienceSchema,
  filename: z.string().min(1),
  /** Where the Word file is kept (BlobStore): `documents/plans/<plan>/letters/<audience>.docx`. */
  blobKey: z.string().min(1),
  /** Emailed to these addresses. */
  emailedTo: z.array(z.string()),
  /** No address known: to be posted to these people. */
  toPost: z.array(z.string()),
});
export type ClosureLetter = z.infer<typeof closureLetterSchema>;

export const closureSchema = z.object({
  /** Decided at a progress meeting (its id), or between meetings by the team manager (seed 004, section 4). */
  decidedAt: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("progress-meeting"), meetingId: z.string().min(1) }),
    z.object({ kind: z.literal("between-meetings") }),
  ]),
  rationale: z.string().min(1).max(4000),
  by: personSchema,
  at: z.string(),
  letters: z.array(closureLetterSchema).default([]),
});
export type Closure = z.infer<typeof closureSchema>;

export const childPlanSchema = z.object({
  id: z.string().min(1),
  authorityId: z.string().min(1),
  childReference: z.string().min(1).max(100),
  /** The child's name as the family uses it: in the child's own letter only, never in a log. */
  childName: z.string().max(200).optional(),
  kind: planKindSchema,
  status: planStatusSchema,
  /** YYYY-MM-DD the Child and Family Assessment started (progress plans). */
  assessmentStart: isoDateSchema.optional(),
  /** YYYY-MM-DD the plan started. */
  planStart: isoDateSchema,
  /** The allocated social worker, who visits. */
  worker: personSchema,
  /** The worker's team manager: told of overdue visits, proposed closures; closes between meetings. */
  teamManager: personSchema,
  people: z.array(planPersonSchema).default([]),
  /** YYYY-MM-DD the first progress meeting is due by (first-cfpm rule). */
  firstMeetingDueBy: isoDateSchema.optional(),
  /** The first progress meeting, once convened. */
  firstMeetingId: z.string().optional(),
  visits: z.array(visitSchema).default([]),
  scorings: z.array(scoringSchema).default([]),
  closure: closureSchema.optional(),
  /** The TAC/ESCO plan this progress plan replaced, or the progress plan that replaced this one. */
  replaces: z.string().optional(),
  replacedBy: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Optimistic lock: every update is conditional on the version read. */
  version: z.number().int().min(0),
});
export type ChildPlan = z.infer<typeof childPlanSchema>;

/** A plan a use case could not act on as asked (named field, what was expected). */
export class PlanError extends Error {
  override name = "PlanError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}
