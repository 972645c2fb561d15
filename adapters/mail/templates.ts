/**
 * One function per kind of email Convene sends, each producing an OutgoingEmail (HTML with every
 * value escaped, and a plain-text alternative) from plain data. Subjects carry the
 * OFFICIAL-SENSITIVE marking and the child's case reference, never the child's name. Emails that
 * expect an answer carry the recipient's signed Reply-To address and a link to the answer page
 * `${baseUrl}/r/${token}`.
 */

import { agendaText, type MeetingAgenda } from "#domain/catalog/agenda-outline.ts";
import type { QuestionClosed } from "#domain/email/open-question.ts";
import { dateTimeFormat, formatLocal } from "#domain/lifecycle/time.ts";
import type { Address, Attachment, OutgoingEmail } from "#domain/ports/mailer.ts";
import {
  buildAgendaDocx,
  buildSectionedDocx,
  protectiveMarking,
  type SectionedDocument,
} from "./agenda-docx.ts";
import { buildCalendar, calendarTimeZone } from "./calendar.ts";
import { html, paragraphs, type SafeHtml, safeUrl } from "./html.ts";

/** The prefix of every subject: councils mark case email OFFICIAL-SENSITIVE. */
export const subjectPrefix = `${protectiveMarking}: `;

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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

/** The record's name in a sentence ("the minutes", "the Child and Family Progress Plan") and as a label. */
function record(meeting: MeetingInfo): { noun: string; label: string } {
  const name = meeting.recordName && meeting.recordName !== "Minutes" ? meeting.recordName : undefined;
  return name ? { noun: name, label: name } : { noun: "minutes", label: "Minutes" };
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
function timeRange(meeting: MeetingInfo): string {
  const f = dateTimeFormat("en-GB", {
    timeZone: meeting.timezone ?? calendarTimeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return `${f.format(meeting.start)}\u2013${f.format(meeting.end)}`;
}

/** The answer page for a token. */
export function pageUrl(ctx: MailContext, token: string): string {
  return `${ctx.baseUrl.replace(/\/+$/, "")}/r/${token}`;
}

function oneLine(text: string): string {
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

function meetingLine(meeting: MeetingInfo): string {
  return `${meeting.typeName} (case reference ${meeting.childReference}) on ${formatWhen(meeting.start, meeting.timezone)}`;
}

interface Body {
  html: SafeHtml;
  text: string;
}

function layout(ctx: MailContext, heading: string, body: Body): { html: string; text: string } {
  const banner = html`<p style="margin:0;padding:4px 8px;background:#c00000;color:#fff;font-weight:bold;text-align:center">${protectiveMarking}</p>`;
  const page = html`<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${heading}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#0b0c0c;max-width:680px">
${banner}
<h1 style="font-size:20px">${heading}</h1>
${body.html}
<p style="color:#505a5f;font-size:13px">Sent by Convene for ${ctx.authorityName}. This email contains information about a child: keep it secure and do not forward it outside the professionals involved.</p>
${banner}
</body></html>`;
  const text = [
    protectiveMarking,
    "",
    heading,
    "",
    body.text.trim(),
    "",
    `Sent by Convene for ${ctx.authorityName}. This email contains information about a child: keep it secure and do not forward it outside the professionals involved.`,
    protectiveMarking,
    "",
  ].join("\n");
  return { html: page.value, text };
}

function headers(kind: OutgoingEmail["kind"], meetingId: string): Record<string, string> {
  // Auto-Submitted (RFC 3834) keeps out-of-office responders from answering Convene's mail.
  return { "X-Convene-Kind": kind, "X-Convene-Meeting": meetingId, "Auto-Submitted": "auto-generated" };
}

function detailsHtml(meeting: MeetingInfo): SafeHtml {
  const link = meeting.onlineLink;
  return html`<table role="presentation" style="border-collapse:collapse">
<tr><th style="text-align:left;padding:2px 12px 2px 0">Meeting</th><td>${meeting.typeName}</td></tr>
<tr><th style="text-align:left;padding:2px 12px 2px 0">Case reference</th><td>${meeting.childReference}</td></tr>
<tr><th style="text-align:left;padding:2px 12px 2px 0">When</th><td>${formatWhen(meeting.start, meeting.timezone)} (${timeRange(meeting)})</td></tr>
${meeting.location ? html`<tr><th style="text-align:left;padding:2px 12px 2px 0">Where</th><td>${meeting.location}</td></tr>` : ""}
${link ? html`<tr><th style="text-align:left;padding:2px 12px 2px 0">Online meeting</th><td><a href="${safeUrl(link)}">${link}</a></td></tr>` : ""}
<tr><th style="text-align:left;padding:2px 12px 2px 0">Chair</th><td>${meeting.chair.name}</td></tr>
</table>`;
}

function detailsText(meeting: MeetingInfo): string {
  return [
    `Meeting: ${meeting.typeName}`,
    `Case reference: ${meeting.childReference}`,
    `When: ${formatWhen(meeting.start, meeting.timezone)} (${timeRange(meeting)})`,
    ...(meeting.location ? [`Where: ${meeting.location}`] : []),
    ...(meeting.onlineLink ? [`Online meeting: ${meeting.onlineLink}`] : []),
    `Chair: ${meeting.chair.name}`,
  ].join("\n");
}

function answerHtml(url: string, howToReply: string): SafeHtml {
  return html`<p>${howToReply}</p>
<p><a href="${safeUrl(url)}" style="display:inline-block;padding:8px 16px;background:#00703c;color:#fff;text-decoration:none;font-weight:bold">Answer online</a></p>`;
}

function answerText(url: string, howToReply: string): string {
  return `${howToReply}\nOr answer online: ${url}`;
}

/** The agenda as HTML: each section's items in an ordered list, sub-items lettered; numbered once. */
function agendaHtml(agenda: MeetingAgenda): SafeHtml {
  if (!agenda.title && agenda.lines.length === 0 && agenda.sections.length === 0)
    return html`<p>None set.</p>`;
  return html`${agenda.title ? html`<p><strong>${agenda.title}</strong></p>` : ""}${agenda.lines.map((line) => html`<p>${line}</p>`)}${agenda.sections.map(
    (section) =>
      html`<h3 style="font-size:15px">${section.heading}</h3>${section.guidance ? html`<p>${section.guidance}</p>` : ""}<ol>${section.items.map(
        (item) =>
          html`<li>${item.text}${item.subItems?.length ? html`<ol type="a">${item.subItems.map((sub) => html`<li>${sub}</li>`)}</ol>` : ""}</li>`,
      )}</ol>`,
  )}`;
}

function base(
  ctx: MailContext,
  kind: OutgoingEmail["kind"],
  meeting: MeetingInfo,
  recipient: Recipient,
  subject: string,
  heading: string,
  body: Body,
  reply?: ReplyHandle,
): OutgoingEmail {
  const { html: page, text } = layout(ctx, heading, body);
  return {
    kind,
    meetingId: meeting.meetingId,
    from: ctx.from,
    to: [{ name: recipient.name, email: recipient.email }],
    ...(reply ? { replyTo: { name: `${ctx.authorityName} (Convene)`, email: reply.replyTo } } : {}),
    subject,
    text,
    html: page,
    headers: headers(kind, meeting.meetingId),
  };
}

export interface InvitationData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  agenda: MeetingAgenda;
  /** Pre-reading titles (court documents only with the court's permission, seed 000). */
  preReading: string[];
  /** Everyone invited, for the calendar entry. */
  attendees: Recipient[];
  /** The calendar SEQUENCE: 0 first, raised on every reschedule. */
  sequence: number;
  /** DTSTAMP of the calendar entry. */
  stamp: Date;
  /** The agenda as Word, when already built (it is the same for every invitee). */
  agendaDocx?: Uint8Array;
  /** "Thursday 5 March 2026": the day to answer by, where there is time to give one. */
  replyBy?: string;
}

/**
 * The invitation (or, with sequence > 0, the updated invitation): agenda, pre-reading and online
 * link in the body, an iCalendar REQUEST, and the agenda as a Word document.
 */
export async function invitationEmail(data: InvitationData): Promise<OutgoingEmail> {
  const { ctx, meeting, recipient, reply } = data;
  const update = data.sequence > 0;
  const kind = update ? "invitation-update" : "invitation";
  const url = pageUrl(ctx, reply.token);
  const how =
    "Please reply to this email to say whether you will attend: for example \u201cYes, I will attend\u201d, " +
    "or \u201cApologies\u201d (if your agency cannot attend, say whether you will send a written report)." +
    (data.replyBy ? ` Please answer by ${data.replyBy}.` : "");
  const intro = update
    ? `The ${meeting.typeName} has changed. The details below replace the earlier invitation.`
    : `You are invited to a ${meeting.typeName}.`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${intro}</p>
${detailsHtml(meeting)}
<h2 style="font-size:17px">Agenda</h2>
${agendaHtml(data.agenda)}
<h2 style="font-size:17px">Pre-reading</h2>
${data.preReading.length > 0 ? html`<ul>${data.preReading.map((p) => html`<li>${p}</li>`)}</ul>` : html`<p>None.</p>`}
${answerHtml(url, how)}
<p>The agenda is attached as a Word document, and a calendar entry is included.</p>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      intro,
      "",
      detailsText(meeting),
      "",
      "Agenda:",
      ...(agendaText(data.agenda).length > 0 ? agendaText(data.agenda) : ["None set."]),
      "",
      "Pre-reading:",
      ...(data.preReading.length > 0 ? data.preReading.map((p) => `- ${p}`) : ["None."]),
      "",
      answerText(url, how),
      "",
      "The agenda is attached as a Word document, and a calendar entry is included.",
    ].join("\n"),
  };
  const email = base(
    ctx,
    kind,
    meeting,
    recipient,
    meetingSubject(update ? "Updated invitation" : "Invitation", meeting),
    update ? `Updated invitation: ${meeting.typeName}` : `Invitation: ${meeting.typeName}`,
    body,
    reply,
  );
  const calendar = buildCalendar({
    method: "REQUEST",
    ...(meeting.timezone ? { timezone: meeting.timezone } : {}),
    meetingId: meeting.meetingId,
    sequence: data.sequence,
    start: meeting.start,
    end: meeting.end,
    summary: `${meeting.typeName} (ref ${meeting.childReference})`,
    description: `${meetingLine(meeting)}\nChair: ${meeting.chair.name}\n\nAgenda:\n${agendaText(data.agenda).join("\n")}\n\nAnswer: ${url}`,
    ...(meeting.location ? { location: meeting.location } : meeting.onlineLink ? { location: "Online" } : {}),
    ...(meeting.onlineLink ? { url: meeting.onlineLink } : {}),
    // Convene organises, never the chair: calendar clients send Accept / Decline to the organizer,
    // so the organizer's address is this recipient's own signed reply address. A calendar answer
    // then gets the same sender and token checks as any reply and is recorded as attendance. The
    // chair is shown as the meeting's chair (ROLE=CHAIR) among the attendees.
    organizer: { name: ctx.from.name ?? ctx.authorityName, email: reply.replyTo },
    chair: meeting.chair,
    attendees: data.attendees,
    stamp: data.stamp,
  });
  const agendaDoc =
    data.agendaDocx ??
    (await buildAgendaDocx({
      typeName: meeting.typeName,
      childReference: meeting.childReference,
      when: `${formatWhen(meeting.start, meeting.timezone)} (${timeRange(meeting)})`,
      chair: meeting.chair.name,
      agenda: data.agenda,
      preReading: data.preReading,
      ...(meeting.onlineLink ? { onlineLink: meeting.onlineLink } : {}),
      ...(meeting.location ? { location: meeting.location } : {}),
    }));
  return {
    ...email,
    calendar: { method: "REQUEST", content: calendar },
    attachments: [
      { filename: `agenda-${meeting.childReference}.docx`, contentType: docxType, content: agendaDoc },
    ],
  };
}

export interface CancellationData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  attendees: Recipient[];
  /** Raised from the last invitation's sequence. */
  sequence: number;
  stamp: Date;
  reason?: string;
  /** The recipient's invitation reply handle: the calendar organizer address they hold. */
  reply?: ReplyHandle;
}

