/** Tells the chair that an address bounced or complained, so nobody is silently left out. */
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
} from "./shared.ts";

export interface UndeliverableAlertData {
  ctx: MailContext;
  meeting: MeetingInfo;
  /** The address that bounced or complained. */
  address: string;
  kind: "bounce" | "complaint";
  permanent: boolean;
  /** What the email was, e.g. "invitation". */
  emailKind?: string;
  detail?: string;
}

/** The alert's subject, heading and body: which address, what happened, what to do. */
export function undeliverableAlertContent(data: UndeliverableAlertData): EmailContent {
  const { meeting } = data;
  const what =
    data.kind === "complaint"
      ? "marked Convene's email as spam"
      : data.permanent
        ? "cannot be delivered to (permanent bounce)"
        : "could not be delivered to for now (temporary bounce)";
  const sent = data.emailKind ? ` (the ${data.emailKind} email)` : "";
  return {
    subject: meetingSubject("Email could not be delivered", meeting),
    heading: "Email could not be delivered",
    blocks: [
      greeting(meeting.chair),
      {
        kind: "paragraph",
        text: [
          "The address ",
          { kind: "strong", text: data.address },
          ` ${what}${sent} for the ${meetingLine(meeting)}.`,
        ],
      },
      ...(data.detail ? [para(`Details: ${data.detail}`)] : []),
      para(
        "Convene will not email this address again. Please contact the person another way and correct their address in the meeting.",
      ),
    ],
  };
}

export function undeliverableAlertEmail(data: UndeliverableAlertData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "undeliverable-alert",
    data.meeting,
    data.meeting.chair,
    undeliverableAlertContent(data),
  );
}
