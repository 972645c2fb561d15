/**
 * To the attendee whose change the chair did not accept: the minutes stand as they are, the
 * decision is recorded, and a disagreement that remains goes to their agency's escalation policy
 * (seed 001: "What if some members disagree with the decisions made?").
 */
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
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
} from "./shared.ts";

export interface ChangeRejectedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  version: number;
  /** The change as the requester asked for it. */
  changes: string;
  /** The chair's reason, when the chair gave one. */
  reason?: string;
}

/** The decision's subject, heading and body: the change and the chair's reason quoted, and what is left to do. */
export function changeRejectedContent(data: ChangeRejectedData): EmailContent {
  const { ctx, meeting, recipient, reply } = data;
  const url = pageUrl(ctx, reply.token);
  return {
    subject: meetingSubject("Your change to the minutes was not accepted", meeting),
    heading: "Change not accepted",
    blocks: [
      greeting(recipient),
      para(
        `The chair, ${meeting.chair.name}, did not accept the change you asked for to version ${data.version} of the minutes of the ${meetingLine(meeting)}:`,
      ),
      { kind: "quote", text: data.changes },
      ...(data.reason ? [para("The chair's reason:"), { kind: "quote" as const, text: data.reason }] : []),
      para(
        "The minutes stand as they are; your request and the chair's decision are recorded with the meeting. If you still disagree, your agency's escalation policy applies: usually, raise it with your own line manager.",
      ),
      { kind: "answer", how: "While the minutes are still out for agreement you can reply “Approved”.", url },
    ],
  };
}

export function changeRejectedEmail(data: ChangeRejectedData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "change-decision",
    data.meeting,
    data.recipient,
    changeRejectedContent(data),
    data.reply,
  );
}
