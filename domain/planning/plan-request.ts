/**
 * The request to plan a meeting (issue 2, section 4), as zod schemas: what the convener proposes
 * before anyone is invited.
 */
import { z } from "zod";
import {
  type AgencyGroup,
  type ChairCondition,
  type ChairEligibility,
  type CpmWindow,
  claReviewSchema,
  type FieldProblem,
  type FilledAgenda,
  type MeetingTypeId,
  meetingTypeIdSchema,
  type RoleId,
  roleIdSchema,
  type SeedId,
  strictObject,
  type TriggerKind,
  triggerKindSchema,
} from "#domain/catalog/index.ts";
import { isoDateSchema } from "#domain/clock/index.ts";

/**
 * Length limits on every field, so a request that is far too long is refused naming the field (and
 * never reaches the table, whose items are at most 400 KB): names and agencies 200 characters,
 * references 100, titles and notes 1,000, URLs 2,000; at most 100 people and 100 documents.
 */
const limits = { name: 200, reference: 100, note: 1000, url: 2000, people: 100, documents: 100 } as const;
const email = () =>
  z
    .email({
      error: (issue) =>
        `expected an email address, got ${JSON.stringify(typeof issue.input === "string" ? issue.input.slice(0, 100) : issue.input)}`,
    })
    .max(254, "expected an email address of at most 254 characters");
const text = (max: number = limits.name) =>
  z.string().trim().min(1, "expected a non-empty text").max(max, `expected at most ${max} characters`);
/** A date the seeds' rules can work with: a real calendar date between 1900 and 2100. */
const plannedDate = () =>
  isoDateSchema.refine((value) => value >= "1900-01-01" && value <= "2100-12-31", {
    error: (issue) => `expected a date between 1900-01-01 and 2100-12-31, got ${JSON.stringify(issue.input)}`,
  });

/** What a court order (consent order) recorded for the case permits (seed 000). */
export const courtPermissionCovers = ["court-documents", "chairing-time"] as const;

/** The request to plan one meeting. */
export const planRequestSchema = strictObject({
  meetingType: meetingTypeIdSchema,
  child: strictObject({
    /** The case reference, e.g. "C-104233". */
    reference: text(limits.reference),
    name: text().optional(),
    /** For the under-11 rule of Permanency Planning Meetings (seed 003); or give `age`. */
    dateOfBirth: plannedDate().optional(),
    age: z.number().int("expected whole years").min(0).max(25).optional(),
  }),
  /** The event the meeting's deadline runs from; `previous-meeting` for later meetings. */
  trigger: strictObject({ kind: triggerKindSchema, date: plannedDate() }).optional(),
  /** The child's Child Looked After Reviews from the 1st, with the next one scheduled (CPM, seed 002). */
  claReviews: z
    .array(
      claReviewSchema.refine((review) => review.date >= "1900-01-01" && review.date <= "2100-12-31", {
        path: ["date"],
        error: "expected a date between 1900-01-01 and 2100-12-31",
      }),
    )
    .max(100, "expected at most 100 reviews")
    .optional(),
  /** ISO 8601 date-time with an offset, e.g. 2026-03-10T10:00:00+00:00. */
  proposedStart: z.iso
    .datetime({
      offset: true,
      error: (issue) =>
        `expected an ISO date-time with an offset such as 2026-03-10T10:00:00+00:00, got ${JSON.stringify(issue.input)}`,
    })
    .refine((value) => value.slice(0, 4) >= "1900" && value.slice(0, 4) <= "2100", {
      error: (issue) => `expected a date-time between 1900 and 2100, got ${JSON.stringify(issue.input)}`,
    }),
  durationMinutes: z
    .number()
    .int("expected whole minutes")
    .min(10, "expected at least 10 minutes")
    .max(480, "expected at most 480 minutes"),
  onlineLink: z
    .url({
      error: (issue) =>
        `expected a URL, got ${JSON.stringify(typeof issue.input === "string" ? issue.input.slice(0, 100) : issue.input)}`,
    })
    .max(limits.url, `expected a URL of at most ${limits.url} characters`)
    .optional(),
  chair: strictObject({ name: text(), email: email(), role: roleIdSchema, agency: text().optional() }),
  invitees: z
    .array(strictObject({ name: text(), email: email(), role: roleIdSchema, agency: text() }))
    .max(limits.people, `expected at most ${limits.people} invitees`)
    .default([]),
  /** Key agencies deliberately not invited; each needs a rationale (seed 001). */
  keyAgenciesNotInvited: z
    .array(strictObject({ agency: text(), rationale: text(limits.note).optional() }))
    .max(limits.people, `expected at most ${limits.people} agencies`)
    .default([]),
  documents: z
    .array(strictObject({ title: text(limits.note), court: z.boolean() }))
    .max(limits.documents, `expected at most ${limits.documents} documents`)
    .default([]),
  /** A court order (consent order) recorded for the case (seed 000). */
  courtPermission: strictObject({
    recorded: z.boolean(),
    orderDate: plannedDate().optional(),
    /** What the order permits; when recorded and not given, both. */
    covers: z.array(z.enum(courtPermissionCovers)).min(1).optional(),
  }).default({ recorded: false }),
  /** The case is allocated to a social work student (seed 004). */
  caseAllocatedToStudent: z.boolean().optional(),
  /** 1 for the initial meeting of this type (the default), 2 for the next, … */
  meetingSequence: z
    .number()
    .int("expected a whole number")
    .min(1, "expected 1 or more (1 = the initial meeting)")
    .max(1000, "expected at most 1000")
    .optional(),
  /** Complex circumstances or contentious issues (CPM chair rule, seed 002). */
  complexOrContentious: z.boolean().optional(),
  chairAgreedWithTeamManager: z.boolean().optional(),
  /** The case is in care proceedings (Permanency Planning invites the LA solicitor, seed 003). */
  inCareProceedings: z.boolean().optional(),
  /** Who transcribes or records the meeting, for the agenda header. */
  transcribedBy: text().optional(),
});

