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
import { beforeAll, describe, expect, it } from "vitest";

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
  id: string;
  phase: string;
  actions: Array<{ number: number; status: string }>;
  approvals: Array<{ index: number; response: string }>;
  files: string[];
  outbox: Array<{
    kind: string;
    meetingId: string;
    to: string[];
    messageId: string;
    subject: string;
    text: string;
  }>;
  audit: Array<{ what: string; detail: Record<string, unknown> }>;
  inFlight: string[];
}

/** How many copies of `kind` each recipient has, by address. */
function copiesByRecipient(report: Report, kind: string, subject?: RegExp): Record<string, number> {
  const counts: Record<string, number> = {};
  // The meeting's own emails (its review meeting, convened when it closed, has its own invitations).
  for (const email of report.outbox.filter(
    (e) => e.kind === kind && e.meetingId === report.id && (!subject || subject.test(e.subject)),
  ))
    for (const to of email.to) counts[to] = (counts[to] ?? 0) + 1;
  return counts;
}

/** How many `email:<kind>` audit events name each recipient. */
function auditedByRecipient(report: Report, kind: string, once?: RegExp): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of report.audit.filter(
    (e) => e.what === `email:${kind}` && (!once || once.test(String(e.detail.once))),
  ))
    for (const to of event.detail.to as string[])
      counts[to.toLowerCase()] = (counts[to.toLowerCase()] ?? 0) + 1;
  return counts;
}

/** Where the child is killed, in order: after each phase, and inside batches of email. */
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
  "send:escalation:1", // the first escalation of an overdue action, in the middle of a clock advance
];

describe("kill -9 and restart of the embedded runtime", () => {
  /** Each restart's virtual clock, with the newest email in the outbox it found. */
  const clocks: Array<{ after: string; now: string; newestEmail: string | null }> = [];
  let report: Report;
  const runs: Array<{ killAfter?: string; code: number | null; signal: string | null; stderr: string }> = [];

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-kill-"));
    // Every run does what has not happened yet: resume, start the meeting, hold it, approve the
    // minutes, let the actions run their course (nobody marks one done: each slips).
    const steps = ["clock", "resume", "start", "held", "approve", "advance:45d", "report"];
    let previous = "(first start)";
    for (const killAfter of [...killPoints, undefined]) {
      const run = await runChild(dataDir, steps, killAfter);
      const clock = run.lines.find((l) => l.step === "clock");
      clocks.push({
        after: previous,
        now: String(clock?.now),
        newestEmail: (clock?.newestEmail as string) ?? null,
      });
      runs.push({ killAfter, code: run.code, signal: run.signal, stderr: run.stderr.slice(-2000) });
      previous = killAfter ?? previous;
      if (!killAfter) report = run.lines.find((l) => l.step === "report") as unknown as Report;
    }
  }, 900_000);

  it("is killed with SIGKILL at each chosen point and finishes the meeting after the last restart", () => {
    expect(runs.map((r) => (r.killAfter ? `${r.killAfter}: ${r.signal}` : `clean: exit ${r.code}`))).toEqual([
      ...killPoints.map((point) => `${point}: SIGKILL`),
      "clean: exit 0",
    ]);
    expect(report.phase).toBe("closed");
  });

  it("sends the approval requests a kill interrupted, so nobody is deemed to agree minutes never sent to them", () => {
    const copies = copiesByRecipient(report, "approval-request");
    expect(Object.values(copies)).toEqual(Array.from({ length: 10 }, () => 1));
    // Every attendee answered the minutes they were sent: none was deemed to agree.
    expect(report.approvals.map((a) => a.response)).toEqual(Array.from({ length: 10 }, () => "approve"));
  });

  it("records every email as it goes out: after a restart each recipient has exactly one copy, each audited once", () => {
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
      // The copy written just before a kill is audited too, once.
      expect(auditedByRecipient(report, kind), kind).toEqual(copies);
    }
    const escalations = report.outbox.filter((e) => e.kind === "escalation" && e.meetingId === report.id);
    const distinct = new Set(escalations.map((e) => `${e.to.join(",")}|${e.subject}|${e.text}`));
    expect(distinct.size).toBe(escalations.length);
    expect(report.audit.filter((e) => e.what === "minutes-distributed")).toHaveLength(1);
    expect(report.audit.filter((e) => e.what === "review-scheduled")).toHaveLength(1);
  });

  it("never overwrites or doubles an .eml after a restart: one file per Message-ID, numbering carried on", () => {
    const ids = report.outbox.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const numbers = report.files.map((f) => Number(/-(\d+)(?:-[0-9a-f]{12})?\.eml$/.exec(f)?.[1]));
    expect(new Set(numbers).size).toBe(report.files.length);
    expect(report.files).toHaveLength(report.outbox.length);
  });

  it("restarts the virtual clock at or after every email already sent, even after a kill in the middle of an advance", () => {
    expect(clocks).toHaveLength(killPoints.length + 1);
    for (const clock of clocks)
      if (clock.newestEmail) expect(clock.now >= clock.newestEmail, JSON.stringify(clock)).toBe(true);
  });

  it("resumes the trackers of a closed meeting after every restart: each overdue action escalates once per rung and slips", () => {
    expect(report.phase).toBe("closed");
    expect(report.actions.length).toBeGreaterThan(0);
    expect(report.actions.every((a) => a.status === "slipped")).toBe(true);
    const rungs = report.audit
      .filter((e) => e.what === "escalation:action-overdue")
      .map((e) => `${e.detail.actionNumber}:${e.detail.level}`)
      .sort();
    expect(rungs).toEqual(
      report.actions.flatMap((a) => [`${a.number}:1`, `${a.number}:2`, `${a.number}:3`]).sort(),
    );
    expect(report.inFlight).not.toContain(report.id);
  });
});

