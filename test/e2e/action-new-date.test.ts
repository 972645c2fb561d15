/**
 * A team manager agrees a new date for an action (domain/lifecycle/agree-new-action-date.ts), on
 * the embedded runtime with the real action-tracker state machine: a slipped action's tracker
 * starts again; an escalated one goes back to the first rung; reminders and the ladder follow the
 * new date; the owner and the chair are told; bad dates change nothing.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDemoMeeting } from "../../adapters/local/demo-scenario.ts";
import { ActionDateError, agreeNewActionDate } from "../../domain/lifecycle/agree-new-action-date.ts";
import { LifecycleStateError } from "../../domain/lifecycle/kernel.ts";
import type { Action } from "../../domain/lifecycle/model.ts";
import { reassignAction } from "../../domain/lifecycle/reassign-action.ts";
import { refuseMoreTime } from "../../domain/lifecycle/refuse-more-time.ts";
import { localDate } from "../../domain/lifecycle/time.ts";
import { markActionDone } from "../../domain/lifecycle/track-actions.ts";
import { startTestRuntime, type TestRuntime } from "./support.ts";

const day = 86_400_000;
const jordan = "jordan.ellis@demo.convene.local";
const aisha = "aisha.karim@camhs.example.org";

describe("agreeing a new date for an action", () => {
  let t: TestRuntime;
  let meetingId: string;
  let camhs: Action;
  const date = (offsetDays: number) =>
    localDate(new Date(t.runtime.clock.now().getTime() + offsetDays * day), "Europe/London");
  const agree = (dueDate: string, reason = "The CAMHS waiting list moved; the team manager agreed.") =>
    agreeNewActionDate(t.runtime.kernel, {
      meetingId,
      number: camhs.number,
      dueDate,
      reason,
      actor: jordan,
      via: "test",
    });
  const ladder = async () =>
    (await t.runtime.store.listAudit(meetingId)).filter(
      (e) => e.what === "escalation:action-overdue" && e.detail.actionNumber === camhs.number,
    );

  beforeAll(async () => {
    t = await startTestRuntime();
    meetingId = (await runDemoMeeting(t.runtime, t.mailer)).meetingId;
    const slipped = (await t.runtime.store.listActions(meetingId)).find((a) => a.responsible.email === aisha);
    if (!slipped) throw new Error("the demo's CAMHS action is missing");
    camhs = slipped;
  }, 180_000);
  afterAll(async () => {
    await t?.runtime.close();
  });

  it("refuses a date in the past, a non-date and no reason, and changes nothing", async () => {
    expect(camhs.status).toBe("slipped");
    await expect(agree(date(-1))).rejects.toThrow(ActionDateError);
    await expect(agree("2027-02-30")).rejects.toThrow(/dueDate: Enter a real date/);
    await expect(agree(date(14), "  ")).rejects.toThrow(/^reason: Say why/);
    // Both at once, each naming its field.
    await expect(agree("", "")).rejects.toMatchObject({
      problems: [
        { field: "dueDate", message: "Enter the new date" },
        { field: "reason", message: expect.stringMatching(/^Say why/) },
      ],
    });
    const after = await t.runtime.store.getAction(meetingId, camhs.number);
    expect(after).toEqual(camhs);
  });

  it("starts a slipped action's tracker again, and tells the owner (with a reply address) and the chair", async () => {
    const sentBefore = t.mailer.sent.length;
    const due = date(14);
    const result = await agree(due);
    await t.runtime.settle();
    expect(result.restarted).toBe("tracker-started");
    const action = await t.runtime.store.getAction(meetingId, camhs.number);
    expect(action).toMatchObject({ status: "open", dueDate: due, escalationLevel: 0 });
    expect(action.closedAt).toBeUndefined();
    expect(action.dateChanges).toEqual([
      expect.objectContaining({ from: camhs.dueDate, to: due, by: jordan }),
    ]);
    const wait = await t.runtime.store.getWait(meetingId, "action", camhs.number);
    expect(wait).toMatchObject({ status: "waiting", level: 0 });
    expect((wait?.deadline ?? "").slice(0, 10) > due).toBe(true);
    expect(await t.runtime.store.listInFlight()).toContain(meetingId);
    const told = t.mailer.sent.slice(sentBefore).filter((e) => e.kind === "action-redated");
    expect(told.map((e) => e.to[0]?.email).sort()).toEqual([aisha, "priya.shah@shah-solicitors.example.org"]);
    const owner = told.find((e) => e.to[0]?.email === aisha);
    expect(owner?.subject).toMatch(/Action \d+: new date /);
    expect(owner?.text).toContain("The CAMHS waiting list moved");
    expect(owner?.text).toMatch(/\/r\/[a-z2-7]+/);
    expect(owner?.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("escalates again from the new date when it is missed, then goes back to the first rung when another is agreed", async () => {
    const before = (await ladder()).length;
    const action = await t.runtime.store.getAction(meetingId, camhs.number);
    await t.runtime.advanceTo(new Date(new Date(`${action.dueDate}T12:00:00Z`).getTime() + 4 * day));
    const rungs = (await ladder()).slice(before);
    expect(rungs.map((e) => e.detail.level)).toEqual([1]);
    expect((await t.runtime.store.getWait(meetingId, "action", camhs.number))?.level).toBe(1);

    const due = date(10);
    const result = await agree(due, "Assessment booked for that week.");
    await t.runtime.settle();
    expect(result.restarted).toBe("tracker-reset");
    const wait = await t.runtime.store.getWait(meetingId, "action", camhs.number);
    expect(wait).toMatchObject({ status: "waiting", level: 0 });
    expect((wait?.deadline ?? "").slice(0, 10) > due).toBe(true);
    expect((await t.runtime.store.getAction(meetingId, camhs.number)).dateChanges).toHaveLength(2);

    // Reminded before the new date, not escalated.
    const sentBefore = t.mailer.sent.length;
    await t.runtime.advanceTo(new Date(new Date(`${due}T08:00:00Z`).getTime() - day));
    const reminders = t.mailer.sent
      .slice(sentBefore)
      .filter((e) => e.kind === "action-reminder" && e.to[0]?.email === aisha);
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    expect((await ladder()).length).toBe(before + 1);
  });

  it("closes the action when the owner says it is done, and the tracker ends", async () => {
    await markActionDone(t.runtime.kernel, meetingId, camhs.number, "Assessment completed.", aisha, "test");
    await t.runtime.settle();
    expect((await t.runtime.store.getAction(meetingId, camhs.number)).status).toBe("done");
    const trackers = [...t.runtime.workflow.executions.values()].filter((e) =>
      e.name.startsWith(`${meetingId}-action-${camhs.number}`),
    );
    expect(trackers.every((e) => e.status !== "RUNNING")).toBe(true);
    expect(trackers.some((e) => e.status === "FAILED")).toBe(false);
    await expect(agree(date(20))).rejects.toThrow(LifecycleStateError);
  });
});

describe("the owner asks for more time, and a late 'done' after a slip", () => {
  let t: TestRuntime;
  let meetingId: string;
  let camhs: Action;
  const tokenIn = (text: string | undefined) => /\/r\/([a-z2-7]+)/.exec(text ?? "")?.[1];

  beforeAll(async () => {
    t = await startTestRuntime();
    meetingId = (await runDemoMeeting(t.runtime, t.mailer)).meetingId;
    const slipped = (await t.runtime.store.listActions(meetingId)).find((a) => a.responsible.email === aisha);
    if (!slipped) throw new Error("the demo's CAMHS action is missing");
    camhs = slipped;
  }, 180_000);
  afterAll(async () => {
    await t?.runtime.close();
  });

  it("keeps the request with the date it names, tells the team manager and the chair with the page to agree it, and the owner that it arrived", async () => {
    const reminder = t.mailer.latest(meetingId, "action-reminder", aisha);
    const token = tokenIn(reminder?.text);
    if (!token) throw new Error("no answer link in the action reminder");
    const sentBefore = t.mailer.sent.length;
    const words = "I need more time - the clinic is full. Can we extend this to 15 January?";
    const outcome = await t.runtime.replyDesk().applyPage(token, "more-time", words, "more-time-1");
    expect(outcome).toMatchObject({ status: "applied", intent: "more-time" });
    const action = await t.runtime.store.getAction(meetingId, camhs.number);
    expect(action.status).toBe("slipped");
    expect(action.dueDate).toBe(camhs.dueDate);
    expect(action.moreTimeAsked).toMatchObject({ by: aisha, text: words });
    expect(action.moreTimeAsked?.proposed).toMatch(/^\d{4}-01-15$/);
    const sent = t.mailer.sent.slice(sentBefore);
    const asked = sent.filter((e) => e.kind === "more-time-asked");
    expect(asked.map((e) => e.to[0]?.email).sort()).toEqual([
      jordan,
      "priya.shah@shah-solicitors.example.org",
    ]);
    expect(asked[0]?.subject).toMatch(/More time asked for action \d+ — owner Dr Aisha Karim/);
    expect(asked[0]?.text).toContain(`/team/action/${meetingId}/${camhs.number}`);
    expect(asked[0]?.text).toMatch(/Date asked for: \w+day 15 January/);
    expect(sent.filter((e) => e.kind === "more-time-received").map((e) => e.to[0]?.email)).toEqual([aisha]);
  });

  it("refuses the request with a reason the owner is told; the date stands and nothing else changes", async () => {
    await expect(
      refuseMoreTime(t.runtime.kernel, {
        meetingId,
        number: camhs.number,
        reason: " ",
        actor: jordan,
        via: "test",
      }),
    ).rejects.toThrow(/reason: Say why/);
    const sentBefore = t.mailer.sent.length;
    await refuseMoreTime(t.runtime.kernel, {
      meetingId,
      number: camhs.number,
      reason: "The court needs the assessment before the hearing.",
      actor: jordan,
      via: "test",
    });
    const action = await t.runtime.store.getAction(meetingId, camhs.number);
    expect(action.moreTimeAsked).toBeUndefined();
    expect(action).toMatchObject({ status: "slipped", dueDate: camhs.dueDate });
    const told = t.mailer.sent.slice(sentBefore).filter((e) => e.kind === "more-time-refused");
    expect(told.map((e) => e.to[0]?.email)).toEqual([aisha]);
    expect(told[0]?.text).toContain("The court needs the assessment before the hearing.");
    expect(told[0]?.text).toMatch(/\/r\/[a-z2-7]+/);
    // Nothing left to refuse.
    await expect(
      refuseMoreTime(t.runtime.kernel, {
        meetingId,
        number: camhs.number,
        reason: "x",
        actor: jordan,
        via: "test",
      }),
    ).rejects.toThrow(/nobody has asked/);
  });

  it("gives the action to someone else at the meeting: both told, the new owner with the reply address", async () => {
    const meeting = await t.runtime.store.getMeeting(meetingId);
    const tom = meeting.invitees.find((p) => p.name === "Tom Hughes");
    if (!tom) throw new Error("no Tom Hughes at the demo meeting");
    const reassign = (ownerIndex: number | undefined, reason: string) =>
      reassignAction(t.runtime.kernel, {
        meetingId,
        number: camhs.number,
        ownerIndex,
        reason,
        actor: jordan,
        via: "test",
      });
    await expect(reassign(undefined, "")).rejects.toMatchObject({
      problems: [{ field: "owner" }, { field: "reason" }],
    });
    const aishaIndex = meeting.invitees.find((p) => p.email === aisha)?.index;
    await expect(reassign(aishaIndex, "x")).rejects.toThrow(/already Dr Aisha Karim's/);
    const sentBefore = t.mailer.sent.length;
    await reassign(tom.index, "Tom is making the CAMHS referral now.");
    const action = await t.runtime.store.getAction(meetingId, camhs.number);
    expect(action.responsible).toMatchObject({
      name: "Tom Hughes",
      email: tom.email,
      inviteeIndex: tom.index,
    });
    const sent = t.mailer.sent.slice(sentBefore).filter((e) => e.kind === "action-reassigned");
    expect(sent.map((e) => e.to[0]?.email).sort()).toEqual([aisha, tom.email].sort());
    expect(sent.find((e) => e.to[0]?.email === tom.email)?.text).toMatch(/is now yours[\s\S]*\/r\/[a-z2-7]+/);
    expect(sent.find((e) => e.to[0]?.email === aisha)?.text).toMatch(
      /no longer yours: it has been given to Tom Hughes/,
    );
    expect(sent.find((e) => e.to[0]?.email === aisha)?.text).not.toMatch(/\/r\//);
    // The previous owner's old link no longer answers it: the page says whose it is now.
    const old = tokenIn(t.mailer.latest(meetingId, "action-reminder", aisha)?.text);
    if (!old) throw new Error("no earlier answer link");
    const refused = await t.runtime.replyDesk().applyPage(old, "done", "Done.", "old-owner-done");
    expect(refused).toMatchObject({
      status: "closed",
      closed: { reason: "action-reassigned", owner: "Tom Hughes" },
    });
    expect((await t.runtime.store.getAction(meetingId, camhs.number)).status).toBe("slipped");
  });

  it("records a 'done' that comes after the action slipped, as late", async () => {
    const meeting = await t.runtime.store.getMeeting(meetingId);
    const tom = meeting.invitees.find((p) => p.name === "Tom Hughes");
    const handedOver = t.mailer.latest(meetingId, "action-reassigned", tom?.email ?? "");
    const token = tokenIn(handedOver?.text);
    if (!token) throw new Error("no answer link");
    const outcome = await t.runtime
      .replyDesk()
      .applyPage(token, "done", "Assessment completed today.", "done-1");
    expect(outcome).toMatchObject({ status: "applied", intent: "done" });
    const action = await t.runtime.store.getAction(meetingId, camhs.number);
    expect(action).toMatchObject({ status: "done", doneLate: true, doneNote: "Assessment completed today." });
    const audit = await t.runtime.store.listAudit(meetingId);
    expect(audit.find((e) => e.what === "action-done" && e.detail.number === camhs.number)?.detail.late).toBe(
      true,
    );
  });
});
