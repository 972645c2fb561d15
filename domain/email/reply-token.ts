/**
 * Signed reply tokens. Every email Convene sends carries a per-recipient, per-purpose Reply-To
 * address `reply+TOKEN@reply-domain`; the token names the meeting, the person, the purpose and a
 * reference (minutes version or action number), expires, and is HMAC-SHA256 signed.
 *
 * Layout (32 bytes, 52 lowercase base32 characters, so `reply+TOKEN` is 58 characters and fits an
 * email local part (64, RFC 5321) and survives mail systems that fold case):
 *
 * | bytes | field |
 * |---|---|
 * | 1 | version (1) |
 * | 10 | meeting id (the 16-character base32 id decoded) |
 * | 2 | person (invitee index, big-endian) |
 * | 1 | purpose (0 invitation, 1 approval, 2 action, 3 report) |
 * | 2 | ref (minutes version or action number, big-endian) |
 * | 4 | expiry, whole minutes since the Unix epoch (big-endian) |
 * | 12 | HMAC-SHA256 of the 20 bytes above, truncated to 96 bits |
 *
 * Hashing with node:crypto is deterministic, so this stays pure: the caller passes `now`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { fromBase32, meetingIdSchema, toBase32 } from "../ids.ts";

/** What a reply can be about. Drives which intents count (see classify-intent.ts). */
export const replyPurposes = ["invitation", "approval", "action", "report"] as const;
export const replyPurposeSchema = z.enum(replyPurposes);
export type ReplyPurpose = z.infer<typeof replyPurposeSchema>;

export const replyClaimsSchema = z.object({
  meetingId: meetingIdSchema,
  person: z.number().int().min(0).max(65535),
  purpose: replyPurposeSchema,
  ref: z.number().int().min(0).max(65535),
  expiresAt: z.date().refine((d) => !Number.isNaN(d.getTime()), "expected a valid expiry date"),
});
/** What a token says. `expiresAt` has one-minute resolution (rounded down when signed). */
export type ReplyClaims = z.infer<typeof replyClaimsSchema>;

export type ReplyTokenRefusal = "malformed" | "bad-signature" | "expired" | "unsupported-version";
export type ReplyTokenVerification =
  | { valid: true; claims: ReplyClaims }
  | { valid: false; reason: ReplyTokenRefusal };

/** Claims that cannot be signed, or a secret too short to sign with. */
export class ReplyTokenError extends Error {
  override name = "ReplyTokenError";
}

const version = 1;
const payloadLength = 20;
const macLength = 12;
const tokenLength = payloadLength + macLength;
/** Characters of a token: ceil(32 bytes * 8 / 5). */
export const replyTokenChars = Math.ceil((tokenLength * 8) / 5);
/** A secret shorter than this is refused: 16 bytes = 128 bits. */
export const minSecretBytes = 16;

function keyBytes(secret: string | Uint8Array): Buffer {
  const key = typeof secret === "string" ? Buffer.from(secret, "utf8") : Buffer.from(secret);
  if (key.length < minSecretBytes) {
    throw new ReplyTokenError(`the reply-token secret must be at least ${minSecretBytes} bytes`);
  }
  return key;
}

function mac(payload: Uint8Array, secret: string | Uint8Array): Buffer {
  return createHmac("sha256", keyBytes(secret)).update(payload).digest().subarray(0, macLength);
}

/**
 * Signs claims into a token of 52 lowercase base32 characters.
 * @throws ReplyTokenError when a claim is out of range or the secret is shorter than 16 bytes.
 * @example signReplyToken({ meetingId, person: 3, purpose: "invitation", ref: 0, expiresAt }, secret)
 */