/** A parsed planning request. */
export type PlanRequest = z.output<typeof planRequestSchema>;
/** A planning request as written (defaults optional). */
export type PlanRequestInput = z.input<typeof planRequestSchema>;

/** One thing wrong with a request: the field, and exactly what is wrong. */
export type PlanError = FieldProblem;

/** Attendance level of an invitee in the plan. */
export type PlannedLevel = "chair" | "required" | "invited" | "observer" | "additional";

/** One person on the invite list. */
export interface PlannedInvitee {
  name: string;
  email: string;
  role: RoleId;
  roleName: string;
  /** As given; the chair's is optional. */
  agency?: string;
  group: AgencyGroup;
  level: PlannedLevel;
  keyAgency: boolean;
  /** What a key agency owes if it sends apologies (seed 001). */
  ifApologies?: string;
}

/** A required role nobody on the list holds. */
export interface MissingRole {
  /** Any one of these roles meets the requirement. */
  roles: RoleId[];
  names: string[];
  reason: string;
}

/** Something to record or do before or at the meeting, with its seed. */
export type PlanCondition = ChairCondition;

/** The plan for one meeting. */
export interface MeetingPlan {
  meetingType: { id: MeetingTypeId; name: string; abbreviation: string };
  authority: { id: string; name: string };
  child: { reference: string; name?: string; ageAtMeeting?: number };
  meeting: {
    /** As proposed (ISO with offset). */
    start: string;
    /** ISO, UTC. */
    end: string;
    /** The local date and time in the authority's time zone. */
    date: string;
    time: string;
    timezone: string;
    durationMinutes: number;
    onlineLink?: string;
    sequence: number;
  };
  trigger: { kind: TriggerKind; date: string } | null;
  /** The last date the meeting may be held on; null where the seeds set none. */
  dueBy: string | null;
  /** proposed date <= dueBy; null where there is no due date. */
  onTime: boolean | null;
  deadline: { rule: string; basis: "required" | "recommended" | null; seed: SeedId | null };
  chair: { name: string; email: string; role: RoleId; roleName: string; eligibility: ChairEligibility };
  invites: PlannedInvitee[];
  missingRequiredRoles: MissingRole[];
  keyAgencies: {
    /** Left out without a rationale: record one in the notes of the first meeting (seed 001). */
    needingRationale: { agency: string }[];
    excluded: { agency: string; rationale: string }[];
  };
  documents: {
    shared: { title: string; court: boolean }[];
    heldBack: { title: string; court: boolean; reason: string }[];
  };
  preReading: string[];
  agenda: FilledAgenda | null;
  agendaNote?: string;
  minutes: { separateMinutes: boolean; recordName: string; dueBy: string | null; rule: string };
  nextReview: { dueBy: string | null; rule: string };
  followUps: {
    id: string;
    what: string;
    dueBy: string | null;
    seed: SeedId;
    /** Owed only when the agreed minutes mention one of these (catalog `agreedWhenMinutesMention`). */
    agreedWhenMinutesMention?: string[];
  }[];
  cpmSchedule: { windows: CpmWindow[]; window: CpmWindow | null } | null;
  conditions: PlanCondition[];
  notes: string[];
}

/** The answer of `planMeeting`: a plan, or every error found. */
export type PlanResult = { ok: true; plan: MeetingPlan } | { ok: false; errors: PlanError[] };
