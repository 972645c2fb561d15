/** SES bounce and complaint notifications: mark the address undeliverable and alert the chair. */
import { z } from "zod";
import { parseSesFeedback } from "../../adapters/mail/ses-feedback.ts";
import { Lifecycle } from "../../domain/lifecycle/service.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({}).passthrough();

export const { build, handler } = defineHandler("ses-feedback", eventSchema, async (deps, event) => {
  const lifecycle = new Lifecycle(deps);
  let marked = 0;
  for (const feedback of parseSesFeedback(event)) {
    await lifecycle.addressUndeliverable(
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
