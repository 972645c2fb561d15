/** To the owner: their request for more time reached the team manager. */
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import {
  composeEmail,
  type EmailContent,
  greeting,
  type MailContext,
  type MeetingInfo,
  meetingLine,
  meetingSubject,
  para,
  type Recipient,
} from "./shared.ts";

export interface MoreTimeReceivedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  action: { number: number; action: string; due: string };
  teamManager: string;
}

/** The receipt's subject, heading and body. */
export function moreTimeReceivedContent(data: MoreTimeReceivedData): EmailContent {
  const { meeting, recipient, action } = data;
  return {
    subject: meetingSubject(`Action ${action.number}: your request for more time was received`, meeting),
    heading: `Action ${action.number}: request received`,
    blocks: [
      greeting(recipient),
      para(
        `Your request for more time for action ${action.number} (${action.action}), agreed at the ${meetingLine(meeting)}, has gone to ${data.teamManager}, the team manager.`,
      ),
      para(
        `Until a new date is agreed the action is still due on ${action.due}; you will be told the new date when it is agreed.`,
      ),
    ],
  };
}

export function moreTimeReceivedEmail(data: MoreTimeReceivedData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "more-time-received",
    data.meeting,
    data.recipient,
    moreTimeReceivedContent(data),
  );
}
