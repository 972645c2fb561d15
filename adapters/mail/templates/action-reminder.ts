/** A reminder about an agreed action; the person replies "Done" with a note when it is complete. */
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

export interface ActionReminderData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  /** Action | Timescale | Responsible | Notes (seed 000, agreed actions). */
  action: { number: number; action: string; timescale: string; dueDate: string; notes?: string };
  overdue: boolean;
}

/** The action reminder's subject, heading and body. */
export function actionReminderContent(data: ActionReminderData): EmailContent {
  const { ctx, meeting, recipient, reply, action } = data;
  const how =
    "When it is complete, reply \u201cDone\u201d with a short note of what was done (for example \u201cCompleted \u2013 referral sent on 3 Dec\u201d).";
  const state = data.overdue ? `was due on ${action.dueDate} and is overdue` : `is due on ${action.dueDate}`;
  return {
    subject: meetingSubject(`Action ${action.number} ${data.overdue ? "overdue" : "reminder"}`, meeting),
    heading: `Action ${action.number}: ${data.overdue ? "overdue" : "reminder"}`,
    blocks: [
      greeting(recipient),
      para(`Action ${action.number}, agreed at the ${meetingLine(meeting)}, ${state}:`),
      {
        kind: "details",
        rows: [
          { label: "Action", value: action.action },
          { label: "Timescale", value: action.timescale },
          ...(action.notes ? [{ label: "Notes", value: action.notes }] : []),
        ],
      },
      { kind: "answer", how, url: pageUrl(ctx, reply.token) },
    ],
  };
}

export function actionReminderEmail(data: ActionReminderData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "action-reminder",
    data.meeting,
    data.recipient,
    actionReminderContent(data),
    data.reply,
  );
}
