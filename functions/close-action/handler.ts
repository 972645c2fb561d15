/** Records how an action ended: done, slipped or cancelled. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { closeAction } from "../../domain/lifecycle/track-actions.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({
  meetingId: meetingIdSchema,
  actionNumber: z.number().int().min(1),
  outcome: z.enum(["done", "slipped", "cancelled"]),
});

export const { build, handler } = defineHandler("close-action", eventSchema, (deps, e) =>
  closeAction(new LifecycleKernel(deps), e.meetingId, e.actionNumber, e.outcome),
);
