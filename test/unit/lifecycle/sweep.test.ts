/**
 * The sweeper over in-memory ports: a deadline that passed fails its wait once; and the race the
 * 1,000-meeting load run exposed (issue 15): a sweep that read a deadline timer while the owner's
 * update re-armed the wait with the same deadline must not remove the re-armed wait's timer, or
 * the wait sits with no deadline and nobody is ever escalated to.
 */
import { describe, expect, it } from "vitest";
import { registerWait } from "../../../domain/lifecycle/register-wait.ts";
import { sweep } from "../../../domain/lifecycle/sweep.ts";
import { kernelFixture } from "./kernel-fixture.ts";
import { testAction, testMeeting } from "./support.ts";

async function setUp() {
  const f = kernelFixture(new Date("2026-07-06T09:00:00Z"));
  const meeting = await f.add(testMeeting({ id: "msweepaaaaaaaaaa", phase: "track-actions" }));
  await f.store.putAction(
    meeting.id,
    testAction({
      number: 1,
      action: "Complete the CAMHS assessment",
      dueDate: "2026-07-15",
      responsible: { name: "Dr Aisha Karim", email: "aisha@camhs.example.org", department: "CAMHS" },
    }),
  );
  const { deadline } = await registerWait(f.k, {
    meetingId: meeting.id,
    purpose: "action",
    ref: 1,
    taskToken: "token-1",
  });
  return { ...f, meeting, deadline };
}

const failures = (f: Awaited<ReturnType<typeof setUp>>) =>
  f.workflow.filter((w) => w.call === "sendTaskFailure").map((w) => w.args[0]);

describe("the sweep", () => {
  it("fails a wait whose deadline passed, once, and removes its timer", async () => {
    const f = await setUp();
    f.clock.now = new Date(Date.parse(f.deadline) + 60_000);
    const first = await sweep(f.k);
    expect(first.deadlines).toBe(1);
    expect(failures(f)).toEqual(["token-1"]);
    expect((await f.store.getWait(f.meeting.id, "action", 1))?.status).toBe("expired");
    const again = await sweep(f.k, { sweptUntil: first.sweptUntil });
    expect(again.deadlines).toBe(0);
    expect(failures(f)).toEqual(["token-1"]);
  });

  it("keeps the deadline timer of a wait re-armed with the same deadline while the sweep held the old one", async () => {
    const f = await setUp();
    f.clock.now = new Date(Date.parse(f.deadline) + 60_000);
    // The reminders went out earlier: only the deadline timer is due.
    for (const t of await f.store.dueTimers(f.deadline.slice(0, 7), f.clock.now.toISOString()))
      if (t.kind === "reminder") await f.store.claimTimer(t);
    // As the sweep reads the wait, the owner's update has just completed it, and the tracker
    // re-arms it (a new token) before the sweep claims the timer it read.
    const getMeetingWith = f.store.getMeetingWith.bind(f.store);
    let raced = false;
    f.store.getMeetingWith = async (id, also) => {
      if (raced || !also.wait) return getMeetingWith(id, also);
      raced = true;
      const { purpose, ref } = also.wait;
      await f.store.closeWait(id, purpose, ref, "token-1", "completed", f.clock.now.toISOString());
      const seen = await getMeetingWith(id, also);
      const rearmed = await registerWait(f.k, { meetingId: id, purpose, ref, taskToken: "token-2" });
      expect(rearmed.deadline).toBe(f.deadline);
      return seen;
    };
    const first = await sweep(f.k);
    expect(first.deadlines).toBe(0);
    const wait = await f.store.getWait(f.meeting.id, "action", 1);
    expect(wait).toMatchObject({ status: "waiting", token: "token-2", deadline: f.deadline });
    const due = await f.store.dueTimers(f.deadline.slice(0, 7), f.clock.now.toISOString());
    expect(due.filter((t) => t.kind === "deadline").map((t) => t.ref)).toEqual([1]);
    // The next sweep escalates the re-armed wait.
    await sweep(f.k, { sweptUntil: first.sweptUntil });
    expect(failures(f)).toEqual(["token-2"]);
  });
});
