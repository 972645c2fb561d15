/**
 * Whether an emailed reply may change anything. Pure: the caller has parsed the message and
 * judged it by the inbound rule, and passes `now`.
 *
 * Primary course:
 * 1. The inbound rule must have cleared the message: SES's verdicts in the cloud, simulated ones
 *    locally, judged by the same `decideInbound` (adapters/mail/ses-receipt.ts).
 * 2. The reply token (from the `reply+TOKEN@` address) must be valid and unexpired.
 * 3. The From address must be the invited person's, exactly (letter case aside).
 * 4. An auto-reply (out of office) is never an answer.
 * 5. The fresh text is classified for the token's purpose.
 * Anything refused changes nothing; the caller writes the refusal to the audit log. The decision
 * always carries an idempotency key (from the Message-ID, or a hash of the raw message) that the
 * store records with a conditional write, so the same message delivered twice has one effect.
 */
import { createHash } from "node:crypto";
import { classifyIntent, type IntentResult } from "./classify-intent.ts";
import {
  type ReplyClaims,
  type ReplySecrets,
  type ReplyTokenRefusal,
  verifyReplyToken,
} from "./reply-token.ts";

export type ReplyRefusal =
  | "receipt-refused"
  | "receipt-missing"
  | "no-token"
  | `token-${ReplyTokenRefusal}`
  | "unknown-person"
  | "no-sender"
  | "wrong-sender"
  | "auto-reply";

export type ReplyDecision =
  | { accepted: true; claims: ReplyClaims; intent: IntentResult; idempotencyKey: string }
  | {
      accepted: false;
      reason: ReplyRefusal;
      /** Words for the audit log, e.g. the receipt verdict that failed. Never message content. */
      detail: string;
      claims?: ReplyClaims;
      idempotencyKey: string;
    };

export interface ReplyInput {
  /** The token from the reply address; undefined when the message was not sent to one. */
  token: string | undefined;
  /** The key, or the keys still accepted (current first). */
  secret: ReplySecrets;
  now: Date;
  /** The From address of the reply. */
  from: string | undefined;
  /** The invited person's address for the token's claims (meeting + person); undefined if unknown. */
  invitedEmail: (claims: ReplyClaims) => string | undefined;
  /**
   * The inbound rule's decision (SES's verdicts in the cloud, simulated ones locally). `undefined`
   * means none was made; then `requireReceipt` must be false.
   */
  receipt: { accepted: boolean; reason: string } | undefined;
  requireReceipt: boolean;
  automatic: boolean;
  fresh: string;
  hasAttachments: boolean;
  messageId: string | undefined;
  /** The raw message, hashed for the idempotency key when there is no Message-ID. */
  raw: Uint8Array | string;
}

/**
 * The idempotency key of an inbound message: `email:` + 32 hex characters of SHA-256 over the
 * normalised Message-ID, or over the raw bytes when the message has no Message-ID.
 */
export function inboundIdempotencyKey(messageId: string | undefined, raw: Uint8Array | string): string {
  const id = messageId?.trim().replace(/^<|>$/g, "").toLowerCase();
  const hash = createHash("sha256");
  if (id) hash.update(`message-id:${id}`);
  else hash.update("raw:").update(raw);
  return `email:${hash.digest("hex").slice(0, 32)}`;
}

/** Normalises an address for comparison: trimmed, angle brackets removed, lowercase. */
export function normaliseAddress(address: string): string {
  return address.trim().replace(/^<|>$/g, "").toLowerCase();
}

/** Decides whether a reply is accepted, and with what intent. */
export function acceptReply(input: ReplyInput): ReplyDecision {
  const idempotencyKey = inboundIdempotencyKey(input.messageId, input.raw);
  const refuse = (reason: ReplyRefusal, detail: string, claims?: ReplyClaims): ReplyDecision => ({
    accepted: false,
    reason,
    detail,
    idempotencyKey,
    ...(claims ? { claims } : {}),
  });

  // The inbound rule goes first, and a message it refuses is never answered: it may carry a forged
  // From, so an automatic answer ("this link is closed", "not understood") would mail the person
  // whose address was forged about a message they never sent, and let anyone make Convene mail
  // anyone.
  if (input.receipt === undefined) {
    if (input.requireReceipt) return refuse("receipt-missing", "no SES receipt verdicts for this message");
  } else if (!input.receipt.accepted) {
    return refuse("receipt-refused", input.receipt.reason);
  }

  if (!input.token) return refuse("no-token", "not addressed to a reply+TOKEN address");
  const verification = verifyReplyToken(input.token, input.secret, input.now);
  if (!verification.valid) {
    return refuse(`token-${verification.reason}`, `reply token ${verification.reason}`);
  }
  const { claims } = verification;

  const invited = input.invitedEmail(claims);
  if (!invited) return refuse("unknown-person", "the token names no invited person", claims);
  if (!input.from) return refuse("no-sender", "the message has no From address", claims);
  if (normaliseAddress(input.from) !== normaliseAddress(invited)) {
    return refuse("wrong-sender", "From is not the invited person's address", claims);
  }
  if (input.automatic) return refuse("auto-reply", "an automatic reply (Auto-Submitted/Precedence)", claims);

  const intent = classifyIntent(input.fresh, {
    purpose: claims.purpose,
    hasAttachments: input.hasAttachments,
  });
  return { accepted: true, claims, intent, idempotencyKey };
}
