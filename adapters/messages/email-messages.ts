/**
 * EmailMessages: the Messages port over the email templates (adapters/mail/templates.ts): every
 * email the lifecycle sends, with escaped HTML + text, calendar entries and Word documents.
 */

import { agendaForMeeting } from "../../domain/catalog/agenda-outline.ts";
import type { QuestionClosed } from "../../domain/email/open-question.ts";
import type { Action, Invitee, Meeting, Person } from "../../domain/lifecycle/model.ts";
import { longDate } from "../../domain/minutes/render.ts";
import type { Address, OutgoingEmail } from "../../domain/ports/mailer.ts";
import type {
  EscalationDetails,
  Messages,
  MinutesDocuments,
  ReplyLink,
  ReviewConvened,
  UnusableReply,
} from "../../domain/ports/messages.ts";
import { inThreadRenderer, type Renderer } from "../documents/renderer.ts";
import {
  actionDatesToConfirmEmail,
  actionReassignedEmail,
  actionRedatedEmail,
  actionReminderEmail,
  approvalRequestEmail,
  cancellationEmail,
  changeRejectedEmail,
  changeRequestEmail,
  escalationEmail,
  finalMinutesEmail,
  formatWhen,
  helpEmail,
  invitationEmail,
  type MailContext,
  type MeetingInfo,
  moreTimeAskedEmail,
  moreTimeReceivedEmail,
  moreTimeRefusedEmail,
  planOverriddenEmail,
  recordAttendanceEmail,
  reminderEmail,
  replyNotAppliedEmail,
  replyRefusedEmail,
  reportReceivedEmail,
  reportRequestEmail,
  reviewScheduledEmail,
  siteUrl,
  undeliverableAlertEmail,
} from "../mail/templates.ts";

const pdfType = "application/pdf";

const dayOnly = (date: Date, timezone?: string) =>
  formatWhen(date, timezone).replace(/,\s*\d{1,2}:\d{2}$/, "");

export class EmailMessages implements Messages {
  constructor(
    private readonly ctx: MailContext,
    /** Reads the clock for DTSTAMP and "answer by" dates. */
    private readonly now: () => Date,
    /** Builds the agenda documents (a RenderPool on the embedded runtime); default in-thread. */
    private readonly renderer: Renderer = inThreadRenderer,
  ) {}

  private info(meeting: Meeting): MeetingInfo {
    return {
      meetingId: meeting.id,
      typeName: meeting.typeName,
      childReference: meeting.child.reference,
      start: new Date(meeting.start),
      end: new Date(meeting.end),
      onlineLink: meeting.onlineLink,
      chair: { name: meeting.chair.name, email: meeting.chair.email },
      ...(meeting.recordName !== "Minutes" ? { recordName: meeting.recordName } : {}),
      ...(this.ctx.timezone ? { timezone: this.ctx.timezone } : {}),
    };
  }

  private handle(reply: ReplyLink) {
    return { token: reply.token, replyTo: reply.address };
  }

  /**
   * The agenda document is the same for every invitee of a meeting version: built once. The promise
   * is kept, so invitations built at the same time share one build.
   */
  private readonly agendaDocs = new Map<string, Promise<Uint8Array>>();

  /** The agenda with the meeting's own lists filled in: who is invited, who has sent apologies, the shared pre-reading. */
  private agendaOf(meeting: Meeting, preReading: string[], apologies: Invitee[]) {
    return agendaForMeeting(meeting.agenda, {
      attendees: [
        { ...meeting.chair, chair: true },
        ...meeting.invitees.filter((p) => p.email.toLowerCase() !== meeting.chair.email.toLowerCase()),
      ],
      apologies,
      preReading,
    });
  }

