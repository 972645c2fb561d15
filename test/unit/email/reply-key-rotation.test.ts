import { describe, expect, it } from "vitest";
import { ReplyTokenError, signReplyToken, verifyReplyToken } from "#domain/email/reply-token.ts";
import {
  RotationError,
  type RotationEvent,
  rotate,
  type SecretStore,
} from "#functions/rotate-reply-secret/rotation.ts";

const previous = "previous-key-0123456789abcdef-previous";
const current = "current-key-0123456789abcdef-current";
const now = new Date("2026-12-02T09:00:00Z");
const claims = {
  meetingId: "aaaaaaaaaaaaaaaa",
  person: 3,
  purpose: "invitation" as const,
  ref: 0,
  expiresAt: new Date("2026-12-20T00:00:00Z"),
};

describe("verifying reply tokens after a key rotation", () => {
  it("accepts a link signed with the replaced key while that key is still listed", () => {
    const token = signReplyToken(claims, previous);
    expect(verifyReplyToken(token, [current, previous], now)).toMatchObject({ valid: true });
  });

  it("refuses it once the replaced key is no longer listed", () => {
    const token = signReplyToken(claims, previous);
    expect(verifyReplyToken(token, [current], now)).toEqual({ valid: false, reason: "bad-signature" });
  });

  it("accepts links signed with the current key, and refuses an empty key list", () => {
    expect(verifyReplyToken(signReplyToken(claims, current), [current, previous], now).valid).toBe(true);
    expect(() => verifyReplyToken(signReplyToken(claims, current), [], now)).toThrow(ReplyTokenError);
  });
});

/** An in-memory secret with Secrets Manager's staging labels (our SecretStore port, not the SDK). */
function memorySecret(rotationEnabled = true) {
  const values = new Map<string, string>([["v1", current]]);
  const versions: Record<string, string[]> = { v1: ["AWSCURRENT"] };
  const store: SecretStore = {
    describe: async () => ({ rotationEnabled, versions: structuredClone(versions) }),
    get: async (_id, { versionId, stage }) => {
      const id = versionId ?? Object.entries(versions).find(([, l]) => stage && l.includes(stage))?.[0];
      if (!id || (stage && !versions[id]?.includes(stage))) return undefined;
      return values.get(id);
    },
    putPending: async (_id, versionId, value) => {
      values.set(versionId, value);
      versions[versionId] = ["AWSPENDING"];
    },
    promote: async (_id, versionId, from) => {
      // As Secrets Manager does: the old current becomes AWSPREVIOUS, and only it.
      for (const [id, labels] of Object.entries(versions))
        versions[id] = labels.filter((l) => l !== "AWSPREVIOUS");
      if (from) versions[from] = ["AWSPREVIOUS"];
      versions[versionId] = ["AWSCURRENT"];
    },
  };
  const startRotation = (token: string) => {
    versions[token] = ["AWSPENDING"];
  };
  return { store, values, versions, startRotation };
}

const step = (Step: RotationEvent["Step"], token = "v2"): RotationEvent => ({
  SecretId: "convene/x/reply-signing-key",
  ClientRequestToken: token,
  Step,
});

describe("rotating the reply-link signing key", () => {
  it("makes a new current key and keeps the replaced one as AWSPREVIOUS", async () => {
    const secret = memorySecret();
    secret.startRotation("v2");
    let made = 0;
    const newKey = () => `new-key-${++made}-0123456789abcdef0123456789`;
    for (const name of ["createSecret", "setSecret", "testSecret", "finishSecret"] as const) {
      await rotate(step(name), secret.store, newKey);
    }
    expect(secret.versions).toEqual({ v1: ["AWSPREVIOUS"], v2: ["AWSCURRENT"] });
    expect(secret.values.get("v2")).toBe("new-key-1-0123456789abcdef0123456789");
    // A retried createSecret keeps the stored candidate; a retried finish changes nothing.
    await rotate(step("finishSecret"), secret.store, newKey);
    expect(made).toBe(1);
  });

  it("keeps the candidate of a retried createSecret", async () => {
    const secret = memorySecret();
    secret.startRotation("v2");
    let made = 0;
    const newKey = () => `new-key-${++made}-0123456789abcdef0123456789`;
    await rotate(step("createSecret"), secret.store, newKey);
    await rotate(step("createSecret"), secret.store, newKey);
    expect(made).toBe(1);
  });

  it("refuses a version that is not pending, a short key and a secret without rotation", async () => {
    const secret = memorySecret();
    await expect(rotate(step("createSecret", "v9"), secret.store, () => "x")).rejects.toThrow(RotationError);
    secret.startRotation("v2");
    await rotate(step("createSecret"), secret.store, () => "short");
    await expect(rotate(step("testSecret"), secret.store, () => "x")).rejects.toThrow(/shorter than 32/);
    await expect(rotate(step("createSecret"), memorySecret(false).store, () => "x")).rejects.toThrow(
      /rotation is not enabled/,
    );
  });
});
