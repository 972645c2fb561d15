/** Records how an action ended: done, slipped or cancelled. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({
  meetingId: meetingIdSchema,
  actionNumber: z.number().int().min(1),
  outcome: z.enum(["done", "slipped", "cancelled"]),
});

export const { build, handler } = defineHandler("close-action", eventSchema, (deps, e) =>
  new Lifecycle(deps).closeAction(e.meetingId, e.actionNumber, e.outcome),
);
