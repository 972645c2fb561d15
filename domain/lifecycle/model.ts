/**
 * The meeting as the lifecycle stores it: who is invited, when, the plan's dates, the phase, and
 * the items that hang off a meeting (answers, minutes versions, approvals, actions, waits, timers,
 * audit events). Every item is parsed by these schemas when read back from the store.
 */
import { z } from "zod";
import { meetingAgendaSchema } from "../catalog/agenda-outline.ts";
import { minutesSchema } from "../minutes/model.ts";
import { phaseSchema, waitPurposeSchema } from "./phases.ts";
import { seriesSchema } from "./series.ts";

export const personSchema = z.object({
  name: z.string().min(1).max(200, "expected at most 200 characters"),
  email: z.string().email().max(254, "expected at most 254 characters"),
});
export type Person = z.infer<typeof personSchema>;

export const inviteeSchema = z.object({
  index: z.number().int().min(0).max(65535),
  name: z.string().min(1),
  email: z.string().email(),
  role: z.string().min(1),
  agency: z.string().default(""),
  /** The responsible professional's line manager: first rung of the escalation ladder (seed 001). */
  lineManager: personSchema.optional(),
  keyAgency: z.boolean().default(false),
  /** Observers (e.g. the Children's Guardian at a permanency planning meeting, seed 003) do not approve minutes. */
  observer: z.boolean().default(false),
  /** Gets the family copy of the minutes (restricted sections left out). */
  family: z.boolean().default(false),
});
export type Invitee = z.infer<typeof inviteeSchema>;

export const documentSchema = z.object({
  title: z.string().min(1),
  court: z.boolean().default(false),
  shared: z.boolean().default(true),
});

