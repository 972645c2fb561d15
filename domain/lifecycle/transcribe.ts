/**
 * Transcribe:
 * 1. the phase moves to transcribe and the transcript wait is registered;
 * 2. the job starts (Amazon Transcribe in the cloud, an import locally);
 * 3. when a transcript arrives it is stored with the meeting and the wait completes.
 */

import type { LifecycleKernel } from "./kernel.ts";
import { registerWait } from "./register-wait.ts";

/** Transcribe: start the job (cloud) or import the transcript (local); the token completes on arrival. */
export async function startTranscription(
  k: LifecycleKernel,
  input: { meetingId: string; taskToken: string },
): Promise<{ status: string }> {
  const meeting = await k.deps.store.getMeeting(input.meetingId);
  if (meeting.phase === "await-meeting") await k.setPhase(meeting, "transcribe");
  await registerWait(k, { meetingId: meeting.id, purpose: "transcript", taskToken: input.taskToken });
  const status = await k.deps.transcription.start(meeting, input.taskToken);
  await k.audit(meeting.id, "workflow", `transcription:${status}`, "workflow");
  return { status };
}

/** A transcript arrived (import or job completion): store it and resume the workflow. */
export async function transcriptArrived(
  k: LifecycleKernel,
  meetingId: string,
  bytes: Uint8Array,
  filename: string,
  via: string,
): Promise<void> {
  await k.deps.blobs.put(`transcripts/${meetingId}/${filename}`, bytes, "application/octet-stream");
  await k.deps.blobs.put(`transcripts/${meetingId}/latest`, new TextEncoder().encode(filename), "text/plain");
  await k.audit(meetingId, "system", "transcript-stored", via, { bytes: bytes.length });
  await k.resolve(meetingId, "transcript", 0, { filename });
}
