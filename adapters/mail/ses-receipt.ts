/**
 * Amazon SES inbound notifications: the SNS "Received" notification (the raw message inline in
 * `content` when the receipt rule's action is SNS, possibly still wrapped in the SNS envelope with
 * the notification as a `Message` string), and the Lambda event (`Records[0].ses`, no content).
 * Parsed with zod, then judged by the inbound rule (`decideInbound`), which the embedded runtime
 * applies too, to verdicts it simulates (adapters/local/inbound.ts).
 *
 * The rule (issue 16, finding 8): the spam and virus verdicts are present and PASS; the message
 * has exactly one From mailbox; and DMARC passes, or, where the From domain publishes no DMARC
 * policy (dmarcVerdict GRAY), SPF or DKIM passes for a domain ALIGNED with the From domain
 * (relaxed alignment, RFC 7489 section 3.1: the same organizational domain). Without alignment a
 * pass proves only that the attacker's own domain sent or signed the message.
 * See https://docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-contents.html
 */
import addressparser from "nodemailer/lib/addressparser";
import { getDomain } from "tldts";
import { z } from "zod";
import { domainOf, parseAuthenticationResults } from "./authentication-results.ts";
import type { InboundFromField, InboundHeaderField } from "./parse-inbound.ts";

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

/** The rule's answer; `reason` goes to the audit log, so it names checks, never addresses. */
export interface ReceiptDecision {
  accepted: boolean;
  reason: string;
}

/** What the inbound rule judges, whichever runtime gathered it (SES, or the local simulation). */
export interface InboundEvidence {
  verdicts: {
    spam: VerdictStatus | undefined;
    virus: VerdictStatus | undefined;
    spf: VerdictStatus | undefined;
    dkim: VerdictStatus | undefined;
    dmarc: VerdictStatus | undefined;
    dmarcPolicy?: "none" | "quarantine" | "reject" | undefined;
  };
  from: InboundFromField;
  /** The SMTP envelope sender (MAIL FROM): the identity SPF checked. */
  envelopeFrom: string | undefined;
  /** The signing domains (`d=`) of the DKIM signatures the receiving server verified. */
  dkimPassDomains: string[];
  /** The From domain the receiving server evaluated DMARC for, when its header says. */
  dmarcFromDomain: string | undefined;
}

/**
 * The organizational domain (RFC 7489 section 3.2) from the Public Suffix List, private section
 * included: `a.github.io` and `b.github.io` belong to different people, so they must not align.
 */
export function organizationalDomain(domain: string | undefined): string | undefined {
  if (!domain) return undefined;
  return getDomain(domain, { allowPrivateDomains: true }) ?? undefined;
}

function aligned(domain: string | undefined, fromOrg: string): boolean {
  return organizationalDomain(domain) === fromOrg;
}

/**
 * The inbound rule. Pure: the same evidence gives the same decision in the cloud and locally.
 * @example decideInbound(evidence) // { accepted: false, reason: "no DMARC policy; SPF PASS not aligned with the From domain" }
 */
export function decideInbound(evidence: InboundEvidence): ReceiptDecision {
  const refuse = (reason: string): ReceiptDecision => ({ accepted: false, reason });
  const { verdicts, from } = evidence;
  // A scan that did not run or did not finish (missing, GRAY, PROCESSING_FAILED, DISABLED) is no
  // evidence the message is clean: only PASS lets it through.
  if (verdicts.spam !== "PASS")
    return refuse(verdicts.spam ? `spam verdict ${verdicts.spam}` : "no spam verdict");
  if (verdicts.virus !== "PASS")
    return refuse(verdicts.virus ? `virus verdict ${verdicts.virus}` : "no virus verdict");

  if (from.fields === 0) return refuse("no From header");
  if (from.fields > 1) return refuse(`${from.fields} From headers (exactly one is allowed)`);
  if (from.group) return refuse("From uses group syntax (one mailbox is allowed)");
  if (from.mailboxes.length !== 1) {
    return refuse(`From names ${from.mailboxes.length} mailboxes (exactly one is allowed)`);
  }
  const fromDomain = domainOf(from.mailboxes[0]?.email);
  const fromOrg = organizationalDomain(fromDomain);
  if (!fromDomain || !fromOrg) return refuse("the From domain is not a registrable domain");
  // SES evaluated DMARC on its own reading of From. If that is another domain than the one we
  // read, a crafted From parses differently here and there: trust neither.
  if (evidence.dmarcFromDomain !== undefined && evidence.dmarcFromDomain !== fromDomain) {
    return refuse("DMARC was evaluated for another From domain than the one read");
  }

  const dmarc = verdicts.dmarc;
  if (dmarc === undefined) return refuse("no DMARC verdict");
  // DMARC's own pass already requires an aligned SPF or DKIM pass (RFC 7489 section 4.2).
  if (dmarc === "PASS") return { accepted: true, reason: "DMARC PASS" };
  if (dmarc !== "GRAY") {
    const policy = verdicts.dmarcPolicy ? ` (policy ${verdicts.dmarcPolicy})` : "";
    return refuse(`DMARC ${dmarc}${policy}`);
  }
  const spfPass = verdicts.spf === "PASS";
  const dkimPass = verdicts.dkim === "PASS";
  if (spfPass && aligned(domainOf(evidence.envelopeFrom), fromOrg)) {
    return { accepted: true, reason: "no DMARC policy; SPF PASS aligned with the From domain" };
  }
  if (dkimPass && evidence.dkimPassDomains.some((d) => aligned(d, fromOrg))) {
    return { accepted: true, reason: "no DMARC policy; DKIM PASS aligned with the From domain" };
  }
  if (!spfPass && !dkimPass) return refuse("no DMARC policy and neither SPF nor DKIM PASS");
  const which = [spfPass ? "SPF" : undefined, dkimPass ? "DKIM" : undefined].filter(Boolean).join(" and ");
  return refuse(`no DMARC policy; ${which} PASS not aligned with the From domain`);
}

