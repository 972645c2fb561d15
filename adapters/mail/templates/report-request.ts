/**
 * To a key agency that sent apologies: "the allocated worker from the key agency should provide
 * either a written or verbal report" (seed 001, "What happens if a key agency will not be
 * represented").
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

export interface ReportRequestData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  dueBy: string;
}

// What the report covers (seed 001, "What happens if a key agency will not be represented").
const covers = [
  "your agency's intervention since the last meeting",
  "progress against the expected outcomes",
  "any risk and unmet need",
];

/** The report request's subject, heading and body. */
export function reportRequestContent(data: ReportRequestData): EmailContent {
  const { ctx, meeting, recipient, reply } = data;
  return {
    subject: meetingSubject("Written report requested", meeting),
    heading: `Written report requested: ${meeting.typeName}`,
    blocks: [
      greeting(recipient),
      para(
        `Thank you for your apologies for the ${meetingLine(meeting)}. As your agency is a key agency for this child, please send a written report covering:`,
      ),
      { kind: "list", style: "bullets", items: covers.map((text) => ({ text })) },
      {
        kind: "answer",
        how: `Please reply to this email with your report attached by ${data.dueBy}.`,
        url: pageUrl(ctx, reply.token),
      },
    ],
  };
}

export function reportRequestEmail(data: ReportRequestData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "report-request",
    data.meeting,
    data.recipient,
    reportRequestContent(data),
    data.reply,
  );
}
