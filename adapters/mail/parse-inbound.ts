/**
 * Parses a raw inbound email (RFC 5322 / MIME) with mailparser, and takes out the fresh reply text
 * with email-reply-parser: any charset, quoted-printable and base64, HTML-only mail (Outlook) turned
 * into text, attachments listed. Quoted history and signatures are removed, so words that appear
 * only in the quoted invitation never count as an answer.
 *
 * Two narrowly-scoped pre-processing steps cover client formats the library misses (each has a
 * test naming the client): an attribution line in a language it does not know, wrapped over two
 * lines, right before a `>` quote (Android's mail app); and Outlook's header block when its From
 * line carries only a display name (Exchange senders inside one organisation).
 */
import EmailReplyParser from "email-reply-parser";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import { findRawEmailProblem } from "./inbound-limits.ts";

/** Raw input that is not an email: the message is one line saying why. */
export class InboundEmailError extends Error {
  override name = "InboundEmailError";
}

export interface InboundAddress {
  name: string;
  email: string;
}

export interface InboundAttachment {
  /** The file name; "attachment" when the part names none (`named` says which). */
  filename: string;
  /** Whether the part carried a file name. */
  named: boolean;
  contentType: string;
  size: number;
  /** The decoded bytes. */
  content: Uint8Array;
  /** Content-Disposition ("attachment", "inline"), undefined when absent. */
  disposition: string | undefined;
  /** The Content-ID without angle brackets, when the part has one. */
  contentId: string | undefined;
  /** Inside multipart/related: a resource the HTML body shows, not a file sent with it. */
  related: boolean;
}

/**
 * What the From header field(s) hold. RFC 5322 section 3.6 allows exactly one From field, and a
 * reply is answered for exactly one person, so the inbound rule refuses anything else: a second
 * field, a second mailbox or group syntax would let a message carry an address other than the one
 * the receiving server authenticated (DMARC is evaluated on one From domain).
 */
export interface InboundFromField {
  /** How many From header fields the message has. */
  fields: number;
  /** The mailboxes of the first From field (mailparser reads only the first), groups included. */
  mailboxes: InboundAddress[];
  /** Whether the first From field uses group syntax (`Team: a@x.example, b@y.example;`). */
  group: boolean;
}

/** A top-level header field as it stands in the message, unfolded. */
export interface InboundHeaderField {
  name: string;
  value: string;
}

export interface InboundEmail {
  /** Message-ID without angle brackets; undefined when the message has none. */
  messageId: string | undefined;
  /** The one From mailbox; undefined when there is none or more than one (see `fromField`). */
  from: InboundAddress | undefined;
  fromField: InboundFromField;
  to: InboundAddress[];
  cc: InboundAddress[];
  /** Delivered-To / X-Original-To values: where the message was actually delivered. */
  deliveredTo: string[];
  subject: string;
  /** ISO instant from the Date header; undefined when absent or unreadable. */
  date: string | undefined;
  /** The whole text: the plain part, or text derived from HTML for HTML-only mail. */
  text: string;
  /** The answer: quoted history and signature removed, trimmed. */
  fresh: string;
  attachments: InboundAttachment[];
  /** An auto-reply (out of office, vacation): never an answer. */
  automatic: boolean;
  /** Headers that bear on whether to trust the message, by lowercase name. */
  headers: Record<string, string>;
  /**
   * The same trust headers in message order, top first, every occurrence (the receiving server
   * prepends its own, so which one is topmost matters; see adapters/mail/ses-receipt.ts).
   */
  trustHeaders: InboundHeaderField[];
}

/** Header names kept for the verdict and for audit. */
export const verdictHeaders = [
  "authentication-results",
  "received-spf",
  "dkim-signature",
  "x-ses-spam-verdict",
  "x-ses-virus-verdict",
  "return-path",
  "auto-submitted",
  "precedence",
  "x-autoreply",
  "x-autorespond",
  "x-auto-response-suppress",
] as const;

/** Larger raw messages are refused before parsing (SES itself caps inbound mail at 40 MB). */
export const maxInboundBytes = 40 * 1024 * 1024;

/** Header names whose every occurrence `trustHeaders` keeps, in order. */
const trustHeaderNames = new Set([
  "from",
  "return-path",
  "authentication-results",
  "dkim-signature",
  "x-ses-spam-verdict",
  "x-ses-virus-verdict",
]);