  private agendaDocx(meeting: Meeting, preReading: string[], apologies: Invitee[]): Promise<Uint8Array> {
    const key = `${meeting.id}#${meeting.sequence}#${meeting.updatedAt}#${apologies.map((p) => p.index).join(",")}`;
    const cached = this.agendaDocs.get(key);
    if (cached) return cached;
    const info = this.info(meeting);
    const built = this.renderer.agendaDocx({
      typeName: meeting.typeName,
      childReference: meeting.child.reference,
      when: formatWhen(info.start, this.ctx.timezone),
      chair: meeting.chair.name,
      agenda: this.agendaOf(meeting, preReading, apologies),
      preReading,
      ...(meeting.onlineLink ? { onlineLink: meeting.onlineLink } : {}),
    });
    if (this.agendaDocs.size > 200) this.agendaDocs.clear();
    this.agendaDocs.set(key, built);
    // A failed build is not kept: the next invitation tries again.
    built.catch(() => this.agendaDocs.delete(key));
    return built;
  }

  async invitation(
    meeting: Meeting,
    invitee: Invitee,
    reply: ReplyLink,
    replyBy?: Date,
    apologies: Invitee[] = [],
  ): Promise<OutgoingEmail> {
    const preReading = meeting.preReading.filter((d) => d.shared).map((d) => d.title);
    return invitationEmail({
      ...(replyBy ? { replyBy: dayOnly(replyBy, this.ctx.timezone) } : {}),
      agendaDocx: await this.agendaDocx(meeting, preReading, apologies),
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: invitee,
      reply: this.handle(reply),
      agenda: this.agendaOf(meeting, preReading, apologies),
      // Court documents are listed only once the court's permission is recorded (seed 000).
      preReading,
      attendees: [meeting.chair, ...meeting.invitees].map((p) => ({ name: p.name, email: p.email })),
      sequence: meeting.sequence,
      stamp: this.now(),
    });
  }

  async approvalRequest(
    meeting: Meeting,
    invitee: Invitee,
    version: number,
    minutes: MinutesDocuments,
    reply: ReplyLink,
    unnamedSpeakers: string[] = [],
    dueBy?: Date,
  ): Promise<OutgoingEmail> {
    return approvalRequestEmail({
      speakersToName: unnamedSpeakers,
      attendeeNames: [meeting.chair, ...meeting.invitees].map((p) => p.name),
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: invitee,
      reply: this.handle(reply),
      version,
      minutesText: minutes.text,
      dueBy: dayOnly(dueBy ?? new Date(this.now().getTime() + 3 * 86_400_000), this.ctx.timezone),
      attachments: [
        {
          filename: `draft-minutes-${meeting.child.reference}-v${version}.docx`,
          contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          content: minutes.docx,
        },
      ],
    });
  }

