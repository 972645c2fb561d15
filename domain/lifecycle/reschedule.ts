/**
 * Reschedule a meeting not yet held:
 * 1. only at invite or awaiting the meeting; the new time the same bounds as a new meeting's (after
 *    now, within 2 years, ending after it starts and at most 8 hours long);
 * 2. the new time and a raised calendar SEQUENCE saved, the meeting's listings moved to it, audited;
 * 3. everyone gets an updated invitation (same UID) with a fresh reply address; answers are kept;
 * 4. the attendance wait keeps its token; its deadline and reminders follow the new date.
 */

import { maxStartAheadMs } from "./create-meeting.ts";
import { planWait } from "./deadlines.ts";
import { sendInvitations } from "./invite.ts";
import { type LifecycleKernel, LifecycleStateError, waitTimers } from "./kernel.ts";
import type { Wait } from "./model.ts";

/**
 * Reschedules a meeting not yet held: the calendar SEQUENCE is raised and everyone gets an
 * updated invitation (same UID) with a fresh reply address; earlier answers are kept.
 */
export async function reschedule(
  k: LifecycleKernel,
  meetingId: string,
  start: Date,
  end: Date,
  actor: string,
  via: string,
): Promise<{ sequence: number }> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  if (meeting.phase !== "invite" && meeting.phase !== "await-meeting") {
    throw new LifecycleStateError(
      `meeting ${meetingId} is at ${meeting.phase}; only a meeting not yet held can be rescheduled`,
    );
  }
  const now = k.now();
  // The same bounds as a new meeting's (create-meeting.ts).
  if (start <= now)
    throw new RangeError(
      `start: expected a time after now (${now.toISOString()}), got ${start.toISOString()}`,
    );
  if (start.getTime() - now.getTime() > maxStartAheadMs)
    throw new RangeError(`start: expected at most 2 years ahead, got ${start.toISOString()}`);
  if (!(end > start)) throw new LifecycleStateError("the meeting must end after it starts");
  if (end.getTime() - start.getTime() > 480 * 60_000)
    throw new RangeError(`end: expected at most 480 minutes after start, got ${end.toISOString()}`);
  const saved = await k.deps.store.saveMeeting({
    ...meeting,
    start: start.toISOString(),
    end: end.toISOString(),
    sequence: meeting.sequence + 1,
    updatedAt: k.now().toISOString(),
  });
  // The child's and the authority's lists follow the new date (the order held; retention's key).
  await k.deps.store.moveListings(saved, meeting.start);
  await k.audit(meetingId, actor, "rescheduled", via, { sequence: saved.sequence });
  await sendInvitations(k, meetingId);
  // The attendance wait keeps its token; its deadline follows the new date.
  const wait = await k.deps.store.getWait(meetingId, "meeting-held", 0);
  if (wait?.status === "waiting") {
    const plan = planWait("meeting-held", wait.level, { meeting: saved, now: k.now() }, k.deps.settings);
    await k.deps.store.deleteTimersFor(meetingId, "meeting-held", 0);
    const moved: Wait = {
      ...wait,
      deadline: plan.deadline.toISOString(),
      reminders: plan.reminders.map((r) => r.toISOString()),
    };
    await k.deps.store.putWait(meetingId, moved);
    await k.deps.store.putTimers(waitTimers(meetingId, moved));
  }
  return { sequence: saved.sequence };
}
