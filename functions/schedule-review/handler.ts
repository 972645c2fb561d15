/** Creates the review meeting and tells the chair. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { scheduleReview } from "../../domain/lifecycle/review.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("schedule-review", eventSchema, (deps, e) =>
  scheduleReview(new LifecycleKernel(deps), e.meetingId),
);
