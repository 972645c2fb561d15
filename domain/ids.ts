/**
 * Identifiers. Meeting ids are 16 lowercase base32 characters (80 random bits) so a signed reply
 * token carrying one still fits an email local part (64 characters, RFC 5321).
 */
import { z } from "zod";

const alphabet = "abcdefghijklmnopqrstuvwxyz234567";

export const meetingIdSchema = z
  .string()
  .regex(/^[a-z2-7]{16}$/, "expected a meeting id: 16 characters a-z and 2-7");
export type MeetingId = z.infer<typeof meetingIdSchema>;

/** Encodes bytes as lowercase RFC 4648 base32 without padding. */
export function toBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes lowercase (or uppercase) RFC 4648 base32 without padding; undefined when malformed. */
export function fromBase32(text: string): Uint8Array | undefined {
  const clean = text.toLowerCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/**
 * Makes a meeting id from 10 random bytes (the caller supplies them: the domain reads no entropy).
 * @example newMeetingId(crypto.getRandomValues(new Uint8Array(10)))
 */
export function newMeetingId(random: Uint8Array): MeetingId {
  if (random.length !== 10) throw new RangeError("a meeting id needs exactly 10 random bytes");
  return toBase32(random);
}
