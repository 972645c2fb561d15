/**
 * Issue 15: the DynamoDB requests of one demo lifecycle (convene → invite → hold → transcribe →
 * agree minutes → distribute → track actions → close), driven as `convene demo` and the bench
 * drive it, stay within their budget. Each request is accounted for in
 * adapters/dynamo/table-design.ts; `npx tsx bench/dynamo-requests.ts` lists them by step.
 * A count, not a time: it does not depend on the machine's speed.
 */
import { describe, expect, it } from "vitest";
import { runLifecycleBench } from "../../bench/lifecycle-bench.ts";

/** Issue 15's target; measured 218 on 3 December 2026 (682, then 459, earlier that day). */
const budget = 250;

describe("DynamoDB requests of one demo lifecycle", () => {
  it(`closes the meeting with at most ${budget} requests, sending the same 64 emails`, async () => {
    const result = await runLifecycleBench(1);
    expect(result.closed).toBe(1);
    expect(result.perLifecycle.emails).toBe(64);
    expect(result.perLifecycle.dynamoRequests).toBeLessThanOrEqual(budget);
  }, 120_000);
});
