/**
 * The transcript's unnamed speakers:
 * 1. the labels that name nobody invited are listed for the chair;
 * 2. the chair's mapping must name people invited to the meeting;
 * 3. the minutes are drafted again with the names, as a new version that goes back out for approval.
 */

import { type LifecycleKernel, LifecycleStateError } from "./kernel.ts";
import type { Meeting } from "./model.ts";

/** Speaker labels in the transcript that name nobody invited: the chair is asked to map them. */
export async function unnamedSpeakers(
  k: LifecycleKernel,
  meetingId: string,
  /** The meeting as the caller just read it; read here when absent. */
  known?: Meeting,
): Promise<string[]> {
  const meeting = known?.id === meetingId ? known : await k.deps.store.getMeeting(meetingId);
  const transcript = await k.latestTranscript(meetingId);
  return transcript ? k.deps.minutes.unnamedSpeakers(meeting, transcript) : [];
}

/**
 * The chair names the transcript's speakers (e.g. spk_0 = Priya Shah): the minutes are drafted
 * again with the names, as a new version that goes back out for approval.
 */
export async function mapSpeakers(
  k: LifecycleKernel,
  meetingId: string,
  mapping: Record<string, string>,
  via: string,
): Promise<{ version: number }> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  if (meeting.phase !== "agree-minutes") {
    throw new LifecycleStateError(
      `meeting ${meetingId} is at ${meeting.phase}; speakers are named while the minutes are agreed`,
    );
  }
  const people = new Map([meeting.chair, ...meeting.invitees].map((p) => [p.name.toLowerCase(), p.name]));
  const named: Record<string, string> = {};
  for (const [label, name] of Object.entries(mapping)) {
    const person = people.get(name.trim().toLowerCase());
    if (!person) throw new LifecycleStateError(`"${name}" is not invited to this meeting (for ${label})`);
    named[label] = person;
  }
  const mapped = await k.deps.store.saveMeeting({
    ...meeting,
    speakerMap: { ...(meeting.speakerMap ?? {}), ...named },
    updatedAt: k.now().toISOString(),
  });
  const minutes = await k.deps.minutes.draft(
    mapped,
    await k.deps.store.listAnswers(meetingId),
    await k.latestTranscript(meetingId),
  );
  const version = await k.newMinutesVersion(mapped, minutes, {
    what: "speakers-named",
    via,
    detail: { labels: Object.keys(named) },
  });
  return { version };
}
