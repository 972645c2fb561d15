import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTranscriptPath, replyTo } from "../../adapters/local/demo-scenario.ts";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "./support.ts";

const hour = 3_600_000;
const day = 24 * hour;

// Issue 10 item 3: agreed minutes that lack a blocking section never deadlock.
describe("seed 001: minutes without a contingency plan, end to end on the embedded runtime", () => {
  let t: TestRuntime;
  let meeting: Meeting;

  beforeAll(async () => {
    t = await startTestRuntime();
    ({ meeting } = await t.runtime.startMeeting(await demoInput()));
    const everyone = [meeting.chair, ...meeting.invitees];
    await t.runtime.advanceTo(new Date(new Date(meeting.start).getTime() - day));
    for (const p of meeting.invitees) {
      const invitation = t.mailer.latest(meeting.id, "invitation", p.email);
      if (invitation)
        await applyRawReply(t.runtime.replyDesk(), await replyTo(invitation, p, "Yes, I will attend."));
    }
    await t.runtime.settle();
    const heldAt = new Date(new Date(meeting.end).getTime() + 30 * 60_000);
    await t.runtime.advanceTo(heldAt);
    await recordMeetingHeld(
      t.runtime.kernel,
      meeting.id,
      everyone.map((p) => ({ index: p.index, attended: true })),
      meeting.chair.email,
      "test",
    );
    await t.runtime.settle();
    const vtt = (await readFile(demoTranscriptPath, "utf8"))
      .split("\n")
      .filter((line) => !/contingency/i.test(line))
      .join("\n");
    await t.runtime.uploadTranscript(meeting.id, Buffer.from(vtt), "no-contingency.vtt");
    await t.runtime.advanceTo(new Date(heldAt.getTime() + 2 * hour));
    for (const p of everyone) {
      const request = t.mailer.latest(meeting.id, "approval-request", p.email);
      if (request) await applyRawReply(t.runtime.replyDesk(), await replyTo(request, p, "Approved."));
      await t.runtime.settle();
    }
  }, 180_000);
  afterAll(async () => {
    await t?.runtime.close();
  });

  it("tells the chair once exactly what is missing, and how to supply it by reply", async () => {
    const told = t.mailer.sent.filter((e) => e.text.includes("cannot be finalised"));
    expect(told).toHaveLength(1);
    expect(told[0]?.to.map((r) => r.email)).toEqual([meeting.chair.email]);
    expect(told[0]?.text).toContain("contingency-plan");
    expect(told[0]?.text).not.toContain("no answer yet from nobody");
    // Days pass: no loop of escalations.
    await t.runtime.advanceTo(new Date(new Date(meeting.end).getTime() + 4 * day));
    expect(t.mailer.sent.filter((e) => e.text.includes("no answer yet from nobody"))).toEqual([]);
    expect(t.mailer.sent.filter((e) => e.text.includes("cannot be finalised"))).toHaveLength(1);
  });

  it("the chair supplies the contingency plan by reply: a new version goes out and is distributed once agreed", async () => {
    const chairRequest = t.mailer.latest(meeting.id, "approval-request", meeting.chair.email);
    if (!chairRequest) throw new Error("no approval request to the chair");
    await applyRawReply(
      t.runtime.replyDesk(),
      await replyTo(
        chairRequest,
        meeting.chair,
        "Contingency plan: if progress is not made by the review, a foster placement near his school is sought.",
      ),
    );
    await t.runtime.settle();
    const current = await t.runtime.store.getMeeting(meeting.id);
    const supplied = await t.runtime.store.getMinutesVersion(meeting.id, current.minutesVersion);
    expect(JSON.stringify(supplied.minutes)).toContain("a foster placement near his school is sought");
    for (const p of [meeting.chair, ...meeting.invitees]) {
      const request = t.mailer.latest(meeting.id, "approval-request", p.email);
      if (request) await applyRawReply(t.runtime.replyDesk(), await replyTo(request, p, "Approved."));
      await t.runtime.settle();
    }
    await t.runtime.advanceTo(new Date(new Date(meeting.end).getTime() + 5 * day));
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.some((e) => e.what === "minutes-sections-supplied")).toBe(true);
    expect(audit.some((e) => e.what === "minutes-distributed")).toBe(true);
  });
});
