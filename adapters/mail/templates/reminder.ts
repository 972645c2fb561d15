/** A reminder for an answer that has not come: to an invitation, to minutes for approval, or a written report. */
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

export type ReminderAbout = "invitation" | "approval" | "report";

export interface ReminderData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  about: ReminderAbout;
  dueBy: string;
}

const reminderWords: Record<ReminderAbout, { label: string; ask: string }> = {
  invitation: { label: "Reminder: please reply", ask: "We have not had your answer to the invitation." },
  approval: {
    label: "Reminder: minutes for approval",
    ask: "We have not had your approval of the draft minutes.",
  },
  report: { label: "Reminder: written report", ask: "We have not had your agency's written report." },
};

/** The reminder's subject, heading and body. */
export function reminderContent(data: ReminderData): EmailContent {
  const { ctx, meeting, recipient, reply } = data;
  const words = reminderWords[data.about];
  return {
    subject: meetingSubject(words.label, meeting),
    heading: words.label,
    blocks: [
      greeting(recipient),
      para(`${words.ask} It is about the ${meetingLine(meeting)}.`),
      {
        kind: "answer",
        how: `Please reply to this email or answer online by ${data.dueBy}.`,
        url: pageUrl(ctx, reply.token),
      },
    ],
  };
}

export function reminderEmail(data: ReminderData): OutgoingEmail {
  return composeEmail(data.ctx, "reminder", data.meeting, data.recipient, reminderContent(data), data.reply);
}
