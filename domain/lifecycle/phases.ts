/**
 * The phases of a meeting's lifecycle and the waits in it. The lifecycle state machine opens with
 * a Choice on the persisted phase, so these words are shared by the domain, the store and the
 * workflow definition.
 */
import { z } from "zod";

/** convene → invite → hold → transcribe → agree minutes → distribute → track actions → review. */
export const phases = [
  "convene",
  "invite",
  "await-meeting",
  "transcribe",
  "draft-minutes",
  "agree-minutes",
  "distribute",
  "track-actions",
  "review",
  "closed",
  "cancelled",
] as const;
export const phaseSchema = z.enum(phases);
export type Phase = z.infer<typeof phaseSchema>;

/**
 * What a `.waitForTaskToken` task waits for; and `visit`, a Child in Need visit's reminders and
 * overdue escalation (domain/plan/visit-timers.ts): timers only, with no token, whose meeting-id
 * slot holds the plan's id.
 */
export const waitPurposes = ["meeting-held", "transcript", "approval", "action", "resume", "visit"] as const;
export const waitPurposeSchema = z.enum(waitPurposes);
export type WaitPurpose = z.infer<typeof waitPurposeSchema>;

/** Error names the workflow definition catches. A sweeper or a handler fails a token with these. */
export const workflowErrors = {
  deadlinePassed: "DeadlinePassed",
  cancelled: "MeetingCancelled",
  transcriptionFailed: "TranscriptionFailed",
  /** A team manager agreed a new date for an action: its tracker starts the ladder again from it. */
  actionRedated: "ActionRedated",
} as const;

/** The order of phases, for timelines and for "has the meeting reached X". */
export function phaseIndex(phase: Phase): number {
  return phases.indexOf(phase);
}