/** Cancellation with an iCalendar CANCEL for the same UID, so calendars remove the entry. */
export function cancellationEmail(data: CancellationData): OutgoingEmail {
  const { ctx, meeting, recipient } = data;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>The ${meeting.typeName} below has been cancelled.</p>
${detailsHtml(meeting)}
${data.reason ? html`<h2 style="font-size:17px">Reason</h2>${paragraphs(data.reason)}` : ""}`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `The ${meeting.typeName} below has been cancelled.`,
      "",
      detailsText(meeting),
      ...(data.reason ? ["", `Reason: ${data.reason}`] : []),
    ].join("\n"),
  };
  const email = base(
    ctx,
    "cancellation",
    meeting,
    recipient,
    meetingSubject("Cancelled", meeting),
    `Cancelled: ${meeting.typeName}`,
    body,
  );
  const calendar = buildCalendar({
    method: "CANCEL",
    ...(meeting.timezone ? { timezone: meeting.timezone } : {}),
    meetingId: meeting.meetingId,
    sequence: data.sequence,
    start: meeting.start,
    end: meeting.end,
    summary: `Cancelled: ${meeting.typeName} (ref ${meeting.childReference})`,
    description: `${meetingLine(meeting)} has been cancelled.`,
    // The same organizer as the invitation (the recipient's reply address) where known, so calendar
    // clients apply the CANCEL to the entry they hold.
    organizer: { name: ctx.from.name ?? ctx.authorityName, email: data.reply?.replyTo ?? ctx.from.email },
    chair: meeting.chair,
    attendees: data.attendees,
    stamp: data.stamp,
  });
  return { ...email, calendar: { method: "CANCEL", content: calendar } };
}

export interface ApprovalRequestData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  /** The minutes version being approved. */
  version: number;
  /** The draft minutes as text (shown in the email). */
  minutesText: string;
  /** "Friday 12 December 2025" */
  dueBy: string;
  /** e.g. the draft as DOCX. */
  attachments?: Attachment[];
  /** For the chair: transcript speaker labels that name nobody (e.g. spk_0), to be named. */
  speakersToName?: string[];
  attendeeNames?: string[];
}

/**
 * Asks an attendee to approve the draft minutes or ask for changes: "An effective minute … should be
 * agreed by all attendees" (seed 000, "Management of meetings").
 */
export function approvalRequestEmail(data: ApprovalRequestData): OutgoingEmail {
  const { ctx, meeting, recipient, reply } = data;
  const url = pageUrl(ctx, reply.token);
  const how =
    "Reply \u201cApproved\u201d if the minutes are accurate, or reply with the changes you need " +
    `(for example \u201cItem 3 should read \u2026\u201d). Please answer by ${data.dueBy}.`;
  const unnamed = data.speakersToName ?? [];
  const nameAsk =
    unnamed.length > 0
      ? `The transcript has speakers Convene could not name: ${unnamed.join(", ")}. Reply with one line each, ` +
        `for example \u201c${unnamed[0]} = ${data.attendeeNames?.[0] ?? "Name Surname"}\u201d, or use the page; ` +
        "the minutes are then drafted again with the names."
      : undefined;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>The draft ${record(meeting).noun} (version ${data.version}) of the ${meetingLine(meeting)} ${record(meeting).noun === "minutes" ? "are" : "is"} below for your approval.</p>
${nameAsk ? html`<p><strong>${nameAsk}</strong></p>` : ""}
${answerHtml(url, how)}
<h2 style="font-size:17px">Draft minutes</h2>
<div style="border-left:4px solid #b1b4b6;padding-left:12px">${paragraphs(data.minutesText)}</div>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `The draft ${record(meeting).noun} (version ${data.version}) of the ${meetingLine(meeting)} ${record(meeting).noun === "minutes" ? "are" : "is"} below for your approval.`,
      "",
      ...(nameAsk ? [nameAsk, ""] : []),
      answerText(url, how),
      "",
      "Draft minutes:",
      "",
      data.minutesText,
    ].join("\n"),
  };
  const email = base(
    ctx,
    "approval-request",
    meeting,
    recipient,
    meetingSubject(`${record(meeting).label} for approval (v${data.version})`, meeting),
    `${record(meeting).label} for approval: ${meeting.typeName}`,
    body,
    reply,
  );
  return data.attachments ? { ...email, attachments: data.attachments } : email;
}

export type ReminderAbout = "invitation" | "approval" | "report";

export interface ReminderData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  about: ReminderAbout;
  dueBy: string;
}

const reminderWords: Record<ReminderAbout, { label: string; ask: string }> = {
  invitation: { label: "Reminder: please reply", ask: "We have not had your answer to the invitation." },
  approval: {
    label: "Reminder: minutes for approval",
    ask: "We have not had your approval of the draft minutes.",
  },
  report: { label: "Reminder: written report", ask: "We have not had your agency's written report." },
};

/** A reminder for an answer that has not come. */
export function reminderEmail(data: ReminderData): OutgoingEmail {
  const { ctx, meeting, recipient, reply } = data;
  const words = reminderWords[data.about];
  const url = pageUrl(ctx, reply.token);
  const how = `Please reply to this email or answer online by ${data.dueBy}.`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${words.ask} It is about the ${meetingLine(meeting)}.</p>
${answerHtml(url, how)}`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `${words.ask} It is about the ${meetingLine(meeting)}.`,
      "",
      answerText(url, how),
    ].join("\n"),
  };
  return base(
    ctx,
    "reminder",
    meeting,
    recipient,
    meetingSubject(words.label, meeting),
    words.label,
    body,
    reply,
  );
}

