/**
 * Amazon SES inbound notifications: the SNS "Received" notification (the raw message inline in
 * `content` when the receipt rule's action is SNS, possibly still wrapped in the SNS envelope with
 * the notification as a `Message` string), and the Lambda event (`Records[0].ses`, no content).
 * Parsed with zod, then judged by SES's receipt verdicts.
 *
 * The rule (issue 4): DMARC passes, or, where the sender's domain publishes no DMARC policy
 * (dmarcVerdict GRAY), SPF or DKIM passes; and the spam and virus verdicts are not FAIL.
 * See https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html
 */
import { z } from "zod";

/** Input that is JSON but not an SES inbound notification. */
export class SesNotificationError extends Error {
  override name = "SesNotificationError";
}

export const verdictStatusSchema = z.enum(["PASS", "FAIL", "GRAY", "PROCESSING_FAILED", "DISABLED"]);
export type VerdictStatus = z.infer<typeof verdictStatusSchema>;

const verdictSchema = z.object({ status: verdictStatusSchema });

export const sesReceiptSchema = z.object({
  timestamp: z.string(),
  processingTimeMillis: z.number().optional(),
  recipients: z.array(z.string()).default([]),
  // Absent when a check did not run (older notifications have no dmarcVerdict).
  spamVerdict: verdictSchema.optional(),
  virusVerdict: verdictSchema.optional(),
  spfVerdict: verdictSchema.optional(),
  dkimVerdict: verdictSchema.optional(),
  dmarcVerdict: verdictSchema.optional(),
  /** Present only when DMARC failed: the sending domain's policy. */
  dmarcPolicy: z.enum(["none", "quarantine", "reject"]).optional(),
  action: z
    .object({
      type: z.string(),
      encoding: z.enum(["UTF8", "BASE64"]).optional(),
      topicArn: z.string().optional(),
      functionArn: z.string().optional(),
      bucketName: z.string().optional(),
      objectKey: z.string().optional(),
    })
    .passthrough(),
});
export type SesReceipt = z.infer<typeof sesReceiptSchema>;

export const sesMailSchema = z.object({
  timestamp: z.string(),
  source: z.string(),
  messageId: z.string(),
  destination: z.array(z.string()).default([]),
  headersTruncated: z.boolean().optional(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
  commonHeaders: z
    .object({
      returnPath: z.string().optional(),
      from: z.array(z.string()).optional(),
      to: z.array(z.string()).optional(),
      cc: z.array(z.string()).optional(),
      date: z.string().optional(),
      messageId: z.string().optional(),
      subject: z.string().optional(),
    })
    .passthrough()
    .default({}),
});
export type SesMail = z.infer<typeof sesMailSchema>;

const receivedNotificationSchema = z.object({
  notificationType: z.literal("Received"),
  mail: sesMailSchema,
  receipt: sesReceiptSchema,
  content: z.string().optional(),
});

const lambdaEventSchema = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal("aws:ses").optional(),
        ses: z.object({ mail: sesMailSchema, receipt: sesReceiptSchema }),
      }),
    )
    .min(1),
});

const snsEnvelopeSchema = z.object({
  Type: z.string(),
  Message: z.string(),
});

const snsRecordsSchema = z.object({
  Records: z.array(z.object({ Sns: snsEnvelopeSchema.passthrough() })).min(1),
});

/** Where the notification came from. */
export type SesNotificationSource = "sns" | "sns-envelope" | "lambda";

export interface SesInbound {
  source: SesNotificationSource;
  mail: SesMail;
  receipt: SesReceipt;
  /** The raw message when the notification carries it (SNS action); undefined otherwise. */
  content: Buffer | undefined;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`;
}

function fromReceived(value: unknown, source: SesNotificationSource): SesInbound {
  const parsed = receivedNotificationSchema.safeParse(value);
  if (!parsed.success) {
    throw new SesNotificationError(`not an SES "Received" notification (${describe(parsed.error)})`);
  }
  const { mail, receipt, content } = parsed.data;
  const raw =
    content === undefined
      ? undefined
      : receipt.action.encoding === "BASE64"
        ? Buffer.from(content, "base64")
        : Buffer.from(content, "utf8");
  return { source, mail, receipt, content: raw };
}

/**
 * Reads an SES inbound notification: the SNS "Received" JSON, the same inside an SNS envelope,
 * or a Lambda SES event (first record).
 * @throws SesNotificationError naming the field that does not fit.
 */
export function parseSesNotification(value: unknown): SesInbound {
  if (typeof value !== "object" || value === null) {
    throw new SesNotificationError("not an SES notification: expected a JSON object");
  }
  if ("Records" in value) {
    // A Lambda subscribed to an SNS topic (SES receiving in another Region, lib/inbound-stack.ts):
    // the first record's `Sns` is the envelope of the "Received" notification.
    const sns = snsRecordsSchema.safeParse(value);
    if (sns.success) {
      const record = sns.data.Records[0];
      if (record) return parseSesNotification(record.Sns);
    }
    const parsed = lambdaEventSchema.safeParse(value);
    if (!parsed.success) {
      throw new SesNotificationError(`not an SES Lambda event (${describe(parsed.error)})`);
    }
    const record = parsed.data.Records[0];
    if (!record) throw new SesNotificationError("not an SES Lambda event (Records is empty)");
    return { source: "lambda", mail: record.ses.mail, receipt: record.ses.receipt, content: undefined };
  }
  if ("Message" in value && "Type" in value) {
    const envelope = snsEnvelopeSchema.safeParse(value);
    if (!envelope.success) {
      throw new SesNotificationError(`not an SNS notification (${describe(envelope.error)})`);
    }
    if (envelope.data.Type !== "Notification") {
      throw new SesNotificationError(`not an SNS notification: Type is ${envelope.data.Type}`);
    }
    let inner: unknown;
    try {
      inner = JSON.parse(envelope.data.Message);
    } catch {
      throw new SesNotificationError("not an SES notification: the SNS Message is not JSON");
    }
    return fromReceived(inner, "sns-envelope");
  }
  return fromReceived(value, "sns");
}

export interface ReceiptDecision {
  accepted: boolean;
  reason: string;
}

/**
 * Judges SES's verdicts: spam and virus not FAIL; DMARC PASS, or no DMARC policy (GRAY) with SPF
 * or DKIM PASS. Anything else, a missing DMARC verdict included, is refused with the reason.
 */
export function decideReceipt(receipt: SesReceipt): ReceiptDecision {
  if (receipt.spamVerdict?.status === "FAIL") return { accepted: false, reason: "spam verdict FAIL" };
  if (receipt.virusVerdict?.status === "FAIL") return { accepted: false, reason: "virus verdict FAIL" };
  const dmarc = receipt.dmarcVerdict?.status;
  if (dmarc === undefined) return { accepted: false, reason: "no DMARC verdict" };
  if (dmarc === "PASS") return { accepted: true, reason: "DMARC PASS" };
  if (dmarc === "GRAY") {
    if (receipt.spfVerdict?.status === "PASS") return { accepted: true, reason: "no DMARC policy; SPF PASS" };
    if (receipt.dkimVerdict?.status === "PASS")
      return { accepted: true, reason: "no DMARC policy; DKIM PASS" };
    return { accepted: false, reason: "no DMARC policy and neither SPF nor DKIM PASS" };
  }
  const policy = receipt.dmarcPolicy ? ` (policy ${receipt.dmarcPolicy})` : "";
  return { accepted: false, reason: `DMARC ${dmarc}${policy}` };
}
