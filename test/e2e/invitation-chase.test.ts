/**
 * Issue 12: invitations carry a reply-by day, and whoever has not answered by then is chased
 * before the meeting, once, with their own reply address; those who answered are not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyTo } from "../../adapters/local/demo-scenario.ts";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "./support.ts";

const day = 24 * 3_600_000;

describe("invitations: a reply-by day, and a chase before the meeting", () => {
  let t: TestRuntime;
  let meeting: Meeting;

  beforeAll(async () => {
    t = await startTestRuntime();
    ({ meeting } = await t.runtime.startMeeting(await demoInput()));
    await t.runtime.settle();
    // Half answer at once.
    for (const p of meeting.invitees.slice(0, 5)) {
      const invitation = t.mailer.latest(meeting.id, "invitation", p.email);
      if (invitation)
        await applyRawReply(t.runtime.replyDesk(), await replyTo(invitation, p, "Yes, I will attend."));
    }
    await t.runtime.settle();
    // The meeting is Tuesday 10 March 2026 at 10:00: the reply-by day is Friday 6 March (Monday 9 March is the 1 working day between).
    await t.runtime.advanceTo(new Date(new Date(meeting.start).getTime() - 2 * 60 * 60_000));
  }, 60_000);
  afterAll(async () => {
    await t?.runtime.close();
  });

  it("asks everyone invited to answer by the working day 2 working days before the meeting", () => {
    const invitation = t.mailer.latest(meeting.id, "invitation", meeting.invitees[0]?.email ?? "");
    expect(invitation?.text.replace(/\s+/g, " ")).toContain("Please answer by Friday 6 March 2026.");
  });

  it("chases only those who have not answered, once, each with their own reply address", () => {
    // Invitees chased; the chair's prompt to record attendance after the meeting is not a chase.
    const chased = t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "reminder");
    const silent = meeting.invitees.slice(5).map((p) => p.email);
    expect(chased.map((e) => e.to[0]?.email).sort()).toEqual(
      // A key agency that sent apologies was asked for its report, not chased: none here.
      [...silent].sort(),
    );
    for (const e of chased) {
      expect(e.subject).toContain("Reminder: please reply");
      expect(e.replyTo?.email).toMatch(/^reply\+/);
      // Sent at the start of Monday 9 March, before the meeting.
      expect(e.text).toContain("Tuesday 10 March 2026");
    }
  });

  it("a chased invitee's answer to the reminder is recorded", async () => {
    const p = meeting.invitees[6];
    const reminder = p && t.mailer.latest(meeting.id, "reminder", p.email);
    if (!p || !reminder) throw new Error("not chased");
    const outcome = await applyRawReply(
      t.runtime.replyDesk(),
      await replyTo(reminder, p, "Apologies, I cannot attend."),
    );
    expect(outcome.status).toBe("applied");
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === p.index);
    expect(answer?.attendance).toBe("apologies");
  });

  it("is not chased again", async () => {
    await t.runtime.advance(1 * day);
    // Invitees chased; the chair's prompt to record attendance after the meeting is not a chase.
    const chased = t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "reminder");
    expect(chased).toHaveLength(meeting.invitees.length - 5);
  });
});
