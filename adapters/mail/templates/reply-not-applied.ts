/**
 * The automatic answer to a reply whose question is closed. It has no reply address (answering it
 * changes nothing) and is marked Auto-Submitted, so auto-responders do not answer it.
 */
import type { QuestionClosed } from "#domain/email/open-question.ts";
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import { closedQuestionWords } from "./closed-question-words.ts";
import {
  composeEmail,
  type EmailContent,
  formatWhen,
  greeting,
  type MailContext,
  type MeetingInfo,
  meetingLine,
  meetingSubject,
  para,
  type Recipient,
} from "./shared.ts";

export interface ReplyNotAppliedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  closed: QuestionClosed;
}

/** The answer's subject, heading (what happened) and body (what to do instead). */
export function replyNotAppliedContent(data: ReplyNotAppliedData): EmailContent {
  const { meeting, recipient } = data;
  const words = closedQuestionWords(data.closed, {
    chair: meeting.chair.name,
    when: formatWhen(meeting.start, meeting.timezone),
  });
  return {
    subject: meetingSubject("Your reply was not recorded", meeting),
    heading: words.title,
    blocks: [
      greeting(recipient),
      para(`Thank you for your reply about the ${meetingLine(meeting)}.`),
      para(words.what),
      para(words.next),
    ],
  };
}

export function replyNotAppliedEmail(data: ReplyNotAppliedData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "reply-not-applied",
    data.meeting,
    data.recipient,
    replyNotAppliedContent(data),
  );
}
