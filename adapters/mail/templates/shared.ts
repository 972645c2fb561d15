/**
 * What every email template shares: the context and meeting it is about, the subject line, the
 * meeting's details as blocks, and the one place an email is assembled from its blocks (the frame
 * in `../blocks.ts`, the headers, the Reply-To). Subjects carry the OFFICIAL-SENSITIVE marking and
 * the child's case reference, never the child's name.
 */
import { dateTimeFormat, formatLocal } from "#domain/lifecycle/time.ts";
import type { Address, OutgoingEmail } from "#domain/ports/mailer.ts";
import { protectiveMarking } from "../agenda-docx.ts";
import { type Block, layoutEmail } from "../blocks.ts";
import { calendarTimeZone } from "../calendar.ts";

/** The prefix of every subject: councils mark case email OFFICIAL-SENSITIVE. */
export const subjectPrefix = `${protectiveMarking}: `;

export const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export interface MailContext {
  /** e.g. "Exampleshire County Council" */
  authorityName: string;
  /** The sending address (an SES-verified identity in the cloud). */
  from: Address;
  /** Where the answer pages live: the API in the cloud, the local server locally. */
  baseUrl: string;
  /** The authority's time zone (Europe/London by default). */
  timezone?: string;
}

export interface MeetingInfo {
  meetingId: string;
  /** e.g. "Professionals Meeting" */
  typeName: string;
  /** The child's case reference. The child's name is never put in an email subject. */
  childReference: string;
  start: Date;
  end: Date;
  onlineLink?: string;
  location?: string;
  chair: { name: string; email: string };
  /** What the record is called where it is not minutes (seed 004: "Child and Family Progress Plan"). */
  recordName?: string;
  /** The authority's time zone, for every date and time the email shows (Europe/London by default). */
  timezone?: string;
}

export interface Recipient {
  name: string;
  email: string;
}

/** The recipient's signed reply token and the Reply-To address made from it. */
export interface ReplyHandle {
  token: string;
  replyTo: string;
}

/** What a template makes: the subject, the heading under the marking, and the body's blocks. */
export interface EmailContent {
  subject: string;
  heading: string;
  blocks: Block[];
}

/** The record's name in a sentence ("the minutes", "the Child and Family Progress Plan") and as a label. */
export function record(meeting: MeetingInfo): { noun: string; label: string } {
  const name = meeting.recordName && meeting.recordName !== "Minutes" ? meeting.recordName : undefined;
  return name ? { noun: name, label: name } : { noun: "minutes", label: "Minutes" };
}

/** "Tuesday 3 December 2025, 10:00" in the authority's time zone (Europe/London unless it sets another). */
export function formatWhen(date: Date, timezone: string = calendarTimeZone): string {
  return formatLocal(date, timezone, ", ");
}

/** "3 Dec 2025" in the authority's time zone, for subjects. */
function shortDate(date: Date, timezone: string = calendarTimeZone): string {
  return dateTimeFormat("en-GB", {
    timeZone: timezone,
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(date);
}

/** "14:00–15:30" */
export function timeRange(meeting: MeetingInfo): string {
  const f = dateTimeFormat("en-GB", {
    timeZone: meeting.timezone ?? calendarTimeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return `${f.format(meeting.start)}\u2013${f.format(meeting.end)}`;
}

/** A page under the base URL (which may end in "/"): one slash before the path. */
export function siteUrl(ctx: Pick<MailContext, "baseUrl">, path: string): string {
  return `${ctx.baseUrl.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

/** The answer page for a token. */
export function pageUrl(ctx: MailContext, token: string): string {
  return siteUrl(ctx, `r/${token}`);
}

/** Text on one line, for a subject. */
export function oneLine(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, " ")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** `OFFICIAL-SENSITIVE: <label>: <type>, ref <reference>, <date>` — no child's name. */
export function meetingSubject(label: string, meeting: MeetingInfo): string {
  return oneLine(
    `${subjectPrefix}${label}: ${meeting.typeName}, ref ${meeting.childReference}, ${shortDate(meeting.start, meeting.timezone)}`,
  );
}

/** "Professionals Meeting (case reference C-1) on Tuesday 3 December 2025, 10:00" */
export function meetingLine(meeting: MeetingInfo): string {
  return `${meeting.typeName} (case reference ${meeting.childReference}) on ${formatWhen(meeting.start, meeting.timezone)}`;
}

/** "Dear Jo Bloggs," */
export function greeting(recipient: { name: string }): Block {
  return { kind: "paragraph", text: `Dear ${recipient.name},` };
}

/** A paragraph of plain words. */
export function para(text: string): Block {
  return { kind: "paragraph", text };
}

/** The meeting's details: type, case reference, when, where, online link, chair. */
export function meetingDetails(meeting: MeetingInfo): Block {
  const link = meeting.onlineLink;
  return {
    kind: "details",
    rows: [
      { label: "Meeting", value: meeting.typeName },
      { label: "Case reference", value: meeting.childReference },
      { label: "When", value: `${formatWhen(meeting.start, meeting.timezone)} (${timeRange(meeting)})` },
      ...(meeting.location ? [{ label: "Where", value: meeting.location }] : []),
      ...(link
        ? [{ label: "Online meeting", value: [{ kind: "link" as const, text: link, href: link }] }]
        : []),
      { label: "Chair", value: meeting.chair.name },
    ],
  };
}

export function headers(kind: OutgoingEmail["kind"], meetingId: string): Record<string, string> {
  // Auto-Submitted (RFC 3834) keeps out-of-office responders from answering Convene's mail.
  return { "X-Convene-Kind": kind, "X-Convene-Meeting": meetingId, "Auto-Submitted": "auto-generated" };
}

/** An email about a meeting, to one recipient, laid out from its content; with their Reply-To when it asks for an answer. */
export function composeEmail(
  ctx: MailContext,
  kind: OutgoingEmail["kind"],
  meeting: MeetingInfo,
  recipient: Recipient,
  content: EmailContent,
  reply?: ReplyHandle,
): OutgoingEmail {
  const { html, text } = layoutEmail({
    authorityName: ctx.authorityName,
    heading: content.heading,
    blocks: content.blocks,
  });
  return {
    kind,
    meetingId: meeting.meetingId,
    from: ctx.from,
    to: [{ name: recipient.name, email: recipient.email }],
    ...(reply ? { replyTo: { name: `${ctx.authorityName} (Convene)`, email: reply.replyTo } } : {}),
    subject: content.subject,
    text,
    html,
    headers: headers(kind, meeting.meetingId),
  };
}
