/** Sends the current minutes version to every attendee for approval. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { requestApprovals } from "../../domain/lifecycle/request-approvals.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("request-approvals", eventSchema, (deps, e) =>
  requestApprovals(new LifecycleKernel(deps), e.meetingId),
);