function fromFieldOf(parsed: ParsedMail): InboundFromField {
  const fields = parsed.headerLines.filter((line) => line.key === "from").length;
  const from: AddressObject | AddressObject[] | undefined = parsed.from;
  const list: AddressObject[] = from === undefined ? [] : Array.isArray(from) ? from : [from];
  const group = list.some((item) => item.value.some((entry) => entry.group !== undefined));
  return { fields, mailboxes: addresses(parsed.from), group };
}

/** The single From mailbox the rule allows, or undefined. */
export function singleFrom(field: InboundFromField): InboundAddress | undefined {
  return field.fields === 1 && !field.group && field.mailboxes.length === 1 ? field.mailboxes[0] : undefined;
}

function addresses(value: AddressObject | AddressObject[] | undefined): InboundAddress[] {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: InboundAddress[] = [];
  const walk = (entries: AddressObject["value"]) => {
    for (const entry of entries) {
      if (entry.address) out.push({ name: entry.name ?? "", email: entry.address.toLowerCase() });
      if (entry.group) walk(entry.group);
    }
  };
  for (const item of list) walk(item.value);
  return out;
}

function headerText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(headerText).join(", ");
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const v = value as { text?: unknown; value?: unknown; params?: Record<string, string> };
    if (typeof v.text === "string") return v.text;
    if (typeof v.value === "string") {
      const params = Object.entries(v.params ?? {})
        .map(([k, p]) => `; ${k}=${p}`)
        .join("");
      return `${v.value}${params}`;
    }
  }
  return String(value);
}

function isAutomatic(headers: Record<string, string>): boolean {
  const auto = headers["auto-submitted"]?.toLowerCase();
  if (auto && auto !== "no") return true;
  const precedence = headers.precedence?.toLowerCase() ?? "";
  if (/\b(auto_reply|bulk|junk|list)\b/.test(precedence)) return true;
  return Boolean(headers["x-autoreply"] || headers["x-autorespond"]);
}

/**
 * Android's mail app writes its attribution in the phone's language and wraps it, e.g.
 * `02.04.2012 14:20 пользователь "bob@example.org" <\nbob@example.org> написал:` then `> Hi`.
 * email-reply-parser removes the `>` lines but keeps the attribution. Cut at an attribution block
 * (at most three lines, ending with ":", naming an address or a date) directly above the first
 * quoted line.
 */
export function cutAttributionBeforeQuote(text: string): string {
  const lines = text.split("\n");
  const firstQuote = lines.findIndex((line) => line.startsWith(">"));
  if (firstQuote <= 0) return text;
  let end = firstQuote - 1;
  while (end >= 0 && lines[end]?.trim() === "") end--;
  if (end < 0) return text;
  if (!lines[end]?.trim().endsWith(":")) return text;
  // The attribution opens on the line with the date (it may wrap onto at most two more lines).
  const datePattern = /\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b/;
  for (let start = end; start >= Math.max(0, end - 2); start--) {
    const line = lines[start] ?? "";
    if (line.trim() === "") break;
    if (datePattern.test(line)) return lines.slice(0, start).join("\n");
  }
  // No date: a single line ending with ":" that names an address.
  return /@/.test(lines[end] ?? "") ? lines.slice(0, end).join("\n") : text;
}

/**
 * Outlook puts a header block above the quoted message. When the sender is inside the same Exchange
 * organisation, the From line carries only a display name (`From: Jane Smith`), which
 * email-reply-parser does not recognise. Cut at a `From:` line followed by `Sent:` (or `Date:`) and
 * then `To:` or `Subject:` lines.
 */
export function cutOutlookHeaderBlock(text: string): string {
  const match =
    /^[ \t]*\*?From:\*?[ \t].*\n[ \t]*\*?(Sent|Date):\*?[ \t].*\n[ \t]*\*?(To|Cc|Subject):\*?/m.exec(text);
  return match ? text.slice(0, match.index) : text;
}

/**
 * The lines mail clients put above a forwarded or original message, whatever the client's language:
 * Gmail's "---------- Forwarded message ---------", Outlook's "-----Original Message-----" and its
 * rule of underscores, Apple Mail's "Begin forwarded message:", Thunderbird's "-------- Forwarded
 * Message --------", and their French, German, Spanish, Italian, Dutch, Portuguese and Welsh forms.
 * email-reply-parser knows none of them, so the fresh text kept the marker and the message below.
 */
