/**
 * The action use cases over in-memory ports (issue 13 part 1; issue 10's "every use case has unit
 * tests that run in milliseconds"): done on time and late, more time asked and refused, a new date
 * agreed, reassignment — each with what it stores, audits, sends and tells the workflow.
 */
import { describe, expect, it } from "vitest";
import { agreeNewActionDate } from "../../../domain/lifecycle/agree-new-action-date.ts";
import { askForMoreTime } from "../../../domain/lifecycle/ask-for-more-time.ts";
import { LifecycleStateError } from "../../../domain/lifecycle/kernel.ts";
import type { Invitee } from "../../../domain/lifecycle/model.ts";
import { ReassignError, reassignAction } from "../../../domain/lifecycle/reassign-action.ts";
import { refuseMoreTime } from "../../../domain/lifecycle/refuse-more-time.ts";
import { markActionDone } from "../../../domain/lifecycle/track-actions.ts";
import { kernelFixture } from "./kernel-fixture.ts";
import { testAction, testMeeting } from "./support.ts";

const person = (index: number, name: string, email: string, extra: Partial<Invitee> = {}): Invitee => ({
  index,
  name,
  email,
  role: "camhs",
  agency: "CAMHS",
  keyAgency: false,
  observer: false,
  family: false,
  ...extra,
});

async function setUp(now = "2026-07-06T09:00:00Z") {
  const f = kernelFixture(new Date(now));
  const meeting = await f.add(
    testMeeting({
      id: "mtestaaaaaaaaaaa",
      invitees: [
        person(1, "Dr Aisha Karim", "aisha@camhs.example.org", {
          lineManager: { name: "Lin Lead", email: "lin@camhs.example.org" },
        }),
        person(2, "Mark Bell", "mark@school.example.org", { role: "senco", agency: "Oakfield Primary" }),
        person(3, "Sam Parent", "sam@example.org", { role: "parent", agency: "Family", family: true }),
      ],
    }),
  );
  await f.store.putAction(
    meeting.id,
    testAction({
      number: 1,
      action: "Complete the CAMHS assessment",
      dueDate: "2026-07-15",
      responsible: {
        name: "Dr Aisha Karim",
        email: "aisha@camhs.example.org",
        inviteeIndex: 1,
        department: "CAMHS",
      },
    }),
  );
  return { ...f, meeting };
}

describe("marking an action done", () => {
  it("on or before its day: done, not late, audited, and the tracker's wait resolved", async () => {
    const f = await setUp("2026-07-15T16:00:00Z");
    const result = await markActionDone(
      f.k,
      f.meeting.id,
      1,
      "Assessment sent",
      "aisha@camhs.example.org",
      "email",
    );
    expect(result).toEqual({ recorded: true });
    const action = await f.store.getAction(f.meeting.id, 1);
    expect(action).toMatchObject({
      status: "done",
      doneNote: "Assessment sent",
      closedAt: "2026-07-15T16:00:00.000Z",
    });
    expect(action.doneLate).toBeUndefined();
    expect((await f.store.listAudit(f.meeting.id)).map((e) => [e.what, e.detail])).toEqual([
      ["action-done", { number: 1 }],
    ]);
  });

  it("after its day (in the authority's time zone) or after it slipped: recorded as late", async () => {
    // 23:30 UTC on 15 July is 00:30 on 16 July in London: the day after.
    const f = await setUp("2026-07-15T23:30:00Z");
    await markActionDone(f.k, f.meeting.id, 1, undefined, "aisha@camhs.example.org", "page");
    expect((await f.store.getAction(f.meeting.id, 1)).doneLate).toBe(true);
    const g = await setUp("2026-07-10T09:00:00Z");
    await g.store.putAction(g.meeting.id, {
      ...(await g.store.getAction(g.meeting.id, 1)),
      status: "slipped",
    });
    await markActionDone(g.k, g.meeting.id, 1, undefined, "aisha@camhs.example.org", "page");
    expect(await g.store.getAction(g.meeting.id, 1)).toMatchObject({ status: "done", doneLate: true });
  });

  it("a done action, or one that does not exist, is answered as closed and nothing changes", async () => {
    const f = await setUp();
    await markActionDone(f.k, f.meeting.id, 1, undefined, "aisha@camhs.example.org", "page");
    const before = await f.store.listAudit(f.meeting.id);
    expect(
      await markActionDone(f.k, f.meeting.id, 1, undefined, "aisha@camhs.example.org", "page"),
    ).toMatchObject({
      recorded: false,
    });
    expect(
      await markActionDone(f.k, f.meeting.id, 9, undefined, "aisha@camhs.example.org", "page"),
    ).toMatchObject({
      recorded: false,
    });
    expect(await f.store.listAudit(f.meeting.id)).toEqual(before);
  });
});

