/**
 * Review: the next meeting is convened for real (issue 10, item 4).
 * 1. its date, by the pure decision (review-date.ts): the date agreed at the meeting within the
 *    type's statutory cadence, on a working day, never in the past or without notice;
 * 2. the review meeting's id kept before it is created (a step run again creates it once);
 * 3. it is created as the review type (seed 000: a Professionals Meeting is reviewed by Review
 *    Professionals Meetings), with the same child and people, its own statutory dates, a freshly
 *    filled agenda opened by progress on this meeting's actions (review-agenda.ts), and the
 *    follow-ups owed after every meeting;
 * 4. its lifecycle is started (invitations go out); the chair is told when and why;
 * 5. this meeting closes, and leaves the in-flight list once no action is open.
 */

import { addDuration, addWorkingDays } from "../clock/index.ts";
import { longDate } from "../minutes/render.ts";
import { ConflictError } from "../ports/store.ts";
import { defaultMinutesWorkingDays } from "./convene.ts";
import { nextCpmBy } from "./cpm-count.ts";
import { fedForward } from "./fed-forward-agenda.ts";
import { address, type LifecycleKernel } from "./kernel.ts";
import type { Action, Meeting } from "./model.ts";
import { reviewAgenda } from "./review-agenda.ts";
import { intervalAfter, type ReviewDate, reviewDate } from "./review-date.ts";
import { atLocalTime, dateTimeFormat, localDate } from "./time.ts";

export async function scheduleReview(
  k: LifecycleKernel,
  meetingId: string,
): Promise<{ reviewDate: string; reviewMeetingId: string }> {
  const tz = k.deps.settings.timezone;
  let meeting = await k.deps.store.getMeeting(meetingId);
  const stored = await k.deps.store.getMinutesVersion(meetingId, meeting.minutesVersion);
  // 1. The date.
  const agreed =
    k.deps.minutes.nextReviewDate(stored.minutes) ?? (meeting.series ? undefined : meeting.reviewDueBy);
  // A Care Planning Meeting: the next before the child's next CLA Review that still needs one (seed 002).
  const heldOn = localDate(new Date(meeting.start), tz);
  const cpm =
    meeting.series && meeting.series.cpmWindows.length > 0
      ? nextCpmBy(
          meeting.series.cpmWindows,
          (await k.deps.store.childMeetings(meeting.authorityId, meeting.child.reference))
            .filter((m) => m.typeId === meeting.typeId && m.start <= meeting.start)
            .map((m) => localDate(new Date(m.start), tz)),
          heldOn,
        )
      : undefined;
  const decision = reviewDate({
    ...(cpm ? { latestBy: cpm.by } : {}),
    heldOn,
    number: meeting.series?.number ?? 1,
    cadence: meeting.series ?? { next: null, thereafter: null },
    ...(agreed ? { agreed } : {}),
    today: localDate(k.now(), tz),
    nation: meeting.nation,
  });
  // 2. The id, kept first.
  let reviewMeetingId = meeting.reviewMeetingId;
  if (!reviewMeetingId) {
    reviewMeetingId = k.deps.newMeetingId();
    meeting = await k.deps.store.saveMeeting({
      ...meeting,
      reviewMeetingId,
      updatedAt: k.now().toISOString(),
    });
  }
  // 3–4. Created and started.
  const actions = meeting.actionCount > 0 ? await k.deps.store.listActions(meetingId) : [];
  const review = await createReviewMeeting(k, meeting, decision, reviewMeetingId, actions);
  await k.deps.workflow.startLifecycle(review.id);
  await k.send(
    meeting,
    k.deps.messages.reviewScheduled(meeting, address(meeting.chair), {
      meetingId: review.id,
      typeName: review.typeName,
      start: new Date(review.start),
      basis: decision.basis,
      latest: decision.latest,
      late: decision.late,
      movedOffHoliday: decision.movedOffHoliday,
      // The limit that applied was the child's next CLA Review, not the type's cadence.
      ...(cpm && decision.latest === cpm.by
        ? { claReview: { date: cpm.window.to, required: cpm.window.minimum, held: cpm.held } }
        : {}),
      actions: actions.length,
      openActions: actions.filter((a) => a.status === "open").length,
    }),
    "review-scheduled",
  );
  await k.audit(meetingId, "workflow", "review-scheduled", "workflow", {
    ...(cpm ? { cpmBy: cpm.by, cpmsInWindow: cpm.held, cpmsRequired: cpm.window.minimum } : {}),
    reviewDate: decision.date,
    reviewMeetingId,
    basis: decision.basis,
    latest: decision.latest,
    late: decision.late,
  });
  // 5. Closed.
  const closed = await k.deps.store.saveMeeting({
    ...(await k.deps.store.getMeeting(meetingId)),
    phase: "closed",
    updatedAt: k.now().toISOString(),
  });
  await k.audit(meetingId, "workflow", "phase:closed", "workflow");
  // Open actions keep the meeting in flight (their trackers resume after a restart); the last
  // tracker to finish takes it off (closeAction), or it is done now.
  if (closed.actionCount > 0) await k.endInFlightIfDone(closed);
  return { reviewDate: decision.date, reviewMeetingId };
}

