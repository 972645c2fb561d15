/**
 * Turns an OutgoingEmail into raw MIME with nodemailer's MailComposer: multipart/alternative with
 * text and HTML (plus a text/calendar; method=REQUEST|CANCEL part and an invite.ics attachment when
 * the email carries a calendar entry), attachments, Reply-To, Message-ID and custom headers. The
 * same bytes go to SES (Content.Raw) in the cloud and to the outbox locally.
 */
import { randomUUID } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import type { Address, OutgoingEmail } from "#domain/ports/mailer.ts";

export interface RawMimeOptions {
  /** Message-ID without angle brackets; a random one at the sender's domain when absent. */
  messageId?: string;
  /** The Date header; now when absent. */
  date?: Date;
}

/** Header names the composer sets itself; custom headers may not override them. */
const reservedHeaders = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "reply-to",
  "subject",
  "message-id",
  "date",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
]);

/** A random Message-ID (without angle brackets) at the given address's domain. */
export function newMessageId(from: Address): string {
  const domain = from.email.split("@")[1] ?? "convene.invalid";
  return `${randomUUID()}@${domain}`;
}

function address(a: Address): { name: string; address: string } {
  return { name: (a.name ?? "").replace(/[\r\n]+/g, " "), address: a.email };
}

/**
 * Builds the raw MIME bytes of an email.
 * @example const raw = await toRawMime(email, { messageId: "abc@council.gov.uk" });
 */
export async function toRawMime(email: OutgoingEmail, options: RawMimeOptions = {}): Promise<Buffer> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(email.headers ?? {})) {
    if (reservedHeaders.has(name.toLowerCase())) {
      throw new RangeError(`header ${name} is set by the composer, not by a template`);
    }
    headers[name] = value.replace(/[\r\n]+/g, " ");
  }
  const composer = new MailComposer({
    from: address(email.from),
    to: email.to.map(address),
    ...(email.cc && email.cc.length > 0 ? { cc: email.cc.map(address) } : {}),
    ...(email.replyTo ? { replyTo: address(email.replyTo) } : {}),
    subject: email.subject.replace(/[\r\n]+/g, " "),
    text: email.text,
    html: email.html,
    messageId: `<${options.messageId ?? email.messageId ?? newMessageId(email.from)}>`,
    date: options.date ?? new Date(),
    headers,
    ...(email.calendar
      ? {
          icalEvent: {
            method: email.calendar.method,
            filename: "invite.ics",
            content: email.calendar.content,
          },
        }
      : {}),
    attachments: (email.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: typeof a.content === "string" ? a.content : Buffer.from(a.content),
    })),
  });
  return composer.compile().build();
}
