/**
 * A reply that passed the receipt checks but cannot be used (no reply code, a colleague answering
 * from their own address, an expired code) is answered, so the sender does not believe they have
 * answered: once per message, and at most once a day per sender (a loop with another robot
 * stops there). Automatic mail and anything the receipt checks refused is never answered: its
 * From may be forged (accept-reply.ts).
 */
import { createHash } from "node:crypto";
import type { ReplyRefusal } from "../email/accept-reply.ts";
import type { UnusableReply } from "../ports/messages.ts";
import type { LifecycleDeps } from "./kernel.ts";
import type { InboundMessage } from "./reply-types.ts";

export async function answerUnusableReply(
  deps: Pick<LifecycleDeps, "store" | "mailer" | "messages">,
  replyDomain: string,
  message: InboundMessage,
  reason: ReplyRefusal,
  idempotencyKey: string,
  now: Date,
): Promise<void> {
  const unusable: Partial<Record<ReplyRefusal, UnusableReply>> = {
    "no-token": "no-token",
    "wrong-sender": "wrong-sender",
    "token-expired": "token-expired",
  };
  const why = unusable[reason];
  const from = message.from?.trim().toLowerCase();
  if (!why || !from || message.automatic || !/^[^\s@<>]+@[^\s@<>]+$/.test(from)) return;
  // Never to Convene's own reply addresses (a loop with itself).
  if (from.endsWith(`@${replyDomain.toLowerCase()}`)) return;
  if (!(await deps.store.recordInbound(`answered:${idempotencyKey}`, now.toISOString()))) return;
  const sender = createHash("sha256").update(from).digest("hex").slice(0, 32);
  const today = now.toISOString().slice(0, 10);
  if (!(await deps.store.recordInbound(`answered-sender:${sender}:${today}`, now.toISOString()))) return;
  await deps.mailer.send(await deps.messages.replyRefused({ email: from }, why));
}
