/**
 * SES inbound: the receipt rule stored the raw reply in the inbound-mail bucket and invokes this
 * with the verdicts. The reply desk applies it only when the inbound rule (verdicts, one aligned
 * From: adapters/mail/ses-receipt.ts), the token and the sender all pass; anything else is
 * refused and audited, and nobody is answered.
 */
import { z } from "zod";
import { inboundMessage } from "../../adapters/local/inbound.ts";
import {
  type InboundEmail,
  InboundEmailError,
  parseInboundEmail,
} from "../../adapters/mail/parse-inbound.ts";
import { decideReceipt, parseSesNotification } from "../../adapters/mail/ses-receipt.ts";
import { ReplyDesk, type ReplyOutcome } from "../../domain/lifecycle/replies.ts";
import { defineHandler, logger } from "../shared/define-handler.ts";

/** Must match the receipt rule's S3 action prefix (lib/stateful.ts). */
const inboundPrefix = "inbound/";

export const eventSchema = z.object({ Records: z.array(z.unknown()).min(1) }).passthrough();

export const { build, handler } = defineHandler("inbound-email", eventSchema, async (deps, event) => {
  const inbound = parseSesNotification(event);
  const raw =
    inbound.content ?? (await deps.blobs.get(`inbound-mail/${inboundPrefix}${inbound.mail.messageId}`));
  if (!raw) throw new Error(`inbound message ${inbound.mail.messageId} is not in the inbound-mail bucket`);
  let email: InboundEmail;
  try {
    email = await parseInboundEmail(Buffer.from(raw));
  } catch (error) {
    // Not an acceptable email will never become one: refuse it rather than fail, so Lambda does
    // not retry it. Logged as a code: a parser's message could quote the input.
    if (!(error instanceof InboundEmailError)) throw error;
    logger.info("inbound refused", { messageId: inbound.mail.messageId, reason: "not-an-email" });
    return { status: "refused", reason: "not-an-email" };
  }
  // The rule is decided before the desk looks at anything else, and a refusal answers nobody:
  // a message that fails it may carry a forged From, so any answer would go to the person whose
  // address was forged (backscatter), and would let anyone make Convene mail anyone.
  const receipt = decideReceipt(inbound, email);
  const desk = new ReplyDesk(deps, {
    secret: deps.replySecret,
    replyDomain: deps.settings.email.replyDomain,
    requireReceipt: true,
  });
  const outcome = await desk.applyEmail(
    inboundMessage(email, Buffer.from(raw), inbound.receipt.recipients),
    receipt,
  );
  const result = resultOf(outcome);
  // Ids and outcome codes only: the rule's reason is in the meeting's audit log.
  logger.info("inbound reply", { messageId: inbound.mail.messageId, ...result });
  return result;
});

/** Outcome and reason only: no addresses, tokens or message content. */
function resultOf(outcome: ReplyOutcome): { status: ReplyOutcome["status"]; reason?: string } {
  switch (outcome.status) {
    case "refused":
      return { status: outcome.status, reason: outcome.reason };
    case "closed":
      return { status: outcome.status, reason: outcome.closed.reason };
    case "applied":
    case "duplicate":
      return { status: outcome.status };
  }
}
