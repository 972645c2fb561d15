/**
 * A meeting's place in its series, kept with the meeting when it is created so the review meeting
 * can be convened for real without planning again: its number, the type's review cadence (the
 * interval after the first meeting, then after each later one), the type the review is held as,
 * that type's agenda template (filled afresh for the review's own date) and the follow-ups owed
 * after every meeting.
 */
import { z } from "zod";
import { meetingAgendaSchema } from "../catalog/agenda-outline.ts";
import { type Catalog, findMeetingType } from "../catalog/index.ts";
import { durationSchema } from "../clock/duration.ts";
import type { MeetingPlan } from "../planning/index.ts";

/**
 * The type a review is held as, where it is not the type itself (seed 000: a Professionals
 * Meeting is followed by Review Professionals Meetings, which review the agreed actions).
 */
export const reviewedAs: Readonly<Record<string, string>> = { pm: "rpm" };

export const seriesSchema = z.object({
  /** This meeting's number in the series (1 = the first). */
  number: z.number().int().min(1),
  /** The type's cadence: the interval after the first meeting, and after each later one (null: none set). */
  next: durationSchema.nullable(),
  thereafter: durationSchema.nullable(),
  /** The review type's minutes distribution timescale (null: the default of 5 working days). */
  minutesWithin: durationSchema.nullable().default(null),
  /** Who agrees the review type's record, and what it is called. */
  reviewAgreedBy: z.enum(["all-attendees", "chair"]).default("all-attendees"),
  reviewRecordName: z.string().min(1).default("Minutes"),
  /** The type the review meeting is held as. */
  reviewType: z.object({ id: z.string().min(1), name: z.string().min(1) }),
  /** The review type's agenda template, placeholders unfilled ([date], [time]); null where the seed sets none. */
  reviewAgenda: meetingAgendaSchema.nullable(),
  /** The placeholder values that do not change between meetings. */
  agendaValues: z.object({
    child: z.string(),
    link: z.string().optional(),
    transcriber: z.string().optional(),
  }),
  /** The CPM windows between the child's CLA Reviews, as planned (seed 002; empty for other types). */
  cpmWindows: z
    .array(
      z.object({
        from: z.string(),
        to: z.string(),
        toReviewNumber: z.number().int(),
        minimum: z.number().int(),
        reason: z.string(),
      }),
    )
    .default([]),
  /** Follow-ups owed after every meeting of the review type (e.g. a Specific Issue CPM's, seed 002). */
  everyMeetingFollowUps: z
    .array(
      z.object({
        id: z.string(),
        what: z.string(),
        seed: z.string(),
        duration: durationSchema.nullable(),
        agreedWhenMinutesMention: z.array(z.string()).optional(),
      }),
    )
    .default([]),
});
export type Series = z.infer<typeof seriesSchema>;

/** The series facts of a meeting planned from `plan` (the catalog is the one it was planned with). */
export function seriesOf(
  plan: MeetingPlan,
  catalog: Catalog,
  values: { child: string; link?: string; transcriber?: string },
): Series | undefined {
  const type = findMeetingType(catalog, plan.meetingType.id);
  if (!type) return undefined;
  const review = findMeetingType(catalog, reviewedAs[type.id] ?? type.id) ?? type;
  return {
    number: plan.meeting.sequence,
    next: review.timescales.review.next ?? type.timescales.review.next,
    thereafter: review.timescales.review.thereafter ?? type.timescales.review.thereafter,
    minutesWithin: review.timescales.minutes.distribution,
    reviewAgreedBy: review.timescales.minutes.agreedByAllAttendees ? "all-attendees" : "chair",
    reviewRecordName: review.timescales.minutes.separateMinutes
      ? "Minutes"
      : review.timescales.minutes.recordName,
    reviewType: { id: review.id, name: review.name },
    reviewAgenda: review.agenda
      ? { title: review.agenda.title, lines: review.agenda.lines, sections: review.agenda.sections }
      : null,
    agendaValues: values,
    cpmWindows: plan.cpmSchedule?.windows ?? [],
    everyMeetingFollowUps: review.timescales.followUps
      .filter((f) => f.after === "every-meeting")
      .map((f) => ({
        id: f.id,
        what: f.what,
        seed: f.seed,
        duration: f.duration,
        ...(f.agreedWhenMinutesMention ? { agreedWhenMinutesMention: f.agreedWhenMinutesMention } : {}),
      })),
  };
}
