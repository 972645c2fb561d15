/**
 * Cancel a meeting:
 * 1. only a meeting not closed or cancelled; the phase, a raised calendar sequence and the reason
 *    are saved first, so a restart can finish what this began;
 * 2. everyone not yet sent it gets a calendar CANCEL;
 * 3. every waiting token fails with MeetingCancelled;
 * 4. the meeting leaves the in-flight list once no action is open.
 */

import { day, type LifecycleKernel, LifecycleStateError } from "./kernel.ts";
import type { Meeting } from "./model.ts";
import { workflowErrors } from "./phases.ts";

/** Cancels a meeting: everyone gets a calendar CANCEL; every waiting token fails with MeetingCancelled. */
export async function cancel(
  k: LifecycleKernel,
  meetingId: string,
  reason: string | undefined,
  actor: string,
  via: string,
): Promise<void> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  if (meeting.phase === "closed" || meeting.phase === "cancelled") {
    throw new LifecycleStateError(`meeting ${meetingId} is ${meeting.phase}`);
  }
  // The reason is kept with the phase, so a restart can finish what this began (finishCancellation).
  const cancelled = await k.deps.store.saveMeeting({
    ...meeting,
    phase: "cancelled",
    sequence: meeting.sequence + 1,
    cancelReason: reason,
    updatedAt: k.now().toISOString(),
  });
  await k.audit(meetingId, actor, "phase:cancelled", via, { reason: reason ? "given" : "none" });
  await finishCancellation(k, cancelled);
}

/**
 * A cancelled meeting's remaining work: the calendar CANCEL to everyone not yet sent it, every
 * waiting token failed with MeetingCancelled, and the meeting off the in-flight list (once no
 * action is open). Run by cancel, and again by a restart that finds a cancelled meeting in flight.
 */
export async function finishCancellation(k: LifecycleKernel, known: Meeting | string): Promise<void> {
  const meeting = typeof known === "string" ? await k.deps.store.getMeeting(known) : known;
  if (meeting.phase !== "cancelled")
    throw new LifecycleStateError(`meeting ${meeting.id} is ${meeting.phase}, not cancelled`);
  await k.sendAll(
    meeting,
    [meeting.chair, ...meeting.invitees].map((invitee) =>
      k.deps.messages.cancellation(
        meeting,
        invitee,
        meeting.cancelReason,
        // The last invitation's reply link (cancel raised the sequence by one): the organizer
        // address the calendar entry holds.
        k.deps.replies.link(
          meeting.id,
          invitee.index,
          "invitation",
          Math.max(0, meeting.sequence - 1),
          new Date(new Date(meeting.end).getTime() + day),
        ),
      ),
    ),
    { once: `cancellation-s${meeting.sequence}` },
  );
  for (const purpose of ["meeting-held", "transcript", "approval", "resume"] as const) {
    const wait = await k.deps.store.getWait(meeting.id, purpose, 0);
    if (wait?.status === "waiting") await k.failWait(meeting.id, wait, workflowErrors.cancelled, "cancelled");
  }
  await k.endInFlightIfDone(meeting);
}
