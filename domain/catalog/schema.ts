/**
 * The zod schemas of the meeting-type catalog. The catalog data (meeting-types.ts) is parsed with
 * these when it is loaded, so a typo in a role id, a duration or a section id fails at start-up with
 * the field named, not later in a meeting.
 */
import { z } from "zod";
import { durationSchema } from "#domain/clock/index.ts";
import { sectionIds } from "../minutes/model.ts";
import { roleIdSchema } from "./roles.ts";
import { strictObject } from "./validation.ts";

/** The five source documents in /seeds (domain.md "Seeds"). */
export const seedIds = ["000", "001", "002", "003", "004"] as const;
export const seedIdSchema = z.enum(seedIds);
export type SeedId = z.infer<typeof seedIdSchema>;

/** The meeting types of domain.md section 1. */
export const meetingTypeIds = [
  "pm",
  "rpm",
  "core-group",
  "cfpm",
  "fnm",
  "tac",
  "cpm",
  "specific-issue-cpm",
  "legal-cpm",
  "lpm",
  "pre-proceedings",
  "permanency-planning",
  "generic",
] as const;
export const meetingTypeIdSchema = z.enum(meetingTypeIds, {
  error: (issue) =>
    `unknown meeting type ${JSON.stringify(issue.input)} (expected one of ${meetingTypeIds.join(", ")})`,
});
/** A meeting type id, e.g. `"cfpm"`. */
export type MeetingTypeId = z.infer<typeof meetingTypeIdSchema>;

/** The events a timescale runs from. */
export const triggerKinds = [
  "strategy-discussion",
  "s47-enquiry-end",
  "plan-start",
  "s47-cp-threshold-met",
  "previous-meeting",
  "cla-review",
  "proceedings-issued",
  "case-management-hearing",
  "legal-gateway",
  "specific-issue",
  "none",
] as const;
export const triggerKindSchema = z.enum(triggerKinds, {
  error: (issue) =>
    `unknown trigger kind ${JSON.stringify(issue.input)} (expected one of ${triggerKinds.join(", ")})`,
});
export type TriggerKind = z.infer<typeof triggerKindSchema>;

/** What each trigger kind means, for messages and `convene types show`. */
export const triggerDescriptions: Record<TriggerKind, string> = {
  "strategy-discussion": "the Strategy Discussion",
  "s47-enquiry-end": "the end of the Section 47 enquiry",
  "plan-start": "the Child and Family Progress Plan starting",
  "s47-cp-threshold-met": "the Section 47 investigation finding the Child Protection threshold met",
  "previous-meeting": "the previous meeting of this type",
  "cla-review": "the last Child Looked After Review",
  "proceedings-issued": "the issue of care proceedings",
  "case-management-hearing": "the Case Management Hearing",
  "legal-gateway": "the legal gateway decision",
  "specific-issue": "the specific issue arising",
  none: "no trigger",
};

/**
 * How a timescale constrains the meeting date:
 * - `within`: held on or before trigger + duration;
 * - `before`: held before the trigger date (e.g. before the Case Management Hearing);
 * - `after`: held after the trigger, with no deadline in the seeds.
 */
export const timescaleRuleSchema = z.enum(["within", "before", "after"]);

/** One timescale for the first meeting, from one trigger. */
export const timescaleSchema = strictObject({
  trigger: triggerKindSchema,
  rule: timescaleRuleSchema,
  duration: durationSchema.nullable(),
  /** `required` by the seed's procedure, or only `recommended` ("ideally", "as early as possible"). */
  basis: z.enum(["required", "recommended"]),
  seed: seedIdSchema,
  /** The seed's words, or a close paraphrase. */
  source: z.string().min(1),
  note: z.string().optional(),
}).refine((t) => t.rule !== "within" || t.duration !== null, {
  error: "a 'within' timescale needs a duration",
  path: ["duration"],
});
export type Timescale = z.infer<typeof timescaleSchema>;

/** How often the meeting recurs. `null` durations mean the seeds give no timescale (see note). */
export const reviewCadenceSchema = strictObject({
  /** From the first meeting to the second. */
  next: durationSchema.nullable(),
  /** The longest gap between later meetings. */
  thereafter: durationSchema.nullable(),
  seed: seedIdSchema.nullable(),
  note: z.string().min(1),
});
export type ReviewCadence = z.infer<typeof reviewCadenceSchema>;