/** SES's authserv-id in the Authentication-Results header it adds. */
export const sesAuthservId = "amazonses.com";

function dkimSignatureDomain(value: string): string | undefined {
  const d = /(?:^|;)\s*d\s*=\s*([^;\s]+)/i.exec(value)?.[1];
  return d ? d.toLowerCase().replace(/\.$/, "") : undefined;
}

/**
 * The evidence for an SES-received message: SES's verdicts from the notification, the From field
 * and trust headers from the stored message (`headers`: top-level, in message order).
 *
 * What is trusted, and why:
 * - SPF identity: `mail.source`, the envelope MAIL FROM as SES reports it in the notification. It
 *   is what SES's SPF check was for, and it comes from SES, not from the message: a Return-Path
 *   or `envelope-from` written inside the message by the sender proves nothing. (SES also writes
 *   it as the topmost Return-Path; the notification is the same fact without parsing.)
 * - DKIM identity: the notification's dkimVerdict does not say WHICH signature passed, and a
 *   message may carry several (the attacker's valid `d=attacker.example` beside a bogus
 *   `d=<invitee's domain>`). So the signing domain comes from SES's own Authentication-Results
 *   header: SES prepends its headers to the stored message, so only the TOPMOST
 *   Authentication-Results is SES's, and only if its authserv-id is amazonses.com; any lower one
 *   was written by the sender. SES names the AUID (`header.i=@domain`); the domain counted is
 *   the `d=` of a DKIM-Signature present in the message that the AUID belongs to (RFC 6376
 *   section 3.5: i= is d= or a subdomain of it), so a result naming no present signature counts
 *   for nothing. Only when SES's header has no DKIM result at all, and the message carries
 *   exactly ONE DKIM-Signature, is that signature's `d=` used: with one signature a DKIM PASS can
 *   only be about it; with two or more it could be about either, so none is used.
 * - DMARC: SES's verdict; the `header.from` of SES's DMARC result must be the From domain read
 *   here (see decideInbound).
 */
export function sesEvidence(
  inbound: SesInbound,
  message: { fromField: InboundFromField; trustHeaders: InboundHeaderField[] },
): InboundEvidence {
  const { receipt } = inbound;
  const topmost = message.trustHeaders.find((h) => h.name === "authentication-results");
  const parsed = topmost ? parseAuthenticationResults(topmost.value) : undefined;
  const ses = parsed?.authservId === sesAuthservId ? parsed : undefined;
  const signatures = message.trustHeaders
    .filter((h) => h.name === "dkim-signature")
    .flatMap((h) => {
      const d = dkimSignatureDomain(h.value);
      return d ? [d] : [];
    });
  const dkimResults = ses?.results.filter((r) => r.method === "dkim") ?? [];
  const dkimPassDomains =
    dkimResults.length > 0
      ? dkimResults
          .filter((r) => r.result === "pass")
          .flatMap((r) => {
            const claimed = domainOf(r.properties["header.d"] ?? r.properties["header.i"]);
            const signer = signatures.find((d) => claimed === d || claimed?.endsWith(`.${d}`));
            return signer ? [signer] : [];
          })
      : signatures.length === 1
        ? signatures
        : [];
  const dmarcFrom = ses?.results.find((r) => r.method === "dmarc")?.properties["header.from"];
  return {
    verdicts: {
      spam: receipt.spamVerdict?.status,
      virus: receipt.virusVerdict?.status,
      spf: receipt.spfVerdict?.status,
      dkim: receipt.dkimVerdict?.status,
      dmarc: receipt.dmarcVerdict?.status,
      dmarcPolicy: receipt.dmarcPolicy,
    },
    from: message.fromField,
    envelopeFrom: inbound.mail.source,
    dkimPassDomains,
    dmarcFromDomain: dmarcFrom ? domainOf(dmarcFrom) : undefined,
  };
}

/**
 * The From field and trust headers from the notification's own header list, for a notification
 * without the message (a Lambda event read on its own, e.g. by `convene mail classify`). The
 * handler reads the stored message instead. Truncated headers cannot show a second From field,
 * so they give no From at all (refused).
 */
export function messageFromSesHeaders(mail: SesMail): {
  fromField: InboundFromField;
  trustHeaders: InboundHeaderField[];
} {
  const trustHeaders = mail.headers.map((h) => ({ name: h.name.toLowerCase(), value: h.value }));
  const froms = trustHeaders.filter((h) => h.name === "from");
  if (mail.headersTruncated) return { fromField: { fields: 0, mailboxes: [], group: false }, trustHeaders };
  const value = froms[0]?.value ?? "";
  const group = addressparser(value).some((entry) => entry.group !== undefined);
  const mailboxes = addressparser(value, { flatten: true })
    .filter((a) => a.address !== "")
    .map((a) => ({ name: a.name, email: a.address.toLowerCase() }));
  return { fromField: { fields: froms.length, mailboxes, group }, trustHeaders };
}

/**
 * The inbound rule over an SES notification and the message's From field and trust headers.
 * @example decideReceipt(parseSesNotification(event), await parseInboundEmail(raw))
 */
export function decideReceipt(
  inbound: SesInbound,
  message: { fromField: InboundFromField; trustHeaders: InboundHeaderField[] },
): ReceiptDecision {
  return decideInbound(sesEvidence(inbound, message));
}