export interface RecordAttendanceData {
  ctx: MailContext;
  meeting: MeetingInfo;
  /** The chair. */
  recipient: Recipient;
  /** "Tuesday 14 April 2026": the day attendance is due by. */
  dueBy: string;
}

/**
 * The chair's prompt once the meeting has ended: record who attended (on the meeting's page in
 * the workspace), so the transcript can be imported and the record drafted. A prompt, not an
 * escalation: nothing is overdue yet.
 */
export function recordAttendanceEmail(data: RecordAttendanceData): OutgoingEmail {
  const { ctx, meeting, recipient } = data;
  const url = `${ctx.baseUrl}/meeting/${encodeURIComponent(meeting.meetingId)}`;
  const ask = `Please record who attended by ${data.dueBy}, so the transcript can be imported and the ${record(meeting).noun} drafted.`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>The ${meetingLine(meeting)} has ended. ${ask}</p>
<p><a href="${safeUrl(url)}" style="display:inline-block;padding:8px 16px;background:#00703c;color:#fff;text-decoration:none;font-weight:bold">Record attendance</a></p>
<p>If you are not signed in to the workspace, the link asks you to sign in first.</p>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `The ${meetingLine(meeting)} has ended. ${ask}`,
      "",
      `Record attendance on the meeting's page: ${url}`,
    ].join("\n"),
  };
  return base(
    ctx,
    "reminder",
    meeting,
    recipient,
    meetingSubject("Record who attended", meeting),
    "Record who attended",
    body,
  );
}

export interface EscalationData {
  ctx: MailContext;
  meeting: MeetingInfo;
  /** The person escalated to: the line manager first, then further up (seed 001). */
  recipient: Recipient;
  /** Whose answer or action is overdue. */
  subject: { name: string; role: string; agency?: string };
  /** What is overdue, e.g. "Action 2: refer to CAMHS (due 5 December 2025)". */
  overdue: string;
  /** 1 = line manager, 2 = the next rung, … */
  level: number;
  /** What slipped (domain/ports/messages.ts EscalationReason): it names the email. */
  reason?: string;
  /** The overdue action's text, for the subject. */
  actionText?: string;
  /** Where the email asks the recipient to answer by reply: their own signed reply address and page. */
  reply?: ReplyHandle;
}

