/** To the chair: a key agency's written report, attached as it came (seed 001). */
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

export interface ReportReceivedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  /** The chair. */
  recipient: Recipient;
  from: { name: string; role: string; agency: string };
  reports: Array<{ filename: string; contentType: string; content: Uint8Array }>;
}

/** The receipt's subject, heading and body: who sent what, and the files' names. */
export function reportReceivedContent(data: ReportReceivedData): EmailContent {
  const { meeting, recipient, from } = data;
  const who = `${from.name} (${from.role}${from.agency ? `, ${from.agency}` : ""})`;
  const one = data.reports.length === 1;
  return {
    subject: meetingSubject(`Written report from ${from.agency || from.name}`, meeting),
    heading: `Written report received: ${meeting.typeName}`,
    blocks: [
      greeting(recipient),
      para(
        `${who} sent ${one ? "a written report" : `${data.reports.length} written reports`} for the ${meetingLine(meeting)}. ${one ? "It is" : "They are"} attached, and kept with the meeting.`,
      ),
      { kind: "list", style: "bullets", items: data.reports.map((r) => ({ text: r.filename })) },
    ],
  };
}

export function reportReceivedEmail(data: ReportReceivedData): OutgoingEmail {
  const email = composeEmail(
    data.ctx,
    "report-received",
    data.meeting,
    data.recipient,
    reportReceivedContent(data),
  );
  return {
    ...email,
    attachments: data.reports.map((r) => ({
      filename: r.filename,
      contentType: r.contentType,
      content: r.content,
    })),
  };
}
