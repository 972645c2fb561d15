/**
 * The sweep at scale (issue 15, section 6): a table holding `total` timers (1,000,000 by default)
 * of which `due` (10,000) are due, spread over the past weeks and the coming 18 months, and one
 * sweep as the sweeper runs it. What the sweep reads is counted from DynamoDB's own answers (each
 * timer-index Query's ScannedCount, which is what DynamoDB bills and throttles by), so the ratio
 * is "timer items read per due timer": the index's month buckets and time-ordered sort key should
 * keep it at 1.0, whatever else the table holds.
 */

import { DynamoMeetingStore, ensureTable } from "../adapters/dynamo/meeting-store.ts";
import { tableDesign } from "../adapters/dynamo/table-design.ts";
import { startDynalite } from "../adapters/local/dynalite-server.ts";
import { type LifecycleDeps, LifecycleKernel } from "../domain/lifecycle/kernel.ts";
import type { Timer } from "../domain/lifecycle/model.ts";
import { sweep } from "../domain/lifecycle/sweep.ts";

export interface SweepScaleResult {
  total: number;
  due: number;
  fillSeconds: number;
  sweepMs: number;
  timerItemsRead: number;
  ratio: number;
  claimed: number;
}

const hour = 3_600_000;

export async function runSweepScaleBench(total = 1_000_000, due = 10_000): Promise<SweepScaleResult> {
  const dynamo = await startDynalite({});
  let timerItemsRead = 0;
  let claimed = 0;
  dynamo.client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = args.input as { IndexName?: string };
      if (context.commandName === "QueryCommand" && input.IndexName === tableDesign.timersIndex.name)
        timerItemsRead += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      if (context.commandName === "DeleteItemCommand") claimed++;
      return result;
    },
    { step: "initialize", name: "count-timer-reads" },
  );
  try {
    await ensureTable(dynamo.client, "convene-sweep");
    const store = new DynamoMeetingStore(dynamo.client, "convene-sweep");
    // The sweep runs at 09:00 on 2 December 2026; the last ran a week before, in November.
    const now = new Date("2026-12-02T09:00:00.000Z");
    const sweptUntil = new Date(now.getTime() - 7 * 24 * hour).toISOString();
    const timerAt = (i: number): Date =>
      i < due
        ? // Due: in the week since the last sweep (both November and December buckets).
          new Date(now.getTime() - (1 + (i % (7 * 24 - 1))) * hour)
        : // Not due: later today, and hourly over the next 18 months (every bucket the sweep might touch).
          new Date(now.getTime() + (1 + ((i * 7) % (18 * 30 * 24))) * hour);
    const timer = (i: number): Timer => ({
      id: `d-${i % 3}`,
      meetingId: `m${String(Math.floor(i / 10)).padStart(15, "0")}`,
      kind: "deadline",
      purpose: "action",
      ref: i % 10,
      level: i % 3,
      dueAt: timerAt(i).toISOString(),
    });
    const fillStarted = performance.now();
    const batch = 25;
    const writers = 8;
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (;;) {
          const start = next;
          next += batch;
          if (start >= total) return;
          await store.putTimers(
            Array.from({ length: Math.min(batch, total - start) }, (_, k) => timer(start + k)),
          );
        }
      }),
    );
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    timerItemsRead = 0;
    claimed = 0;
    // Only what the sweep touches: the store and the clock (no waits exist, so every claimed
    // timer is dropped after its claim and wait read).
    const kernel = new LifecycleKernel({
      store,
      clock: { now: () => now },
    } as unknown as LifecycleDeps);
    const sweepStarted = performance.now();
    await sweep(kernel, { sweptUntil });
    const sweepMs = performance.now() - sweepStarted;
    return {
      total,
      due,
      fillSeconds: Math.round(fillSeconds),
      sweepMs: Math.round(sweepMs),
      timerItemsRead,
      ratio: Math.round((timerItemsRead / due) * 1000) / 1000,
      claimed,
    };
  } finally {
    await dynamo.close();
  }
}
