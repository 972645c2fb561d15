/**
 * Tells the chair the review meeting is convened, when and why on that date (seed 001: the date of
 * the next review is agreed at the first meeting).
 */
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

/** The review notice's subject, heading and body. */
export function reviewScheduledContent(data: ReviewScheduledData): EmailContent {
  const { meeting, recipient, review } = data;
  const agenda =
    review.actions > 0
      ? `Its agenda opens with progress on the ${review.actions} action${review.actions === 1 ? "" : "s"} agreed at this meeting (${review.openActions} still open), with their owners.`
      : "No actions were agreed at this meeting; its agenda says so.";
  return {
    subject: meetingSubject(`Review convened for ${review.when}`, meeting),
    heading: "Review meeting convened",
    blocks: [
      greeting(recipient),
      para(
        `The review of the ${meetingLine(meeting)} is convened: a ${review.typeName} on ${review.when}. Invitations with calendar entries are going out to the same people now.`,
      ),
      ...reviewBasisLines(review).map(para),
      para(agenda),
      para("To move or cancel it, reschedule or cancel the review meeting as you would any other meeting."),
    ],
  };
}

export function reviewScheduledEmail(data: ReviewScheduledData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "review-scheduled",
    data.meeting,
    data.recipient,
    reviewScheduledContent(data),
  );
}
