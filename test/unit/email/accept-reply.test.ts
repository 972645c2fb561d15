import { describe, expect, it } from "vitest";
import { acceptReply, inboundIdempotencyKey, type ReplyInput } from "#domain/email/accept-reply.ts";
import { type ReplyClaims, signReplyToken } from "#domain/email/reply-token.ts";

const secret = "test-secret-0123456789abcdef";
const now = new Date("2025-12-01T09:00:00Z");
const claims: ReplyClaims = {
  meetingId: "k5xq2a7bmn3pr4st",
  person: 2,
  purpose: "invitation",
  ref: 0,
  expiresAt: new Date("2025-12-10T00:00:00Z"),
};
const invitees = new Map([[2, "jo.bloggs@school.example.sch.uk"]]);

function input(overrides: Partial<ReplyInput> = {}): ReplyInput {
  return {
    token: signReplyToken(claims, secret),
    secret,
    now,
    from: "jo.bloggs@school.example.sch.uk",
    invitedEmail: (c) => (c.meetingId === claims.meetingId ? invitees.get(c.person) : undefined),
    receipt: undefined,
    requireReceipt: false,
    automatic: false,
    fresh: "Yes, I'll be there",
    hasAttachments: false,
    messageId: "CAKsfaBW4hj0Gek6@mail.gmail.com",
    raw: "raw message",
    ...overrides,
  };
}

describe("acceptReply", () => {
  it("accepts a valid reply from the invited person and classifies it for the token's purpose", () => {
    const decision = acceptReply(input());
    expect(decision).toMatchObject({ accepted: true, claims, intent: { intent: "accept" } });
  });

  it("compares the From address without regard to letter case", () => {
    expect(acceptReply(input({ from: "Jo.Bloggs@School.Example.SCH.UK" })).accepted).toBe(true);
  });

  it("refuses a wrong sender, keeping the claims for the audit log", () => {
    const decision = acceptReply(input({ from: "someone.else@example.com" }));
    expect(decision).toMatchObject({ accepted: false, reason: "wrong-sender", claims });
  });

  it("refuses a sender whose address only contains the invited one", () => {
    expect(acceptReply(input({ from: "xjo.bloggs@school.example.sch.uk" })).accepted).toBe(false);
  });

  it("refuses forged, tampered and expired tokens", () => {
    const forged = signReplyToken(claims, "an-attacker-guessed-secret!");
    expect(acceptReply(input({ token: forged }))).toMatchObject({
      accepted: false,
      reason: "token-bad-signature",
    });
    const token = signReplyToken(claims, secret);
    const tampered = `${token.slice(0, 20)}${token[20] === "a" ? "b" : "a"}${token.slice(21)}`;
    expect(acceptReply(input({ token: tampered })).accepted).toBe(false);
    expect(acceptReply(input({ now: claims.expiresAt }))).toMatchObject({
      accepted: false,
      reason: "token-expired",
    });
  });

  it("refuses a reply sent to no reply address, and a token naming nobody invited", () => {
    expect(acceptReply(input({ token: undefined }))).toMatchObject({ accepted: false, reason: "no-token" });
    const stranger = signReplyToken({ ...claims, person: 9 }, secret);
    expect(acceptReply(input({ token: stranger }))).toMatchObject({
      accepted: false,
      reason: "unknown-person",
    });
  });

  it("refuses what SES's verdicts refused, and a cloud reply with no verdicts", () => {
    const refused = acceptReply(
      input({ receipt: { accepted: false, reason: "DMARC FAIL (policy reject)" } }),
    );
    expect(refused).toMatchObject({
      accepted: false,
      reason: "receipt-refused",
      detail: "DMARC FAIL (policy reject)",
    });
    expect(acceptReply(input({ requireReceipt: true }))).toMatchObject({
      accepted: false,
      reason: "receipt-missing",
    });
    expect(
      acceptReply(input({ requireReceipt: true, receipt: { accepted: true, reason: "DMARC PASS" } }))
        .accepted,
    ).toBe(true);
  });

  it("never takes an out-of-office auto-reply as an answer", () => {
    expect(acceptReply(input({ automatic: true, fresh: "I am on annual leave" }))).toMatchObject({
      accepted: false,
      reason: "auto-reply",
    });
  });

  it("gives the same idempotency key to the same message delivered twice", () => {
    const first = acceptReply(input());
    const again = acceptReply(input({ messageId: "<CAKsfaBW4hj0Gek6@MAIL.GMAIL.COM>" }));
    expect(again.idempotencyKey).toBe(first.idempotencyKey);
    expect(acceptReply(input({ messageId: "other@mail.gmail.com" })).idempotencyKey).not.toBe(
      first.idempotencyKey,
    );
    // Refusals carry the key too, so a replayed refusal is audited once.
    expect(acceptReply(input({ from: "x@y.z" })).idempotencyKey).toBe(first.idempotencyKey);
  });

  it("hashes the raw message for the key when there is no Message-ID", () => {
    const a = inboundIdempotencyKey(undefined, Buffer.from("From: a\r\n\r\nYes"));
    expect(a).toMatch(/^email:[0-9a-f]{32}$/);
    expect(inboundIdempotencyKey(undefined, "From: a\r\n\r\nYes")).toBe(a);
    expect(inboundIdempotencyKey(undefined, "From: a\r\n\r\nNo")).not.toBe(a);
    expect(inboundIdempotencyKey("   ", "From: a\r\n\r\nYes")).toBe(a);
  });
});
