/**
 * SES inbound: the receipt rule stored the raw reply in the inbound-mail bucket and invokes this
 * with the verdicts. The reply desk applies it only when the verdicts, the token and the sender
 * all pass; anything else is refused and audited.
 */
import { z } from "zod";
import { inboundFromRaw } from "../../adapters/local/inbound.ts";
import { decideReceipt, parseSesNotification } from "../../adapters/mail/ses-receipt.ts";
import { ReplyDesk } from "../../domain/lifecycle/replies.ts";
import { defineHandler } from "../shared/define-handler.ts";

/** Must match the receipt rule's S3 action prefix (lib/stateful.ts). */
const inboundPrefix = "inbound/";

export const eventSchema = z.object({ Records: z.array(z.unknown()).min(1) }).passthrough();

export const { build, handler } = defineHandler("inbound-email", eventSchema, async (deps, event) => {
  const inbound = parseSesNotification(event);
  const receipt = decideReceipt(inbound.receipt);
  const raw =
    inbound.content ?? (await deps.blobs.get(`inbound-mail/${inboundPrefix}${inbound.mail.messageId}`));
  if (!raw) throw new Error(`inbound message ${inbound.mail.messageId} is not in the inbound-mail bucket`);
  const desk = new ReplyDesk(deps, {
    secret: deps.replySecret,
    replyDomain: deps.settings.email.replyDomain,
    requireReceipt: true,
  });
  const message = await inboundFromRaw(Buffer.from(raw), inbound.receipt.recipients);
  const outcome = await desk.applyEmail(message, receipt);
  // Outcome and reason only: no addresses, tokens or message content.
  switch (outcome.status) {
    case "refused":
      return { status: outcome.status, reason: outcome.reason };
    case "closed":
      return { status: outcome.status, reason: outcome.closed.reason };
    case "applied":
    case "duplicate":
      return { status: outcome.status };
  }
});
