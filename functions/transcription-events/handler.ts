/**
 * EventBridge "Transcribe Job State Change": on COMPLETED the transcript (already in the
 * transcripts bucket) resumes the workflow; on FAILED the Transcribe wait fails with
 * TranscriptionFailed and the workflow takes its escalation branch.
 */
import { z } from "zod";
import { meetingIdFromJobName } from "../../adapters/aws/transcribe-transcription.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { workflowErrors } from "../../domain/lifecycle/phases.ts";
import { transcriptArrived } from "../../domain/lifecycle/transcribe.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({
  "detail-type": z.literal("Transcribe Job State Change"),
  detail: z.object({
    TranscriptionJobName: z.string(),
    TranscriptionJobStatus: z.enum(["COMPLETED", "FAILED"]),
    FailureReason: z.string().optional(),
  }),
});

export const { build, handler } = defineHandler("transcription-events", eventSchema, async (deps, event) => {
  const prefix = process.env.TRANSCRIPTION_JOB_PREFIX ?? "";
  const meetingId = meetingIdFromJobName(prefix, event.detail.TranscriptionJobName);
  if (!meetingId) return { ignored: "not a Convene job" };
  const kernel = new LifecycleKernel(deps);
  if (event.detail.TranscriptionJobStatus === "COMPLETED") {
    const bytes = await deps.blobs.get(`transcripts/${meetingId}/transcribe.json`);
    if (!bytes) throw new Error(`transcript of job ${event.detail.TranscriptionJobName} not found`);
    await transcriptArrived(kernel, meetingId, bytes, "transcribe.json", "transcribe");
    return { meetingId, status: "imported" };
  }
  await kernel.failWaitFor(
    meetingId,
    "transcript",
    0,
    workflowErrors.transcriptionFailed,
    event.detail.FailureReason ?? "job failed",
  );
  return { meetingId, status: "failed" };
});