export function signReplyToken(claims: ReplyClaims, secret: string | Uint8Array): string {
  const parsed = replyClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ReplyTokenError(
      `cannot sign reply token: ${issue?.path.join(".") || "claims"}: ${issue?.message ?? "invalid"}`,
    );
  }
  const minutes = Math.floor(claims.expiresAt.getTime() / 60_000);
  if (minutes < 0 || minutes > 0xffffffff) {
    throw new ReplyTokenError("cannot sign reply token: expiresAt is outside 1970..10136");
  }
  const meeting = fromBase32(claims.meetingId);
  if (meeting?.length !== 10) {
    throw new ReplyTokenError("cannot sign reply token: meetingId is not 10 bytes of base32");
  }
  const bytes = Buffer.alloc(tokenLength);
  bytes.writeUInt8(version, 0);
  bytes.set(meeting, 1);
  bytes.writeUInt16BE(claims.person, 11);
  bytes.writeUInt8(replyPurposes.indexOf(claims.purpose), 13);
  bytes.writeUInt16BE(claims.ref, 14);
  bytes.writeUInt32BE(minutes, 16);
  mac(bytes.subarray(0, payloadLength), secret).copy(bytes, payloadLength);
  return toBase32(bytes);
}

/**
 * The key or keys tokens are verified with: the current key first, then keys replaced by a
 * rotation that links already sent may still be signed with.
 */
export type ReplySecrets = string | Uint8Array | readonly (string | Uint8Array)[];

/**
 * Verifies a token (any letter case) against the secret, or any of the secrets, at `now`. Never
 * throws for a bad token: it says why it is refused. Throws ReplyTokenError only for a secret that
 * is too short (or an empty list).
 */
export function verifyReplyToken(token: string, secret: ReplySecrets, now: Date): ReplyTokenVerification {
  const keys = (typeof secret === "string" || secret instanceof Uint8Array ? [secret] : [...secret]).map(
    keyBytes,
  );
  if (keys.length === 0) throw new ReplyTokenError("no reply-token secret to verify with");
  const text = token.trim().toLowerCase();
  if (text.length !== replyTokenChars) return { valid: false, reason: "malformed" };
  const decoded = fromBase32(text);
  // Re-encoding must give the same text: rejects non-canonical trailing bits.
  if (!decoded || decoded.length !== tokenLength || toBase32(decoded) !== text) {
    return { valid: false, reason: "malformed" };
  }
  const bytes = Buffer.from(decoded);
  if (bytes.readUInt8(0) !== version) return { valid: false, reason: "unsupported-version" };
  const signed = bytes.subarray(payloadLength);
  if (!keys.some((key) => timingSafeEqual(mac(bytes.subarray(0, payloadLength), key), signed))) {
    return { valid: false, reason: "bad-signature" };
  }
  const purpose = replyPurposes[bytes.readUInt8(13)];
  if (!purpose) return { valid: false, reason: "malformed" };
  const claims: ReplyClaims = {
    meetingId: toBase32(bytes.subarray(1, 11)),
    person: bytes.readUInt16BE(11),
    purpose,
    ref: bytes.readUInt16BE(14),
    expiresAt: new Date(bytes.readUInt32BE(16) * 60_000),
  };
  if (now.getTime() >= claims.expiresAt.getTime()) return { valid: false, reason: "expired" };
  return { valid: true, claims };
}

/**
 * The Reply-To address for a token.
 * @example replyAddress(token, "reply.example.gov.uk") // "reply+abc…@reply.example.gov.uk"
 */
export function replyAddress(token: string, domain: string): string {
  return `reply+${token.toLowerCase()}@${domain.toLowerCase()}`;
}

const replyAddressPattern = /^reply\+([a-z2-7]+)@([a-z0-9.-]+)$/i;

/** Takes the bare address out of `Name <addr>` or `<addr>` forms. */
function bareAddress(text: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(text);
  return (angle ? angle[1] : text)?.trim() ?? "";
}

/**
 * Finds a `reply+TOKEN@domain` address (any letter case) in one address or a list of them (To, Cc,
 * Delivered-To, the SMTP envelope's recipients). With `domain`, only that reply domain counts.
 * Returns the token (lowercase) and the domain, or undefined when none is there.
 */
export function parseReplyAddress(
  addresses: string | readonly string[],
  domain?: string,
): { token: string; domain: string } | undefined {
  const list = typeof addresses === "string" ? [addresses] : addresses;
  for (const entry of list) {
    for (const part of entry.split(",")) {
      const match = replyAddressPattern.exec(bareAddress(part));
      if (!match?.[1] || !match[2]) continue;
      const found = { token: match[1].toLowerCase(), domain: match[2].toLowerCase() };
      if (domain && found.domain !== domain.toLowerCase()) continue;
      return found;
    }
  }
  return undefined;
}
