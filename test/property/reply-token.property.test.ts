/**
 * Reply tokens under generated attack (issue 15, section 2): no forged, tampered, expired,
 * cross-meeting or cross-person token is ever accepted, and no input makes verification throw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseReplyAddress,
  type ReplyClaims,
  replyPurposes,
  replyTokenChars,
  signReplyToken,
  verifyReplyToken,
} from "#domain/email/reply-token.ts";
import { toBase32 } from "#domain/ids.ts";
import { check, outcomesOf, tally } from "./harness.ts";

const secret = "property-secret-0123456789abcdef";
const base32 = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz234567");
const meetingId = fc.uint8Array({ minLength: 10, maxLength: 10 }).map((b) => toBase32(b));
const issued = new Date("2026-12-02T09:00:00Z");
const claims: fc.Arbitrary<ReplyClaims> = fc.record({
  meetingId,
  person: fc.integer({ min: 0, max: 65535 }),
  purpose: fc.constantFrom(...replyPurposes),
  ref: fc.integer({ min: 0, max: 65535 }),
  // Whole minutes, so the signed expiry is exactly what was asked.
  expiresAt: fc.integer({ min: 1, max: 60 * 24 * 365 }).map((m) => new Date(issued.getTime() + m * 60_000)),
});

describe("reply tokens under generated attack", () => {
  it("gives back exactly the signed claims, and only before expiry", () => {
    check(
      fc.property(claims, fc.integer({ min: -5, max: 5 }), (c, minutes) => {
        const token = signReplyToken(c, secret);
        const now = new Date(c.expiresAt.getTime() + minutes * 60_000);
        const result = verifyReplyToken(token, secret, now);
        if (minutes >= 0) {
          tally("expiry", "refused: expired");
          expect(result).toEqual({ valid: false, reason: "expired" });
        } else {
          tally("expiry", "accepted");
          expect(result).toEqual({ valid: true, claims: c });
        }
      }),
    );
    expect(outcomesOf("expiry").size).toBe(2);
  });

  it("never accepts a token with any character changed", () => {
    check(
      fc.property(claims, fc.nat({ max: replyTokenChars - 1 }), base32, (c, at, ch) => {
        const token = signReplyToken(c, secret);
        fc.pre(token[at] !== ch);
        const tampered = token.slice(0, at) + ch + token.slice(at + 1);
        const result = verifyReplyToken(tampered, secret, issued);
        tally("tampered", result.valid ? "ACCEPTED" : `refused: ${result.reason}`);
        expect(result.valid).toBe(false);
      }),
    );
  });

  it("never accepts a token signed with another secret, or a random one", () => {
    check(
      fc.property(
        claims,
        fc.string({ minLength: 16, maxLength: 64 }),
        fc.array(base32, { minLength: replyTokenChars, maxLength: replyTokenChars }),
        (c, other, random) => {
          fc.pre(other !== secret);
          const forged = verifyReplyToken(signReplyToken(c, other), secret, issued);
          const guessed = verifyReplyToken(random.join(""), secret, issued);
          tally("forged", forged.valid ? "ACCEPTED" : `refused: ${forged.reason}`);
          tally("forged", guessed.valid ? "ACCEPTED" : `refused: ${guessed.reason}`);
          expect(forged.valid).toBe(false);
          expect(guessed.valid).toBe(false);
        },
      ),
    );
  });

  it("binds a token to its meeting and person: another meeting's or person's claims never verify it", () => {
    check(
      fc.property(claims, claims, (a, b) => {
        fc.pre(a.meetingId !== b.meetingId || a.person !== b.person);
        const result = verifyReplyToken(signReplyToken(a, secret), secret, issued);
        expect(result.valid).toBe(true);
        if (result.valid) {
          tally("bound", "claims are the signer's");
          expect(result.claims.meetingId === b.meetingId && result.claims.person === b.person).toBe(false);
        }
      }),
    );
  });

  it("answers any string with a refusal reason and never throws, in tokens and reply addresses", () => {
    check(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ maxLength: 80, unit: "binary" })),
        (text) => {
          const result = verifyReplyToken(text, secret, issued);
          tally("any string", result.valid ? "ACCEPTED" : `refused: ${result.reason}`);
          expect(result.valid).toBe(false);
          expect(() => parseReplyAddress([text, `reply+${text}@reply.example.gov.uk`])).not.toThrow();
        },
      ),
    );
  });
});
