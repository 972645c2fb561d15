/**
 * Escalation up the agency's ladder when an answer or action slips: "use their own agency's
 * 'escalation policy' – … their own line-manager and taking further action" (seed 001). One
 * template for every rung of an action's escalation (the owner's line manager, then the chair and
 * team manager, then the service manager) and for the meeting-level escalations to the chair:
 * attendance not recorded, answers to the minutes overdue (reply APPROVE to confirm deemed
 * agreement), a change to the minutes asked for, minutes that cannot be finalised, and the rest.
 */
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import type { Block } from "../blocks.ts";
import {
  composeEmail,
  type EmailContent,
  greeting,
  type MailContext,
  type MeetingInfo,
  meetingLine,
  meetingSubject,
  oneLine,
  pageUrl,
  para,
  type Recipient,
  type ReplyHandle,
  subjectPrefix,
} from "./shared.ts";

export interface EscalationData {
  ctx: MailContext;
  meeting: MeetingInfo;
  /** The person escalated to: the line manager first, then further up (seed 001). */
  recipient: Recipient;
  /** Whose answer or action is overdue. */
  subject: { name: string; role: string; agency?: string };
  /** What is overdue, e.g. "Action 2: refer to CAMHS (due 5 December 2025)". */
  overdue: string;
  /** 1 = line manager, 2 = the next rung, … */
  level: number;
  /** What slipped (domain/ports/messages.ts EscalationReason): it names the email. */
  reason?: string;
  /** The overdue action's text, for the subject. */
  actionText?: string;
  /** Where the email asks the recipient to answer by reply: their own signed reply address and page. */
  reply?: ReplyHandle;
}

/** What each escalation says it is, in its subject and heading. */
const escalationLabels: Record<string, string> = {
  "action-overdue": "Action overdue",
  "approvals-overdue": "Answers to the minutes overdue",
  "meeting-not-recorded": "Attendance not recorded",
  "transcript-missing": "Transcript missing",
  "distribution-late": "Minutes sent out late",
  "handler-failure": "An automatic step keeps failing",
  undeliverable: "Email could not be delivered",
  "minutes-blocked": "Minutes cannot be finalised",
};

const labelOf = (reason: string | undefined) => escalationLabels[reason ?? ""] ?? "Needs your attention";

const shorten = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;

/** "Action overdue: CAMHS assessment (ref C-104233) — owner Dr Aisha Karim"; others by what slipped. */
export function escalationSubject(data: EscalationData): string {
  const label = labelOf(data.reason);
  if (data.reason === "action-overdue" && data.actionText) {
    return oneLine(
      `${subjectPrefix}${label}: ${shorten(data.actionText, 60)} (ref ${data.meeting.childReference}) — owner ${data.subject.name}`,
    );
  }
  return meetingSubject(label, data.meeting);
}

/** The escalation's subject, heading and body: what slipped, quoted, and what to do. */
export function escalationContent(data: EscalationData): EmailContent {
  const { ctx, meeting, recipient } = data;
  const who = `${data.subject.name} (${data.subject.role}${data.subject.agency ? `, ${data.subject.agency}` : ""})`;
  // An action's escalation names its owner; anything else says what it is, not "overdue from".
  const intro =
    data.reason === "action-overdue"
      ? `This is an escalation (level ${data.level}) under your agency's escalation policy. This action, owned by ${who}, is overdue; it was agreed at the ${meetingLine(meeting)}:`
      : data.reason === undefined
        ? `This is an escalation (level ${data.level}) under your agency's escalation policy. The following is overdue from ${who}, agreed at the ${meetingLine(meeting)}:`
        : `${escalationLabels[data.reason] ?? "This needs your attention"}, for the ${meetingLine(meeting)}:`;
  const followUp =
    recipient.email.toLowerCase() === meeting.chair.email.toLowerCase()
      ? "Please follow this up."
      : `Please follow this up and let the chair, ${meeting.chair.name}, know the outcome.`;
  const ask: Block = data.reply
    ? {
        kind: "answer",
        how: "Reply to this email, or answer on the page.",
        url: pageUrl(ctx, data.reply.token),
      }
    : para(followUp);
  return {
    subject: escalationSubject(data),
    heading: `${labelOf(data.reason)}: ${meeting.typeName}`,
    blocks: [greeting(recipient), para(intro), { kind: "quote", text: data.overdue, tone: "alert" }, ask],
  };
}

/** The escalation, copied to the chair. */
export function escalationEmail(data: EscalationData): OutgoingEmail {
  const { ctx, meeting, recipient } = data;
  const email = composeEmail(ctx, "escalation", meeting, recipient, escalationContent(data), data.reply);
  return { ...email, cc: [{ name: meeting.chair.name, email: meeting.chair.email }] };
}
