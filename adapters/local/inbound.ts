/** Raw MIME in → the reply desk: the local SMTP server, `convene mail reply` and tests use this. */

import { reportDocuments } from "../../domain/email/report-attachment.ts";
import type { ReportDocument } from "../../domain/lifecycle/attendance-answer.ts";
import type {
  CalendarReply,
  InboundMessage,
  ReplyDesk,
  ReplyOutcome,
} from "../../domain/lifecycle/replies.ts";
import { parseCalendarReply } from "../mail/calendar-reply.ts";
import { type InboundAttachment, type InboundEmail, parseInboundEmail } from "../mail/parse-inbound.ts";
import {
  decideInbound,
  type InboundEvidence,
  type ReceiptDecision,
  type VerdictStatus,
  verdictStatusSchema,
} from "../mail/ses-receipt.ts";

/** The attachments that are written reports: not a signature logo, an Outlook calendar part or a tiny file. */
export function reportsAmong(attachments: readonly InboundAttachment[]): ReportDocument[] {
  const parts = attachments.map((a) => ({ ...a, filename: a.named ? a.filename : undefined }));
  return reportDocuments(parts).map((a) => ({
    filename: a.filename ?? "report",
    contentType: a.contentType,
    content: a.content,
  }));
}

/** The first iTIP REPLY among a message's text/calendar parts (Outlook, Google and Apple send one). */
function calendarReplyAmong(attachments: InboundEmail["attachments"]): { calendarReply?: CalendarReply } {
  for (const a of attachments) {
    if (!/^(text|application)\/(calendar|ics)\b/i.test(a.contentType)) continue;
    const reply = parseCalendarReply(new TextDecoder().decode(a.content));
    if (reply) return { calendarReply: reply };
  }
  return {};
}

/** The reply desk's shape of a parsed email; `envelopeTo` adds SMTP RCPT TO / SES recipients. */
export function inboundMessage(parsed: InboundEmail, raw: Buffer, envelopeTo: string[] = []): InboundMessage {
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
    ...calendarReplyAmong(parsed.attachments),
  };
}

/** Parses a raw email (real MIME) into the reply desk's shape; `envelopeTo` adds SMTP RCPT TO addresses. */
export async function inboundFromRaw(raw: Buffer, envelopeTo: string[] = []): Promise<InboundMessage> {
  return inboundMessage(await parseInboundEmail(raw), raw, envelopeTo);
}

function simulatedScan(parsed: InboundEmail, name: string): VerdictStatus {
  const header = parsed.trustHeaders.find((h) => h.name === name)?.value;
  if (header === undefined) return "PASS";
  const status = verdictStatusSchema.safeParse(header.trim().toUpperCase());
  return status.success ? status.data : "PROCESSING_FAILED";
}

/**
 * The evidence the embedded runtime gives the inbound rule in place of SES's: there is no DNS,
 * no scanner and no signature check on a laptop, so the verdicts are simulated as SES would give
 * them for a domain without a DMARC policy (GRAY) whose envelope sender passes SPF, with no DKIM
 * signature; the same `decideInbound` then judges them. So the local runtime refuses what the
 * cloud refuses for the message itself: a From other than exactly one mailbox, and an envelope
 * sender (SMTP MAIL FROM, or the topmost Return-Path, which the final server writes from it)
 * in another organization than the From domain. Without either (a message posted to /inbound or
 * given to `convene mail reply` as a mail client saved it), the envelope sender is the From
 * address, as a mail client submitting the message sets it. Spam and virus are PASS unless the
 * message carries SES's `X-SES-*-Verdict` headers (a stored SES message replayed locally): those
 * can only make the simulation stricter, never let through what it would refuse.
 */
export function localEvidence(parsed: InboundEmail, envelopeFrom?: string): InboundEvidence {
  const returnPath = parsed.trustHeaders.find((h) => h.name === "return-path")?.value;
  // A null sender (`MAIL FROM:<>`, `Return-Path: <>`) has no domain to align: SPF then checks
  // only the HELO name, which DMARC does not count.
  const envelope =
    envelopeFrom ??
    (returnPath === undefined ? parsed.from?.email : returnPath.replace(/^.*<([^<>]*)>.*$/, "$1"));
  return {
    verdicts: {
      spam: simulatedScan(parsed, "x-ses-spam-verdict"),
      virus: simulatedScan(parsed, "x-ses-virus-verdict"),
      spf: "PASS",
      dkim: "GRAY",
      dmarc: "GRAY",
    },
    from: parsed.fromField,
    envelopeFrom: envelope?.trim() || undefined,
    dkimPassDomains: [],
    dmarcFromDomain: undefined,
  };
}

/** The inbound rule on the local runtime's simulated verdicts (see `localEvidence`). */
export function decideLocalReceipt(parsed: InboundEmail, envelopeFrom?: string): ReceiptDecision {
  return decideInbound(localEvidence(parsed, envelopeFrom));
}

/**
 * Applies a raw reply received locally: parsed, judged by the inbound rule on simulated verdicts,
 * then given to the reply desk.
 * @throws InboundEmailError when the input is not an acceptable email (the caller answers 400 / 554).
 */
export async function applyRawReply(
  desk: ReplyDesk,
  raw: Buffer,
  envelopeTo: string[] = [],
  envelopeFrom?: string,
): Promise<ReplyOutcome> {
  const parsed = await parseInboundEmail(raw);
  return desk.applyEmail(inboundMessage(parsed, raw, envelopeTo), decideLocalReceipt(parsed, envelopeFrom));
}
