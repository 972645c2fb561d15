/** To the owner: the request for more time was refused; the date stands. */
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

export interface MoreTimeRefusedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  action: { number: number; action: string; due: string };
  reason: string;
}

/** The refusal's subject, heading and body: the reason quoted, and "Done" asked for. */
export function moreTimeRefusedContent(data: MoreTimeRefusedData): EmailContent {
  const { ctx, meeting, recipient, action, reply } = data;
  return {
    subject: meetingSubject(`Action ${action.number}: more time not agreed`, meeting),
    heading: `Action ${action.number}: more time not agreed`,
    blocks: [
      greeting(recipient),
      para(
        `More time for action ${action.number} (${action.action}), agreed at the ${meetingLine(meeting)}, was not agreed. It is still due on ${action.due}.`,
      ),
      para("The reason given:"),
      { kind: "quote", text: data.reason },
      {
        kind: "answer",
        how: "When it is complete, reply \u201cDone\u201d with a short note of what was done.",
        url: pageUrl(ctx, reply.token),
      },
    ],
  };
}

export function moreTimeRefusedEmail(data: MoreTimeRefusedData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "more-time-refused",
    data.meeting,
    data.recipient,
    moreTimeRefusedContent(data),
    data.reply,
  );
}
