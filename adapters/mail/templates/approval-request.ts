/**
 * Asks an attendee to approve the draft minutes or ask for changes: "An effective minute … should be
 * agreed by all attendees" (seed 000, "Management of meetings").
 */
import type { Attachment, OutgoingEmail } from "#domain/ports/mailer.ts";
import {
  composeEmail,
  type EmailContent,
  greeting,
  type MailContext,
  type MeetingInfo,
  meetingLine,
  meetingSubject,
  pageUrl,
  para,
  type Recipient,
  type ReplyHandle,
  record,
} from "./shared.ts";

export interface ApprovalRequestData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  /** The minutes version being approved. */
  version: number;
  /** The draft minutes as text (shown in the email). */
  minutesText: string;
  /** "Friday 12 December 2025" */
  dueBy: string;
  /** e.g. the draft as DOCX. */
  attachments?: Attachment[];
  /** For the chair: transcript speaker labels that name nobody (e.g. spk_0), to be named. */
  speakersToName?: string[];
  attendeeNames?: string[];
}

/** The approval request's subject, heading and body: the answer first, then the draft quoted. */
export function approvalRequestContent(data: ApprovalRequestData): EmailContent {
  const { ctx, meeting, recipient, reply } = data;
  const { noun, label } = record(meeting);
  const how =
    "Reply \u201cApproved\u201d if the minutes are accurate, or reply with the changes you need " +
    `(for example \u201cItem 3 should read \u2026\u201d). Please answer by ${data.dueBy}.`;
  const unnamed = data.speakersToName ?? [];
  const nameAsk =
    unnamed.length > 0
      ? `The transcript has speakers Convene could not name: ${unnamed.join(", ")}. Reply with one line each, ` +
        `for example \u201c${unnamed[0]} = ${data.attendeeNames?.[0] ?? "Name Surname"}\u201d, or use the page; ` +
        "the minutes are then drafted again with the names."
      : undefined;
  return {
    subject: meetingSubject(`${label} for approval (v${data.version})`, meeting),
    heading: `${label} for approval: ${meeting.typeName}`,
    blocks: [
      greeting(recipient),
      para(
        `The draft ${noun} (version ${data.version}) of the ${meetingLine(meeting)} ${noun === "minutes" ? "are" : "is"} below for your approval.`,
      ),
      ...(nameAsk ? [{ kind: "paragraph" as const, text: nameAsk, emphasis: true }] : []),
      { kind: "answer", how, url: pageUrl(ctx, reply.token) },
      { kind: "heading", text: "Draft minutes", level: 2 },
      { kind: "quote", text: data.minutesText },
    ],
  };
}

/** The approval request, with the draft attached where given. */
export function approvalRequestEmail(data: ApprovalRequestData): OutgoingEmail {
  const email = composeEmail(
    data.ctx,
    "approval-request",
    data.meeting,
    data.recipient,
    approvalRequestContent(data),
    data.reply,
  );
  return data.attachments ? { ...email, attachments: data.attachments } : email;
}
