/** The answer to an authentic reply that could not be used; it names no meeting, child or person. */
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import { layoutEmail } from "../blocks.ts";
import { type EmailContent, greeting, headers, type MailContext, para, type Recipient } from "./shared.ts";

export interface ReplyRefusedData {
  ctx: MailContext;
  recipient: Recipient;
  reason: "no-token" | "wrong-sender" | "token-expired";
}

const refusedWords: Record<ReplyRefusedData["reason"], { what: string; next: string }> = {
  "no-token": {
    what: "Your email was not recorded: it was not a reply to one of our emails, so we cannot tell which meeting or question it answers.",
    next: "If you were answering an invitation, minutes sent for approval or an action, please reply to that email itself (its reply address carries your own code), or use the link in it.",
  },
  "wrong-sender": {
    what: "Your reply was not recorded: the email you replied to was sent to someone else, and only they can answer it from their own address.",
    next: "If you are answering for them, please ask them to reply themselves, or contact the chair of the meeting directly.",
  },
  "token-expired": {
    what: "Your reply was not recorded: the email you replied to is too old and its reply code has expired.",
    next: "Please reply to the latest email you had about the meeting, or use the link in it, or contact the chair of the meeting directly.",
  },
};

/** The refusal's subject, heading and body: what happened and what to do instead, naming no meeting. */
export function replyRefusedContent(data: ReplyRefusedData): EmailContent {
  const words = refusedWords[data.reason];
  return {
    subject: `${data.ctx.authorityName}: your email was not recorded`,
    heading: "Your email was not recorded",
    blocks: [
      greeting(data.recipient),
      para(words.what),
      para(words.next),
      para("This mailbox is not read by a person."),
    ],
  };
}

export function replyRefusedEmail(data: ReplyRefusedData): OutgoingEmail {
  const { ctx, recipient } = data;
  const content = replyRefusedContent(data);
  const { html, text } = layoutEmail({
    authorityName: ctx.authorityName,
    heading: content.heading,
    blocks: content.blocks,
  });
  return {
    kind: "reply-refused",
    meetingId: "none",
    from: ctx.from,
    to: [{ name: recipient.name, email: recipient.email }],
    subject: content.subject,
    text,
    html,
    headers: headers("reply-refused", "none"),
  };
}
