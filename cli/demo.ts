/**
 * `convene demo [--outbox DIR]`: the seed 000 professionals meeting end to end on the embedded
 * runtime and a virtual clock, printing a timeline of each stage with its statutory due date and
 * when it happened. Every email is in the outbox as a real .eml file.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { demoStart, runDemoMeeting } from "../adapters/local/demo-scenario.ts";
import { OutboxMailer } from "../adapters/local/outbox-mailer.ts";
import { RecordingMailer } from "../adapters/local/recording-mailer.ts";
import { LocalRuntime } from "../adapters/local/runtime.ts";
import { buildTimeline, formatTimeline } from "../domain/lifecycle/timeline.ts";
import { type Command, UsageError } from "./io.ts";

export const demoCommand: Command = async (argv, io) => {
  let values: { outbox?: string; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { outbox: { type: "string" }, json: { type: "boolean" } },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments");
  }
  const started = Date.now();
  const dataDir = await mkdtemp(join(tmpdir(), "convene-demo-"));
  const outbox = resolve(values.outbox ?? join(dataDir, "outbox"));
  let clock = () => demoStart;
  const mailer = new RecordingMailer(new OutboxMailer(outbox, undefined, { now: () => clock() }));
  const runtime = await LocalRuntime.start({
    dataDir,
    memory: true,
    virtualStart: demoStart,
    outboxDir: outbox,
    mailer,
    baseUrl: "http://127.0.0.1:8787",
  });
  clock = () => runtime.clock.now();
  try {
    const result = await runDemoMeeting(runtime, mailer);
    const meeting = await runtime.store.getMeeting(result.meetingId);
    const review = meeting.reviewMeetingId
      ? {
          meeting: await runtime.store.getMeeting(meeting.reviewMeetingId),
          audit: await runtime.store.listAudit(meeting.reviewMeetingId),
        }
      : undefined;
    const timeline = buildTimeline(
      meeting,
      await runtime.store.listAudit(meeting.id),
      await runtime.store.listActions(meeting.id),
      runtime.authority.timezone,
      review,
    );
    const failed = [...runtime.workflow.executions.values()].filter((e) => e.status === "FAILED");
    if (values.json) {
      io.out(
        JSON.stringify(
          { meetingId: meeting.id, phase: meeting.phase, timeline, outbox, emails: mailer.sent.length },
          null,
          2,
        ),
      );
    } else {
      io.out(formatTimeline(meeting, timeline));
      const kinds = new Map<string, number>();
      for (const e of mailer.sent) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
      io.out(
        `\n${mailer.sent.length} emails in ${outbox}: ${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")}` +
          `\n${runtime.workflow.executions.size} executions, ${runtime.workflow.counters.transitions} state transitions, ` +
          `${runtime.workflow.counters.invocations} handler invocations; ${Date.now() - started} ms.`,
      );
    }
    if (failed.length > 0) {
      io.err(
        `demo: ${failed.length} execution(s) failed: ${failed.map((f) => `${f.name} ${f.error?.name}`).join(", ")}`,
      );
      return 1;
    }
    return meeting.phase === "closed" ? 0 : 1;
  } finally {
    await runtime.close();
  }
};
