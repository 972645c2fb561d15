/**
 * The Mailer port: how the domain sends email. SES v2 (raw MIME) in the cloud; the outbox folder
 * (real .eml files) plus an optional SMTP relay on the embedded runtime.
 */

/** What an email is for; drives templates, reply purposes and metrics. */
export type EmailKind =
  | "invitation"
  | "invitation-update"
  | "cancellation"
  | "approval-request"
  | "reminder"
  | "attendance-prompt"
  | "escalation"
  | "final-minutes"
  | "action-reminder"
  | "action-redated"
  | "more-time-asked"
  | "more-time-received"
  | "more-time-refused"
  | "action-dates-to-confirm"
  | "action-reassigned"
  | "report-request"
  | "help"
  | "reply-not-applied"
  | "reply-refused"
  | "report-received"
  | "undeliverable-alert"
  | "review-scheduled"
  | "plan-overridden"
  | "change-request"
  | "change-decision"
  | "visit-reminder"
  | "visit-overdue"
  | "closure-proposed"
  | "closure-letter";

export interface Address {
  name?: string;
  email: string;
}

export interface Attachment {
  filename: string;
  contentType: string;
  content: Uint8Array | string;
}

/** A calendar entry sent as text/calendar (METHOD:REQUEST or CANCEL) alongside the body. */
export interface CalendarPart {
  method: "REQUEST" | "CANCEL";
  content: string;
}

export interface OutgoingEmail {
  kind: EmailKind;
  meetingId: string;
  from: Address;
  to: Address[];
  cc?: Address[];
  /** Per-recipient, per-purpose signed reply address. */
  replyTo?: Address;
  subject: string;
  text: string;
  html: string;
  calendar?: CalendarPart;
  attachments?: Attachment[];
  /**
   * The Message-ID (without angle brackets) when the sender fixes it: a copy of a recorded batch
   * (see SendRecord) carries the id derived from its record, so a copy sent again after a crash is
   * recognisable. A random one when absent.
   */
  messageId?: string;
  /** Extra headers, e.g. X-Convene-Kind. Never put personal data here. */
  headers?: Record<string, string>;
}

export interface SentEmail {
  messageId: string;
  /** Where the raw MIME went: an outbox file path locally, the SES message id in the cloud. */
  location: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<SentEmail>;
  /**
   * True when an email given again with a Message-ID this mailer has already taken is not
   * delivered again (the embedded runtime's outbox answers with the copy it has). A batch's send
   * records are then marked together after its last email; otherwise (SES, which has no
   * idempotency key) each is marked before the next is sent (domain/lifecycle/send-batch.ts).
   */
  readonly idempotent?: boolean;
}
