/** What the reply desk takes in and answers: inbound messages, outcomes, options; the speaker-mapping parser. */

import type { ReplyRefusal } from "../email/accept-reply.ts";
import type { IntentResult } from "../email/classify-intent.ts";
import type { QuestionClosed } from "../email/open-question.ts";
import type { ReplySecrets } from "../email/reply-token.ts";
import type { ReportDocument } from "./attendance-answer.ts";

/** An inbound email as the adapters parse it (MIME, quoted history and signature removed). */
export interface InboundMessage {
  messageId: string | undefined;
  from: string | undefined;
  /** Every address the message was sent or delivered to (To, Cc, Delivered-To, envelope). */
  recipients: string[];
  fresh: string;
  /**
   * The attachments that are written reports (documents: see domain/email/report-attachment.ts),
   * with their bytes. Signature images, calendar parts and the like are left out by the adapter.
   */
  documents: ReportDocument[];
  automatic: boolean;
  raw: Uint8Array | string;
  /** An iTIP REPLY (a calendar Accept / Tentative / Decline) the message carries. */
  calendarReply?: CalendarReply;
}

/** A calendar client's answer to an invitation (iTIP METHOD:REPLY). */
export interface CalendarReply {
  answer: "accepted" | "tentative" | "declined";
  /** The ATTENDEE who answered, lower case. */
  attendee?: string;
  comment?: string;
}

export type ReplyOutcome =
  | { status: "applied"; intent: IntentResult["intent"]; message: string; meetingId: string }
  | { status: "duplicate"; message: string }
  | { status: "refused"; reason: ReplyRefusal | "stale"; message: string }
  /** The token's question is closed: nothing changed; the sender was answered (email) or shown why (page). */
  | { status: "closed"; closed: QuestionClosed; message: string; meetingId: string };

export interface ReplyDeskOptions {
  /** The current reply-token key, or the keys still accepted (current first). */
  secret: ReplySecrets;
  replyDomain: string;
  /** Cloud: SES receipt verdicts must be present and pass. Local SMTP has none. */
  requireReceipt: boolean;
}

export const tokenPattern = /^reply\+([a-z2-7]+)@(.+)$/i;

/** "spk_0 = Priya Shah" (or ":" / "is"), one per line: the chair naming a transcript's speakers. */
const speakerLine = /^\s*((?:spk|speaker|ch)_\d+)\s*(?:=|:|\bis\b)\s*(.+?)\s*$/gim;

/** The speaker names in a chair's answer, by label; empty when it names none. */
export function parseSpeakerMapping(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const [, label, name] of text.matchAll(speakerLine)) {
    if (label && name) mapping[label.toLowerCase()] = name.replace(/[.;,]+$/, "");
  }
  return mapping;
}