const forwardMarker = new RegExp(
  [
    String.raw`^[ \t>]*-{2,}[ \t]*(?:forwarded message|original message|weitergeleitete nachricht|ursprüngliche nachricht|message transféré|message d'origine|mensaje reenviado|mensaje original|messaggio inoltrato|messaggio originale|doorgestuurd bericht|oorspronkelijk bericht|mensagem encaminhada|mensagem original|neges wedi'i hanfon ymlaen|neges wreiddiol)[ \t]*-{2,}[ \t]*$`,
    String.raw`^[ \t>]*(?:begin forwarded message|début du message réexpédié|anfang der weitergeleiteten nachricht|inicio del mensaje reenviado)[ \t]*:[ \t]*$`,
    // Outlook on the web and Windows: a rule of underscores directly above its From: line.
    String.raw`^[ \t]*_{20,}[ \t]*\n[ \t]*\*?(?:from|von|de|van|da|oddi wrth):\*?[ \t]`,
  ].join("|"),
  "im",
);

/** Cuts at the first forwarded-message or original-message marker line. */
export function cutForwardMarker(text: string): string {
  const match = forwardMarker.exec(text);
  return match ? text.slice(0, match.index) : text;
}

/** Removes quoted history and signatures from a plain-text body. */
export function freshReplyText(text: string): string {
  const normalised = text.replace(/\r\n?/g, "\n");
  const prepared = cutForwardMarker(cutOutlookHeaderBlock(cutAttributionBeforeQuote(normalised)));
  const visible = new EmailReplyParser().read(prepared).getVisibleText();
  return visible.replace(/\u00a0/g, " ").trim();
}

function looksLikeEmail(parsed: ParsedMail): boolean {
  const h = parsed.headers;
  return h.has("from") || h.has("to") || h.has("message-id") || h.has("delivered-to");
}

/**
 * Parses raw MIME into what the inbound handler needs.
 * @throws InboundEmailError (one line) when the input is empty, too large, has too many header
 *   fields, MIME parts or levels of nesting (adapters/mail/inbound-limits.ts), or is not an email.
 * @example const email = await parseInboundEmail(readFileSync("reply.eml"));
 */
export async function parseInboundEmail(raw: Buffer | string): Promise<InboundEmail> {
  const bytes = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw;
  if (bytes.length === 0 || bytes.toString("latin1").trim() === "") {
    throw new InboundEmailError("not an email: the input is empty");
  }
  if (bytes.length > maxInboundBytes) {
    throw new InboundEmailError(`not accepted: the email is larger than ${maxInboundBytes} bytes`);
  }
  if (bytes.subarray(0, 4096).includes(0)) {
    throw new InboundEmailError("not an email: the input is binary (NUL bytes in the header)");
  }
  // Header count, nesting depth, part count and "is it an email at all", read in one cheap pass
  // before mailparser spends time on it.
  const problem = findRawEmailProblem(bytes);
  if (problem) throw new InboundEmailError(problem);
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new InboundEmailError(`not an email: ${reason}`);
  }
  if (!looksLikeEmail(parsed)) {
    throw new InboundEmailError("not an email: no From, To or Message-ID header");
  }
  const headers: Record<string, string> = {};
  for (const name of verdictHeaders) {
    const value = parsed.headers.get(name);
    if (value !== undefined) headers[name] = headerText(value);
  }
  const deliveredTo = parsed.headerLines
    .filter((line) => /^(delivered-to|x-original-to)$/i.test(line.key))
    .map((line) =>
      line.line
        .replace(/^[^:]*:\s*/, "")
        .trim()
        .toLowerCase(),
    );
  const trustHeaders = parsed.headerLines
    .filter((line) => trustHeaderNames.has(line.key))
    .map((line) => ({
      name: line.key,
      value: line.line
        .replace(/^[^:]*:\s*/, "")
        .replace(/\r?\n[ \t]+/g, " ")
        .trim(),
    }));
  const text = (parsed.text ?? "").replace(/\r\n?/g, "\n");
  const fromField = fromFieldOf(parsed);
  return {
    messageId: parsed.messageId?.replace(/^<|>$/g, "").trim() || undefined,
    from: singleFrom(fromField),
    fromField,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    deliveredTo,
    subject: (parsed.subject ?? "").replace(/\s+/g, " ").trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : undefined,
    text,
    fresh: freshReplyText(text),
    // Every part, with what tells a document from a signature logo or a calendar part
    // (domain/email/report-attachment.ts decides).
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? "attachment",
      named: a.filename !== undefined,
      contentType: a.contentType,
      size: a.size,
      content: new Uint8Array(a.content),
      disposition: a.contentDisposition || undefined,
      contentId: a.contentId?.replace(/^<|>$/g, "").trim() || undefined,
      related: a.related === true,
    })),
    automatic: isAutomatic(headers),
    headers,
    trustHeaders,
  };
}
