/** Raw MIME in → the reply desk: the local SMTP server, `convene mail reply` and tests use this. */
import type { InboundMessage, ReplyDesk, ReplyOutcome } from "../../domain/lifecycle/replies.ts";
import { parseInboundEmail } from "../mail/parse-inbound.ts";

/** Parses a raw email (real MIME) into the reply desk's shape; `envelopeTo` adds SMTP RCPT TO addresses. */
export async function inboundFromRaw(raw: Buffer, envelopeTo: string[] = []): Promise<InboundMessage> {
  const parsed = await parseInboundEmail(raw);
  return {
    messageId: parsed.messageId,
    from: parsed.from?.email,
    recipients: [
      ...parsed.to.map((a) => a.email),
      ...parsed.cc.map((a) => a.email),
      ...parsed.deliveredTo,
      ...envelopeTo,
    ],
    fresh: parsed.fresh,
    hasAttachments: parsed.attachments.length > 0,
    automatic: parsed.automatic,
    raw: new Uint8Array(raw),
  };
}

export async function applyRawReply(
  desk: ReplyDesk,
  raw: Buffer,
  envelopeTo: string[] = [],
): Promise<ReplyOutcome> {
  return desk.applyEmail(await inboundFromRaw(raw, envelopeTo), undefined);
}