/** What each escalation says it is, in its subject and heading. */
const escalationLabels: Record<string, string> = {
  "action-overdue": "Action overdue",
  "approvals-overdue": "Answers to the minutes overdue",
  "meeting-not-recorded": "Attendance not recorded",
  "transcript-missing": "Transcript missing",
  "distribution-late": "Minutes sent out late",
  "handler-failure": "An automatic step keeps failing",
  undeliverable: "Email could not be delivered",
  "change-requested": "Change to the minutes asked for",
  "minutes-blocked": "Minutes cannot be finalised",
};

const shorten = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;

/** "Action overdue: CAMHS assessment (ref C-104233) — owner Dr Aisha Karim"; others by what slipped. */
export function escalationSubject(data: EscalationData): string {
  const label = escalationLabels[data.reason ?? ""] ?? "Needs your attention";
  if (data.reason === "action-overdue" && data.actionText) {
    return oneLine(
      `${subjectPrefix}${label}: ${shorten(data.actionText, 60)} (ref ${data.meeting.childReference}) — owner ${data.subject.name}`,
    );
  }
  return meetingSubject(label, data.meeting);
}

/**
 * Escalation up the agency's ladder when an answer or action slips: "use their own agency's
 * 'escalation policy' – … their own line-manager and taking further action" (seed 001).
 */
export function escalationEmail(data: EscalationData): OutgoingEmail {
  const { ctx, meeting, recipient } = data;
  const who = `${data.subject.name} (${data.subject.role}${data.subject.agency ? `, ${data.subject.agency}` : ""})`;
  // An action's escalation names its owner; anything else says what it is, not "overdue from".
  const intro =
    data.reason === "action-overdue"
      ? `This is an escalation (level ${data.level}) under your agency's escalation policy. This action, owned by ${who}, is overdue; it was agreed at the ${meetingLine(meeting)}:`
      : data.reason === undefined
        ? `This is an escalation (level ${data.level}) under your agency's escalation policy. The following is overdue from ${who}, agreed at the ${meetingLine(meeting)}:`
        : `${escalationLabels[data.reason] ?? "This needs your attention"}, for the ${meetingLine(meeting)}:`;
  const followUp =
    recipient.email.toLowerCase() === meeting.chair.email.toLowerCase()
      ? "Please follow this up."
      : `Please follow this up and let the chair, ${meeting.chair.name}, know the outcome.`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${intro}</p>
<blockquote style="border-left:4px solid #d4351c;padding-left:12px">${paragraphs(data.overdue)}</blockquote>
${data.reply ? answerHtml(pageUrl(ctx, data.reply.token), "Reply to this email, or answer on the page.") : html`<p>${followUp}</p>`}`,
    text: [
      `Dear ${recipient.name},`,
      "",
      intro,
      "",
      data.overdue,
      "",
      data.reply
        ? answerText(pageUrl(ctx, data.reply.token), "Reply to this email, or answer on the page.")
        : followUp,
    ].join("\n"),
  };
  const email = base(
    ctx,
    "escalation",
    meeting,
    recipient,
    escalationSubject(data),
    `${escalationLabels[data.reason ?? ""] ?? "Needs your attention"}: ${meeting.typeName}`,
    body,
    data.reply,
  );
  return { ...email, cc: [{ name: meeting.chair.name, email: meeting.chair.email }] };
}

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

/** The agreed minutes, attached as a Word document. */
export async function finalMinutesEmail(data: FinalMinutesData): Promise<OutgoingEmail> {
  const { ctx, meeting, recipient } = data;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${finalLine(meeting, data.version)}</p>`,
    text: [`Dear ${recipient.name},`, "", finalLine(meeting, data.version)].join("\n"),
  };
  const email = base(
    ctx,
    "final-minutes",
    meeting,
    recipient,
    meetingSubject(`Agreed ${record(meeting).noun}`, meeting),
    `Agreed ${record(meeting).noun}: ${meeting.typeName}`,
    body,
  );
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

export interface ActionReminderData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  /** Action | Timescale | Responsible | Notes (seed 000, agreed actions). */
  action: { number: number; action: string; timescale: string; dueDate: string; notes?: string };
  overdue: boolean;
}

/** A reminder about an agreed action; the person replies "Done" with a note when it is complete. */
export function actionReminderEmail(data: ActionReminderData): OutgoingEmail {
  const { ctx, meeting, recipient, reply, action } = data;
  const url = pageUrl(ctx, reply.token);
  const how =
    "When it is complete, reply \u201cDone\u201d with a short note of what was done (for example \u201cCompleted \u2013 referral sent on 3 Dec\u201d).";
  const state = data.overdue ? `was due on ${action.dueDate} and is overdue` : `is due on ${action.dueDate}`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>Action ${action.number}, agreed at the ${meetingLine(meeting)}, ${state}:</p>
<table role="presentation" style="border-collapse:collapse">
<tr><th style="text-align:left;padding:2px 12px 2px 0">Action</th><td>${action.action}</td></tr>
<tr><th style="text-align:left;padding:2px 12px 2px 0">Timescale</th><td>${action.timescale}</td></tr>
${action.notes ? html`<tr><th style="text-align:left;padding:2px 12px 2px 0">Notes</th><td>${action.notes}</td></tr>` : ""}
</table>
${answerHtml(url, how)}`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `Action ${action.number}, agreed at the ${meetingLine(meeting)}, ${state}:`,
      "",
      `Action: ${action.action}`,
      `Timescale: ${action.timescale}`,
      ...(action.notes ? [`Notes: ${action.notes}`] : []),
      "",
      answerText(url, how),
    ].join("\n"),
  };
  return base(
    ctx,
    "action-reminder",
    meeting,
    recipient,
    meetingSubject(`Action ${action.number} ${data.overdue ? "overdue" : "reminder"}`, meeting),
    `Action ${action.number}: ${data.overdue ? "overdue" : "reminder"}`,
    body,
    reply,
  );
}

export interface ActionRedatedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  /** The owner's reply address (to say it is done); the chair's copy has none. */
  reply?: ReplyHandle;
  action: { number: number; action: string; owner: string };
  /** The dates as people read them ("Friday 27 March 2027"). */
  from: string;
  to: string;
  reason: string;
}

/** A team manager agreed a new date for an action: to its owner, and a copy to the chair. */
export function actionRedatedEmail(data: ActionRedatedData): OutgoingEmail {
  const { ctx, meeting, recipient, reply, action } = data;
  const url = reply ? pageUrl(ctx, reply.token) : undefined;
  const how =
    "When it is complete, reply \u201cDone\u201d with a short note of what was done. You will be reminded before the new date.";
  const whose = action.owner ? ` (${action.owner})` : "";
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>A new date has been agreed for action ${action.number}${whose}, agreed at the ${meetingLine(meeting)}:</p>
<table role="presentation" style="border-collapse:collapse">
<tr><th style="text-align:left;padding:2px 12px 2px 0">Action</th><td>${action.action}</td></tr>
<tr><th style="text-align:left;padding:2px 12px 2px 0">Was due</th><td>${data.from}</td></tr>
<tr><th style="text-align:left;padding:2px 12px 2px 0">Now due</th><td>${data.to}</td></tr>
<tr><th style="text-align:left;padding:2px 12px 2px 0">Why</th><td>${data.reason}</td></tr>
</table>
${url ? answerHtml(url, how) : html`<p>The owner has been told and will be reminded before the new date.</p>`}`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `A new date has been agreed for action ${action.number}${whose}, agreed at the ${meetingLine(meeting)}:`,
      "",
      `Action: ${action.action}`,
      `Was due: ${data.from}`,
      `Now due: ${data.to}`,
      `Why: ${data.reason}`,
      "",
      url ? answerText(url, how) : "The owner has been told and will be reminded before the new date.",
    ].join("\n"),
  };
  return base(
    ctx,
    "action-redated",
    meeting,
    recipient,
    meetingSubject(`Action ${action.number}: new date ${data.to}`, meeting),
    `Action ${action.number}: new date agreed`,
    body,
    reply,
  );
}

