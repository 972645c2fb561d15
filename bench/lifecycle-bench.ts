/**
 * Benchmark of whole lifecycles on the embedded runtime: wall time and peak memory for 1 and for N
 * concurrent demo lifecycles, with per-lifecycle counts of state transitions, handler invocations,
 * DynamoDB requests and emails. The demo meeting (seed 000) is driven exactly as `convene demo`
 * drives it; N meetings run at once on one runtime, advanced together on the virtual clock.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inThreadRenderer, type Renderer } from "../adapters/documents/renderer.ts";
import { demoStart, runDemoMeeting } from "../adapters/local/demo-scenario.ts";
import { RecordingMailer } from "../adapters/local/recording-mailer.ts";
import { renderPoolFromEnv } from "../adapters/local/render-pool.ts";
import { LocalRuntime } from "../adapters/local/runtime.ts";
import type { Mailer } from "../domain/ports/mailer.ts";

export interface LifecycleBenchResult {
  lifecycles: number;
  /** Starting the runtime (dynalite, CDK synthesis, state machines), before the wall time starts. */
  startMs: number;
  wallMs: number;
  peakRssMb: number;
  perLifecycle: { transitions: number; invocations: number; dynamoRequests: number; emails: number };
  closed: number;
  /** Where MIME and documents were rendered. */
  rendering: string;
}

/**
 * Builds the real MIME of every email (the work SES would be given) but keeps no files. Like the
 * embedded runtime's outbox, a Message-ID it has taken is answered with the copy it has.
 */
function mimeOnlyMailer(renderer: Renderer): Mailer {
  let n = 0;
  const taken = new Map<string, string>();
  return {
    idempotent: true,
    send: async (email) => {
      const known = email.messageId ? taken.get(email.messageId) : undefined;
      if (known) return { messageId: known, location: "memory" };
      await renderer.rawMime(email);
      const messageId = email.messageId ?? `bench-${++n}@convene.local`;
      if (email.messageId) taken.set(email.messageId, messageId);
      return { messageId, location: "memory" };
    },
  };
}

/** N demo meetings move the shared virtual clock together: the last to arrive advances it for all. */
class Lockstep {
  private arrived = 0;
  private release: Array<() => void> = [];

  constructor(
    private readonly parties: number,
    private readonly advance: (target: Date) => Promise<unknown>,
  ) {}

  async advanceTo(target: Date): Promise<void> {
    this.arrived++;
    if (this.arrived < this.parties) {
      await new Promise<void>((resolve) => this.release.push(resolve));
      return;
    }
    await this.advance(target);
    const waiting = this.release;
    this.arrived = 0;
    this.release = [];
    for (const resolve of waiting) resolve();
  }
}

export async function runLifecycleBench(lifecycles: number): Promise<LifecycleBenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), "convene-bench-"));
  const starting = performance.now();
  // Concurrent lifecycles render MIME and documents on worker threads, as `convene start` does
  // (CONVENE_RENDER_THREADS=0: in-thread); one lifecycle in-thread, as `convene demo` does: alone,
  // each email would wait on a thread hop (measured 3 December: 645 ms in-thread, 1,013 ms pooled;
  // 100 at once 54.3 s in-thread, 42.4 s pooled).
  const renderer = lifecycles > 1 ? await renderPoolFromEnv() : undefined;
  // The demo drivers read the emails they answer; the attachments' bytes went into the MIME and need not be kept.
  const mailer = new RecordingMailer(mimeOnlyMailer(renderer ?? inThreadRenderer), {
    attachmentBytes: false,
  });
  const runtime = await LocalRuntime.start({
    dataDir,
    memory: true,
    virtualStart: demoStart,
    mailer,
    retryIntervalMs: 0,
    ...(renderer ? { renderer } : {}),
  });
  const startMs = Math.round(performance.now() - starting);
  const requestsBefore = runtime.dynamo.requests;
  // memoryUsage.rss() reads only the RSS (memoryUsage() also walks the heap spaces: 0.8% of a
  // lifecycle's main thread at this rate, measured).
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  try {
    const barrier = new Lockstep(lifecycles, (target) => runtime.advanceTo(target));
    const results = await Promise.all(
      Array.from({ length: lifecycles }, () =>
        runDemoMeeting(runtime, mailer, (target) => barrier.advanceTo(target)),
      ),
    );
    const wallMs = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage.rss());
    let closed = 0;
    for (const r of results) if ((await runtime.store.getMeeting(r.meetingId)).phase === "closed") closed++;
    const c = runtime.workflow.counters;
    return {
      lifecycles,
      startMs,
      wallMs: Math.round(wallMs),
      peakRssMb: Math.round(peak / 1024 / 1024),
      perLifecycle: {
        transitions: Math.round(c.transitions / lifecycles),
        invocations: Math.round(c.invocations / lifecycles),
        dynamoRequests: Math.round((runtime.dynamo.requests - requestsBefore) / lifecycles),
        emails: Math.round(mailer.sent.length / lifecycles),
      },
      closed,
      rendering: renderer ? `render pool, ${renderer.threads} worker thread(s)` : "in-thread",
    };
  } finally {
    clearInterval(sampler);
    await runtime.close();
  }
}
