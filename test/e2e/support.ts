/** Shared set-up for end-to-end tests: an embedded runtime on a virtual clock, real MIME outbox. */
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoStart, demoTranscriptPath } from "../../adapters/local/demo-scenario.ts";
import { OutboxMailer } from "../../adapters/local/outbox-mailer.ts";
import { RecordingMailer } from "../../adapters/local/recording-mailer.ts";
import { LocalRuntime, type RuntimeOptions } from "../../adapters/local/runtime.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";

export interface TestRuntime {
  runtime: LocalRuntime;
  mailer: RecordingMailer;
  outbox: string;
  dataDir: string;
}

export async function startTestRuntime(
  options: Partial<RuntimeOptions> & { dataDir?: string; at?: Date } = {},
): Promise<TestRuntime> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), "convene-e2e-")));
  const outbox = join(dataDir, "outbox");
  let now = () => options.at ?? demoStart;
  const mailer = new RecordingMailer(
    new OutboxMailer(outbox, undefined, {
      now: () => now(),
      ...(options.renderer ? { renderer: options.renderer } : {}),
    }),
  );
  const runtime = await LocalRuntime.start({
    memory: true,
    virtualStart: options.at ?? demoStart,
    outboxDir: outbox,
    mailer,
    retryIntervalMs: 0,
    ...options,
    dataDir,
  });
  now = () => runtime.clock.now();
  return { runtime, mailer, outbox, dataDir };
}

export async function demoInput(): Promise<unknown> {
  return JSON.parse(await readFile("examples/demo/professionals-meeting.json", "utf8"));
}

export async function outboxFiles(outbox: string): Promise<string[]> {
  return (await readdir(outbox)).filter((f) => f.endsWith(".eml")).sort();
}

/** Uploads the demo meeting's transcript (transcripts come only by upload, never by path). */
export async function uploadDemoTranscript(runtime: LocalRuntime, meetingId: string): Promise<void> {
  await runtime.uploadTranscript(meetingId, await readFile(demoTranscriptPath), "professionals-meeting.vtt");
}

/** A minute after `meeting` ends, its chair records everyone as attended; the workflows run on. */
export async function holdWithEveryone(runtime: LocalRuntime, meeting: Meeting): Promise<void> {
  await runtime.advance(new Date(meeting.end).getTime() - runtime.clock.now().getTime() + 60_000);
  await recordMeetingHeld(
    runtime.kernel,
    meeting.id,
    [meeting.chair, ...meeting.invitees].map((p) => ({ index: p.index, attended: true })),
    meeting.chair.email,
    "test",
  );
  await runtime.settle();
}
