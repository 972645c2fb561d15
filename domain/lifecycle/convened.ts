/**
 * Convene, as the workflow runs it (the plan was checked and refused or overridden when the meeting
 * was created: create-meeting.ts):
 * 1. read the persisted phase the workflow routes on (loadMeeting);
 * 2. a meeting convened against a rule: the team manager is told once, with the recorded reasons;
 * 3. the phase moves to invite.
 */

import type { LifecycleKernel } from "./kernel.ts";
import type { Phase } from "./phases.ts";

/** 1. Read the persisted phase (the workflow routes on it). */
export async function loadMeeting(
  k: LifecycleKernel,
  meetingId: string,
): Promise<{ phase: Phase; minutesVersion: number }> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  return { phase: meeting.phase, minutesVersion: meeting.minutesVersion };
}

/** Convene: the plan was checked when the meeting was created; record it and move to invite. */
export async function convene(
  k: LifecycleKernel,
  meetingId: string,
): Promise<{ dueBy?: string; minutesDueBy: string }> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  if (meeting.phase === "convene") {
    // A meeting convened against a rule: the team manager is told, once, with the reasons (issue 10).
    if (meeting.overrides.length > 0)
      await k.send(meeting, k.deps.messages.planOverridden(meeting, meeting.teamManager), "plan-overridden");
    await k.setPhase(meeting, "invite");
  }
  return { dueBy: meeting.dueBy, minutesDueBy: meeting.minutesDueBy };
}
