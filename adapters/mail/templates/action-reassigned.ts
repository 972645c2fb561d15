/** An action given to someone else: the new owner's copy asks for "Done"; the previous owner's says it is no longer theirs. */
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

export interface ActionReassignedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  /** The new owner's reply address; the previous owner's copy has none. */
  reply?: ReplyHandle;
  action: { number: number; action: string; due: string };
  from: string;
  to: string;
  reason: string;
}

/** The reassignment's subject, heading and body, for the new owner (with a reply) or the previous one. */
export function actionReassignedContent(data: ActionReassignedData): EmailContent {
  const { ctx, meeting, recipient, reply, action } = data;
  const line = reply
    ? `Action ${action.number}, agreed at the ${meetingLine(meeting)}, is now yours${data.from ? ` (it was ${data.from}'s)` : ""}. It is due on ${action.due}.`
    : `Action ${action.number}, agreed at the ${meetingLine(meeting)}, is no longer yours: it has been given to ${data.to}.`;
  const how =
    "When it is complete, reply \u201cDone\u201d with a short note of what was done, or ask for more time.";
  return {
    subject: meetingSubject(
      reply ? `Action ${action.number} is now yours` : `Action ${action.number} given to ${data.to}`,
      meeting,
    ),
    heading: reply ? `Action ${action.number}: now yours` : `Action ${action.number}: given to someone else`,
    blocks: [
      greeting(recipient),
      para(line),
      {
        kind: "details",
        rows: [
          { label: "Action", value: action.action },
          { label: "Why", value: data.reason },
        ],
      },
      ...(reply ? [{ kind: "answer" as const, how, url: pageUrl(ctx, reply.token) }] : []),
    ],
  };
}

export function actionReassignedEmail(data: ActionReassignedData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "action-reassigned",
    data.meeting,
    data.recipient,
    actionReassignedContent(data),
    data.reply,
  );
}
