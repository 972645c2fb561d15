/** Distributes the agreed minutes (professional and family copies) and files the case note. */
import { z } from "zod";
import { meetingIdSchema } from "../../domain/ids.ts";
import { distribute } from "../../domain/lifecycle/distribute.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ meetingId: meetingIdSchema });

export const { build, handler } = defineHandler("distribute-minutes", eventSchema, (deps, e) =>
  distribute(new LifecycleKernel(deps), e.meetingId),
);