describe("kill -9 inside the escalation that follows a passed deadline", () => {
  let report: Report;
  const runs: Array<{ code: number | null; signal: string | null; stderr: string }> = [];

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-kill-escalation-"));
    // Held, minutes out for approval; nobody answers.
    for (const [steps, killAfter] of [
      [["resume", "start", "held"], undefined],
      // The reminder the day before the deadline (10), then the deadline: the non-responder rule
      // reminds the 10 again and tells the chair. Killed after 4 of those 10 second reminders.
      [["resume", "advance:20d"], "send:reminder:14"],
      [["resume", "report"], undefined],
    ] as const) {
      const run = await runChild(dataDir, [...steps], killAfter);
      runs.push({ code: run.code, signal: run.signal, stderr: run.stderr.slice(-2000) });
      const line = run.lines.find((l) => l.step === "report");
      if (line) report = line as unknown as Report;
    }
  }, 600_000);

  it("sends the rest of the escalation after a restart, to each person once, and then waits a rung up", () => {
    expect(
      runs.map((r) => r.signal ?? `exit ${r.code}`),
      JSON.stringify(runs),
    ).toEqual(["exit 0", "SIGKILL", "exit 0"]);
    // Two reminders each (the day before the deadline, and the non-responder rule's), none lost; the
    // chair one (the rule's escalation to the chair is the chair's second ask, not a reminder too).
    // (The approval reminders: invitees who had not answered their invitation were chased too.)
    const reminders = copiesByRecipient(report, "reminder", /minutes for approval/i);
    const chair = Object.keys(reminders).find((to) => to.includes("priya.shah@"));
    expect(chair).toBeDefined();
    expect(
      Object.entries(reminders)
        .map(([to, n]) => (to === chair ? -n : n))
        .sort((a, b) => a - b),
    ).toEqual([-1, ...Array.from({ length: 9 }, () => 2)]);
    expect(auditedByRecipient(report, "reminder", /approval/)).toEqual(reminders);
    // The chair is told once (one copy in the outbox, one send on record), the escalation on record once.
    const told = report.audit.filter(
      (e) =>
        e.what === "email:escalation" && String(e.detail.once).startsWith("escalation:approvals-overdue"),
    );
    expect(told).toHaveLength(1);
    expect(report.outbox.filter((e) => e.messageId === `<${told[0]?.detail.messageId}>`)).toHaveLength(1);
    expect(report.audit.filter((e) => e.what === "escalation:approvals-overdue")).toHaveLength(1);
    const ids = report.outbox.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const waits = report.audit.filter((e) => e.what === "wait:approval").map((e) => e.detail.level);
    expect(waits.at(-1)).toBe(1);
  });
});

describe("kill -9 inside a cancellation", () => {
  let report: Report;
  const runs: Array<{ code: number | null; signal: string | null; stderr: string }> = [];

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-kill-cancel-"));
    for (const [steps, killAfter] of [
      // Invited, then cancelled: killed after 3 of the 10 calendar CANCELs.
      [["resume", "start", "cancel"], "send:cancellation:3"],
      [["resume", "report"], undefined],
    ] as const) {
      const run = await runChild(dataDir, [...steps], killAfter);
      runs.push({ code: run.code, signal: run.signal, stderr: run.stderr.slice(-2000) });
      const line = run.lines.find((l) => l.step === "report");
      if (line) report = line as unknown as Report;
    }
  }, 600_000);

  it("sends the rest of the calendar cancellations after a restart, to each person once", () => {
    expect(
      runs.map((r) => r.signal ?? `exit ${r.code}`),
      JSON.stringify(runs),
    ).toEqual(["SIGKILL", "exit 0"]);
    expect(report.phase).toBe("cancelled");
    const copies = copiesByRecipient(report, "cancellation");
    expect(Object.values(copies)).toEqual(Array.from({ length: 10 }, () => 1));
    expect(auditedByRecipient(report, "cancellation")).toEqual(copies);
    expect(report.inFlight).not.toContain(report.id);
  });
});
