/**
 * The staff workspace on API Gateway: the same Hono app as `npm start` (app/app.ts), signed in by
 * the authority's Cognito user pool, over the AWS composition root's ports.
 *
 * 1. The event is API Gateway's (REST, proxy integration); `hono/aws-lambda` turns it into a
 *    Request and the app's Response back (binary bodies base64, cookies as multi-value headers).
 * 2. On the first request of a container: the lifecycle over DynamoDB/SES/Step Functions/S3, the
 *    staff directory in the same table, and the Cognito sign-in from the stack's environment.
 * 3. Keys: the sign-in state cookie and the CSRF tokens are HMACs under keys derived from the
 *    reply-link secret (Secrets Manager); the session itself is Cognito's ID token, verified on
 *    every request.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { handle } from "hono/aws-lambda";
import { z } from "zod";
import { requireEnv } from "../../adapters/aws/dependencies.ts";
import { parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import { DynamoDirectoryStore } from "../../adapters/dynamo/directory-store.ts";
import { DynamoMeetingStore } from "../../adapters/dynamo/meeting-store.ts";
import { workspaceBackend } from "../../adapters/workspace/backend.ts";
import { createWorkspaceApp } from "../../app/app.ts";
import { cognitoSignIn } from "../../app/auth/cognito.ts";
import type { AuthorityConfig } from "../../domain/authority/index.ts";
import { personOf } from "../../domain/directory/lookups.ts";
import { type LifecycleDeps, LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import type { DirectoryStore } from "../../domain/ports/directory.ts";
import { envNames } from "../../lib/function-environment.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({ httpMethod: z.string(), path: z.string() }).passthrough();

/** A key for one purpose, derived from the reply-link secret's current version. */
function keyFor(deps: LifecycleDeps, purpose: string): string {
  const secret = deps.replySecret;
  const current = typeof secret === "string" || secret instanceof Uint8Array ? secret : secret[0];
  if (!current) throw new Error(`environment variable ${envNames.replySecretArn} is not set`);
  return createHmac("sha256", current).update(`convene workspace ${purpose} v1`).digest("base64url");
}

/** The authority file bundled with the function (the same one awsDependencies reads). */
function bundledAuthority(): AuthorityConfig {
  const file = requireEnv(envNames.authorityConfigPath);
  return parseAuthorityConfig(JSON.parse(readFileSync(file, "utf8")), "authority.json");
}

export interface WorkspaceParts {
  authority: AuthorityConfig;
  /** The lifecycle's store with the idempotency keys (the deps' own store, constructed). */
  store: DynamoMeetingStore;
  directory: DirectoryStore;
  /** Tests give a verifier whose keys they made; otherwise one for the pool. */
  verifier?: { verify(token: string): Promise<Record<string, unknown>> };
}

/** The table's stores and the bundled authority file, from the stack's environment. */
function partsFromEnvironment(): WorkspaceParts {
  const client = new DynamoDBClient({ cacheMiddleware: true });
  const tableName = requireEnv(envNames.tableName);
  return {
    authority: bundledAuthority(),
    store: new DynamoMeetingStore(client, tableName),
    directory: new DynamoDirectoryStore(client, tableName),
  };
}

/** The workspace app over a composition root's dependencies (the Lambda's, or a test's). */
export function workspaceApp(deps: LifecycleDeps, parts: WorkspaceParts = partsFromEnvironment()) {
  const { authority, store, directory } = parts;
  const kernel = new LifecycleKernel({ ...deps, store });
  const backend = workspaceBackend({
    authority,
    deps: { ...deps, store },
    store,
    kernel,
    directory,
    via: "workspace",
    settingsSource: `the authority file deployed with the stack (${authority.id}), and the stack's resources`,
    sweeperLastRan: () => store.getSweptUntil(),
  });
  const identityProvider = process.env[envNames.identityProviderName];
  return createWorkspaceApp({
    signIn: cognitoSignIn({
      userPoolId: requireEnv(envNames.userPoolId),
      clientId: requireEnv(envNames.userPoolClientId),
      domain: requireEnv(envNames.cognitoDomainUrl),
      appUrl: requireEnv(envNames.workspaceUrl),
      ...(identityProvider ? { identityProvider } : {}),
      key: keyFor(deps, "sign-in state"),
      directoryEntry: async (email) => personOf(await directory.getDirectory(authority.id), email),
      ...(parts.verifier ? { verifier: parts.verifier } : {}),
    }),
    backend,
    csrfKey: keyFor(deps, "csrf"),
    secure: true,
    basePath: process.env[envNames.workspaceBasePath] ?? "",
  });
}

/** The web handler over given parts (tests); the Lambda's `handler` builds them from the environment. */
export function buildWeb(deps: LifecycleDeps, parts?: WorkspaceParts) {
  const served = handle(workspaceApp(deps, parts));
  return (event: unknown) => served(event as never);
}

let served: ((event: unknown) => Promise<unknown>) | undefined;

export const { build, handler } = defineHandler("web", eventSchema, async (deps, event) => {
  served ??= buildWeb(deps);
  return served(event);
});
