/** Starts one action-tracker execution per agreed action. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("start-action-trackers", eventSchema, (deps, e) =>
  new Lifecycle(deps).startActionTrackers(e.meetingId),
);
