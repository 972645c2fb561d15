/** Reads a meeting's persisted phase, for the lifecycle's RouteByPhase Choice. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("load-meeting", eventSchema, (deps, e) =>
  new Lifecycle(deps).loadMeeting(e.meetingId),
);
