/**
 * Where one demo lifecycle's DynamoDB requests go: runs `runLifecycleBench(1)` with the client's
 * `send` wrapped, and prints the requests by operation, by store method and by the use case or
 * handler that called it (the first frames of each request's stack inside this repository).
 * `node bin/dynamo-requests.js` (or `npx tsx bench/dynamo-requests.ts`); CONVENE_REQUESTS_DETAIL=1
 * also prints each caller chain.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { runLifecycleBench } from "./lifecycle-bench.ts";

type Tally = Map<string, number>;
const byOperation: Tally = new Map();
const byStoreMethod: Tally = new Map();
const byCaller: Tally = new Map();
const byChain: Tally = new Map();
const byStep: Tally = new Map();
const byStepOperation: Tally = new Map();
/** Helpers a use case calls: a request is put down to the use case (the step) that called them. */
const helpers =
  /^(adapters\/dynamo\/|domain\/lifecycle\/(kernel|send-batch|agreement|notice-blocked|retention)\.ts)/;
let counting = false;

const bump = (tally: Tally, key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

/** The repository's own frames of a stack, innermost first, without the table layer and this file. */
function ownFrames(stack: string): string[] {
  const frames: string[] = [];
  for (const line of stack.split("\n").slice(1)) {
    const match =
      /at (?:async )?(?:(\S+) \()?(?:file:\/\/)?[^()]*?\/((?:adapters|domain|functions|workflows|lib|app)\/[^:()]+):(\d+)/.exec(
        line,
      );
    if (!match) continue;
    const [, fn, file] = match;
    if (file === "adapters/dynamo/flat-table.ts") continue;
    frames.push(`${fn ?? "(anonymous)"} ${file}`);
  }
  return frames;
}

const send = DynamoDBClient.prototype.send;
DynamoDBClient.prototype.send = function (this: DynamoDBClient, ...args: Parameters<typeof send>) {
  if (counting) {
    const command = args[0] as { constructor: { name: string } };
    const operation = command.constructor.name.replace(/Command$/, "");
    bump(byOperation, operation);
    const frames = ownFrames(new Error().stack ?? "");
    const store = frames.find((f) => f.includes("adapters/dynamo/"));
    bump(byStoreMethod, store ?? frames[0] ?? "(unknown)");
    const caller = frames.find((f) => !f.includes("adapters/dynamo/"));
    bump(byCaller, caller ?? "(unknown)");
    bump(byChain, frames.slice(0, 4).join(" < "));
    const step = frames.find((f) => !helpers.test(f.split(" ")[1] ?? ""));
    bump(byStep, step ?? "(unknown)");
    bump(byStepOperation, `${(step ?? "(unknown)").split(" ")[0]}: ${operation}`);
  }
  return (send as (...a: unknown[]) => unknown).apply(this, args);
} as typeof send;

Error.stackTraceLimit = 30;
// Warm-up (module imports, state-machine synthesis), then the lifecycle that is counted.
await runLifecycleBench(1);
counting = true;
const result = await runLifecycleBench(1);
counting = false;

function print(title: string, tally: Tally, limit = 40) {
  const total = [...tally.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`\n${title} (${total})\n`);
  for (const [key, n] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, limit))
    process.stdout.write(`${String(n).padStart(6)}  ${key}\n`);
}
process.stdout.write(
  `one lifecycle: ${result.perLifecycle.dynamoRequests} DynamoDB requests (runtime count, after start), ${result.closed} closed\n`,
);
print("by operation", byOperation);
print("by store method", byStoreMethod);
print("by caller", byCaller);
print("by step (the use case or runtime code calling, through the kernel's helpers)", byStep);
if (process.env.CONVENE_REQUESTS_DETAIL) {
  print("by step and operation", byStepOperation, 200);
  print("by chain", byChain, 200);
}
process.exit(0);
