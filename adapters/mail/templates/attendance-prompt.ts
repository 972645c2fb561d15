/**
 * The chair's prompt once the meeting has ended: record who attended (on the meeting's page in
 * the workspace), so the transcript can be imported and the record drafted. A prompt, not an
 * escalation: nothing is overdue yet.
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
  para,
  type Recipient,
  record,
  siteUrl,
} from "./shared.ts";

export interface RecordAttendanceData {
  ctx: MailContext;
  meeting: MeetingInfo;
  /** The chair. */
  recipient: Recipient;
  /** "Tuesday 14 April 2026": the day attendance is due by. */
  dueBy: string;
}

/** The attendance prompt's subject, heading and body. */
export function recordAttendanceContent(data: RecordAttendanceData): EmailContent {
  const { ctx, meeting, recipient } = data;
  // The base URL may end in "/" (as pageUrl allows): one slash before the path.
  const url = siteUrl(ctx, `meeting/${encodeURIComponent(meeting.meetingId)}`);
  const ask = `Please record who attended by ${data.dueBy}, so the transcript can be imported and the ${record(meeting).noun} drafted.`;
  return {
    subject: meetingSubject("Record who attended", meeting),
    heading: "Record who attended",
    blocks: [
      greeting(recipient),
      para(`The ${meetingLine(meeting)} has ended. ${ask}`),
      { kind: "button", label: "Record attendance", url },
      para("If you are not signed in to the workspace, the link asks you to sign in first."),
    ],
  };
}

export function recordAttendanceEmail(data: RecordAttendanceData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "attendance-prompt",
    data.meeting,
    data.recipient,
    recordAttendanceContent(data),
  );
}