/** The review meeting, at the same time of day on the decided date; created once (a retry finds it). */
export async function createReviewMeeting(
  k: LifecycleKernel,
  meeting: Meeting,
  decision: ReviewDate,
  id: string,
  actions: Action[],
): Promise<Meeting> {
  const tz = k.deps.settings.timezone;
  const startTime = dateTimeFormat("en-GB", {
    timeZone: tz,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(meeting.start));
  const date = decision.date;
  const start = atLocalTime(date, startTime, tz);
  const length = new Date(meeting.end).getTime() - new Date(meeting.start).getTime();
  const now = k.now().toISOString();
  const series = meeting.series;
  const nextSeries = series ? { ...series, number: series.number + 1 } : undefined;
  const typeName = series?.reviewType.name ?? meeting.typeName;
  const interval = nextSeries ? intervalAfter(nextSeries.number, nextSeries) : null;
  const review: Meeting = {
    ...meeting,
    id,
    typeId: series?.reviewType.id ?? meeting.typeId,
    typeName,
    ...(series ? { minutesAgreedBy: series.reviewAgreedBy, recordName: series.reviewRecordName } : {}),
    title: `${typeName} re ${meeting.child.reference}`,
    start: start.toISOString(),
    end: new Date(start.getTime() + length).toISOString(),
    agenda: series
      ? reviewAgenda({ series, date: longDate(date), time: startTime, previous: meeting.agenda, actions })
      : meeting.agenda,
    // Convene-time reasons and a key agency's rationale belong to the first meeting's notes (seed 001).
    // A review later than its type allows is convened against that rule: the team manager is told.
    overrides: decision.late
      ? [
          {
            code: "late-date",
            kind: "late-date" as const,
            problem: `The review is due by ${longDate(decision.latest ?? date)} and is held on ${longDate(date)}`,
            reason:
              "When the previous meeting closed, its review date had passed or was too near to give people notice.",
          },
        ]
      : [],
    keyAgenciesNotInvited: [],
    followUps: (series?.everyMeetingFollowUps ?? []).map((f) => ({
      id: f.id,
      what: `${f.what.replace(/\.$/, "")} (seed ${f.seed}).`,
      seed: f.seed,
      dueBy: f.duration ? addDuration(date, f.duration, meeting.nation) : null,
      ...(f.agreedWhenMinutesMention ? { agreedWhenMinutesMention: f.agreedWhenMinutesMention } : {}),
    })),
    ...(nextSeries ? { series: nextSeries } : {}),
    phase: "convene",
    dueBy: decision.latest ?? date,
    minutesDueBy: series?.minutesWithin
      ? addDuration(date, series.minutesWithin, meeting.nation)
      : addWorkingDays(date, defaultMinutesWorkingDays, meeting.nation),
    reviewDueBy: interval ? addDuration(date, interval, meeting.nation) : undefined,
    minutesVersion: 0,
    actionCount: 0,
    sequence: 0,
    reviewOf: meeting.id,
    reviewMeetingId: undefined,
    speakerMap: undefined,
    cancelReason: undefined,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
  const fed = await fedForward(k.deps.store, tz, review);
  if (fed) review.agenda = { ...review.agenda, sections: [fed, ...review.agenda.sections] };
  try {
    await k.deps.store.createMeeting(review);
  } catch (error) {
    // Created before a crash, by this same step: it is started (again, harmlessly) by the caller.
    if (error instanceof ConflictError) return k.deps.store.getMeeting(id);
    throw error;
  }
  await k.audit(id, "workflow", "created-as-review", "workflow", {
    reviewOf: meeting.id,
    basis: decision.basis,
    late: decision.late,
  });
  return review;
}