export const meetingSchema = z.object({
  id: z.string(),
  authorityId: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  child: z.object({ reference: z.string().min(1) }),
  title: z.string(),
  start: z.string().datetime({ offset: true }),
  end: z.string().datetime({ offset: true }),
  onlineLink: z.string().url().optional(),
  chair: inviteeSchema,
  teamManager: personSchema,
  /**
   * The service manager over the team manager (the directory, else the authority's contact): the
   * action ladder's rung above the chair and team manager (issue 13).
   */
  serviceManager: personSchema.optional(),
  invitees: z.array(inviteeSchema),
  /** The filled agenda, structured: numbered once wherever it is shown (domain/catalog/agenda-outline.ts). */
  agenda: meetingAgendaSchema,
  preReading: z.array(documentSchema).default([]),
  /**
   * Convene-time rules the chair went ahead against, each with the reason given
   * (domain/lifecycle/convene-checks.ts): shown in the minutes, audited.
   */
  overrides: z
    .array(
      z.object({
        code: z.string().min(1),
        kind: z.enum(["missing-role", "key-agency-rationale", "late-date", "chair-condition"]),
        problem: z.string().min(1),
        reason: z.string().min(1).max(2000),
      }),
    )
    .default([]),
  /** The type's statutory follow-ups with their dates (plan.followUps): tracked as actions once the minutes are agreed. */
  followUps: z
    .array(
      z.object({
        id: z.string().min(1),
        what: z.string().min(1),
        dueBy: z.string().nullable(),
        seed: z.string(),
        agreedWhenMinutesMention: z.array(z.string()).optional(),
      }),
    )
    .default([]),
  /** Key agencies left out, with the rationale given at convening (seed 001: recorded in the notes of the first meeting). */
  keyAgenciesNotInvited: z
    .array(z.object({ agency: z.string().min(1), rationale: z.string().min(1) }))
    .default([]),
  /**
   * Who agrees the record, by the type's rule (catalog `agreedByAllAttendees`): every attendee
   * (seed 000: "the minute is agreed by all attendees"), or the chair alone, who finalises it for
   * distribution (e.g. seed 002's Care Planning Meeting form, seed 004's progress plan).
   */
  minutesAgreedBy: z.enum(["all-attendees", "chair"]).default("all-attendees"),
  /** What the record is called: "Minutes", or the plan that is the record (seed 004: the Child and Family Progress Plan). */
  recordName: z.string().min(1).default("Minutes"),
  /** Its place in its series and what its review meeting is convened with (series.ts). */
  series: seriesSchema.optional(),
  phase: phaseSchema,
  /** Dates the statutory clock gave at convene (YYYY-MM-DD). */
  dueBy: z.string().optional(),
  minutesDueBy: z.string(),
  reviewDueBy: z.string().optional(),
  /** Current minutes version (0 = none yet). */
  minutesVersion: z.number().int().min(0).default(0),
  actionCount: z.number().int().min(0).default(0),
  /** Calendar SEQUENCE: raised on every reschedule. */
  sequence: z.number().int().min(0).default(0),
  /** The transcript to import locally, when no recording is uploaded (path or inline text). */
  reviewOf: z.string().optional(),
  /** Why the chair cancelled, as given: kept so a restart can finish sending the cancellations. */
  cancelReason: z.string().optional(),
  /** The review meeting scheduled for this one, kept before it is created (so it is created once). */
  reviewMeetingId: z.string().optional(),
  /** Transcript speaker labels (e.g. Amazon Transcribe's spk_0) → attendee names, as the chair mapped them. */
  speakerMap: z.record(z.string(), z.string()).optional(),
  nation: z.enum(["england-and-wales", "scotland", "northern-ireland"]),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Optimistic lock: every update is conditional on the version read. */
  version: z.number().int().min(0),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const attendanceSchema = z.enum([
  "not-responded",
  "attending",
  "declined",
  "apologies",
  "apologies-with-report",
  "attended",
  "absent",
]);
export type Attendance = z.infer<typeof attendanceSchema>;

/** An answer that says the person will not be there: declined, or apologies (with a report or not). */
export const sentApologies = (attendance: Attendance | undefined): boolean =>
  attendance === "declined" || attendance === "apologies" || attendance === "apologies-with-report";

/** A written report that came with apologies, stored with the meeting (BlobStore). */
export const reportFileSchema = z.object({
  /** The file name as sent (may name the child: shown to the chair, never logged). */
  filename: z.string().min(1).max(255),
  contentType: z.string().min(1).max(255),
  size: z.number().int().min(0),
  /** Where the bytes are: `documents/<meeting>/reports/<person>/<sha-256>` (no names in keys). */
  blobKey: z.string().min(1).max(500),
  receivedAt: z.string(),
});
export type ReportFile = z.infer<typeof reportFileSchema>;

export const answerSchema = z.object({
  index: z.number().int(),
  attendance: attendanceSchema,
  note: z.string().optional(),
  reportReceived: z.boolean().default(false),
  /** The calendar SEQUENCE this person was last invited with (so a retried step never invites twice). */
  invitedSequence: z.number().int().optional(),
  /** The written reports this person sent, in the order they came. */
  reports: z.array(reportFileSchema).optional(),
  at: z.string(),
});
export type Answer = z.infer<typeof answerSchema>;

export const actionSchema = z.object({
  number: z.number().int().min(1),
  action: z.string(),
  timescale: z.string(),
  dueDate: z.string(),
  responsible: z.object({
    name: z.string().optional(),
    role: z.string().optional(),
    department: z.string().optional(),
    email: z.string().email().optional(),
    inviteeIndex: z.number().int().optional(),
  }),
  notes: z.string().default(""),
  status: z.enum(["open", "done", "slipped", "cancelled"]),
  escalationLevel: z.number().int().min(0).default(0),
  doneNote: z.string().optional(),
  closedAt: z.string().optional(),
  /** No date was agreed: the due date is provisional until the chair sets one (issue 13). */
  dateToConfirm: z.boolean().optional(),
  /** Done after its due day, or after it had slipped. */
  doneLate: z.boolean().optional(),
  /** The owner's latest request for more time, until a new date is agreed (ask-for-more-time.ts). */
  moreTimeAsked: z
    .object({ at: z.string(), by: z.string(), text: z.string(), proposed: z.string().optional() })
    .optional(),
  /** New dates a team manager agreed, oldest first (agree-new-action-date.ts). */
  dateChanges: z
    .array(
      z.object({
        from: z.string(),
        to: z.string(),
        by: z.string(),
        reason: z.string(),
        at: z.string(),
      }),
    )
    .optional(),
});
export type Action = z.infer<typeof actionSchema>;

export const waitSchema = z.object({
  purpose: waitPurposeSchema,
  ref: z.number().int().min(0),
  token: z.string(),
  status: z.enum(["waiting", "completed", "expired", "failed"]),
  level: z.number().int().min(0),
  deadline: z.string(),
  reminders: z.array(z.string()),
  registeredAt: z.string(),
  completedAt: z.string().optional(),
  /** The escalation that follows this wait's deadline has been sent (so the next wait is a rung up). */
  escalated: z.boolean().optional(),
});
export type Wait = z.infer<typeof waitSchema>;

export const timerSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  kind: z.enum(["reminder", "deadline"]),
  purpose: waitPurposeSchema,
  ref: z.number().int().min(0),
  level: z.number().int().min(0),
  /** UTC ISO instant: its month is the GSI bucket and it leads the GSI sort key. */
  dueAt: z.iso.datetime(),
  /**
   * Which write of this timer it is, set by the store when it writes one: a claim removes only the
   * timer it read, so a wait re-armed with the same deadline (a new token, the same key) while a
   * sweep holds the old timer keeps its own.
   */
  arm: z.string().optional(),
});
export type Timer = z.infer<typeof timerSchema>;

