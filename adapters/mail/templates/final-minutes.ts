/** The agreed minutes, attached as a Word document, to everyone invited. */
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import { buildSectionedDocx, type SectionedDocument } from "../agenda-docx.ts";
import {
  composeEmail,
  docxType,
  type EmailContent,
  greeting,
  type MailContext,
  type MeetingInfo,
  meetingLine,
  meetingSubject,
  para,
  type Recipient,
  record,
} from "./shared.ts";

export interface FinalMinutesData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  /** The agreed minutes, sectioned: attached as DOCX. */
  minutes: SectionedDocument;
  version: number;
  /** The minutes as Word, when already rendered. */
  docx?: Uint8Array;
}

function finalLine(meeting: MeetingInfo, version: number): string {
  const { noun } = record(meeting);
  return noun === "minutes"
    ? `The agreed minutes (version ${version}) of the ${meetingLine(meeting)} are attached as a Word document. Please file them on your agency's record for the child.`
    : `The agreed ${noun} (version ${version}) of the ${meetingLine(meeting)} is attached as a Word document: it is both the plan and the record of the meeting. Please file it on your agency's record for the child.`;
}

/** The final minutes' subject, heading and body. */
export function finalMinutesContent(data: FinalMinutesData): EmailContent {
  const { meeting, recipient } = data;
  const { noun } = record(meeting);
  return {
    subject: meetingSubject(`Agreed ${noun}`, meeting),
    heading: `Agreed ${noun}: ${meeting.typeName}`,
    blocks: [greeting(recipient), para(finalLine(meeting, data.version))],
  };
}

export async function finalMinutesEmail(data: FinalMinutesData): Promise<OutgoingEmail> {
  const { ctx, meeting, recipient } = data;
  const email = composeEmail(ctx, "final-minutes", meeting, recipient, finalMinutesContent(data));
  const docx = data.docx ?? (await buildSectionedDocx(data.minutes));
  return {
    ...email,
    attachments: [
      {
        filename: `minutes-${meeting.childReference}-v${data.version}.docx`,
        contentType: docxType,
        content: docx,
      },
    ],
  };
}
