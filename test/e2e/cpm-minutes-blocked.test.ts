import { readFile } from "node:fs/promises";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoTranscriptPath, replyTo } from "../../adapters/local/demo-scenario.ts";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import type { OutgoingEmail } from "../../domain/ports/mailer.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "./support.ts";

const hour = 3_600_000;
const day = 24 * hour;

/** The demo plan as a Care Planning Meeting chaired by the social worker (seed 002). */
async function cpmInput(): Promise<unknown> {
  const input = (await demoInput()) as {
    plan: {
      meetingType: string;
      trigger: unknown;
      claReviews?: unknown;
      chair: Record<string, unknown>;
      invitees: Array<Record<string, unknown>>;
    };
    overrides?: Record<string, string>;
  };
  const { plan } = input;
  const sw = plan.invitees.findIndex((p) => p.role === "social-worker");
  const solicitor = plan.chair;
  plan.chair = plan.invitees[sw] as Record<string, unknown>;
  plan.invitees[sw] = solicitor;
  plan.meetingType = "cpm";
  plan.trigger = { kind: "cla-review", date: "2026-01-20" };
  plan.claReviews = [{ date: "2026-01-20" }, { date: "2026-04-20" }];
  delete input.overrides;
  return input;
}

const viewsLine = /child's views/i;

// Issue 10 item 3: a CPM whose transcript lacks the child's views is never stuck at agree-minutes.
describe("seed 002: a Care Planning Meeting without the child's views, end to end on the embedded runtime", () => {
  let t: TestRuntime;
  let meeting: Meeting;
  let blocked: OutgoingEmail[];

  const approveAll = async () => {
    for (const p of [meeting.chair, ...meeting.invitees]) {
      const request = t.mailer.latest(meeting.id, "approval-request", p.email);
      if (request) await applyRawReply(t.runtime.replyDesk(), await replyTo(request, p, "Approved."));
      await t.runtime.settle();
    }
  };

  beforeAll(async () => {
    t = await startTestRuntime();
    ({ meeting } = await t.runtime.startMeeting(await cpmInput()));
    expect(meeting.typeId).toBe("cpm");
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
      .filter((line) => !viewsLine.test(line))
      .join("\n");
    await t.runtime.uploadTranscript(meeting.id, Buffer.from(vtt), "no-childs-views.vtt");
    await t.runtime.advanceTo(new Date(heldAt.getTime() + 2 * hour));
    await approveAll();
    blocked = t.mailer.sent.filter(
      (e) => e.meetingId === meeting.id && e.text.includes("cannot be finalised"),
    );
  }, 240_000);
  afterAll(async () => {
    await t?.runtime.close();
  });

  it("tells the chair once, by email with a reply address, that the child's views are missing", async () => {
    expect(blocked).toHaveLength(1);
    expect(blocked[0]?.to.map((r) => r.email)).toEqual([meeting.chair.email]);
    expect(blocked[0]?.text).toMatch(/childs-views: the minutes do not record the child's views/);
    expect(blocked[0]?.text).toContain("Child's views:");
    expect(blocked[0]?.replyTo?.email).toMatch(/^reply\+/);
    expect((await t.runtime.store.getMeeting(meeting.id)).phase).toBe("agree-minutes");
  });

  it("days later: no escalation naming nobody, and the chair not told again", async () => {
    await t.runtime.advanceTo(new Date(new Date(meeting.end).getTime() + 3 * day));
    const mine = t.mailer.sent.filter((e) => e.meetingId === meeting.id);
    expect(mine.filter((e) => e.text.includes("no answer yet from nobody"))).toEqual([]);
    expect(mine.filter((e) => e.text.includes("cannot be finalised"))).toHaveLength(1);
  });

  it("the chair supplies the child's views by replying to that email: a new version, agreed, distributed", async () => {
    const before = (await t.runtime.store.getMeeting(meeting.id)).minutesVersion;
    const notice = blocked[0];
    if (!notice) throw new Error("the chair was not told");
    await applyRawReply(
      t.runtime.replyDesk(),
      await replyTo(
        notice,
        meeting.chair,
        "Child's views: he wants to stay at his school and see mum every weekend.\nHis wish kept him at his school in the plan.",
      ),
    );
    await t.runtime.settle();
    const current = await t.runtime.store.getMeeting(meeting.id);
    expect(current.minutesVersion).toBe(before + 1);
    const supplied = await t.runtime.store.getMinutesVersion(meeting.id, current.minutesVersion);
    expect(JSON.stringify(supplied.minutes)).toContain(
      "he wants to stay at his school and see mum every weekend",
    );
    await approveAll();
    await t.runtime.advanceTo(new Date(new Date(meeting.end).getTime() + 4 * day));
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.filter((e) => e.what === "minutes-sections-supplied").map((e) => e.detail.sections)).toEqual(
      [["childs-views"]],
    );
    const distributed = audit.find((e) => e.what === "minutes-distributed");
    expect(distributed).toBeDefined();
    const final = t.mailer.sent.find((e) => e.meetingId === meeting.id && e.kind === "final-minutes");
    const docx = final?.attachments?.find((a) => a.filename.endsWith(".docx"));
    const { value: words } = await mammoth.extractRawText({
      buffer: Buffer.from(docx?.content as Uint8Array),
    });
    expect(words).toContain("he wants to stay at his school and see mum every weekend");
  });
});

// Issue 10 item 3: still blocked after the type's distribution deadline, the team manager is told once.
describe("seed 002: a blocked CPM's minutes past minutesDueBy, end to end on the embedded runtime", () => {
  let t: TestRuntime;
  let meeting: Meeting;

  beforeAll(async () => {
    t = await startTestRuntime();
    ({ meeting } = await t.runtime.startMeeting(await cpmInput()));
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
      .filter((line) => !viewsLine.test(line))
      .join("\n");
    await t.runtime.uploadTranscript(meeting.id, Buffer.from(vtt), "no-childs-views.vtt");
    await t.runtime.advanceTo(new Date(heldAt.getTime() + 2 * hour));
    for (const p of everyone) {
      const request = t.mailer.latest(meeting.id, "approval-request", p.email);
      if (request) await applyRawReply(t.runtime.replyDesk(), await replyTo(request, p, "Approved."));
      await t.runtime.settle();
    }
    // The chair never supplies the section: weeks pass, well beyond minutesDueBy.
    await t.runtime.advanceTo(new Date(new Date(meeting.minutesDueBy).getTime() + 21 * day));
  }, 240_000);
  afterAll(async () => {
    await t?.runtime.close();
  });

  it("tells the meeting's team manager once, with the chair, that the minutes are past due and what is missing", () => {
    const mine = t.mailer.sent.filter((e) => e.meetingId === meeting.id);
    const toManager = mine.filter(
      (e) =>
        e.text.includes("cannot be finalised") && e.to.some((r) => r.email === meeting.teamManager.email),
    );
    expect(toManager).toHaveLength(1);
    expect(toManager[0]?.to.map((r) => r.email)).toEqual([meeting.chair.email, meeting.teamManager.email]);
    expect(toManager[0]?.text).toContain(`were due out by ${meeting.minutesDueBy}`);
    expect(toManager[0]?.text).toMatch(/childs-views/);
    expect(mine.filter((e) => e.text.includes("cannot be finalised"))).toHaveLength(2);
    expect(mine.filter((e) => e.text.includes("no answer yet from nobody"))).toEqual([]);
  });
});