export interface MoreTimeAskedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  action: { number: number; action: string; owner: string; due: string };
  text: string;
  /** The date they propose, in words, when their words name one. */
  proposed?: string;
  /** The workspace page where a new date is agreed. */
  link: string;
}

/** To the team manager (and the chair): an action's owner asks for more time. */
export function moreTimeAskedEmail(data: MoreTimeAskedData): OutgoingEmail {
  const { ctx, meeting, recipient, action } = data;
  const owner = action.owner || "The owner";
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${owner} asks for more time for action ${action.number}, agreed at the ${meetingLine(meeting)}:</p>
<table role="presentation" style="border-collapse:collapse">
<tr><th style="text-align:left;padding:2px 12px 2px 0">Action</th><td>${action.action}</td></tr>
<tr><th style="text-align:left;padding:2px 12px 2px 0">Due</th><td>${action.due}</td></tr>
${data.proposed ? html`<tr><th style="text-align:left;padding:2px 12px 2px 0">Date asked for</th><td>${data.proposed}</td></tr>` : ""}
</table>
<blockquote style="border-left:4px solid #b1b4b6;padding-left:12px">${paragraphs(data.text)}</blockquote>
<p>The action stays due on its date until a new one is agreed. To agree a new date, sign in to Convene: <a href="${data.link}">${data.link}</a></p>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `${owner} asks for more time for action ${action.number}, agreed at the ${meetingLine(meeting)}:`,
      "",
      `Action: ${action.action}`,
      `Due: ${action.due}`,
      ...(data.proposed ? [`Date asked for: ${data.proposed}`] : []),
      "",
      data.text,
      "",
      `The action stays due on its date until a new one is agreed. To agree a new date, sign in to Convene: ${data.link}`,
    ].join("\n"),
  };
  return base(
    ctx,
    "more-time-asked",
    meeting,
    recipient,
    meetingSubject(`More time asked for action ${action.number} — owner ${owner}`, meeting),
    `More time asked for action ${action.number}`,
    body,
  );
}

export interface MoreTimeReceivedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  action: { number: number; action: string; due: string };
  teamManager: string;
}

/** To the owner: their request for more time reached the team manager. */
export function moreTimeReceivedEmail(data: MoreTimeReceivedData): OutgoingEmail {
  const { ctx, meeting, recipient, action } = data;
  const line = `Your request for more time for action ${action.number} (${action.action}), agreed at the ${meetingLine(meeting)}, has gone to ${data.teamManager}, the team manager.`;
  const stands = `Until a new date is agreed the action is still due on ${action.due}; you will be told the new date when it is agreed.`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${line}</p>
<p>${stands}</p>`,
    text: [`Dear ${recipient.name},`, "", line, "", stands].join("\n"),
  };
  return base(
    ctx,
    "more-time-received",
    meeting,
    recipient,
    meetingSubject(`Action ${action.number}: your request for more time was received`, meeting),
    `Action ${action.number}: request received`,
    body,
  );
}

export interface MoreTimeRefusedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  action: { number: number; action: string; due: string };
  reason: string;
}

/** To the owner: the request for more time was refused; the date stands. */
export function moreTimeRefusedEmail(data: MoreTimeRefusedData): OutgoingEmail {
  const { ctx, meeting, recipient, action, reply } = data;
  const url = pageUrl(ctx, reply.token);
  const how = "When it is complete, reply \u201cDone\u201d with a short note of what was done.";
  const line = `More time for action ${action.number} (${action.action}), agreed at the ${meetingLine(meeting)}, was not agreed. It is still due on ${action.due}.`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${line}</p>
<p>The reason given:</p>
<blockquote style="border-left:4px solid #b1b4b6;padding-left:12px">${paragraphs(data.reason)}</blockquote>
${answerHtml(url, how)}`,
    text: [
      `Dear ${recipient.name},`,
      "",
      line,
      "",
      "The reason given:",
      "",
      data.reason,
      "",
      answerText(url, how),
    ].join("\n"),
  };
  return base(
    ctx,
    "more-time-refused",
    meeting,
    recipient,
    meetingSubject(`Action ${action.number}: more time not agreed`, meeting),
    `Action ${action.number}: more time not agreed`,
    body,
    reply,
  );
}

export interface ActionDatesToConfirmData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  actions: { number: number; action: string; provisional: string; link: string }[];
}

/** To the chair: actions agreed without a date; each has a provisional date until one is set. */
export function actionDatesToConfirmEmail(data: ActionDatesToConfirmData): OutgoingEmail {
  const { ctx, meeting, recipient, actions } = data;
  const intro = `${actions.length === 1 ? "One action" : `${actions.length} actions`} agreed at the ${meetingLine(meeting)} had no date. Until you set one, each is tracked to the provisional date below (10 working days after the meeting), and its owner is reminded before it.`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${intro}</p>
<table role="presentation" style="border-collapse:collapse">
${actions.map((a) => html`<tr><th style="text-align:left;padding:2px 12px 2px 0">Action ${a.number}</th><td>${a.action}<br>Provisional date: ${a.provisional}<br><a href="${a.link}">Set the date</a></td></tr>`)}
</table>
<p>Sign in to Convene to set each date.</p>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      intro,
      "",
      ...actions.flatMap((a) => [
        `Action ${a.number}: ${a.action}`,
        `Provisional date: ${a.provisional}`,
        `Set the date: ${a.link}`,
        "",
      ]),
      "Sign in to Convene to set each date.",
    ].join("\n"),
  };
  return base(
    ctx,
    "action-dates-to-confirm",
    meeting,
    recipient,
    meetingSubject(
      `Set the date of ${actions.length === 1 ? "an action" : `${actions.length} actions`} agreed without one`,
      meeting,
    ),
    "Actions with no date",
    body,
  );
}

