/** Convene: records the checked plan and moves the meeting to invite. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { convene } from "../../domain/lifecycle/convened.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("convene-meeting", eventSchema, (deps, e) =>
  convene(new LifecycleKernel(deps), e.meetingId),
);
