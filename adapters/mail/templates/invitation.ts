/**
 * The invitation (or, with sequence > 0, the updated invitation): agenda, pre-reading and online
 * link in the body, an iCalendar REQUEST, and the agenda as a Word document.
 */
import { agendaListsPreReading, agendaText, type MeetingAgenda } from "#domain/catalog/agenda-outline.ts";
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import { buildAgendaDocx } from "../agenda-docx.ts";
import type { Block } from "../blocks.ts";
import { buildCalendar } from "../calendar.ts";
import {
  composeEmail,
  docxType,
  type EmailContent,
  formatWhen,
  greeting,
  type MailContext,
  type MeetingInfo,
  meetingDetails,
  meetingLine,
  meetingSubject,
  pageUrl,
  para,
  type Recipient,
  type ReplyHandle,
  timeRange,
} from "./shared.ts";

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

/** The agenda as blocks: each section's items a numbered list, sub-items lettered; numbered once, by the layout. */
export function agendaBlocks(agenda: MeetingAgenda): Block[] {
  if (!agenda.title && agenda.lines.length === 0 && agenda.sections.length === 0)
    return [{ kind: "paragraph", text: "None set." }];
  return [
    ...(agenda.title ? [{ kind: "paragraph" as const, text: agenda.title, emphasis: true }] : []),
    ...agenda.lines.map((line) => para(line)),
    ...agenda.sections.flatMap((section): Block[] => [
      { kind: "heading", text: section.heading, level: 3 },
      ...(section.guidance ? [para(section.guidance)] : []),
      {
        kind: "list",
        style: "numbered",
        items: section.items.map((item) => ({
          text: item.text,
          ...(item.subItems?.length
            ? {
                sub: {
                  kind: "list" as const,
                  style: "lettered" as const,
                  items: item.subItems.map((text) => ({ text })),
                },
              }
            : {}),
        })),
      },
    ]),
  ];
}

/** The invitation's subject, heading and body. */
export function invitationContent(data: InvitationData): EmailContent {
  const { ctx, meeting, recipient, reply } = data;
  const update = data.sequence > 0;
  const how =
    "Please reply to this email to say whether you will attend: for example \u201cYes, I will attend\u201d, " +
    "or \u201cApologies\u201d (if your agency cannot attend, say whether you will send a written report)." +
    (data.replyBy ? ` Please answer by ${data.replyBy}.` : "");
  const intro = update
    ? `The ${meeting.typeName} has changed. The details below replace the earlier invitation.`
    : `You are invited to a ${meeting.typeName}.`;
  return {
    subject: meetingSubject(update ? "Updated invitation" : "Invitation", meeting),
    heading: update ? `Updated invitation: ${meeting.typeName}` : `Invitation: ${meeting.typeName}`,
    blocks: [
      greeting(recipient),
      para(intro),
      meetingDetails(meeting),
      { kind: "heading", text: "Agenda", level: 2 },
      ...agendaBlocks(data.agenda),
      // An agenda that lists the pre-reading itself (seed 000) is not followed by the list again.
      ...(agendaListsPreReading(data.agenda)
        ? []
        : [
            { kind: "heading" as const, text: "Pre-reading", level: 2 as const },
            data.preReading.length > 0
              ? {
                  kind: "list" as const,
                  style: "bullets" as const,
                  items: data.preReading.map((text) => ({ text })),
                }
              : para("None."),
          ]),
      { kind: "answer", how, url: pageUrl(ctx, reply.token) },
      para("The agenda is attached as a Word document, and a calendar entry is included."),
    ],
  };
}

/** The invitation with its calendar REQUEST and the agenda as Word attached. */
export async function invitationEmail(data: InvitationData): Promise<OutgoingEmail> {
  const { ctx, meeting, recipient, reply } = data;
  const kind = data.sequence > 0 ? "invitation-update" : "invitation";
  const url = pageUrl(ctx, reply.token);
  const email = composeEmail(ctx, kind, meeting, recipient, invitationContent(data), reply);
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