export interface ActionReassignedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  /** The new owner's reply address; the previous owner's copy has none. */
  reply?: ReplyHandle;
  action: { number: number; action: string; due: string };
  from: string;
  to: string;
  reason: string;
}

/** An action given to someone else: the new owner's copy asks for "Done"; the previous owner's says it is no longer theirs. */
export function actionReassignedEmail(data: ActionReassignedData): OutgoingEmail {
  const { ctx, meeting, recipient, reply, action } = data;
  const url = reply ? pageUrl(ctx, reply.token) : undefined;
  const line = url
    ? `Action ${action.number}, agreed at the ${meetingLine(meeting)}, is now yours${data.from ? ` (it was ${data.from}'s)` : ""}. It is due on ${action.due}.`
    : `Action ${action.number}, agreed at the ${meetingLine(meeting)}, is no longer yours: it has been given to ${data.to}.`;
  const how =
    "When it is complete, reply \u201cDone\u201d with a short note of what was done, or ask for more time.";
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${line}</p>
<table role="presentation" style="border-collapse:collapse">
<tr><th style="text-align:left;padding:2px 12px 2px 0">Action</th><td>${action.action}</td></tr>
<tr><th style="text-align:left;padding:2px 12px 2px 0">Why</th><td>${data.reason}</td></tr>
</table>
${url ? answerHtml(url, how) : ""}`,
    text: [
      `Dear ${recipient.name},`,
      "",
      line,
      "",
      `Action: ${action.action}`,
      `Why: ${data.reason}`,
      ...(url ? ["", answerText(url, how)] : []),
    ].join("\n"),
  };
  return base(
    ctx,
    "action-reassigned",
    meeting,
    recipient,
    meetingSubject(
      url ? `Action ${action.number} is now yours` : `Action ${action.number} given to ${data.to}`,
      meeting,
    ),
    url ? `Action ${action.number}: now yours` : `Action ${action.number}: given to someone else`,
    body,
    reply,
  );
}

export interface ReportRequestData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  dueBy: string;
}

/**
 * To a key agency that sent apologies: "the allocated worker from the key agency should provide
 * either a written or verbal report" (seed 001, "What happens if a key agency will not be
 * represented").
 */
export function reportRequestEmail(data: ReportRequestData): OutgoingEmail {
  const { ctx, meeting, recipient, reply } = data;
  const url = pageUrl(ctx, reply.token);
  // What the report covers (seed 001, "What happens if a key agency will not be represented").
  const covers = [
    "your agency's intervention since the last meeting",
    "progress against the expected outcomes",
    "any risk and unmet need",
  ];
  const how = `Please reply to this email with your report attached by ${data.dueBy}.`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>Thank you for your apologies for the ${meetingLine(meeting)}. As your agency is a key agency for this child, please send a written report covering:</p>
<ul>${covers.map((c) => html`<li>${c}</li>`)}</ul>
${answerHtml(url, how)}`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `Thank you for your apologies for the ${meetingLine(meeting)}. As your agency is a key agency for this child, please send a written report covering:`,
      ...covers.map((c) => `- ${c}`),
      "",
      answerText(url, how),
    ].join("\n"),
  };
  return base(
    ctx,
    "report-request",
    meeting,
    recipient,
    meetingSubject("Written report requested", meeting),
    `Written report requested: ${meeting.typeName}`,
    body,
    reply,
  );
}

export interface ReportReceivedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  /** The chair. */
  recipient: Recipient;
  from: { name: string; role: string; agency: string };
  reports: Array<{ filename: string; contentType: string; content: Uint8Array }>;
}

/** To the chair: a key agency's written report, attached as it came (seed 001). */
export function reportReceivedEmail(data: ReportReceivedData): OutgoingEmail {
  const { ctx, meeting, recipient, from } = data;
  const who = `${from.name} (${from.role}${from.agency ? `, ${from.agency}` : ""})`;
  const line = `${who} sent ${data.reports.length === 1 ? "a written report" : `${data.reports.length} written reports`} for the ${meetingLine(meeting)}. ${data.reports.length === 1 ? "It is" : "They are"} attached, and kept with the meeting.`;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${line}</p>
<ul>${data.reports.map((r) => html`<li>${r.filename}</li>`)}</ul>`,
    text: [`Dear ${recipient.name},`, "", line, "", ...data.reports.map((r) => `- ${r.filename}`)].join("\n"),
  };
  const email = base(
    ctx,
    "report-received",
    meeting,
    recipient,
    meetingSubject(`Written report from ${from.agency || from.name}`, meeting),
    `Written report received: ${meeting.typeName}`,
    body,
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

/** The answer to an authentic reply that could not be used; it names no meeting, child or person. */
export function replyRefusedEmail(data: ReplyRefusedData): OutgoingEmail {
  const { ctx, recipient } = data;
  const words = refusedWords[data.reason];
  const { html: page, text } = layout(ctx, "Your email was not recorded", {
    html: html`<p>Dear ${recipient.name},</p>
<p>${words.what}</p>
<p>${words.next}</p>
<p>This mailbox is not read by a person.</p>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      words.what,
      "",
      words.next,
      "",
      "This mailbox is not read by a person.",
    ].join("\n"),
  });
  return {
    kind: "reply-refused",
    meetingId: "none",
    from: ctx.from,
    to: [{ name: recipient.name, email: recipient.email }],
    subject: `${ctx.authorityName}: your email was not recorded`,
    text,
    html: page,
    headers: headers("reply-refused", "none"),
  };
}

/** The short reply to an email Convene could not understand. */
export function helpEmail(data: HelpData): OutgoingEmail {
  const { ctx, meeting, recipient, reply } = data;
  const url = pageUrl(ctx, reply.token);
  const words = helpWords[data.purpose];
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>Sorry, we could not tell what your email about the ${meetingLine(meeting)} was answering. Please reply with one of:</p>
<ul>${words.map((w) => html`<li>${w}</li>`)}</ul>
${answerHtml(url, "Or answer with the buttons on the answer page.")}
<p>If you need to tell the chair something else, please email ${meeting.chair.name} directly.</p>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `Sorry, we could not tell what your email about the ${meetingLine(meeting)} was answering. Please reply with one of:`,
      ...words.map((w) => `- ${w}`),
      "",
      answerText(url, "Or answer with the buttons on the answer page."),
      "",
      `If you need to tell the chair something else, please email ${meeting.chair.name} directly.`,
    ].join("\n"),
  };
  return base(
    ctx,
    "help",
    meeting,
    recipient,
    meetingSubject("We could not read your reply", meeting),
    "We could not read your reply",
    body,
    reply,
  );
}

/** What a closed question's answer says: what happened, and what to do instead. */
export interface ClosedQuestionWords {
  /** e.g. "The minutes have been updated" */
  title: string;
  /** What happened, ending with "your answer was not recorded" (or "nothing was changed"). */
  what: string;
  /** What to do instead. */
  next: string;
}

