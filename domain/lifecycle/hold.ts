/**
 * Hold: the chair records who attended.
 * 1. only a meeting awaiting its date takes attendance, from the meeting's own day (who attended a
 *    meeting not yet held is not known); every entry names someone invited, once (checked before
 *    anything is written);
 * 2. each person's answer becomes attended or absent (apologies with a report are kept);
 * 3. audited, the phase moves to transcribe and the attendance wait completes.
 */

import { type LifecycleKernel, LifecycleStateError } from "./kernel.ts";
import { formatLocal, localDate } from "./time.ts";

/** The chair records who attended; the meeting moves on to transcription. */
export async function recordMeetingHeld(
  k: LifecycleKernel,
  meetingId: string,
  attendance: Array<{ index: number; attended: boolean }>,
  actor: string,
  via: string,
): Promise<void> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  if (meeting.phase !== "await-meeting")
    throw new LifecycleStateError(`meeting is at ${meeting.phase}, not awaiting the meeting`);
  // Every entry must name someone invited, once: checked before anything is written.
  const people = new Set([meeting.chair, ...meeting.invitees].map((p) => p.index));
  const seen = new Set<number>();
  for (const entry of attendance) {
    if (!people.has(entry.index))
      throw new LifecycleStateError(
        `attendance names person ${entry.index}, who is not invited to this meeting`,
      );
    if (seen.has(entry.index)) throw new LifecycleStateError(`attendance names person ${entry.index} twice`);
    seen.add(entry.index);
  }
  const tz = k.deps.settings.timezone;
  if (localDate(k.now(), tz) < localDate(new Date(meeting.start), tz))
    throw new LifecycleStateError(
      `the meeting is on ${formatLocal(new Date(meeting.start), tz)}: record who attended on the day or after`,
    );
  const answers = new Map((await k.deps.store.listAnswers(meetingId)).map((a) => [a.index, a]));
  await k.deps.store.putAnswers(
    meetingId,
    attendance.map((entry) => {
      const before = answers.get(entry.index);
      return {
        index: entry.index,
        attendance: entry.attended
          ? "attended"
          : before?.attendance === "apologies-with-report"
            ? "apologies-with-report"
            : "absent",
        note: before?.note,
        reportReceived: before?.reportReceived ?? false,
        invitedSequence: before?.invitedSequence,
        reports: before?.reports,
        at: k.now().toISOString(),
      };
    }),
  );
  await k.audit(meetingId, actor, "meeting-held", via, {
    attended: attendance.filter((a) => a.attended).length,
  });
  await k.setPhase(meeting, "transcribe");
  await k.resolve(meetingId, "meeting-held", 0, { held: true });
}
