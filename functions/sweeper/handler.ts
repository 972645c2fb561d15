/** Fires the reminders and deadlines that are due (EventBridge schedule; the runtime's clock locally). */
import { z } from "zod";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { sweep } from "../../domain/lifecycle/sweep.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({}).passthrough();

export const { build, handler } = defineHandler("sweeper", eventSchema, (deps) =>
  sweep(new LifecycleKernel(deps)),
);
