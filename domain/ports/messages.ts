/**
 * The Messages port: every email the lifecycle sends, by meaning. The implementation
 * (adapters/messages) renders templates (escaped HTML + text), calendar entries and documents.
 */
import type { QuestionClosed } from "../email/open-question.ts";
import type { Action, Invitee, Meeting, Person } from "../lifecycle/model.ts";
import type { Address, OutgoingEmail } from "./mailer.ts";

/** Where a recipient answers: a signed reply address and the page behind the email's link. */
export interface ReplyLink {
  token: string;
  address: string;
  pageUrl: string;
}

/** A run of content in a section, kept in order (paragraph, bullets, table). */
export type DocumentBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "bullets"; items: string[] }
  | { kind: "table"; columns: string[]; rows: string[][] };

/** A document as sections, rendered to Word by the mail adapters (plain data, no library types). */
export interface DocumentModel {
  title: string;
  subtitle?: string[];
  /** Marked DRAFT on every page (minutes not yet agreed). */
  draft?: boolean;
  sections: Array<{
    heading: string;
    paragraphs?: string[];
    numbered?: string[];
    bullets?: string[];
    table?: { columns: string[]; rows: string[][] };
    /** Mixed content in order, after the fields above (the minutes use this). */
    blocks?: DocumentBlock[];
  }>;
}

export type EscalationReason =
  | "meeting-not-recorded"
  | "transcript-missing"
  | "approvals-overdue"
  | "distribution-late"
  | "action-overdue"
  | "handler-failure";

export interface EscalationDetails {
  reason: EscalationReason;
  level: number;
  /** Plain-language lines for the body; never a child's name. */
  lines: string[];
  action?: Action;
  /** Whose answer or action is overdue. */
  about?: { name: string; role: string; agency?: string };
  /** The first recipient's own signed reply address, where the email asks them to answer by reply. */
  reply?: ReplyLink;
}

export interface MinutesDocuments {
  document: DocumentModel;
  text: string;
  docx: Uint8Array;
  pdf?: Uint8Array;
}

/** The facts of a convened review meeting, for the chair's email (domain/lifecycle/review-date.ts). */
export interface ReviewConvened {
  meetingId: string;
  typeName: string;
  start: Date;
  /** Why this date: agreed at the meeting, the type's cadence, an agreed date past the limit, or the default. */
  basis: "agreed" | "cadence" | "agreed-after-limit" | "default";
  /** The seeds' last date for it, where they set one. */
  latest: string | null;
  late: boolean;
  movedOffHoliday: boolean;
  /** Where the limit was the child's next CLA Review (seed 002): its date, CPMs needed and held in the window. */
  claReview?: { date: string; required: number; held: number };
  /** Actions of this meeting on the review's agenda, and how many are still open. */
  actions: number;
  openActions: number;
}

/** Why an authentic reply could not be used (domain/email/accept-reply.ts). */
export type UnusableReply = "no-token" | "wrong-sender" | "token-expired";