  async reminder(
    meeting: Meeting,
    to: Address,
    about: "invitation" | "approval" | "report" | "record-attendance",
    dueBy: Date,
    reply?: ReplyLink,
  ): Promise<OutgoingEmail> {
    const recipient = { name: to.name ?? to.email, email: to.email };
    if (about === "record-attendance" || !reply) {
      return recordAttendanceEmail({
        ctx: this.ctx,
        meeting: this.info(meeting),
        recipient,
        dueBy: dayOnly(dueBy, this.ctx.timezone),
      });
    }
    return reminderEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient,
      reply: this.handle(reply),
      about,
      dueBy: dayOnly(dueBy, this.ctx.timezone),
    });
  }

  async escalation(
    meeting: Meeting,
    to: Address[],
    cc: Address[],
    details: EscalationDetails,
  ): Promise<OutgoingEmail> {
    const first = to[0] ?? { email: meeting.chair.email, name: meeting.chair.name };
    const email = escalationEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: first.name ?? first.email, email: first.email },
      subject: details.about ?? { name: meeting.chair.name, role: "chair" },
      overdue: details.lines.join("\n"),
      level: details.level,
      reason: details.reason,
      ...(details.action ? { actionText: details.action.action } : {}),
      ...(details.reply ? { reply: this.handle(details.reply) } : {}),
    });
    const seen = new Set(to.map((a) => a.email.toLowerCase()));
    const ccAll = [...cc, ...(email.cc ?? [])].filter((a) => {
      const key = a.email.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { ...email, to, cc: ccAll, headers: { ...email.headers, "X-Convene-Escalation": details.reason } };
  }

  async finalMinutes(
    meeting: Meeting,
    to: Invitee,
    copy: "professional" | "family",
    minutes: MinutesDocuments,
  ): Promise<OutgoingEmail> {
    const email = await finalMinutesEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: to,
      minutes: minutes.document,
      docx: minutes.docx,
      version: meeting.minutesVersion,
    });
    const attachments = [...(email.attachments ?? [])];
    if (minutes.pdf) {
      attachments.push({
        filename: `minutes-${meeting.child.reference}-v${meeting.minutesVersion}${copy === "family" ? "-family" : ""}.pdf`,
        contentType: pdfType,
        content: minutes.pdf,
      });
    }
    return { ...email, attachments };
  }

  async actionReminder(
    meeting: Meeting,
    action: Action,
    to: Address,
    when: "before-due" | "due-today",
    reply: ReplyLink,
  ): Promise<OutgoingEmail> {
    return actionReminderEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      reply: this.handle(reply),
      action: { ...action, notes: action.notes || undefined },
      overdue: when === "due-today" && action.status === "open" && false,
    });
  }

  async actionRedated(
    meeting: Meeting,
    action: Action,
    to: Address,
    change: { from: string; to: string; reason: string; by: string },
    reply?: ReplyLink,
  ): Promise<OutgoingEmail> {
    return actionRedatedEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      ...(reply ? { reply: this.handle(reply) } : {}),
      action: {
        number: action.number,
        action: action.action,
        owner: action.responsible.name ?? action.responsible.role ?? "",
      },
      from: longDate(change.from),
      to: longDate(change.to),
      reason: change.reason,
    });
  }

  async moreTimeAsked(
    meeting: Meeting,
    action: Action,
    to: Address,
    request: { text: string; proposed?: string; by: string },
  ): Promise<OutgoingEmail> {
    return moreTimeAskedEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      action: {
        number: action.number,
        action: action.action,
        owner: action.responsible.name ?? action.responsible.role ?? "",
        due: longDate(action.dueDate),
      },
      text: request.text,
      ...(request.proposed ? { proposed: longDate(request.proposed) } : {}),
      link: siteUrl(this.ctx, `team/action/${meeting.id}/${action.number}`),
    });
  }

  async moreTimeReceived(
    meeting: Meeting,
    action: Action,
    to: Address,
    teamManager: Address,
  ): Promise<OutgoingEmail> {
    return moreTimeReceivedEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      action: {
        number: action.number,
        action: action.action,
        due: longDate(action.dueDate),
      },
      teamManager: teamManager.name ?? teamManager.email,
    });
  }

  async moreTimeRefused(
    meeting: Meeting,
    action: Action,
    to: Address,
    reason: string,
    reply: ReplyLink,
  ): Promise<OutgoingEmail> {
    return moreTimeRefusedEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      reply: this.handle(reply),
      action: {
        number: action.number,
        action: action.action,
        due: longDate(action.dueDate),
      },
      reason,
    });
  }

  async actionDatesToConfirm(
    meeting: Meeting,
    to: Address,
    actions: { number: number; action: string; provisional: string }[],
  ): Promise<OutgoingEmail> {
    return actionDatesToConfirmEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      actions: actions.map((a) => ({
        number: a.number,
        action: a.action,
        provisional: longDate(a.provisional),
        link: siteUrl(this.ctx, `team/action/${meeting.id}/${a.number}`),
      })),
    });
  }

  async actionReassigned(
    meeting: Meeting,
    action: Action,
    to: Address,
    change: { from: string; to: string; reason: string },
    reply?: ReplyLink,
  ): Promise<OutgoingEmail> {
    return actionReassignedEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      ...(reply ? { reply: this.handle(reply) } : {}),
      action: {
        number: action.number,
        action: action.action,
        due: longDate(action.dueDate),
      },
      from: change.from,
      to: change.to,
      reason: change.reason,
    });
  }

  async reportRequest(meeting: Meeting, invitee: Invitee, reply: ReplyLink): Promise<OutgoingEmail> {
    return reportRequestEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: invitee,
      reply: this.handle(reply),
      dueBy: dayOnly(new Date(meeting.start), this.ctx.timezone),
    });
  }

  async changeRequested(
    meeting: Meeting,
    chair: Person,
    from: Invitee,
    version: number,
    changes: string,
    reply: ReplyLink,
  ): Promise<OutgoingEmail> {
    return changeRequestEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: chair,
      reply: this.handle(reply),
      from: { name: from.name, role: from.role, ...(from.agency ? { agency: from.agency } : {}) },
      version,
      changes,
    });
  }

  async minutesBlocked(
    meeting: Meeting,
    to: Address[],
    details: { level: number; lines: string[] },
    reply: ReplyLink,
  ): Promise<OutgoingEmail> {
    const first = to[0] ?? { email: meeting.chair.email, name: meeting.chair.name };
    const email = escalationEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: first.name ?? first.email, email: first.email },
      subject: { name: meeting.chair.name, role: "chair" },
      overdue: details.lines.join("\n"),
      level: details.level,
      reason: "minutes-blocked",
    });
    return {
      ...email,
      to,
      replyTo: { email: reply.address },
      cc: [],
      headers: { ...email.headers, "X-Convene-Kind": "minutes-blocked" },
    };
  }

  async help(
    meeting: Meeting,
    to: Address,
    purpose: "invitation" | "approval" | "action" | "report",
    reply: ReplyLink,
  ): Promise<OutgoingEmail> {
    return helpEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      reply: this.handle(reply),
      purpose,
    });
  }

  async reportReceived(
    meeting: Meeting,
    from: Invitee,
    reports: Array<{ filename: string; contentType: string; content: Uint8Array }>,
  ): Promise<OutgoingEmail> {
    return reportReceivedEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: meeting.chair.name, email: meeting.chair.email },
      from: { name: from.name, role: from.role, agency: from.agency },
      reports,
    });
  }

  async replyRefused(to: Address, reason: UnusableReply): Promise<OutgoingEmail> {
    return replyRefusedEmail({
      ctx: this.ctx,
      recipient: { name: to.name ?? to.email, email: to.email },
      reason,
    });
  }

  async replyNotApplied(meeting: Meeting, to: Address, closed: QuestionClosed): Promise<OutgoingEmail> {
    return replyNotAppliedEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      closed,
    });
  }

  async undeliverable(
    meeting: Meeting,
    address: string,
    kind: "bounce" | "complaint",
    permanent: boolean,
  ): Promise<OutgoingEmail> {
    return undeliverableAlertEmail({ ctx: this.ctx, meeting: this.info(meeting), address, kind, permanent });
  }

  async cancellation(
    meeting: Meeting,
    to: Invitee,
    reason: string | undefined,
    reply?: ReplyLink,
  ): Promise<OutgoingEmail> {
    return cancellationEmail({
      ...(reply ? { reply: this.handle(reply) } : {}),
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: to,
      attendees: [meeting.chair, ...meeting.invitees].map((p) => ({ name: p.name, email: p.email })),
      sequence: meeting.sequence,
      stamp: this.now(),
      reason,
    });
  }

  async reviewScheduled(meeting: Meeting, to: Address, review: ReviewConvened): Promise<OutgoingEmail> {
    return reviewScheduledEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      review: {
        ...review,
        when: formatWhen(review.start, this.ctx.timezone),
        latest: review.latest ? longDate(review.latest) : null,
        ...(review.claReview
          ? {
              claReview: {
                ...review.claReview,
                date: longDate(review.claReview.date),
              },
            }
          : {}),
      },
    });
  }

  async planOverridden(meeting: Meeting, to: Address): Promise<OutgoingEmail> {
    return planOverriddenEmail({
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: { name: to.name ?? to.email, email: to.email },
      overrides: meeting.overrides.map((o) => ({ problem: o.problem, reason: o.reason })),
    });
  }

  async changeRejected(
    meeting: Meeting,
    to: Invitee,
    version: number,
    changes: string,
    reply: ReplyLink,
    reason?: string,
  ): Promise<OutgoingEmail> {
    return changeRejectedEmail({
      ...(reason ? { reason } : {}),
      ctx: this.ctx,
      meeting: this.info(meeting),
      recipient: to,
      reply: this.handle(reply),
      version,
      changes,
    });
  }
}
