/**
 * kill -9 tests of the embedded runtime: a child process (kill-restart-child.ts) runs the seed 000
 * meeting on an on-disk data folder and is killed with SIGKILL (CONVENE_FAULT_KILL_AFTER) after
 * each phase and inside batches of email, then started again on the same folder. At the end the
 * outbox and the audit are counted by kind and recipient: every recipient has exactly one copy of
 * each email, none is lost, and the virtual clock never restarted behind what was sent.
 */
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

type Line = Record<string, unknown> & { step: string };

/** Runs the child to the end or to its kill point; its JSON lines, exit code and signal. */
function runChild(
  dataDir: string,
  steps: string[],
  killAfter: string | undefined,
): Promise<{ lines: Line[]; code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    if (killAfter) env.CONVENE_FAULT_KILL_AFTER = killAfter;
    else delete env.CONVENE_FAULT_KILL_AFTER;
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "test/e2e/kill-restart-child.ts", dataDir, ...steps],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const lines = stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Line);
      resolve({ lines, code, signal, stderr });
    });
  });
}

interface Report {
  phase: string;
  actions: Array<{ number: number; status: string }>;
  outbox: Array<{ kind: string; to: string[]; messageId: string; subject: string; text: string }>;
  audit: Array<{ what: string; detail: Record<string, unknown> }>;
  inFlight: string[];
}

/** How many copies of `kind` each recipient has, by address. */
function copiesByRecipient(report: Report, kind: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const email of report.outbox.filter((e) => e.kind === kind))
    for (const to of email.to) counts[to] = (counts[to] ?? 0) + 1;
  return counts;
}

/** How many `email:<kind>` audit events name each recipient. */
function auditedByRecipient(report: Report, kind: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of report.audit.filter((e) => e.what === `email:${kind}`))
    for (const to of event.detail.to as string[])
      counts[to.toLowerCase()] = (counts[to.toLowerCase()] ?? 0) + 1;
  return counts;
}

describe("kill -9 and restart of the embedded runtime", () => {
  it("loses nothing and sends nobody a second copy when killed after each phase and inside batches of email", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-kill-"));
    // Every run does what has not happened yet: resume, start the meeting, hold it, approve the
    // minutes, let the actions run their course (nobody marks one done: each slips).
    const steps = ["clock", "resume", "start", "held", "approve", "advance:45d", "report"];
    const killPoints = [
      "send:invitation:9", // 9 of 10 invitations out
      "phase:await-meeting",
      "phase:transcribe",
      "phase:draft-minutes",
      "send:approval-request:2", // 2 of 10 approval requests out
      "send:final-minutes:4", // 4 of 10 final minutes out
      "phase:track-actions",
      "phase:review",
      "phase:closed",
      "send:escalation:1", // the first escalation of an overdue action, during the clock's advance
    ];
    for (const killAfter of killPoints) {
      const run = await runChild(dataDir, steps, killAfter);
      expect(run.signal, `${killAfter}: ${run.stderr.slice(-2000)}`).toBe("SIGKILL");
      const clock = run.lines.find((l) => l.step === "clock");
      // The virtual clock restarted at or after everything already in the outbox.
      if (clock?.newestEmail) expect(String(clock.now) >= String(clock.newestEmail), killAfter).toBe(true);
    }
    const last = await runChild(dataDir, steps, undefined);
    expect(last.code, last.stderr.slice(-2000)).toBe(0);
    const clock = last.lines.find((l) => l.step === "clock");
    expect(String(clock?.now) >= String(clock?.newestEmail)).toBe(true);
    const report = last.lines.find((l) => l.step === "report") as unknown as Report;

    expect(report.phase).toBe("closed");
    // Every kind that carries the child's data reaches each recipient exactly once.
    for (const [kind, people] of [
      ["invitation", 10],
      ["approval-request", 10],
      ["final-minutes", 10],
    ] as const) {
      const copies = copiesByRecipient(report, kind);
      expect(Object.keys(copies), kind).toHaveLength(people);
      expect(
        Object.values(copies).every((n) => n === 1),
        `${kind}: ${JSON.stringify(copies)}`,
      ).toBe(true);
      // Audited once each, the copy sent just before a kill included.
      expect(auditedByRecipient(report, kind), kind).toEqual(copies);
    }
    // No file twice: a copy re-sent after a kill carries its Message-ID and the outbox kept one.
    const ids = report.outbox.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const escalations = report.outbox.filter((e) => e.kind === "escalation");
    const distinct = new Set(escalations.map((e) => `${e.to.join(",")}|${e.subject}|${e.text}`));
    expect(distinct.size).toBe(escalations.length);
    // The trackers of the closed meeting came back after each restart: every action went up the
    // ladder once (line manager, then chair and team manager) and slipped.
    expect(report.actions.length).toBeGreaterThan(0);
    expect(report.actions.every((a) => a.status === "slipped")).toBe(true);
    const rungs = report.audit
      .filter((e) => e.what === "escalation:action-overdue")
      .map((e) => `${e.detail.actionNumber}:${e.detail.level}`)
      .sort();
    expect(rungs).toEqual(report.actions.flatMap((a) => [`${a.number}:1`, `${a.number}:2`]).sort());
    expect(report.audit.filter((e) => e.what === "minutes-distributed")).toHaveLength(1);
    expect(report.audit.filter((e) => e.what === "review-scheduled")).toHaveLength(1);
  }, 600_000);
});
