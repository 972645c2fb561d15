/**
 * The AWS composition root: the lifecycle's ports on DynamoDB, SES, Step Functions, S3, Amazon
 * Transcribe and Secrets Manager, configured from the environment the stack sets (names and ARNs
 * only; the reply-token key is fetched from Secrets Manager once per container). Each environment
 * variable is read when the port that needs it is first used, so a function granted only some
 * resources (functions/catalog.ts) never needs the others' variables.
 */

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { BedrockRuntimeClient, ConverseCommand } from "@aws-sdk/client-bedrock-runtime";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SFNClient } from "@aws-sdk/client-sfn";
import { TranscribeClient } from "@aws-sdk/client-transcribe";
import { applyAuthority } from "../../domain/authority/index.ts";
import { loadCatalog } from "../../domain/catalog/index.ts";
import { newMeetingId } from "../../domain/ids.ts";
import type { LifecycleDeps } from "../../domain/lifecycle/kernel.ts";
import type { Clock } from "../../domain/ports/workflow.ts";
import { envNames } from "../../lib/function-environment.ts";
import { parseAuthorityConfig } from "../config/load-authority.ts";
import { DynamoMeetingStore } from "../dynamo/meeting-store.ts";
import { DynamoPlanStore } from "../dynamo/plan-store.ts";
import { EmailMessages } from "../messages/email-messages.ts";
import { EmailPlanMessages } from "../messages/plan-messages.ts";
import { SignedReplyLinks } from "../messages/signed-reply-links.ts";
import { DocumentMinutes } from "../minutes/document-minutes.ts";
import { S3BlobStore } from "./s3-blob-store.ts";
import { SesMailer } from "./ses-mailer.ts";
import { SfnWorkflow } from "./sfn-workflow.ts";
import { TranscribeTranscription } from "./transcribe-transcription.ts";

