/** Starts one action-tracker execution per agreed action. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { startActionTrackers } from "../../domain/lifecycle/track-actions.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("start-action-trackers", eventSchema, (deps, e) =>
  startActionTrackers(new LifecycleKernel(deps), e.meetingId),
);
