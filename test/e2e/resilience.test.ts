import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoStart, replyTo } from "../../adapters/local/demo-scenario.ts";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import { RecordingMailer } from "../../adapters/local/recording-mailer.ts";
import { toRawMime } from "../../adapters/mail/mime.ts";
import { scheduleReview } from "../../domain/lifecycle/review.ts";
import type { Handler } from "../../functions/shared/define-handler.ts";
import {
  demoInput,
  holdWithEveryone,
  startTestRuntime,
  type TestRuntime,
  uploadDemoTranscript,
} from "./support.ts";

const day = 86_400_000;
const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.runtime.close();
});

async function heldMeeting(t: TestRuntime) {
  const { meeting } = await t.runtime.startMeeting(await demoInput());
  await holdWithEveryone(t.runtime, meeting);
  await uploadDemoTranscript(t.runtime, meeting.id);
  return meeting;
}

describe("resilience of the meeting lifecycle", () => {
  it("resumes every meeting in flight at its persisted phase after a restart, losing nothing", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-restart-"));
    const first = await startTestRuntime({ dataDir, memory: false });
    const meeting = await heldMeeting(first);
    expect((await first.runtime.store.getMeeting(meeting.id)).phase).toBe("agree-minutes");
    const requests = first.mailer.sent.filter((e) => e.kind === "approval-request");
    expect(requests).toHaveLength(10);
    const stoppedAt = first.runtime.clock.now();
    await first.runtime.close();

    // A new process on the same .convene/ folder: state, tokens and timers come back from disk.
    const second = await startTestRuntime({ dataDir, memory: false, at: stoppedAt });
    open.push(second);
    const resumed = await second.runtime.resume();
    expect(resumed.meetings).toBe(1);
    const wait = await second.runtime.store.getWait(meeting.id, "approval", 0);
    expect(wait?.status).toBe("waiting");
    // Replies to emails sent before the restart still work: the signing key was kept on disk.
    const desk = second.runtime.replyDesk();
    for (const request of requests) {
      const person = [meeting.chair, ...meeting.invitees].find((p) => p.email === request.to[0]?.email);
      if (!person) throw new Error("unknown recipient");
      const outcome = await applyRawReply(desk, await replyTo(request, person, "Approved, no changes."));
      expect(outcome.status).toBe("applied");
      await second.runtime.settle();
    }
    await second.runtime.advance(day);
    const after = await second.runtime.store.getMeeting(meeting.id);
    expect(after.phase).toBe("closed");
    expect(
      (await second.runtime.store.listAudit(meeting.id)).filter((e) => e.what === "minutes-drafted"),
    ).toHaveLength(1);
  }, 120_000);

  it("resumes the action trackers of a closed meeting after a restart, so overdue actions still escalate and slip", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-trackers-"));
    const first = await startTestRuntime({ dataDir, memory: false });
    const meeting = await heldMeeting(first);
    const desk = first.runtime.replyDesk();
    for (const request of first.mailer.forMeeting(meeting.id).filter((e) => e.kind === "approval-request")) {
      const person = [meeting.chair, ...meeting.invitees].find((p) => p.email === request.to[0]?.email);
      if (!person) throw new Error("unknown recipient");
      await applyRawReply(desk, await replyTo(request, person, "Approved."));
      await first.runtime.settle();
    }
    // Distributed, trackers started, review scheduled: the lifecycle is closed, its actions open.
    expect((await first.runtime.store.getMeeting(meeting.id)).phase).toBe("closed");
    const actions = await first.runtime.store.listActions(meeting.id);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.status === "open")).toBe(true);
    const stoppedAt = first.runtime.clock.now();
    await first.runtime.close();

    const second = await startTestRuntime({ dataDir, memory: false, at: stoppedAt });
    open.push(second);
    // The closed meeting's trackers come back, and so does its review meeting, convened at closing.
    expect(await second.runtime.resume()).toEqual({ meetings: 1, trackers: actions.length });
    // Before, no tracker came back: the first action deadline failed a token nobody held (a 500).
    await second.runtime.advance(45 * day);
    const after = await second.runtime.store.listActions(meeting.id);
    expect(after.map((a) => a.status)).toEqual(actions.map(() => "slipped"));
    const escalations = (await second.runtime.store.listAudit(meeting.id)).filter(
      (e) => e.what === "escalation:action-overdue",
    );
    // Each action up the ladder once: the line manager (or the chair), the chair and team manager, the service manager.
    expect(escalations.map((e) => `${e.detail.actionNumber}:${e.detail.level}`).sort()).toEqual(
      actions.flatMap((a) => [`${a.number}:1`, `${a.number}:2`, `${a.number}:3`]).sort(),
    );
    // Every tracker done: the closed meeting leaves the in-flight list.
    expect(await second.runtime.store.listInFlight()).not.toContain(meeting.id);
  }, 120_000);

  it("schedules one review meeting and tells the chair once when the step runs again after a crash", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const meeting = await heldMeeting(t);
    const desk = t.runtime.replyDesk();
    for (const request of t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "approval-request")) {
      const person = [meeting.chair, ...meeting.invitees].find((p) => p.email === request.to[0]?.email);
      if (!person) throw new Error("unknown recipient");
      await applyRawReply(desk, await replyTo(request, person, "Approved."));
      await t.runtime.settle();
    }
    const first = (await t.runtime.store.getMeeting(meeting.id)).reviewMeetingId;
    expect(first).toBeDefined();
    // As a resume would: the step again, on the same meeting.
    const again = await scheduleReview(t.runtime.kernel, meeting.id);
    expect(again.reviewMeetingId).toBe(first);
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.filter((e) => e.what === "email:review-scheduled")).toHaveLength(1);
    const reviews = (await t.runtime.store.listInFlight()).filter((id) => id !== meeting.id);
    expect(reviews).toEqual([first]);
  }, 60_000);

  it("keeps the virtual clock's time across a restart, and names a damaged clock file", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-clock-"));
    const first = await startTestRuntime({ dataDir, memory: false });
    await first.runtime.advance(3 * day);
    const stoppedAt = first.runtime.clock.now();
    expect(stoppedAt.getTime()).toBe(demoStart.getTime() + 3 * day);
    await first.runtime.close();

    // Asked to start at the demo's start again, the clock carries on from where it stopped instead.
    const second = await startTestRuntime({ dataDir, memory: false });
    expect(second.runtime.clock.now()).toEqual(stoppedAt);
    await second.runtime.close();

    await writeFile(join(dataDir, "virtual-clock.json"), "{ not json");
    await expect(startTestRuntime({ dataDir, memory: false })).rejects.toThrow(
      /virtual-clock\.json: expected \{"now"/,
    );
  }, 60_000);

  it("retries a failing step with backoff and carries on when it recovers", async () => {
    let calls = 0;
    const t = await startTestRuntime({
      handlerOverride: (name, handler): Handler =>
        name === "draft-minutes"
          ? async (event, context) => {
              calls++;
              if (calls <= 2) throw new Error("transient failure");
              return handler(event, context);
            }
          : handler,
    });
    open.push(t);
    const meeting = await heldMeeting(t);
    expect(calls).toBe(3);
    expect((await t.runtime.store.getMeeting(meeting.id)).phase).toBe("agree-minutes");
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.some((e) => e.what === "escalation:handler-failure")).toBe(false);
  }, 60_000);

  it("retries a distribution that failed part-way without sending anyone the final minutes twice", async () => {
    // The mail service refuses the fourth copy of the final minutes once (as SES does when throttled).
    let finalCopies = 0;
    const mailer = new RecordingMailer({
      send: async (email) => {
        await toRawMime(email);
        if (email.kind === "final-minutes" && ++finalCopies === 4)
          throw new Error("Throttling: rate exceeded");
        return { messageId: `m${finalCopies}-${Math.random()}@test`, location: "memory" };
      },
    });
    const t = await startTestRuntime({ mailer });
    open.push(t);
    const meeting = await heldMeeting(t);
    const desk = t.runtime.replyDesk();
    for (const request of mailer.forMeeting(meeting.id).filter((e) => e.kind === "approval-request")) {
      const person = [meeting.chair, ...meeting.invitees].find((p) => p.email === request.to[0]?.email);
      if (!person) throw new Error("unknown recipient");
      await applyRawReply(desk, await replyTo(request, person, "Approved."));
      await t.runtime.settle();
    }
    await t.runtime.advance(day);
    const finals = mailer.forMeeting(meeting.id).filter((e) => e.kind === "final-minutes");
    const recipients = finals.map((e) => e.to[0]?.email);
    // Three went out, the fourth failed, the retry sent the other seven: ten people, once each.
    expect(finalCopies).toBe(11);
    expect(recipients).toHaveLength(10);
    expect(new Set(recipients).size).toBe(10);
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.filter((e) => e.what === "email:final-minutes")).toHaveLength(10);
    expect(audit.some((e) => e.what === "escalation:handler-failure")).toBe(false);
    expect(audit.filter((e) => e.what === "minutes-distributed")).toHaveLength(1);
  }, 60_000);

  it("escalates to the chair and team manager when a step keeps failing, then resumes at that phase", async () => {
    let broken = true;
    let calls = 0;
    const t = await startTestRuntime({
      handlerOverride: (name, handler): Handler =>
        name === "draft-minutes"
          ? async (event, context) => {
              calls++;
              if (broken) throw new Error("the drafter is down");
              return handler(event, context);
            }
          : handler,
    });
    open.push(t);
    const meeting = await heldMeeting(t);
    // One try and three retries, then the Catch: never a silent stop.
    expect(calls).toBe(4);
    const audit = await t.runtime.store.listAudit(meeting.id);
    const escalation = audit.find((e) => e.what === "escalation:handler-failure");
    expect(escalation?.detail.to).toEqual([
      "priya.shah@shah-solicitors.example.org",
      "jordan.ellis@demo.convene.local",
    ]);
    const execution = t.runtime.workflow.executions.get(meeting.id);
    expect(execution?.status).toBe("RUNNING");
    expect(t.runtime.workflow.waiting().some((w) => w.state === "AwaitResume")).toBe(true);

    broken = false;
    expect(await t.runtime.kernel.resolve(meeting.id, "resume", 0, { resumedBy: "test" })).toBe(true);
    await t.runtime.settle();
    expect((await t.runtime.store.getMeeting(meeting.id)).phase).toBe("agree-minutes");
  }, 60_000);

  it("refuses forged, tampered, replayed and wrong-sender replies, changing nothing", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const meeting = await heldMeeting(t);
    const request = t.mailer.latest(meeting.id, "approval-request", meeting.invitees[0]?.email ?? "");
    if (!request?.replyTo) throw new Error("no approval request");
    const person = meeting.invitees[0];
    if (!person) throw new Error("no invitee");
    const desk = t.runtime.replyDesk();
    const wrongSender = await applyRawReply(
      desk,
      await replyTo(request, { name: "Someone", email: "someone@elsewhere.example" }, "Approved."),
    );
    expect(wrongSender).toMatchObject({ status: "refused", reason: "wrong-sender" });
    const tampered = {
      ...request,
      replyTo: {
        email: request.replyTo.email.replace(/reply\+(.)/, (_m, c) => `reply+${c === "a" ? "b" : "a"}`),
      },
    };
    expect(await applyRawReply(desk, await replyTo(tampered, person, "Approved."))).toMatchObject({
      status: "refused",
    });
    const good = await replyTo(request, person, "Approved.");
    expect((await applyRawReply(desk, good)).status).toBe("applied");
    expect((await applyRawReply(desk, good)).status).toBe("duplicate");
    const approvals = await t.runtime.store.listApprovals(meeting.id, 1);
    expect(approvals.filter((a) => a.index === person.index)).toHaveLength(1);
    const refusals = (await t.runtime.store.listAudit(meeting.id)).filter((e) => e.what === "reply-refused");
    expect(refusals.length).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("times out nothing early: an approval nobody answers is reminded, then escalated at its deadline", async () => {
    const t = await startTestRuntime({ at: demoStart });
    open.push(t);
    const meeting = await heldMeeting(t);
    const wait = await t.runtime.store.getWait(meeting.id, "approval", 0);
    await t.runtime.advance(
      new Date(wait?.deadline ?? 0).getTime() - t.runtime.clock.now().getTime() - 60_000,
    );
    let audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.some((e) => e.what === "escalation:approvals-overdue")).toBe(false);
    expect(t.mailer.sent.filter((e) => e.kind === "reminder").length).toBeGreaterThan(0);
    await t.runtime.advance(2 * 60_000);
    audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.filter((e) => e.what === "escalation:approvals-overdue")).toHaveLength(1);
  }, 60_000);
});
