/** Fires the reminders and deadlines that are due (EventBridge schedule; the runtime's clock locally). */
import { z } from "zod";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({}).passthrough();

export const { build, handler } = defineHandler("sweeper", eventSchema, (deps) =>
  new Lifecycle(deps).sweep(),
);
