/** A `.waitForTaskToken` task: stores the token with its deadline and reminders. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { waitPurposeSchema } from "../../domain/lifecycle/phases.ts";
import { registerWait } from "../../domain/lifecycle/register-wait.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({
  meetingId: meetingIdSchema,
  taskToken: z.string().min(1),
  purpose: waitPurposeSchema,
  ref: z.number().int().min(0).optional(),
  level: z.number().int().min(0).optional(),
});

export const { build, handler } = defineHandler("await-event", eventSchema, (deps, e) =>
  registerWait(new LifecycleKernel(deps), e),
);
