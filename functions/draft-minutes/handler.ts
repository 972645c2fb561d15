/** Drafts version 1 of the minutes from the transcript. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { draftMinutes } from "../../domain/lifecycle/draft.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("draft-minutes", eventSchema, (deps, e) =>
  draftMinutes(new LifecycleKernel(deps), e.meetingId),
);