/** How the record of the meeting is kept and distributed. */
export const minutesRuleSchema = strictObject({
  /** False where the plan and the record are one document (CFPM, seed 004). */
  separateMinutes: z.boolean(),
  /** What the record is called, e.g. "Care Planning Meeting Form". */
  recordName: z.string().min(1),
  /** From the meeting date; null where the seeds give none. */
  distribution: durationSchema.nullable(),
  /** The minute is agreed by all attendees (seed 000). */
  agreedByAllAttendees: z.boolean(),
  seed: seedIdSchema.nullable(),
  note: z.string().min(1),
});
export type MinutesRule = z.infer<typeof minutesRuleSchema>;

/** Something to do after the meeting within a set time. */
export const followUpSchema = strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  what: z.string().min(1),
  after: z.enum(["initial-meeting", "every-meeting"]),
  duration: durationSchema.nullable(),
  seed: seedIdSchema,
  /**
   * Where the follow-up is only owed when the meeting agreed it: phrases any of which in the
   * agreed minutes (decisions, actions, key points) means it was agreed. Absent: always owed.
   */
  agreedWhenMinutesMention: z.array(z.string().min(2)).optional(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

/** Conditions that change the invite list. */
export const roleConditions = ["child-under-11", "in-care-proceedings", "case-allocated-to-student"] as const;
export const roleConditionSchema = z.enum(roleConditions);
export type RoleCondition = z.infer<typeof roleConditionSchema>;

/** A required entry: one role, or any one of several (e.g. Team Manager or Service Manager). */
export const roleRequirementSchema = z.union([roleIdSchema, z.array(roleIdSchema).min(2)]);
export type RoleRequirement = z.infer<typeof roleRequirementSchema>;

export const attendanceLevels = ["required", "invited", "observer"] as const;
export type AttendanceLevel = (typeof attendanceLevels)[number];

/** A role whose level depends on the case, e.g. fostering social worker for children under 11. */
export const conditionalRoleSchema = strictObject({
  role: roleIdSchema,
  when: roleConditionSchema,
  level: z.enum(attendanceLevels),
  /** The level when the condition does not hold, or `omit`. */
  otherwise: z.enum([...attendanceLevels, "omit"]),
  seed: seedIdSchema,
  source: z.string().min(1),
});
export type ConditionalRole = z.infer<typeof conditionalRoleSchema>;

export const roleListsSchema = strictObject({
  required: z.array(roleRequirementSchema),
  invited: z.array(roleIdSchema),
  observer: z.array(roleIdSchema),
  conditional: z.array(conditionalRoleSchema),
});
export type RoleLists = z.infer<typeof roleListsSchema>;

/** The chair rule kinds; chair.ts holds the code for each. */
export const chairRuleKinds = [
  "childs-solicitor-should-chair",
  "qualified-social-worker",
  "social-worker-or-agreed-with-team-manager",
  "team-or-service-manager",
  "not-specified",
] as const;
export type ChairRuleKind = (typeof chairRuleKinds)[number];

export const chairRuleSchema = strictObject({
  kind: z.enum(chairRuleKinds),
  /** Roles the seed names first, e.g. the child's solicitor. */
  preferred: z.array(roleIdSchema),
  /** Roles the seed names as alternatives. */
  alternatives: z.array(roleIdSchema),
  seed: seedIdSchema.nullable(),
  source: z.string().min(1),
});
export type ChairRule = z.infer<typeof chairRuleSchema>;

/** Rules that hold something back until a condition is met, or ask for something extra. */
export const gateIds = [
  "court-documents-need-permission",
  "chairing-time-needs-court-approval",
  "part-25-expert-needs-court-approval",
  "key-agency-exclusion-needs-rationale",
  "key-agency-apologies-owe-report",
  "complex-case-chair-agreed-with-team-manager",
  "student-case-chair",
  "childs-views-available-to-chair",
] as const;
export const gateIdSchema = z.enum(gateIds);
export type GateId = z.infer<typeof gateIdSchema>;

/** The placeholders filled at convene. */
export const agendaPlaceholders = ["child", "date", "time", "link", "transcriber"] as const;
export type AgendaPlaceholder = (typeof agendaPlaceholders)[number];

export const agendaItemSchema = strictObject({
  text: z.string().min(1),
  subItems: z.array(z.string().min(1)).optional(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

/**
 * What a section lists of the meeting itself, filled each time the agenda is shown (the
 * invitation, its Word agenda): `attendees`, everyone invited with role, agency and (professionals
 * only) email address (seed 000, "Attendees & email addresses"); `pre-reading`, the documents
 * shared with attendees (seed 000, "Agreed list of pre-reading": court documents only once the
 * court's permission is recorded); `apologies`, who has sent apologies or declined by the time the
 * agenda goes out (seed 000, "Apologies": an updated invitation names them; the first says none).
 */
export const agendaListsSchema = z.enum(["attendees", "apologies", "pre-reading"]);
export type AgendaLists = z.infer<typeof agendaListsSchema>;

export const agendaSectionSchema = strictObject({
  heading: z.string().min(1),
  guidance: z.string().optional(),
  items: z.array(agendaItemSchema),
  lists: agendaListsSchema.optional(),
});
export type AgendaSection = z.infer<typeof agendaSectionSchema>;

const placeholderPattern = /\[([a-z-]+)\]/g;

function placeholdersAreKnown(text: string): boolean {
  return [...text.matchAll(placeholderPattern)].every((m) =>
    (agendaPlaceholders as readonly string[]).includes(m[1] ?? ""),
  );
}

/** Text that may hold only the known placeholders. */
const templateText = z
  .string()
  .min(1)
  .refine(placeholdersAreKnown, {
    error: `only the placeholders ${agendaPlaceholders.map((p) => `[${p}]`).join(", ")} may be used`,
  });

export const agendaTemplateSchema = strictObject({
  title: templateText,
  lines: z.array(templateText),
  sections: z.array(agendaSectionSchema).min(1),
  /** True when the items are derived by Convene from a seed's text rather than copied from it. */
  derived: z.boolean(),
  seed: seedIdSchema,
  note: z.string().optional(),
});
export type AgendaTemplate = z.infer<typeof agendaTemplateSchema>;

/**
 * The record's sections (domain/minutes, from seeds 000 and 001) plus the catalog's own
 * `agency-reports`: written reports from key agencies that sent apologies (seed 001).
 */
export const minuteSectionIds = [...sectionIds, "agency-reports"] as const;
export const minuteSectionIdSchema = z.enum(minuteSectionIds);
export type MinuteSectionId = z.infer<typeof minuteSectionIdSchema>;

/** A section of the record as a meeting type uses it. */
export const minuteSectionUseSchema = strictObject({ id: minuteSectionIdSchema, required: z.boolean() });
export type MinuteSectionUse = z.infer<typeof minuteSectionUseSchema>;

/** One meeting type of the catalog. */
export const meetingTypeSchema = strictObject({
  id: meetingTypeIdSchema,
  name: z.string().min(1),
  abbreviation: z.string().min(1),
  /** Other names for the same meeting, e.g. "Child in Need Meeting". */
  aliases: z.array(z.string().min(1)),
  /** The seeds the type comes from; the first is the main one. */
  seeds: z.array(seedIdSchema).min(1),
  when: z.string().min(1),
  /** The Multi-Agency Meetings Good Practice Guide applies (seed 001). */
  goodPracticeGuideApplies: z.boolean(),
  roles: roleListsSchema,
  chair: chairRuleSchema,
  preReading: z.array(z.string().min(1)),
  agenda: agendaTemplateSchema.nullable(),
  /** Why there is no agenda, when agenda is null. */
  agendaNote: z.string().optional(),
  minuteSections: z.array(minuteSectionUseSchema).min(1),
  /**
   * The sections without which the agreed minutes cannot be finalised (issue 10 item 3). Absent:
   * the required ones among the child's views and the contingency plan (seed 001).
   */
  finaliseBlocking: z.array(minuteSectionIdSchema).optional(),
  timescales: strictObject({
    first: z.array(timescaleSchema),
    /** Why there is no first-meeting timescale, when `first` is empty. */
    firstNote: z.string().optional(),
    /**
     * A schedule that replaces a single deadline: `cla-reviews` counts Care Planning Meetings
     * between Child Looked After Reviews (seed 002; see cpm-schedule.ts).
     */
    schedule: z.enum(["cla-reviews"]).nullable(),
    review: reviewCadenceSchema,
    minutes: minutesRuleSchema,
    followUps: z.array(followUpSchema),
  }),
  gates: z.array(gateIdSchema),
  notes: z.array(z.string().min(1)),
});
/** A meeting type of the catalog, after validation. */
export type MeetingType = z.infer<typeof meetingTypeSchema>;
