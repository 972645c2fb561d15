/** Transcribe: starts the job (cloud) or imports the transcript (local); a callback task. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({
  meetingId: meetingIdSchema,
  taskToken: z.string().min(1),
  purpose: z.literal("transcript"),
});

export const { build, handler } = defineHandler("start-transcription", eventSchema, (deps, e) =>
  new Lifecycle(deps).startTranscription(e),
);
