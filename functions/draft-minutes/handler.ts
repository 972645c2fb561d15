/** Drafts version 1 of the minutes from the transcript. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("draft-minutes", eventSchema, (deps, e) =>
  new Lifecycle(deps).draftMinutes(e.meetingId),
);
