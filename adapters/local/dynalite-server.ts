/**
 * The embedded DynamoDB: dynalite speaking the DynamoDB wire protocol, on disk (LevelDB under
 * .convene/) or in memory. It listens on a free loopback port for other tools (`endpoint`); the
 * runtime's own client hands its requests to the same dynalite handler in-process (see
 * in-process-transport.ts), which spares a socket round trip and SigV4 signing per request.
 */

import type { RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { inProcessHandler, unsignedAuthScheme } from "./in-process-transport.ts";

export interface LocalDynamo {
  client: DynamoDBClient;
  endpoint: string;
  /** Requests the client has sent so far (the benchmark's count). */
  readonly requests: number;
  close(): Promise<void>;
}

const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };

export async function startDynalite(options: {
  path?: string;
  /** Send the runtime's requests over loopback HTTP instead of in-process (the transport tests). */
  overHttp?: boolean;
}): Promise<LocalDynamo> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const listener = server.listeners("request")[0] as RequestListener;
  const client = new DynamoDBClient({
    endpoint,
    region: "eu-west-2",
    credentials: localCredentials,
    maxAttempts: 3,
    // Each command's middleware is resolved once, not on every call (the store sends thousands).
    cacheMiddleware: true,
    ...(options.overHttp
      ? {}
      : {
          requestHandler: inProcessHandler(listener),
          httpAuthSchemes: [unsignedAuthScheme(localCredentials)],
        }),
  });
  if (!options.overHttp) {
    // In-process there is no network: no User-Agent or Host header to send, no recursion to detect
    // across Lambda invocations, and the client has no logger. Each of these is an async step per request.
    for (const name of [
      "loggerMiddleware",
      "getUserAgentMiddleware",
      "recursionDetectionMiddleware",
      "hostHeaderMiddleware",
    ])
      client.middlewareStack.remove(name);
  }
  let requests = 0;
  // Added before the first request, so every command's cached middleware includes it.
  client.middlewareStack.add(
    (next) => (args) => {
      requests++;
      return next(args);
    },
    { step: "initialize", name: "countLocalRequests" },
  );
  return {
    client,
    endpoint,
    get requests() {
      return requests;
    },
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
