/** Creates the review meeting and tells the chair. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("schedule-review", eventSchema, (deps, e) =>
  new Lifecycle(deps).scheduleReview(e.meetingId),
);
