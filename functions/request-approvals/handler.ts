/** Sends the current minutes version to every attendee for approval. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("request-approvals", eventSchema, (deps, e) =>
  new Lifecycle(deps).requestApprovals(e.meetingId),
);
