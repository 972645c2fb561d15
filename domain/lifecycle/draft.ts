/**
 * Draft minutes:
 * 1. a meeting already drafted keeps its version (a step run again after a restart, also one that
 *    stopped after storing version 1 but before the meeting recorded it);
 * 2. version 1 from the transcript and the answers (or the type's template without a transcript),
 *    hashed and stored;
 * 3. the meeting records the version; the phase moves on when every approval request is out.
 */

import { ConflictError } from "../ports/store.ts";
import type { LifecycleKernel } from "./kernel.ts";

/** Draft minutes: version 1, hashed, from the transcript (or the empty template without one). */
export async function draftMinutes(
  k: LifecycleKernel,
  meetingId: string,
): Promise<{ version: number; hash: string }> {
  let meeting = await k.deps.store.getMeeting(meetingId);
  if (meeting.minutesVersion > 0) {
    const current = await k.deps.store.getMinutesVersion(meetingId, meeting.minutesVersion);
    return { version: current.version, hash: current.hash };
  }
  const minutes = await k.deps.minutes.draft(
    meeting,
    await k.deps.store.listAnswers(meetingId),
    await k.latestTranscript(meetingId),
  );
  let hash = k.deps.minutes.hash(minutes);
  try {
    await k.deps.store.putMinutesVersion(meetingId, {
      version: 1,
      hash,
      minutes,
      createdAt: k.now().toISOString(),
      createdBy: "drafter",
    });
  } catch (error) {
    // Stored before a crash by this same step, which stopped before the meeting recorded it: keep it.
    if (!(error instanceof ConflictError)) throw error;
    hash = (await k.deps.store.getMinutesVersion(meetingId, 1)).hash;
  }
  // The phase stays at drafting until every approval request is out (requestApprovals moves it):
  // a restart after a crash part-way through the requests sends the rest.
  meeting = await k.deps.store.saveMeeting({
    ...meeting,
    minutesVersion: 1,
    phase: "draft-minutes",
    updatedAt: k.now().toISOString(),
  });
  await k.deps.store.appendAudits([
    k.auditEvent(meetingId, "drafter", "minutes-drafted", "workflow", { version: 1, hash }),
    k.auditEvent(meetingId, "workflow", "phase:draft-minutes", "workflow"),
  ]);
  return { version: 1, hash };
}
