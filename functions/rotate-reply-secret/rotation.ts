/**
 * Secrets Manager rotation of the reply-link signing key (the four steps of a rotation function:
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html).
 * The key is only Convene's (no database to update), so `setSecret` has nothing to do. After
 * `finishSecret`, Secrets Manager labels the replaced key AWSPREVIOUS; the functions verify reply
 * tokens with AWSCURRENT then AWSPREVIOUS, so links signed before the rotation keep working until
 * the next one.
 */
import { z } from "zod";

export const rotationEventSchema = z.object({
  SecretId: z.string().min(1),
  ClientRequestToken: z.string().min(1),
  Step: z.enum(["createSecret", "setSecret", "testSecret", "finishSecret"]),
});
export type RotationEvent = z.infer<typeof rotationEventSchema>;

/** What rotation needs from Secrets Manager; the handler implements it with the SDK. */
export interface SecretStore {
  /** Whether rotation is on, and each version's staging labels. */
  describe(secretId: string): Promise<{ rotationEnabled: boolean; versions: Record<string, string[]> }>;
  /** The value of a version (by id, stage or both); undefined when there is none. */
  get(secretId: string, version: { versionId?: string; stage?: string }): Promise<string | undefined>;
  putPending(secretId: string, versionId: string, value: string): Promise<void>;
  /** Moves AWSCURRENT to `versionId` (Secrets Manager then labels the old one AWSPREVIOUS). */
  promote(secretId: string, versionId: string, fromVersionId: string | undefined): Promise<void>;
}

/** A rotation request that does not fit the secret's state. */
export class RotationError extends Error {
  override name = "RotationError";
}

/** The shortest key accepted (domain/email/reply-token.ts refuses keys under 16 bytes). */
const minKeyLength = 32;

/**
 * Runs one rotation step. `newKey` makes the candidate key (random; injected for tests).
 * @throws RotationError when rotation is off, the version is unknown or not pending, or the key is short.
 */
export async function rotate(event: RotationEvent, store: SecretStore, newKey: () => string): Promise<void> {
  const { SecretId: id, ClientRequestToken: token, Step: step } = event;
  const { rotationEnabled, versions } = await store.describe(id);
  if (!rotationEnabled) throw new RotationError(`rotation is not enabled for ${id}`);
  const stages = versions[token];
  if (!stages) throw new RotationError(`version ${token} is not a version of ${id}`);
  if (stages.includes("AWSCURRENT")) return; // Already finished (a retried step).
  if (!stages.includes("AWSPENDING")) throw new RotationError(`version ${token} is not pending rotation`);
  switch (step) {
    case "createSecret": {
      if ((await store.get(id, { stage: "AWSCURRENT" })) === undefined) {
        throw new RotationError(`${id} has no current version`);
      }
      // Idempotent: a retried createSecret keeps the candidate already stored.
      if ((await store.get(id, { versionId: token, stage: "AWSPENDING" })) !== undefined) return;
      await store.putPending(id, token, newKey());
      return;
    }
    case "setSecret":
      // Nothing outside Secrets Manager holds the key.
      return;
    case "testSecret": {
      const pending = await store.get(id, { versionId: token, stage: "AWSPENDING" });
      if (pending === undefined || pending.length < minKeyLength) {
        throw new RotationError(
          `the pending key of ${id} is missing or shorter than ${minKeyLength} characters`,
        );
      }
      return;
    }
    case "finishSecret": {
      const current = Object.entries(versions).find(([, labels]) => labels.includes("AWSCURRENT"))?.[0];
      await store.promote(id, token, current);
      return;
    }
  }
}
