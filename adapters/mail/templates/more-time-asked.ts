/** To the team manager (and the chair): an action's owner asks for more time. */
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

export interface MoreTimeAskedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  action: { number: number; action: string; owner: string; due: string };
  text: string;
  /** The date they propose, in words, when their words name one. */
  proposed?: string;
  /** The workspace page where a new date is agreed. */
  link: string;
}

/** The request's subject, heading and body: the owner's words quoted, and where to agree a date. */
export function moreTimeAskedContent(data: MoreTimeAskedData): EmailContent {
  const { meeting, recipient, action } = data;
  const owner = action.owner || "The owner";
  return {
    subject: meetingSubject(`More time asked for action ${action.number} — owner ${owner}`, meeting),
    heading: `More time asked for action ${action.number}`,
    blocks: [
      greeting(recipient),
      para(`${owner} asks for more time for action ${action.number}, agreed at the ${meetingLine(meeting)}:`),
      {
        kind: "details",
        rows: [
          { label: "Action", value: action.action },
          { label: "Due", value: action.due },
          ...(data.proposed ? [{ label: "Date asked for", value: data.proposed }] : []),
        ],
      },
      { kind: "quote", text: data.text },
      {
        kind: "paragraph",
        text: [
          "The action stays due on its date until a new one is agreed. To agree a new date, sign in to Convene: ",
          { kind: "link", text: data.link, href: data.link },
        ],
      },
    ],
  };
}

export function moreTimeAskedEmail(data: MoreTimeAskedData): OutgoingEmail {
  return composeEmail(data.ctx, "more-time-asked", data.meeting, data.recipient, moreTimeAskedContent(data));
}