/**
 * The words for a reply to a closed question, shared by the email and the answer page.
 * `when` is the meeting's (current) date and time, `chair` the chair's name.
 */
export function closedQuestionWords(
  closed: QuestionClosed,
  context: { chair: string; when: string },
): ClosedQuestionWords {
  const contactChair = `If you need to tell the chair something, please contact ${context.chair} directly.`;
  switch (closed.reason) {
    case "meeting-cancelled":
      return {
        title: "The meeting was cancelled",
        what: "This meeting has been cancelled, so your answer was not recorded.",
        next: contactChair,
      };
    case "meeting-held":
      return {
        title: "The meeting has been held",
        what: "The meeting has already been held and the chair has recorded who attended, so your answer was not recorded.",
        next: `If you need to tell the chair something, or send a report for the meeting, please contact ${context.chair} directly.`,
      };
    case "meeting-rescheduled":
      return {
        title: "The meeting has been moved",
        what: `The meeting has been moved to ${context.when}, so this invitation is out of date and your answer was not recorded.`,
        next: "Please answer using the link in the updated invitation.",
      };
    case "minutes-superseded":
      return closed.version > 0
        ? {
            title: "The minutes have been updated",
            what: `The minutes have been updated to version ${closed.version}, so your answer about an earlier version was not recorded.`,
            next: `Please use the link in the email with version ${closed.version} of the minutes to answer.`,
          }
        : {
            title: "No minutes are out for approval",
            what: "No minutes are out for approval at the moment, so your answer was not recorded.",
            next: contactChair,
          };
    case "minutes-agreed":
      return {
        title: "The minutes have been agreed",
        what: `Version ${closed.version} of the minutes has already been agreed and is being sent to everyone, so your answer was not recorded.`,
        next: `If something in the minutes is wrong, please contact the chair, ${context.chair}, directly.`,
      };
    case "minutes-distributed":
      return {
        title: "The minutes have been sent out",
        what: `The agreed minutes (version ${closed.version}) have been sent to everyone, so approval is closed and your answer was not recorded.`,
        next: `If something in the minutes is wrong, please contact the chair, ${context.chair}, directly.`,
      };
    case "change-ambiguous":
      return {
        title: "Which change did you mean?",
        what: `${closed.waiting} changes to the minutes are waiting for your decision and your reply does not name whose change it decides, so nothing was changed.`,
        next: "Reply again naming the person who asked for the change (e.g. “Accept Dr Karim's change”), or use the buttons on the page linked from the email about the minutes.",
      };
    case "change-decided":
      return {
        title: `The change was already ${closed.decision}`,
        what: `This change has already been ${closed.decision}, so nothing was changed.`,
        next: "Please use the link in the latest email about the minutes.",
      };
    case "no-change-requested":
      return {
        title: "No change is waiting for a decision",
        what: `No change to version ${closed.version} of the minutes is waiting for your decision, so nothing was changed.`,
        next: "Please use the link in the latest email about the minutes.",
      };
    case "action-closed":
      return {
        title: `Action ${closed.number} is already closed`,
        what: `Action ${closed.number} is already recorded as ${closed.status}, so nothing was changed.`,
        next: `If that is wrong, please contact the chair, ${context.chair}, directly.`,
      };
    case "no-such-action":
      return {
        title: `There is no action ${closed.number}`,
        what: `This meeting has no action ${closed.number}, so nothing was changed.`,
        next: `Please contact the chair, ${context.chair}, directly.`,
      };
    case "action-reassigned":
      return {
        title: `Action ${closed.number} is no longer yours`,
        what: `Action ${closed.number} has been given to ${closed.owner}, so nothing was changed.`,
        next: `If you still have something to tell about it, please contact the chair, ${context.chair}, directly.`,
      };
  }
}

export interface ReplyNotAppliedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  closed: QuestionClosed;
}

/**
 * The automatic answer to a reply whose question is closed. It has no reply address (answering it
 * changes nothing) and is marked Auto-Submitted, so auto-responders do not answer it.
 */
export function replyNotAppliedEmail(data: ReplyNotAppliedData): OutgoingEmail {
  const { ctx, meeting, recipient } = data;
  const words = closedQuestionWords(data.closed, {
    chair: meeting.chair.name,
    when: formatWhen(meeting.start, meeting.timezone),
  });
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>Thank you for your reply about the ${meetingLine(meeting)}.</p>
<p>${words.what}</p>
<p>${words.next}</p>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `Thank you for your reply about the ${meetingLine(meeting)}.`,
      "",
      words.what,
      "",
      words.next,
    ].join("\n"),
  };
  return base(
    ctx,
    "reply-not-applied",
    meeting,
    recipient,
    meetingSubject("Your reply was not recorded", meeting),
    words.title,
    body,
  );
}

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

/** Tells the chair that an address bounced or complained, so nobody is silently left out. */
export function undeliverableAlertEmail(data: UndeliverableAlertData): OutgoingEmail {
  const { ctx, meeting } = data;
  const what =
    data.kind === "complaint"
      ? "marked Convene's email as spam"
      : data.permanent
        ? "cannot be delivered to (permanent bounce)"
        : "could not be delivered to for now (temporary bounce)";
  const sent = data.emailKind ? ` (the ${data.emailKind} email)` : "";
  const body: Body = {
    html: html`<p>Dear ${meeting.chair.name},</p>
<p>The address <strong>${data.address}</strong> ${what}${sent} for the ${meetingLine(meeting)}.</p>
${data.detail ? html`<p>Details: ${data.detail}</p>` : ""}
<p>Convene will not email this address again. Please contact the person another way and correct their address in the meeting.</p>`,
    text: [
      `Dear ${meeting.chair.name},`,
      "",
      `The address ${data.address} ${what}${sent} for the ${meetingLine(meeting)}.`,
      ...(data.detail ? ["", `Details: ${data.detail}`] : []),
      "",
      "Convene will not email this address again. Please contact the person another way and correct their address in the meeting.",
    ].join("\n"),
  };
  return base(
    ctx,
    "undeliverable-alert",
    meeting,
    meeting.chair,
    meetingSubject("Email could not be delivered", meeting),
    "Email could not be delivered",
    body,
  );
}

export interface ReviewScheduledData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  review: {
    typeName: string;
    /** "Tuesday 28 April 2026, 10:00" */
    when: string;
    basis: "agreed" | "cadence" | "agreed-after-limit" | "default";
    /** "Tuesday 9 June 2026": the seeds' last date, where they set one. */
    latest: string | null;
    late: boolean;
    movedOffHoliday: boolean;
    actions: number;
    openActions: number;
    /** "Monday 20 April 2026": the child's next CLA Review, where it set the limit (seed 002). */
    claReview?: { date: string; required: number; held: number };
  };
}

