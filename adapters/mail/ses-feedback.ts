/**
 * SES bounce and complaint notifications → the addresses to mark undeliverable, so the lead's
 * handler can alert the chair (undeliverableAlertEmail) and nothing is lost silently. Accepts the
 * identity notification (`notificationType`), the configuration-set event (`eventType`, with the
 * send's tags), either inside an SNS envelope (`Message` string), or an EventBridge event (`detail`).
 * See https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
 */
import { z } from "zod";
import { SesNotificationError } from "./ses-receipt.ts";

const bounceSchema = z.object({
  bounceType: z.enum(["Permanent", "Transient", "Undetermined"]),
  bounceSubType: z.string().optional(),
  bouncedRecipients: z
    .array(
      z.object({
        emailAddress: z.string(),
        action: z.string().optional(),
        status: z.string().optional(),
        diagnosticCode: z.string().optional(),
      }),
    )
    .min(1),
  timestamp: z.string(),
  feedbackId: z.string().optional(),
});

const complaintSchema = z.object({
  complainedRecipients: z.array(z.object({ emailAddress: z.string() })).min(1),
  timestamp: z.string(),
  feedbackId: z.string().optional(),
  complaintFeedbackType: z.string().optional(),
  complaintSubType: z.string().nullable().optional(),
});

const mailSchema = z
  .object({
    messageId: z.string(),
    timestamp: z.string().optional(),
    source: z.string().optional(),
    destination: z.array(z.string()).optional(),
    headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
    tags: z.record(z.string(), z.array(z.string())).optional(),
  })
  .passthrough();

const feedbackSchema = z
  .object({
    notificationType: z.string().optional(),
    eventType: z.string().optional(),
    bounce: bounceSchema.optional(),
    complaint: complaintSchema.optional(),
    mail: mailSchema,
  })
  .refine((v) => v.notificationType !== undefined || v.eventType !== undefined, {
    message: "expected notificationType or eventType",
  });

export interface DeliveryFeedback {
  email: string;
  kind: "bounce" | "complaint";
  /** A permanent bounce, or a complaint: stop emailing the address. */
  permanent: boolean;
  /** SES's message id of the email that bounced. */
  sesMessageId: string;
  /** From the send's tags or X-Convene-* headers, when present. */
  meetingId: string | undefined;
  emailKind: string | undefined;
  /** For the chair: bounce subtype and diagnostic code, or the complaint feedback type. */
  detail: string;
  at: string;
}

function unwrap(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const v = value as Record<string, unknown>;
  if (typeof v.Message === "string" && typeof v.Type === "string") {
    try {
      return JSON.parse(v.Message);
    } catch {
      throw new SesNotificationError("not an SES notification: the SNS Message is not JSON");
    }
  }
  if (typeof v.detail === "object" && v.detail !== null && v.source === "aws.ses") return v.detail;
  return value;
}

function fromMail(mail: z.infer<typeof mailSchema>, tag: string, header: string): string | undefined {
  const tagged = mail.tags?.[tag]?.[0];
  if (tagged) return tagged;
  return mail.headers?.find((h) => h.name.toLowerCase() === header)?.value;
}

/**
 * Reads a bounce or complaint notification. A Delivery (or other) notification gives an empty list.
 * @throws SesNotificationError naming the field that does not fit.
 */
export function parseSesFeedback(value: unknown): DeliveryFeedback[] {
  const parsed = feedbackSchema.safeParse(unwrap(value));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SesNotificationError(
      `not an SES bounce or complaint notification (${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"})`,
    );
  }
  const n = parsed.data;
  const type = n.notificationType ?? n.eventType;
  const meetingId = fromMail(n.mail, "meeting", "x-convene-meeting");
  const emailKind = fromMail(n.mail, "kind", "x-convene-kind");
  if (type === "Bounce") {
    if (!n.bounce) throw new SesNotificationError("SES Bounce notification without a bounce object");
    const bounce = n.bounce;
    return bounce.bouncedRecipients.map((r) => ({
      email: r.emailAddress.toLowerCase(),
      kind: "bounce",
      permanent: bounce.bounceType === "Permanent",
      sesMessageId: n.mail.messageId,
      meetingId,
      emailKind,
      detail: [bounce.bounceType, bounce.bounceSubType, r.diagnosticCode].filter(Boolean).join(": "),
      at: bounce.timestamp,
    }));
  }
  if (type === "Complaint") {
    if (!n.complaint) throw new SesNotificationError("SES Complaint notification without a complaint object");
    const complaint = n.complaint;
    return complaint.complainedRecipients.map((r) => ({
      email: r.emailAddress.toLowerCase(),
      kind: "complaint",
      permanent: true,
      sesMessageId: n.mail.messageId,
      meetingId,
      emailKind,
      detail: `complaint${complaint.complaintFeedbackType ? `: ${complaint.complaintFeedbackType}` : ""}`,
      at: complaint.timestamp,
    }));
  }
  return [];
}
