/**
 * To the chair: an attendee asks for a change to the draft minutes. The minutes are not agreed
 * until the chair decides; the chair answers by reply ("Accept" / "Reject: reason") with the
 * chair's own token, or on the page (issue 12: the chair's decisions on a change by reply).
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

export interface ChangeRequestData {
  ctx: MailContext;
  meeting: MeetingInfo;
  /** The chair. */
  recipient: Recipient;
  /** The chair's reply handle for this version's minutes. */
  reply: ReplyHandle;
  /** Who asks, as the minutes name them. */
  from: { name: string; role: string; agency?: string };
  version: number;
  /** The change as the attendee wrote it. */
  changes: string;
}

/** The request's subject, heading and body: who asks, the change quoted, and how to decide it. */
export function changeRequestContent(data: ChangeRequestData): EmailContent {
  const { ctx, meeting, recipient, reply, from } = data;
  const who = `${from.name} (${[from.role, from.agency].filter(Boolean).join(", ")})`;
  return {
    subject: meetingSubject(
      `Change to the minutes asked for by ${from.name} (v${data.version}): accept or reject`,
      meeting,
    ),
    heading: "Change to the minutes asked for",
    blocks: [
      greeting(recipient),
      para(
        `${who} asks for a change to version ${data.version} of the minutes of the ${meetingLine(meeting)}:`,
      ),
      { kind: "quote", text: data.changes },
      para(
        `The minutes cannot be agreed until you decide. If you accept, the change is made and the new version goes out for approval; if you reject it, ${from.name} is told your reason and may approve the minutes as they stand or keep the disagreement, which is recorded in the final minutes.`,
      ),
      {
        kind: "answer",
        how: "Reply \u201cAccept\u201d to make the change, or \u201cReject:\u201d followed by your reason.",
        url: pageUrl(ctx, reply.token),
      },
    ],
  };
}

export function changeRequestEmail(data: ChangeRequestData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "change-request",
    data.meeting,
    data.recipient,
    changeRequestContent(data),
    data.reply,
  );
}
