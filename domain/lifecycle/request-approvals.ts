/**
 * Agree minutes, the requests:
 * 1. the current version rendered for professionals;
 * 2. each attendee who must agree and has not answered this version is sent it with their signed
 *    link and the approval wait's own working-day deadline (the chair also gets the speakers to name);
 * 3. sent once per version; the phase moves to agree-minutes.
 */

import { planWait } from "./deadlines.ts";
import { day, type LifecycleKernel } from "./kernel.ts";
import { unnamedSpeakers } from "./name-speakers.ts";

/** Agree minutes: send the current version to every attendee who has not yet answered it. */
export async function requestApprovals(
  k: LifecycleKernel,
  meetingId: string,
): Promise<{ version: number; requested: number }> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  const version = meeting.minutesVersion;
  const stored = await k.deps.store.getMinutesVersion(meetingId, version);
  const docs = await k.deps.minutes.render(meeting, stored.minutes, "professional");
  const answered = new Set((await k.deps.store.listApprovals(meetingId, version)).map((a) => a.index));
  const expires = new Date(k.now().getTime() + 60 * day);
  const speakersToName = await unnamedSpeakers(k, meetingId, meeting);
  const toAsk = (await k.approvers(meeting)).filter((person) => !answered.has(person.index));
  // "Answer by" is the approval wait's own deadline, in working days (not 3 calendar days).
  const answerBy = planWait("approval", 0, { meeting, now: k.now() }, k.deps.settings).deadline;
  await k.sendAll(
    meeting,
    toAsk.map((person) =>
      k.deps.messages.approvalRequest(
        meeting,
        person,
        version,
        docs,
        k.deps.replies.link(meeting.id, person.index, "approval", version, expires),
        person.index === meeting.chair.index ? speakersToName : [],
        answerBy,
      ),
    ),
    { once: `approval-request-v${version}` },
  );
  const requested = toAsk.length;
  if (meeting.phase !== "agree-minutes") await k.setPhase(meeting, "agree-minutes");
  return { version, requested };
}
