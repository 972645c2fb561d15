/** SES bounce and complaint notifications: mark the address undeliverable and alert the chair. */
import { z } from "zod";
import { parseSesFeedback } from "../../adapters/mail/ses-feedback.ts";
import { LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { addressUndeliverable } from "../../domain/lifecycle/undeliverable.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({}).passthrough();

export const { build, handler } = defineHandler("ses-feedback", eventSchema, async (deps, event) => {
  const kernel = new LifecycleKernel(deps);
  let marked = 0;
  for (const feedback of parseSesFeedback(event)) {
    await addressUndeliverable(
      kernel,
      feedback.email,
      feedback.kind,
      feedback.permanent,
      feedback.meetingId,
      feedback.detail,
    );
    marked++;
  }
  return { marked };
});
