/** The short reply to an email Convene could not understand: the words it does understand. */
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

export interface HelpData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  purpose: "invitation" | "approval" | "action" | "report";
}

const helpWords: Record<HelpData["purpose"], string[]> = {
  invitation: [
    "\u201cYes, I will attend\u201d",
    "\u201cApologies\u201d (and say if a written report will follow)",
    "\u201cI cannot attend\u201d",
  ],
  approval: ["\u201cApproved\u201d", "your changes, e.g. \u201cItem 3 should read \u2026\u201d"],
  action: ["\u201cDone\u201d with a short note of what was done"],
  report: ["your written report as an attachment", "\u201cI will send the report by \u2026\u201d"],
};

/** The help email's subject, heading and body. */
export function helpContent(data: HelpData): EmailContent {
  const { ctx, meeting, recipient, reply } = data;
  return {
    subject: meetingSubject("We could not read your reply", meeting),
    heading: "We could not read your reply",
    blocks: [
      greeting(recipient),
      para(
        `Sorry, we could not tell what your email about the ${meetingLine(meeting)} was answering. Please reply with one of:`,
      ),
      { kind: "list", style: "bullets", items: helpWords[data.purpose].map((text) => ({ text })) },
      {
        kind: "answer",
        how: "Or answer with the buttons on the answer page.",
        url: pageUrl(ctx, reply.token),
      },
      para(`If you need to tell the chair something else, please email ${meeting.chair.name} directly.`),
    ],
  };
}

export function helpEmail(data: HelpData): OutgoingEmail {
  return composeEmail(data.ctx, "help", data.meeting, data.recipient, helpContent(data), data.reply);
}
