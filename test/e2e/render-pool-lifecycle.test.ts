/**
 * The seed 000 demo meeting on a runtime that renders on worker threads (RenderPool), beside the
 * same meeting rendered in-thread: the same emails go out, the outbox holds the same parts, the
 * Word minutes say the same, and closing the runtime ends the pool's threads.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDemoMeeting } from "../../adapters/local/demo-scenario.ts";
import { RenderPool } from "../../adapters/local/render-pool.ts";
import { outboxFiles, startTestRuntime, type TestRuntime } from "./support.ts";

interface Run {
  t: TestRuntime;
  meetingId: string;
}

async function demo(renderer?: RenderPool): Promise<Run> {
  const t = await startTestRuntime(renderer ? { renderer } : {});
  const { meetingId } = await runDemoMeeting(t.runtime, t.mailer);
  return { t, meetingId };
}

/** Each outbox file's kind (from its name) and the MIME parts it holds, in order. */
async function outboxShape(run: Run): Promise<string[]> {
  const shapes: string[] = [];
  for (const file of await outboxFiles(run.t.outbox)) {
    const parsed = await simpleParser(await readFile(join(run.t.outbox, file)));
    const kind = /^[0-9TZ]+-([a-z-]+)-\d+(?:-[0-9a-f]{12})?\.eml$/.exec(file)?.[1];
    shapes.push(
      `${kind}: ${parsed.attachments.map((a) => `${a.contentType} ${a.filename ?? ""}`).join(", ")}`,
    );
  }
  return shapes.sort();
}

async function finalMinutesText(run: Run): Promise<string> {
  const final = run.t.mailer.forMeeting(run.meetingId).find((e) => e.kind === "final-minutes");
  const docx = final?.attachments?.find((a) => a.filename.endsWith(".docx"));
  return (await mammoth.extractRawText({ buffer: Buffer.from(docx?.content as Uint8Array) })).value;
}

describe("the demo meeting rendered on worker threads", () => {
  let pool: RenderPool;
  let pooled: Run;
  let inThread: Run;

  beforeAll(async () => {
    pool = await RenderPool.start({ threads: 1 });
    pooled = await demo(pool);
    inThread = await demo();
  }, 180_000);
  afterAll(async () => {
    await pooled?.t.runtime.close();
    await inThread?.t.runtime.close();
    await pool?.close();
  });

  it("closes the meeting with no failed execution, as in-thread", async () => {
    expect((await pooled.t.runtime.store.getMeeting(pooled.meetingId)).phase).toBe("closed");
    const executions = [...pooled.t.runtime.workflow.executions.values()];
    expect(executions.filter((e) => e.status === "FAILED")).toEqual([]);
  });

  it("sends the same emails, with the same attachments, as the in-thread runtime", async () => {
    const kinds = (run: Run) => run.t.mailer.sent.map((e) => e.kind).sort();
    expect(kinds(pooled)).toEqual(kinds(inThread));
    expect(await outboxShape(pooled)).toEqual(await outboxShape(inThread));
  });

  it("attaches Word minutes that say what the in-thread ones say", async () => {
    const text = await finalMinutesText(pooled);
    expect(text).toMatch(/^Professionals Meeting\n\nFINAL/);
    expect(text).toBe(await finalMinutesText(inThread));
  });

  it("ends the pool's threads when the runtime closes", async () => {
    expect(pool.liveThreads).toBe(1);
    await pooled.t.runtime.close();
    expect(pool.liveThreads).toBe(0);
  });
});
