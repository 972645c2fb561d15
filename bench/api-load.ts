/**
 * Load through the local API (issue 15): N meetings convened concurrently by HTTP (bounded,
 * loopback only), then driven to the end on the virtual clock by the simulation's people
 * (adapters/local/simulation.ts). Checked as it goes: every request answered 201, no email sent
 * twice (one per meeting, kind, calendar sequence or version, and recipient), no wait left without
 * its deadline timer. Reports wall times and peak memory.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoStart } from "../adapters/local/demo-scenario.ts";
import { RecordingMailer } from "../adapters/local/recording-mailer.ts";
import { LocalRuntime } from "../adapters/local/runtime.ts";
import { startLocalServer } from "../adapters/local/server.ts";
import { runSimulation } from "../adapters/local/simulation.ts";
import { toRawMime } from "../adapters/mail/mime.ts";
import { monthsBetween } from "../domain/lifecycle/time.ts";
import type { Mailer } from "../domain/ports/mailer.ts";

export interface ApiLoadResult {
  meetings: number;
  concurrency: number;
  conveneMs: number;
  driveMs: number;
  peakRssMb: number;
  statuses: Record<string, number>;
  closed: number;
  emails: number;
  /** Emails that repeat one already sent (the same Message-ID, from the same send record). */
  duplicates: number;
  /** Waits still waiting with no deadline timer stored. */
  lostTimers: number;
  /** Each of them, to look into: meeting, purpose, ref, level, deadline, when registered. */
  lost: string[];
  failedExecutions: number;
}

const day = 86_400_000;

export async function runApiLoad(meetings: number, concurrency = 50): Promise<ApiLoadResult> {
  const dataDir = await mkdtemp(join(tmpdir(), "convene-load-"));
  let n = 0;
  // Each copy's Message-ID comes from its send record (batch and recipient): the same id twice is
  // the same email sent twice.
  const sentIds = new Set<string>();
  let duplicates = 0;
  const mime: Mailer = {
    send: async (email) => {
      if (email.messageId) {
        if (sentIds.has(email.messageId)) duplicates++;
        sentIds.add(email.messageId);
      }
      await toRawMime(email);
      return { messageId: `load-${++n}@convene.local`, location: "memory" };
    },
  };
  const mailer = new RecordingMailer(mime, { attachmentBytes: false });
  const runtime = await LocalRuntime.start({
    dataDir,
    memory: true,
    virtualStart: demoStart,
    mailer,
    retryIntervalMs: 0,
  });
  const server = await startLocalServer(runtime, runtime.replyDesk(), 0);
  runtime.setBaseUrl(server.url);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  try {
    const template = JSON.parse(await readFile("examples/demo/professionals-meeting.json", "utf8")) as {
      plan: { child: { reference: string }; proposedStart: string };
    };
    // 1. N meetings convened through the API, at most `concurrency` requests in flight.
    const statuses: Record<string, number> = {};
    const ids: string[] = [];
    const started = performance.now();
    let next = 0;
    const client = async () => {
      while (next < meetings) {
        const i = next++;
        const body = structuredClone(template);
        body.plan.child.reference = `LOAD-${String(i + 1).padStart(5, "0")}`;
        // Spread over the mornings and afternoons of the demo's meeting day and the two after.
        const start = new Date(template.plan.proposedStart);
        start.setTime(start.getTime() + (i % 3) * day + (i % 2) * 4 * 3_600_000);
        body.plan.proposedStart = start.toISOString();
        const response = await fetch(`${server.url}/meetings`, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": `load-${i}` },
          body: JSON.stringify(body),
        });
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const answer = (await response.json()) as { id?: string };
        if (response.status === 201 && answer.id) ids.push(answer.id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, meetings) }, client));
    const conveneMs = Math.round(performance.now() - started);
    // 2. Driven to the end by the simulation's people: six weeks on the virtual clock.
    const driving = performance.now();
    const result = await runSimulation(runtime, mailer, { children: 0, months: 2, seed: 1, adopt: ids });
    const driveMs = Math.round(performance.now() - driving);
    // 3. The checks: no wait without its deadline timer (no email twice is counted as they go).
    const now = runtime.clock.now().toISOString();
    const timers = new Set<string>();
    for (const month of monthsBetween(
      demoStart.toISOString(),
      new Date(Date.parse(now) + 400 * day).toISOString(),
    ))
      for (const t of await runtime.store.dueTimers(month, "9999"))
        if (t.kind === "deadline") timers.add(`${t.meetingId}|${t.purpose}|${t.ref}`);
    const lost: string[] = [];
    let closed = 0;
    for (const id of ids) {
      const meeting = await runtime.store.getMeeting(id);
      if (meeting.phase === "closed") closed++;
      for (const purpose of ["meeting-held", "transcript", "approval"] as const) {
        const wait = await runtime.store.getWait(
          id,
          purpose,
          purpose === "approval" ? meeting.minutesVersion : 0,
        );
        if (wait?.status === "waiting" && !timers.has(`${id}|${purpose}|${wait.ref}`))
          lost.push(
            `${id} ${purpose} ${wait.ref} level ${wait.level} deadline ${wait.deadline} registered ${wait.registeredAt}`,
          );
      }
      for (const action of await runtime.store.listActions(id)) {
        const wait = await runtime.store.getWait(id, "action", action.number);
        if (
          action.status === "open" &&
          wait?.status === "waiting" &&
          !timers.has(`${id}|action|${action.number}`)
        )
          lost.push(
            `${id} action ${action.number} level ${wait.level} deadline ${wait.deadline} registered ${wait.registeredAt} (due ${action.dueDate}${action.dateChanges?.length ? `, redated ${action.dateChanges.length} times` : ""})`,
          );
      }
    }
    return {
      meetings,
      concurrency,
      conveneMs,
      driveMs,
      peakRssMb: Math.round(peak / 1024 / 1024),
      statuses,
      closed,
      emails: mailer.sent.length,
      duplicates,
      lostTimers: lost.length,
      lost,
      failedExecutions: result.failedExecutions.length,
    };
  } finally {
    clearInterval(sampler);
    await server.close();
    await runtime.close();
  }
}
