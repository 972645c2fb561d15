/** Raw MIME in → the reply desk: the local SMTP server, `convene mail reply` and tests use this. */
import { reportDocuments } from "../../domain/email/report-attachment.ts";
import type { InboundMessage, ReplyDesk, ReplyOutcome } from "../../domain/lifecycle/replies.ts";
import type { ReportDocument } from "../../domain/lifecycle/service.ts";
import { type InboundAttachment, parseInboundEmail } from "../mail/parse-inbound.ts";

/** The attachments that are written reports: not a signature logo, an Outlook calendar part or a tiny file. */
export function reportsAmong(attachments: readonly InboundAttachment[]): ReportDocument[] {
  const parts = attachments.map((a) => ({ ...a, filename: a.named ? a.filename : undefined }));
  return reportDocuments(parts).map((a) => ({
    filename: a.filename ?? "report",
    contentType: a.contentType,
    content: a.content,
  }));
}

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
    documents: reportsAmong(parsed.attachments),
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