export interface Messages {
  /**
   * The invitation; `replyBy` is the day to answer by (deadlines.ts), where there is time to give
   * one; `apologies`, the invitees who have already sent apologies (its agenda names them).
   */
  invitation(
    meeting: Meeting,
    invitee: Invitee,
    reply: ReplyLink,
    replyBy?: Date,
    apologies?: Invitee[],
  ): Promise<OutgoingEmail>;
  approvalRequest(
    meeting: Meeting,
    invitee: Invitee,
    version: number,
    minutes: MinutesDocuments,
    reply: ReplyLink,
    /** For the chair: transcript speaker labels to name (e.g. spk_0). */
    unnamedSpeakers?: string[],
    /** The answer deadline: the approval wait's own (working days, domain/lifecycle/deadlines.ts). */
    dueBy?: Date,
  ): Promise<OutgoingEmail>;
  reminder(
    meeting: Meeting,
    to: Address,
    about: "invitation" | "approval" | "report" | "record-attendance",
    dueBy: Date,
    reply?: ReplyLink,
  ): Promise<OutgoingEmail>;
  escalation(
    meeting: Meeting,
    to: Address[],
    cc: Address[],
    details: EscalationDetails,
  ): Promise<OutgoingEmail>;
  finalMinutes(
    meeting: Meeting,
    to: Invitee,
    copy: "professional" | "family",
    minutes: MinutesDocuments,
  ): Promise<OutgoingEmail>;
  actionReminder(
    meeting: Meeting,
    action: Action,
    to: Address,
    when: "before-due" | "due-today",
    reply: ReplyLink,
  ): Promise<OutgoingEmail>;
  /**
   * A team manager agreed a new date for an action: to its owner (with the reply address to say
   * it is done) and to the chair (no reply address).
   */
  actionRedated(
    meeting: Meeting,
    action: Action,
    to: Address,
    change: { from: string; to: string; reason: string; by: string },
    reply?: ReplyLink,
  ): Promise<OutgoingEmail>;
  /** To the team manager and the chair: an action's owner asked for more time (with the link to agree a date). */
  moreTimeAsked(
    meeting: Meeting,
    action: Action,
    to: Address,
    request: { text: string; proposed?: string; by: string },
  ): Promise<OutgoingEmail>;
  /** To the owner: the request went to the team manager; the date stands until a new one is agreed. */
  moreTimeReceived(
    meeting: Meeting,
    action: Action,
    to: Address,
    teamManager: Address,
  ): Promise<OutgoingEmail>;
  /** To the owner: more time was refused, why, and the date that stands (with their reply address). */
  moreTimeRefused(
    meeting: Meeting,
    action: Action,
    to: Address,
    reason: string,
    reply: ReplyLink,
  ): Promise<OutgoingEmail>;
  /** To the chair: actions agreed without a date, with their provisional dates and where to set each. */
  actionDatesToConfirm(
    meeting: Meeting,
    to: Address,
    actions: { number: number; action: string; provisional: string }[],
  ): Promise<OutgoingEmail>;
  /**
   * An action given to someone else: to the new owner (with the reply address to say it is done)
   * and to the previous owner (no reply address).
   */
  actionReassigned(
    meeting: Meeting,
    action: Action,
    to: Address,
    change: { from: string; to: string; reason: string },
    reply?: ReplyLink,
  ): Promise<OutgoingEmail>;
  reportRequest(meeting: Meeting, invitee: Invitee, reply: ReplyLink): Promise<OutgoingEmail>;
  changeRequested(
    meeting: Meeting,
    chair: Person,
    from: Invitee,
    version: number,
    changes: string,
    reply: ReplyLink,
  ): Promise<OutgoingEmail>;
  /**
   * To the chair (and, when late, the team manager): every attendee agreed but the minutes lack a
   * blocking section. Carries the chair's approval reply address: the reply supplies the section.
   */
  minutesBlocked(
    meeting: Meeting,
    to: Address[],
    details: { level: number; lines: string[] },
    reply: ReplyLink,
  ): Promise<OutgoingEmail>;
  /** To the chair: a key agency's written report arrived, attached (seed 001: it reaches the meeting). */
  reportReceived(
    meeting: Meeting,
    from: Invitee,
    reports: Array<{ filename: string; contentType: string; content: Uint8Array }>,
  ): Promise<OutgoingEmail>;
  /**
   * The answer to an authentic reply that could not be used (no reply code, sent from an address
   * the question was not sent to, or a code that has expired): nothing was recorded, and what to
   * do. It names no meeting, child or person (the sender may not be invited).
   */
  replyRefused(to: Address, reason: UnusableReply): Promise<OutgoingEmail>;
  help(
    meeting: Meeting,
    to: Address,
    purpose: "invitation" | "approval" | "action" | "report",
    reply: ReplyLink,
  ): Promise<OutgoingEmail>;
  /**
   * The automatic answer to a reply whose question is closed (the meeting held, the minutes moved
   * on, the action closed): nothing was changed, and what to do instead. It carries no reply address.
   */
  replyNotApplied(meeting: Meeting, to: Address, closed: QuestionClosed): Promise<OutgoingEmail>;
  undeliverable(
    meeting: Meeting,
    address: string,
    kind: "bounce" | "complaint",
    permanent: boolean,
  ): Promise<OutgoingEmail>;
  /** `reply`: the recipient's invitation reply link, the calendar entry's organizer address. */
  cancellation(
    meeting: Meeting,
    to: Invitee,
    reason: string | undefined,
    reply?: ReplyLink,
  ): Promise<OutgoingEmail>;
  /** To the chair: the review meeting is convened (invitations going out), when, why that date, and what it reviews. */
  reviewScheduled(meeting: Meeting, to: Address, review: ReviewConvened): Promise<OutgoingEmail>;
  /** To the team manager: the meeting was convened against a convene-time rule, with the reasons given. */
  planOverridden(meeting: Meeting, to: Address): Promise<OutgoingEmail>;
  /** To the requester: the chair did not accept their change; approve, or keep the disagreement on record. */
  changeRejected(
    meeting: Meeting,
    to: Invitee,
    version: number,
    changes: string,
    reply: ReplyLink,
    /** The chair's reason for not accepting it, when given. */
    reason?: string,
  ): Promise<OutgoingEmail>;
}
