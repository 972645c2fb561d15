import { describe, expect, it } from "vitest";
import {
  parseReplyAddress,
  type ReplyClaims,
  ReplyTokenError,
  replyAddress,
  replyTokenChars,
  signReplyToken,
  verifyReplyToken,
} from "#domain/email/reply-token.ts";
import { fromBase32, toBase32 } from "#domain/ids.ts";

const secret = "test-secret-0123456789abcdef";
const claims: ReplyClaims = {
  meetingId: "k5xq2a7bmn3pr4st",
  person: 513,
  purpose: "approval",
  ref: 7,
  expiresAt: new Date("2025-12-20T17:00:00Z"),
};
const before = new Date("2025-12-01T09:00:00Z");
const malformed = { valid: false, reason: "malformed" };

function flip(token: string, at: number): string {
  const ch = token[at] === "a" ? "b" : "a";
  return token.slice(0, at) + ch + token.slice(at + 1);
}

describe("reply tokens", () => {
  it("round-trips the claims", () => {
    const token = signReplyToken(claims, secret);
    expect(verifyReplyToken(token, secret, before)).toEqual({ valid: true, claims });
  });

  it("fits an email local part after reply+ and is lowercase base32", () => {
    const token = signReplyToken(claims, secret);
    expect(token).toMatch(/^[a-z2-7]+$/);
    expect(token.length).toBe(replyTokenChars);
    expect(`reply+${token}`.length).toBeLessThanOrEqual(58);
  });

  it("survives case folding by mail systems", () => {
    const token = signReplyToken(claims, secret).toUpperCase();
    expect(verifyReplyToken(token, secret, before).valid).toBe(true);
  });

  it("refuses a forged token signed with another secret", () => {
    const forged = signReplyToken(claims, "another-secret-of-enough-length");
    expect(verifyReplyToken(forged, secret, before)).toEqual({ valid: false, reason: "bad-signature" });
  });

  it("refuses a token with any character changed", () => {
    const token = signReplyToken(claims, secret);
    // Change the person, the purpose, the expiry and the MAC in turn.
    for (const at of [17, 22, 30, 45]) {
      const result = verifyReplyToken(flip(token, at), secret, before);
      expect(result.valid, `position ${at}`).toBe(false);
    }
  });

  it("refuses a token whose claims were re-signed with a different person", () => {
    const bytes = Buffer.from(fromBase32(signReplyToken(claims, secret)) ?? []);
    bytes.writeUInt16BE(514, 11);
    expect(verifyReplyToken(toBase32(bytes), secret, before)).toEqual({
      valid: false,
      reason: "bad-signature",
    });
  });

  it("expires at expiresAt, not a minute later", () => {
    const token = signReplyToken(claims, secret);
    expect(verifyReplyToken(token, secret, new Date(claims.expiresAt.getTime() - 1)).valid).toBe(true);
    expect(verifyReplyToken(token, secret, claims.expiresAt)).toEqual({ valid: false, reason: "expired" });
  });

  it("rounds the expiry down to the minute", () => {
    const token = signReplyToken({ ...claims, expiresAt: new Date("2025-12-20T17:00:59.999Z") }, secret);
    const result = verifyReplyToken(token, secret, before);
    expect(result.valid && result.claims.expiresAt.toISOString()).toBe("2025-12-20T17:00:00.000Z");
  });

  it("says malformed for wrong length, foreign characters and non-canonical encodings", () => {
    const token = signReplyToken(claims, secret);
    expect(verifyReplyToken(token.slice(1), secret, before)).toEqual(malformed);
    expect(verifyReplyToken(`${token.slice(0, -1)}1`, secret, before)).toEqual(malformed);
    expect(verifyReplyToken("", secret, before)).toEqual(malformed);
    // The last character carries 4 padding bits: setting one gives the same bytes, a different text.
    const last = token.at(-1) ?? "a";
    const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    const padded = alphabet[alphabet.indexOf(last) ^ 1] ?? last;
    expect(fromBase32(token.slice(0, -1) + padded)).toEqual(fromBase32(token));
    expect(verifyReplyToken(token.slice(0, -1) + padded, secret, before)).toEqual(malformed);
  });

  it("says unsupported-version for a token of another version", () => {
    const bytes = Buffer.from(fromBase32(signReplyToken(claims, secret)) ?? []);
    bytes.writeUInt8(2, 0);
    expect(verifyReplyToken(toBase32(bytes), secret, before)).toEqual({
      valid: false,
      reason: "unsupported-version",
    });
  });

  it("refuses to sign out-of-range claims or with a short secret", () => {
    expect(() => signReplyToken({ ...claims, person: 65536 }, secret)).toThrow(ReplyTokenError);
    expect(() => signReplyToken({ ...claims, ref: -1 }, secret)).toThrow(ReplyTokenError);
    expect(() => signReplyToken({ ...claims, meetingId: "not-a-meeting-id" }, secret)).toThrow(/meetingId/);
    expect(() => signReplyToken({ ...claims, expiresAt: new Date(Number.NaN) }, secret)).toThrow(
      ReplyTokenError,
    );
    expect(() => signReplyToken(claims, "short")).toThrow(/at least 16 bytes/);
  });
});

describe("reply addresses", () => {
  const token = signReplyToken(claims, secret);

  it("makes reply+TOKEN@domain", () => {
    expect(replyAddress(token, "Reply.Example.GOV.UK")).toBe(`reply+${token}@reply.example.gov.uk`);
  });

  it("finds the token in a display-name address, in any case, among other recipients", () => {
    const upper = `REPLY+${token.toUpperCase()}@REPLY.EXAMPLE.GOV.UK`;
    expect(parseReplyAddress(`"Council (Convene)" <${upper}>`)).toEqual({
      token,
      domain: "reply.example.gov.uk",
    });
    expect(
      parseReplyAddress([
        "chair@example.gov.uk",
        `Jo Bloggs <jo@x.org>, <reply+${token}@reply.example.gov.uk>`,
      ]),
    ).toEqual({ token, domain: "reply.example.gov.uk" });
  });

  it("only accepts the given reply domain when one is given", () => {
    const address = `reply+${token}@evil.example`;
    expect(parseReplyAddress(address, "reply.example.gov.uk")).toBeUndefined();
    expect(parseReplyAddress(address)?.domain).toBe("evil.example");
  });

  it("finds nothing in ordinary addresses", () => {
    expect(parseReplyAddress(["jo@x.org", "reply@x.org", "reply+@x.org"])).toBeUndefined();
  });
});
