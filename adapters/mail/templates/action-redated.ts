/** A team manager agreed a new date for an action: to its owner, and a copy to the chair. */
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

export interface ActionRedatedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  /** The owner's reply address (to say it is done); the chair's copy has none. */
  reply?: ReplyHandle;
  action: { number: number; action: string; owner: string };
  /** The dates as people read them ("Friday 27 March 2027"). */
  from: string;
  to: string;
  reason: string;
}

/** The new date's subject, heading and body. */
export function actionRedatedContent(data: ActionRedatedData): EmailContent {
  const { ctx, meeting, recipient, reply, action } = data;
  const how =
    "When it is complete, reply \u201cDone\u201d with a short note of what was done. You will be reminded before the new date.";
  const whose = action.owner ? ` (${action.owner})` : "";
  return {
    subject: meetingSubject(`Action ${action.number}: new date ${data.to}`, meeting),
    heading: `Action ${action.number}: new date agreed`,
    blocks: [
      greeting(recipient),
      para(
        `A new date has been agreed for action ${action.number}${whose}, agreed at the ${meetingLine(meeting)}:`,
      ),
      {
        kind: "details",
        rows: [
          { label: "Action", value: action.action },
          { label: "Was due", value: data.from },
          { label: "Now due", value: data.to },
          { label: "Why", value: data.reason },
        ],
      },
      reply
        ? { kind: "answer", how, url: pageUrl(ctx, reply.token) }
        : para("The owner has been told and will be reminded before the new date."),
    ],
  };
}

export function actionRedatedEmail(data: ActionRedatedData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "action-redated",
    data.meeting,
    data.recipient,
    actionRedatedContent(data),
    data.reply,
  );
}