describe("more time", () => {
  it("asked: the words and the date proposed kept, the team manager and chair told, the owner answered", async () => {
    const f = await setUp();
    const result = await askForMoreTime(f.k, {
      meetingId: f.meeting.id,
      number: 1,
      text: "I need more time – can we extend this to 24 July?",
      actor: "aisha@camhs.example.org",
      via: "email",
    });
    expect(result).toEqual({ recorded: true, proposed: "2026-07-24" });
    const action = await f.store.getAction(f.meeting.id, 1);
    expect(action.moreTimeAsked).toMatchObject({ proposed: "2026-07-24", by: "aisha@camhs.example.org" });
    expect(action.dueDate).toBe("2026-07-15");
    const to = f.sent.map((e) => [e.kind, e.to.map((t) => t.email).join(",")]);
    expect(to).toContainEqual(["more-time-asked", expect.stringContaining("tm@example.org")]);
    expect(to).toContainEqual(["more-time-received", "aisha@camhs.example.org"]);
  });

  it("refused: a reason is required, the request is dropped, the date stands and the owner is told why", async () => {
    const f = await setUp();
    await expect(
      refuseMoreTime(f.k, {
        meetingId: f.meeting.id,
        number: 1,
        reason: "x",
        actor: "tm@example.org",
        via: "page",
      }),
    ).rejects.toBeInstanceOf(LifecycleStateError);
    await askForMoreTime(f.k, {
      meetingId: f.meeting.id,
      number: 1,
      text: "Can we extend this to 24 July?",
      actor: "aisha@camhs.example.org",
      via: "email",
    });
    const { action } = await refuseMoreTime(f.k, {
      meetingId: f.meeting.id,
      number: 1,
      reason: "The court needs it before the hearing.",
      actor: "tm@example.org",
      via: "page",
    });
    expect(action.moreTimeAsked).toBeUndefined();
    expect(action.dueDate).toBe("2026-07-15");
    const told = f.sent.filter((e) => e.kind === "more-time-refused");
    expect(told.map((e) => e.to[0]?.email)).toEqual(["aisha@camhs.example.org"]);
    expect(told[0]?.text).toContain("The court needs it before the hearing.");
  });
});

describe("a new date agreed", () => {
  it("moves the date, records who and why, fails the tracker's wait so it starts again from the new date", async () => {
    const f = await setUp();
    await f.store.putWait(f.meeting.id, {
      purpose: "action",
      ref: 1,
      token: "tok-1",
      status: "waiting",
      level: 1,
      deadline: "2026-07-16T17:00:00.000Z",
      reminders: [],
      registeredAt: "2026-07-01T09:00:00.000Z",
    });
    const { action, restarted } = await agreeNewActionDate(f.k, {
      meetingId: f.meeting.id,
      number: 1,
      dueDate: "2026-07-29",
      reason: "Waiting list at the clinic.",
      actor: "tm@example.org",
      via: "page",
    });
    expect(restarted).toBe("tracker-reset");
    expect(action.dueDate).toBe("2026-07-29");
    expect(action.dateChanges).toEqual([
      expect.objectContaining({
        from: "2026-07-15",
        to: "2026-07-29",
        by: "tm@example.org",
        reason: "Waiting list at the clinic.",
      }),
    ]);
    expect(f.workflow.map((w) => w.call)).toContain("sendTaskFailure");
    expect(
      f.sent.some((e) => e.kind === "action-redated" && e.to[0]?.email === "aisha@camhs.example.org"),
    ).toBe(true);
  });
});

describe("reassignment", () => {
  it("gives the action to another professional at the meeting, tells both, and refuses a family member or no one", async () => {
    const f = await setUp();
    await expect(
      reassignAction(f.k, {
        meetingId: f.meeting.id,
        number: 1,
        ownerIndex: 3,
        reason: "r",
        actor: "chair@example.org",
        via: "page",
      }),
    ).rejects.toBeInstanceOf(ReassignError);
    await expect(
      reassignAction(f.k, {
        meetingId: f.meeting.id,
        number: 1,
        ownerIndex: undefined,
        reason: "r",
        actor: "chair@example.org",
        via: "page",
      }),
    ).rejects.toBeInstanceOf(ReassignError);
    const { action } = await reassignAction(f.k, {
      meetingId: f.meeting.id,
      number: 1,
      ownerIndex: 2,
      reason: "The school holds the records.",
      actor: "chair@example.org",
      via: "page",
    });
    expect(action.responsible).toMatchObject({
      name: "Mark Bell",
      email: "mark@school.example.org",
      inviteeIndex: 2,
    });
    const kinds = f.sent.map((e) => [e.kind, e.to[0]?.email]);
    expect(kinds).toContainEqual(["action-reassigned", "mark@school.example.org"]);
    expect(kinds).toContainEqual(["action-reassigned", "aisha@camhs.example.org"]);
  });
});
