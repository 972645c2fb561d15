/** Reads a meeting's persisted phase, for the lifecycle's RouteByPhase Choice. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { loadMeeting } from "../../domain/lifecycle/convened.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("load-meeting", eventSchema, (deps, e) =>
  loadMeeting(new LifecycleKernel(deps), e.meetingId),
);
