/** Cancellation with an iCalendar CANCEL for the same UID, so calendars remove the entry. */
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import { buildCalendar } from "../calendar.ts";
import {
  composeEmail,
  type EmailContent,
  greeting,
  type MailContext,
  type MeetingInfo,
  meetingDetails,
  meetingLine,
  meetingSubject,
  para,
  type Recipient,
  type ReplyHandle,
} from "./shared.ts";

export interface CancellationData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  attendees: Recipient[];
  /** Raised from the last invitation's sequence. */
  sequence: number;
  stamp: Date;
  reason?: string;
  /** The recipient's invitation reply handle: the calendar organizer address they hold. */
  reply?: ReplyHandle;
}

/** The cancellation's subject, heading and body. */
export function cancellationContent(data: CancellationData): EmailContent {
  const { meeting, recipient } = data;
  return {
    subject: meetingSubject("Cancelled", meeting),
    heading: `Cancelled: ${meeting.typeName}`,
    blocks: [
      greeting(recipient),
      para(`The ${meeting.typeName} below has been cancelled.`),
      meetingDetails(meeting),
      ...(data.reason
        ? [
            { kind: "heading" as const, text: "Reason", level: 2 as const },
            { kind: "quote" as const, text: data.reason },
          ]
        : []),
    ],
  };
}

/** The cancellation with its calendar CANCEL. */
export function cancellationEmail(data: CancellationData): OutgoingEmail {
  const { ctx, meeting, recipient } = data;
  const email = composeEmail(ctx, "cancellation", meeting, recipient, cancellationContent(data));
  const calendar = buildCalendar({
    method: "CANCEL",
    ...(meeting.timezone ? { timezone: meeting.timezone } : {}),
    meetingId: meeting.meetingId,
    sequence: data.sequence,
    start: meeting.start,
    end: meeting.end,
    summary: `Cancelled: ${meeting.typeName} (ref ${meeting.childReference})`,
    description: `${meetingLine(meeting)} has been cancelled.`,
    // The same organizer as the invitation (the recipient's reply address) where known, so calendar
    // clients apply the CANCEL to the entry they hold.
    organizer: { name: ctx.from.name ?? ctx.authorityName, email: data.reply?.replyTo ?? ctx.from.email },
    chair: meeting.chair,
    attendees: data.attendees,
    stamp: data.stamp,
  });
  return { ...email, calendar: { method: "CANCEL", content: calendar } };
}