export const auditEventSchema = z.object({
  /** UTC ISO instant: it leads the sort key, so events list in time order. */
  at: z.iso.datetime(),
  meetingId: z.string(),
  /** Who: an email address, "system", "sweeper" or "chair". Never a child's name. */
  actor: z.string(),
  /** What happened, e.g. "phase:invite", "reply:approve", "reply-refused", "escalation:action-overdue". */
  what: z.string(),
  /** From which channel: email (message id), page, cli, workflow. */
  via: z.string(),
  detail: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const minutesVersionSchema = z.object({
  version: z.number().int().min(1),
  hash: z.string(),
  /** The record itself, parsed on every read (domain/minutes/model.ts): typed wherever it goes. */
  minutes: minutesSchema,
  createdAt: z.string(),
  createdBy: z.string(),
});
export type MinutesVersion = z.infer<typeof minutesVersionSchema>;

export const approvalSchema = z.object({
  version: z.number().int().min(1),
  index: z.number().int(),
  response: z.enum(["approve", "request-changes", "deemed"]),
  text: z.string().optional(),
  at: z.string(),
  chairDecision: z.enum(["accepted", "rejected"]).optional(),
  /** The chair's reason for rejecting the change, told to the requester and kept with the final minutes. */
  chairReason: z.string().max(4000).optional(),
});
export type Approval = z.infer<typeof approvalSchema>;

/**
 * One recipient's copy of one batch of emails (e.g. the final minutes of version 2), written
 * `pending` before the email goes out and `sent` after, so a step that is retried or resumed after
 * a crash sends exactly the copies still unsent. `messageId` is the email's Message-ID, derived
 * from the record's key: a copy sent again after a crash between the send and the mark carries
 * the same id, which the local outbox recognises.
 */
export const sendRecordSchema = z.object({
  /** The batch: what is sent and of which version, sequence, level or timer (e.g. `final-minutes-v2`). */
  batch: z.string().min(1),
  /** The recipient's address, lower case. */
  recipient: z.string().min(1),
  kind: z.string().min(1),
  messageId: z.string().min(1),
  status: z.enum(["pending", "sent"]),
  at: z.iso.datetime(),
  sentAt: z.iso.datetime().optional(),
});
export type SendRecord = z.infer<typeof sendRecordSchema>;