/** Why the review is on its date, in the chair's words. */
function reviewBasisLines(r: ReviewScheduledData["review"]): string[] {
  const lines: string[] = [];
  if (r.claReview) {
    // Seed 002: CPMs are counted between the child's CLA Reviews.
    lines.push(
      `At least ${r.claReview.required} Care Planning Meeting${r.claReview.required === 1 ? "" : "s"} must be held before the child's CLA Review on ${r.claReview.date} (${r.claReview.held} held so far in that period), so the next one is before it.`,
    );
    if (r.movedOffHoliday) lines.push("It was moved to the working day before a weekend or bank holiday.");
    return lines;
  }
  switch (r.basis) {
    case "agreed":
      lines.push("This is the date agreed at the meeting.");
      break;
    case "cadence":
      lines.push(`This is the latest date the meeting type allows${r.latest ? ` (${r.latest})` : ""}.`);
      break;
    case "agreed-after-limit":
      lines.push(
        `The date agreed at the meeting is later than the meeting type allows, so the review is on the last date it allows (${r.latest}).`,
      );
      break;
    case "default":
      lines.push(
        "No review date was agreed at the meeting and the meeting type sets none, so it is 3 months on: please confirm it or move it.",
      );
      break;
  }
  if (r.movedOffHoliday) lines.push("It was moved to the working day before a weekend or bank holiday.");
  if (r.late)
    lines.push(
      `It is later than the meeting type allows (${r.latest}): that date had passed, or was too near to give people notice.`,
    );
  return lines;
}

/** Tells the participants when the review is due (seed 001: the date of the next review is agreed at the first meeting). */
export function reviewScheduledEmail(data: ReviewScheduledData): OutgoingEmail {
  const { ctx, meeting, recipient, review } = data;
  const opening = `The review of the ${meetingLine(meeting)} is convened: a ${review.typeName} on ${review.when}. Invitations with calendar entries are going out to the same people now.`;
  const agenda =
    review.actions > 0
      ? `Its agenda opens with progress on the ${review.actions} action${review.actions === 1 ? "" : "s"} agreed at this meeting (${review.openActions} still open), with their owners.`
      : "No actions were agreed at this meeting; its agenda says so.";
  const next =
    "To move or cancel it, reschedule or cancel the review meeting as you would any other meeting.";
  const why = reviewBasisLines(review);
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${opening}</p>
${why.map((l) => html`<p>${l}</p>`)}
<p>${agenda}</p>
<p>${next}</p>`,
    text: [`Dear ${recipient.name},`, "", opening, "", ...why, "", agenda, "", next].join("\n"),
  };
  return base(
    ctx,
    "review-scheduled",
    meeting,
    recipient,
    meetingSubject(`Review convened for ${review.when}`, meeting),
    "Review meeting convened",
    body,
  );
}

export interface PlanOverriddenData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  /** Each convene-time rule gone against, with the reason the chair gave. */
  overrides: Array<{ problem: string; reason: string }>;
}

/**
 * Tells the team manager that a meeting was convened against a convene-time rule (a date after its
 * statutory due date, a required role missing…), with the chair's reason for each (issue 10).
 */
export function planOverriddenEmail(data: PlanOverriddenData): OutgoingEmail {
  const { ctx, meeting, recipient, overrides } = data;
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>${meeting.chair.name} convened the ${meetingLine(meeting)} although it breaks ${overrides.length === 1 ? "a rule" : `${overrides.length} rules`} for its meeting type. The reasons given are recorded with the meeting and in its minutes:</p>
<ul>${overrides.map((o) => html`<li>${o.problem}.<br>Reason given: ${o.reason}</li>`)}</ul>
<p>Nothing is needed from you unless you disagree: then speak to the chair, who can reschedule or cancel the meeting.</p>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `${meeting.chair.name} convened the ${meetingLine(meeting)} although it breaks ${overrides.length === 1 ? "a rule" : `${overrides.length} rules`} for its meeting type. The reasons given are recorded with the meeting and in its minutes:`,
      "",
      ...overrides.flatMap((o) => [`- ${o.problem}.`, `  Reason given: ${o.reason}`]),
      "",
      "Nothing is needed from you unless you disagree: then speak to the chair, who can reschedule or cancel the meeting.",
    ].join("\n"),
  };
  return base(
    ctx,
    "plan-overridden",
    meeting,
    recipient,
    meetingSubject("Convened against a rule", meeting),
    "Convened against a rule",
    body,
  );
}

export interface ChangeRejectedData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  reply: ReplyHandle;
  version: number;
  /** The change as the requester asked for it. */
  changes: string;
  /** The chair's reason, when the chair gave one. */
  reason?: string;
}

/**
 * To the attendee whose change the chair did not accept: the minutes stand as they are, the
 * decision is recorded, and a disagreement that remains goes to their agency's escalation policy
 * (seed 001: "What if some members disagree with the decisions made?").
 */
export function changeRejectedEmail(data: ChangeRejectedData): OutgoingEmail {
  const { ctx, meeting, recipient, reply } = data;
  const url = pageUrl(ctx, reply.token);
  const body: Body = {
    html: html`<p>Dear ${recipient.name},</p>
<p>The chair, ${meeting.chair.name}, did not accept the change you asked for to version ${data.version} of the minutes of the ${meetingLine(meeting)}:</p>
<blockquote style="border-left:4px solid #b1b4b6;padding-left:12px">${paragraphs(data.changes)}</blockquote>
${
  data.reason
    ? html`<p>The chair's reason:</p>
<blockquote style="border-left:4px solid #b1b4b6;padding-left:12px">${paragraphs(data.reason)}</blockquote>`
    : ""
}
<p>The minutes stand as they are; your request and the chair's decision are recorded with the meeting. If you still disagree, your agency's escalation policy applies: usually, raise it with your own line manager. While the minutes are still out for agreement you can reply “Approved”, or answer online: <a href="${url}">${url}</a></p>`,
    text: [
      `Dear ${recipient.name},`,
      "",
      `The chair, ${meeting.chair.name}, did not accept the change you asked for to version ${data.version} of the minutes of the ${meetingLine(meeting)}:`,
      "",
      data.changes,
      "",
      ...(data.reason ? ["The chair's reason:", "", data.reason, ""] : []),
      "The minutes stand as they are; your request and the chair's decision are recorded with the meeting. If you still disagree, your agency's escalation policy applies: usually, raise it with your own line manager.",
      `While the minutes are still out for agreement you can reply “Approved”, or answer online: ${url}`,
    ].join("\n"),
  };
  return base(
    ctx,
    "change-decision",
    meeting,
    recipient,
    meetingSubject("Your change to the minutes was not accepted", meeting),
    "Change not accepted",
    body,
    reply,
  );
}
