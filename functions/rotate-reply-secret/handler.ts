/**
 * Secrets Manager invokes this to rotate the reply-link signing key (lib/stateful.ts schedules it).
 * Not a `defineHandler` function: it needs no Convene dependencies, only Secrets Manager.
 */
import { randomBytes } from "node:crypto";
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { logger } from "../shared/define-handler.ts";
import { RotationError, rotate, rotationEventSchema, type SecretStore } from "./rotation.ts";

const client = new SecretsManagerClient({});

const store: SecretStore = {
  async describe(secretId) {
    const described = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
    return {
      rotationEnabled: described.RotationEnabled === true,
      versions: described.VersionIdsToStages ?? {},
    };
  },
  async get(secretId, { versionId, stage }) {
    try {
      const value = await client.send(
        new GetSecretValueCommand({ SecretId: secretId, VersionId: versionId, VersionStage: stage }),
      );
      return value.SecretString;
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  },
  async putPending(secretId, versionId, value) {
    await client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        ClientRequestToken: versionId,
        SecretString: value,
        VersionStages: ["AWSPENDING"],
      }),
    );
  },
  async promote(secretId, versionId, fromVersionId) {
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: secretId,
        VersionStage: "AWSCURRENT",
        MoveToVersionId: versionId,
        RemoveFromVersionId: fromVersionId,
      }),
    );
  },
};

/** 48 random bytes as 64 URL-safe characters: the same length as the key the stack first generates. */
const newKey = () => randomBytes(48).toString("base64url");

export const handler = async (event: unknown): Promise<void> => {
  const parsed = rotationEventSchema.safeParse(event);
  if (!parsed.success)
    throw new RotationError(`not a Secrets Manager rotation event: ${parsed.error.issues[0]?.message}`);
  // Ids and steps only: never the key.
  logger.info("rotating", { step: parsed.data.Step });
  await rotate(parsed.data, store, newKey);
};
