/** Escalates up the ladder (seed 001) and writes the audit event. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { escalate } from "../../domain/lifecycle/escalate.ts";
import { escalationReasonSchema } from "../../domain/lifecycle/escalation.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({
  meetingId: meetingIdSchema,
  reason: escalationReasonSchema,
  level: z.number().int().min(0).optional(),
  actionNumber: z.number().int().min(1).optional(),
  failure: z.unknown().optional(),
});

export const { build, handler } = defineHandler("escalate", eventSchema, (deps, e) =>
  escalate(new LifecycleKernel(deps), e),
);
