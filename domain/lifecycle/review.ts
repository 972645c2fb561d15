/**
 * Review:
 * 1. the review meeting's id is kept before it is created (a step run again creates it once);
 * 2. it is created for the date the minutes agreed, or the type's cadence;
 * 3. the chair is told; the meeting closes, and leaves the in-flight list once no action is open.
 */

import { ConflictError } from "../ports/store.ts";
import { address, day, type LifecycleKernel } from "./kernel.ts";
import type { Meeting } from "./model.ts";
import { atLocalTime, dateTimeFormat, localDate } from "./time.ts";

/**
 * Review: the next meeting is created (phase convene) for the date agreed in the minutes, or the
 * type's cadence, and the chair is told. It is started when the chair confirms the invite list.
 */
export async function scheduleReview(
  k: LifecycleKernel,
  meetingId: string,
): Promise<{ reviewDate: string; reviewMeetingId: string }> {
  let meeting = await k.deps.store.getMeeting(meetingId);
  const stored = await k.deps.store.getMinutesVersion(meetingId, meeting.minutesVersion);
  const reviewDate =
    k.deps.minutes.nextReviewDate(stored.minutes) ??
    meeting.reviewDueBy ??
    localDate(new Date(new Date(meeting.start).getTime() + 90 * day), k.deps.settings.timezone);
  let reviewMeetingId = meeting.reviewMeetingId;
  if (!reviewMeetingId) {
    // Kept before the review meeting is created: a step run again after a crash creates it once.
    reviewMeetingId = k.deps.newMeetingId();
    meeting = await k.deps.store.saveMeeting({
      ...meeting,
      reviewMeetingId,
      updatedAt: k.now().toISOString(),
    });
  }
  await createReviewMeeting(k, meeting, reviewDate, reviewMeetingId);
  await k.send(
    meeting,
    k.deps.messages.reviewScheduled(meeting, address(meeting.chair), reviewDate, reviewMeetingId),
    "review-scheduled",
  );
  await k.audit(meetingId, "workflow", "review-scheduled", "workflow", { reviewDate, reviewMeetingId });
  const closed = await k.deps.store.saveMeeting({
    ...(await k.deps.store.getMeeting(meetingId)),
    phase: "closed",
    updatedAt: k.now().toISOString(),
  });
  await k.audit(meetingId, "workflow", "phase:closed", "workflow");
  // Open actions keep the meeting in flight (their trackers resume after a restart); the last
  // tracker to finish takes it off (closeAction), or it is done now.
  if (closed.actionCount > 0) await k.endInFlightIfDone(closed);
  return { reviewDate, reviewMeetingId };
}

/** The review meeting: same child, type and people, at the same time of day on `date`; phase convene. */
export async function createReviewMeeting(
  k: LifecycleKernel,
  meeting: Meeting,
  date: string,
  id: string,
): Promise<void> {
  const tz = k.deps.settings.timezone;
  const startTime = dateTimeFormat("en-GB", {
    timeZone: tz,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(meeting.start));
  const start = atLocalTime(date, startTime, tz);
  const length = new Date(meeting.end).getTime() - new Date(meeting.start).getTime();
  const now = k.now().toISOString();
  const review: Meeting = {
    ...meeting,
    id,
    title: meeting.title.startsWith("Review") ? meeting.title : `Review ${meeting.title}`,
    start: start.toISOString(),
    end: new Date(start.getTime() + length).toISOString(),
    phase: "convene",
    minutesVersion: 0,
    actionCount: 0,
    sequence: 0,
    reviewOf: meeting.id,
    reviewMeetingId: undefined,
    dueBy: date,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
  try {
    await k.deps.store.createMeeting(review);
  } catch (error) {
    // Created before a crash, by this same step: nothing more to do.
    if (error instanceof ConflictError) return;
    throw error;
  }
  await k.audit(id, "workflow", "created-as-review", "workflow", { reviewOf: meeting.id });
}