/** Reads a required environment variable, or throws naming it. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** A value computed on first use. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

/** A port whose construction is deferred until one of its methods is called. */
function deferred<T extends object>(make: () => T): T {
  const get = lazy(make);
  return new Proxy({} as T, {
    get: (_target, prop) => {
      const target = get() as Record<string | symbol, unknown>;
      const value = target[prop];
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const realClock: Clock = { now: () => new Date() };

/** The generative drafter's model call (Bedrock Converse), where the authority switches it on. */
function bedrockInvoke(authority: { drafting: { generative: { enabled: boolean; modelId?: string } } }) {
  const modelId = process.env[envNames.bedrockModelId] ?? authority.drafting.generative.modelId;
  if (!authority.drafting.generative.enabled || !modelId) return undefined;
  const client = lazy(() => new BedrockRuntimeClient({}));
  return async (prompt: string): Promise<string> => {
    const out = await client().send(
      new ConverseCommand({
        modelId,
        messages: [{ role: "user", content: [{ text: prompt }] }],
        inferenceConfig: { temperature: 0 },
      }),
    );
    const text = out.output?.message?.content?.map((c) => c.text ?? "").join("") ?? "";
    if (!text) throw new Error("the model returned no text");
    return text;
  };
}

export async function awsDependencies(): Promise<LifecycleDeps> {
  const authority = parseAuthorityConfig(
    JSON.parse(readFileSync(requireEnv(envNames.authorityConfigPath), "utf8")),
    "authority.json",
  );
  const catalog = applyAuthority(loadCatalog(), authority);
  // Signing uses AWSCURRENT; verification also accepts AWSPREVIOUS, the key the last rotation
  // replaced (functions/rotate-reply-secret), so links already sent keep working.
  const secretArn = process.env[envNames.replySecretArn];
  const secretsManager = new SecretsManagerClient({});
  const secretAt = async (stage: "AWSCURRENT" | "AWSPREVIOUS"): Promise<string | undefined> => {
    if (!secretArn) return undefined;
    try {
      return (
        await secretsManager.send(new GetSecretValueCommand({ SecretId: secretArn, VersionStage: stage }))
      ).SecretString;
    } catch (error) {
      // No AWSPREVIOUS before the first rotation.
      if (stage === "AWSPREVIOUS" && error instanceof ResourceNotFoundException) return undefined;
      throw error;
    }
  };
  const [secret = "", previousSecret] = secretArn
    ? await Promise.all([secretAt("AWSCURRENT"), secretAt("AWSPREVIOUS")])
    : [""];
  const baseUrl = lazy(() =>
    requireEnv(envNames.replyPageBaseUrl)
      .replace(/\/r\/?$/, "")
      .replace(/\/$/, ""),
  );
  const mailContext = {
    authorityName: authority.name,
    from: {
      name: process.env[envNames.fromName] ?? authority.email.from.name,
      email: process.env[envNames.fromAddress] ?? authority.email.from.email,
    },
    get baseUrl() {
      return baseUrl();
    },
    timezone: authority.timezone,
  };
  const buckets: Record<string, string> = {
    transcripts: envNames.transcriptsBucket,
    documents: envNames.documentsBucket,
    recordings: envNames.recordingsBucket,
    "inbound-mail": envNames.inboundMailBucket,
  };
  return {
    store: deferred(
      () =>
        new DynamoMeetingStore(
          // The middleware of each command is resolved once per container, not per call.
          new DynamoDBClient({ cacheMiddleware: true }),
          requireEnv(envNames.tableName),
        ),
    ),
    mailer: deferred(() => new SesMailer(new SESv2Client({}), process.env[envNames.sesConfigurationSet])),
    messages: new EmailMessages(mailContext, realClock.now),
    minutes: new DocumentMinutes(catalog, authority, bedrockInvoke(authority)),
    blobs: deferred(
      () =>
        // followRegionRedirects: the inbound-mail bucket may be in the SES receiving Region
        // (lib/inbound-stack.ts), not the function's.
        new S3BlobStore(new S3Client({ followRegionRedirects: true }), (prefix) =>
          requireEnv(buckets[prefix] ?? `UNKNOWN_BUCKET_${prefix}`),
        ),
    ),
    transcription: deferred(
      () =>
        new TranscribeTranscription(
          new TranscribeClient({}),
          () => ({
            jobPrefix: requireEnv(envNames.transcriptionJobPrefix),
            recordingsBucket: requireEnv(envNames.recordingsBucket),
            transcriptsBucket: requireEnv(envNames.transcriptsBucket),
            kmsKeyArn: process.env[envNames.transcriptKmsKeyArn],
            languageCode: authority.transcription.languageCode,
            piiRedaction: authority.transcription.piiRedaction,
            vocabularyName: process.env[envNames.transcribeVocabularyName],
            vocabulary: authority.transcription.customVocabulary,
            maxSpeakers: 12,
          }),
          realClock.now,
        ),
    ),
    workflow: deferred(
      () =>
        new SfnWorkflow(new SFNClient({}), {
          lifecycle: () => requireEnv(envNames.lifecycleStateMachineArn),
          actionTracker: () => requireEnv(envNames.actionTrackerStateMachineArn),
        }),
    ),
    clock: realClock,
    settings: authority,
    replies: deferred(() => {
      if (!secret) throw new Error(`environment variable ${envNames.replySecretArn} is not set`);
      return new SignedReplyLinks(secret, authority.email.replyDomain, baseUrl);
    }),
    replySecret: previousSecret ? [secret, previousSecret] : secret,
    newMeetingId: () => newMeetingId(randomBytes(10)),
    // The child's plans share the table (adapters/dynamo/plan-store.ts); the sweeper fires their visit timers.
    plans: {
      plans: deferred(
        () =>
          new DynamoPlanStore(new DynamoDBClient({ cacheMiddleware: true }), requireEnv(envNames.tableName)),
      ),
      planMessages: new EmailPlanMessages(mailContext),
    },
  };
}
