/** Transcribe: starts the job (cloud) or imports the transcript (local); a callback task. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { startTranscription } from "../../domain/lifecycle/transcribe.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({
  meetingId: meetingIdSchema,
  taskToken: z.string().min(1),
  purpose: z.literal("transcript"),
});

export const { build, handler } = defineHandler("start-transcription", eventSchema, (deps, e) =>
  startTranscription(new LifecycleKernel(deps), e),
);
