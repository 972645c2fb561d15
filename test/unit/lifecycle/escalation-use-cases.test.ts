/**
 * Escalation over in-memory ports (escalate.ts, escalation.ts; issue 10: every use case has unit
 * tests that run in milliseconds): who is told, rung by rung (seed 001: the professional's own line
 * manager first, then the chair and team manager; issue 13: the service manager), the owner named,
 * a chair's own action to the team manager, nobody twice, once per rung; the other reasons (an
 * unrecorded meeting, a missing transcript, overdue approvals, a failing step, late minutes), and
 * agreed minutes blocked on content (notice-blocked.ts).
 */
import { describe, expect, it } from "vitest";
import { escalate } from "../../../domain/lifecycle/escalate.ts";
import { escalationReasonSchema } from "../../../domain/lifecycle/escalation.ts";
import type { Invitee, Meeting, Wait } from "../../../domain/lifecycle/model.ts";
import { noticeBlocked } from "../../../domain/lifecycle/notice-blocked.ts";
import type { LifecycleSettings } from "../../../domain/lifecycle/settings.ts";
import type { OutgoingEmail } from "../../../domain/ports/mailer.ts";
import { kernelFixture, minutesStub } from "./kernel-fixture.ts";
import { drafted } from "./minutes-fixture.ts";
import { testAction, testMeeting, testSettings } from "./support.ts";

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

const addresses = (email: OutgoingEmail | undefined) => ({
  to: email?.to.map((a) => a.email) ?? [],
  cc: email?.cc?.map((a) => a.email) ?? [],
});

/** The chair's meeting, with an owner who has a line manager, one who has none, and actions for each and the chair. */
interface SetUp {
  meeting?: Partial<Meeting>;
  blockers?: string[];
  settings?: LifecycleSettings;
}

async function setUp(options: SetUp = {}) {
  const f = kernelFixture(new Date("2026-07-20T09:00:00Z"), {
    minutes: minutesStub({ finaliseBlockers: () => options.blockers ?? [] }),
    settings: options.settings ?? testSettings,
  });
  const meeting = await f.add(
    testMeeting({
      id: "mescalateaaaaaaa",
      invitees: [
        person(1, "Dr Aisha Karim", "aisha@camhs.example.org", {
          lineManager: { name: "Lin Lead", email: "lin@camhs.example.org" },
        }),
        person(2, "Mark Bell", "mark@school.example.org", { role: "senco", agency: "Oakfield Primary" }),
      ],
      ...options.meeting,
    }),
  );
  const owner = (p: Invitee) => ({ name: p.name, email: p.email, inviteeIndex: p.index });
  const [aisha, mark] = meeting.invitees as [Invitee, Invitee];
  await f.store.putAction(
    meeting.id,
    testAction({ number: 1, action: "Complete the CAMHS assessment", responsible: owner(aisha) }),
  );
  await f.store.putAction(
    meeting.id,
    testAction({ number: 2, action: "Share the attendance record", responsible: owner(mark) }),
  );
  await f.store.putAction(
    meeting.id,
    testAction({ number: 3, action: "Write to the GP", responsible: owner(meeting.chair) }),
  );
  return { ...f, meeting };
}

const overdue = (meetingId: string, actionNumber: number, level: number) =>
  ({ meetingId, reason: "action-overdue", actionNumber, level }) as const;

describe("an overdue action, rung by rung", () => {
  it("rung 1: to the owner's line manager, the owner copied and named, the action's rung recorded and audited", async () => {
    const f = await setUp();
    const result = await escalate(f.k, overdue(f.meeting.id, 1, 1));
    expect(result).toEqual({ escalatedTo: ["lin@camhs.example.org"], level: 1 });
    expect(f.sent).toHaveLength(1);
    const [email] = f.sent;
    expect(email?.kind).toBe("escalation");
    expect(addresses(email)).toEqual({
      to: ["lin@camhs.example.org"],
      cc: ["aisha@camhs.example.org", "chair@example.org"],
    });
    expect(email?.text).toContain("owned by Dr Aisha Karim (camhs, CAMHS)");
    expect(email?.text).toContain("Action 1: Complete the CAMHS assessment");
    expect(email?.text).toContain("15 July 2026");
    expect((await f.store.getAction(f.meeting.id, 1)).escalationLevel).toBe(1);
    const audit = (await f.store.listAudit(f.meeting.id)).find((e) => e.what === "escalation:action-overdue");
    expect(audit?.detail).toEqual({ level: 1, to: ["lin@camhs.example.org"], actionNumber: 1 });
  });

  it("rung 1 with no line manager recorded: to the chair, saying why, the owner copied", async () => {
    const f = await setUp();
    await escalate(f.k, overdue(f.meeting.id, 2, 1));
    const [email] = f.sent;
    expect(addresses(email)).toEqual({ to: ["chair@example.org"], cc: ["mark@school.example.org"] });
    expect(email?.text).toContain("No line manager is recorded for the responsible professional");
    expect(email?.text).toContain("owned by Mark Bell");
  });

  it("rung 2: the chair and the team manager, the owner's line manager copied", async () => {
    const f = await setUp();
    await escalate(f.k, overdue(f.meeting.id, 1, 2));
    expect(addresses(f.sent[0])).toEqual({
      to: ["chair@example.org", "tm@example.org"],
      cc: ["lin@camhs.example.org"],
    });
    expect((await f.store.getAction(f.meeting.id, 1)).escalationLevel).toBe(2);
  });

  it("rung 3: the service manager over the team manager, the chair and team manager copied", async () => {
    const f = await setUp({ meeting: { serviceManager: { name: "Sid Service", email: "sid@example.org" } } });
    await escalate(f.k, overdue(f.meeting.id, 1, 3));
    expect(addresses(f.sent[0])).toEqual({
      to: ["sid@example.org"],
      cc: ["tm@example.org", "chair@example.org", "lin@camhs.example.org"],
    });
  });

  it("rung 3 with no service manager (on the meeting or the authority): the chair and team manager again, saying so", async () => {
    const f = await setUp();
    await escalate(f.k, overdue(f.meeting.id, 1, 3));
    expect(addresses(f.sent[0]).to).toEqual(["chair@example.org", "tm@example.org"]);
    expect(f.sent[0]?.text).toContain("No service manager is recorded over the team manager");
  });

  it("the chair's own action goes to the team manager, the chair copied", async () => {
    const f = await setUp();
    const result = await escalate(f.k, overdue(f.meeting.id, 3, 1));
    expect(result.escalatedTo).toEqual(["tm@example.org"]);
    expect(addresses(f.sent[0])).toEqual({ to: ["tm@example.org"], cc: ["chair@example.org"] });
    expect(f.sent[0]?.text).toContain("The action is the chair's own, so this comes to the team manager.");
  });

  it("nobody gets two copies: a line manager who is also the team manager is addressed once", async () => {
    const f = await setUp({
      meeting: {
        invitees: [
          person(1, "Dr Aisha Karim", "aisha@camhs.example.org", {
            lineManager: { name: "Tess Manager", email: "TM@example.org" },
          }),
          person(2, "Mark Bell", "mark@school.example.org"),
        ],
      },
    });
    await escalate(f.k, overdue(f.meeting.id, 1, 2));
    const { to, cc } = addresses(f.sent[0]);
    const all = [...to, ...cc].map((e) => e.toLowerCase());
    expect(all).toEqual(["chair@example.org", "tm@example.org"]);
    expect(new Set(all).size).toBe(all.length);
  });

  it("is sent once per rung: the step run again sends nothing more; the next rung sends again", async () => {
    const f = await setUp();
    await escalate(f.k, overdue(f.meeting.id, 1, 1));
    await escalate(f.k, overdue(f.meeting.id, 1, 1));
    expect(f.sent).toHaveLength(1);
    await escalate(f.k, overdue(f.meeting.id, 1, 2));
    expect(f.sent).toHaveLength(2);
  });
});

const expiredWait = (purpose: Wait["purpose"], level: number): Wait => ({
  purpose,
  ref: 0,
  token: `${purpose}-token`,
  status: "expired",
  level,
  deadline: "2026-07-17T16:00:00.000Z",
  reminders: [],
  registeredAt: "2026-07-10T09:00:00.000Z",
});

describe("a meeting not recorded, a transcript missing, a failing step, late minutes", () => {
  it("an unrecorded meeting: the chair at the first deadline, then the team manager too; each wait marked escalated; once per deadline", async () => {
    const f = await setUp({ meeting: { phase: "await-meeting" } });
    await f.store.putWait(f.meeting.id, expiredWait("meeting-held", 0));
    expect(
      await escalate(f.k, { meetingId: f.meeting.id, reason: "meeting-not-recorded", level: 1 }),
    ).toEqual({
      escalatedTo: ["chair@example.org"],
      level: 1,
    });
    expect(f.sent[0]?.text).toContain("attendance has not been recorded");
    expect((await f.store.getWait(f.meeting.id, "meeting-held", 0))?.escalated).toBe(true);
    await escalate(f.k, { meetingId: f.meeting.id, reason: "meeting-not-recorded", level: 1 });
    expect(f.sent).toHaveLength(1);
    // The next wait (a rung up) expires in turn.
    await f.store.putWait(f.meeting.id, expiredWait("meeting-held", 1));
    const second = await escalate(f.k, { meetingId: f.meeting.id, reason: "meeting-not-recorded", level: 2 });
    expect(second.escalatedTo).toEqual(["chair@example.org", "tm@example.org"]);
    expect(f.sent).toHaveLength(2);
  });

  it("a missing transcript: the chair, told the minutes will be drafted from the template", async () => {
    const f = await setUp({ meeting: { phase: "transcribe" } });
    await f.store.putWait(f.meeting.id, expiredWait("transcript", 0));
    const result = await escalate(f.k, { meetingId: f.meeting.id, reason: "transcript-missing" });
    expect(result.escalatedTo).toEqual(["chair@example.org"]);
    expect(f.sent[0]?.text).toContain("No transcript has arrived");
    expect((await f.store.getWait(f.meeting.id, "transcript", 0))?.escalated).toBe(true);
  });

  it("a step failing after retries: the chair and the child's team manager (not the authority's contact), every failure its own alert", async () => {
    const f = await setUp({ meeting: { teamManager: { name: "Tina Team", email: "tina@example.org" } } });
    await escalate(f.k, { meetingId: f.meeting.id, reason: "handler-failure", failure: { error: "Boom" } });
    f.clock.now = new Date("2026-07-20T09:05:00Z");
    await escalate(f.k, { meetingId: f.meeting.id, reason: "handler-failure" });
    expect(f.sent.map((e) => addresses(e).to)).toEqual([
      ["chair@example.org", "tina@example.org"],
      ["chair@example.org", "tina@example.org"],
    ]);
    expect(f.sent[0]?.text).toContain("will resume when fixed");
  });

  it("minutes distributed late: the chair and the meeting's team manager, once per version", async () => {
    const f = await setUp({ meeting: { teamManager: { name: "Tina Team", email: "tina@example.org" } } });
    await escalate(f.k, { meetingId: f.meeting.id, reason: "distribution-late" });
    await escalate(f.k, { meetingId: f.meeting.id, reason: "distribution-late" });
    expect(f.sent.map((e) => addresses(e).to)).toEqual([["chair@example.org", "tina@example.org"]]);
    expect(f.sent[0]?.text).toContain("were due out by 2026-07-10 and went out late");
  });

  it("every reason the workflow escalates for is one the handler accepts, and no other", () => {
    expect(escalationReasonSchema.safeParse("action-overdue").success).toBe(true);
    expect(escalationReasonSchema.safeParse("approvals-overdue").success).toBe(true);
    expect(escalationReasonSchema.safeParse("coffee-late").success).toBe(false);
  });
});

/** Minutes version 1 out for approval: everyone attended; the chair and Aisha approved, Mark has not answered. */
async function approvalsOverdue(options: SetUp & { approved?: number[] } = {}) {
  const f = await setUp({
    ...options,
    meeting: { phase: "agree-minutes", minutesVersion: 1, minutesDueBy: "2026-07-24", ...options.meeting },
  });
  for (const p of [f.meeting.chair, ...f.meeting.invitees])
    await f.store.putAnswer(f.meeting.id, {
      index: p.index,
      attendance: "attended",
      reportReceived: false,
      at: f.meeting.end,
    });
  await f.store.putMinutesVersion(f.meeting.id, {
    version: 1,
    hash: "h1",
    minutes: await drafted(f.meeting, await f.store.listAnswers(f.meeting.id)),
    createdAt: "2026-07-02T09:00:00.000Z",
    createdBy: "drafter",
  });
  for (const index of options.approved ?? [0, 1])
    await f.store.putApproval(f.meeting.id, {
      version: 1,
      index,
      response: "approve",
      at: "2026-07-03T09:00:00.000Z",
    });
  await f.store.putWait(f.meeting.id, expiredWait("approval", 0));
  return f;
}

describe("approvals overdue", () => {
  it("asks the chair to confirm the minutes as agreed by those who have not answered, with the chair's own approval link, and reminds them", async () => {
    const f = await approvalsOverdue();
    const result = await escalate(f.k, { meetingId: f.meeting.id, reason: "approvals-overdue" });
    expect(result.escalatedTo).toEqual(["chair@example.org"]);
    const escalation = f.sent.find((e) => e.kind === "escalation");
    expect(escalation?.text).toContain("Minutes version 1: no answer yet from Mark Bell (senco).");
    expect(escalation?.text).toContain("Reply APPROVE to confirm");
    // The chair's own approval address: the reply is the chair's answer, not refused for want of a token.
    const chairLink = f.k.approvalLink(f.meeting.id, 0, 1).address;
    expect(escalation?.replyTo?.email).toBe(chairLink);
    const reminders = f.sent.filter((e) => e.kind === "reminder");
    expect(reminders.map((e) => e.to[0]?.email)).toEqual(["mark@school.example.org"]);
    expect((await f.store.getWait(f.meeting.id, "approval", 0))?.escalated).toBe(true);
    // Run again for the same deadline: nothing more.
    await escalate(f.k, { meetingId: f.meeting.id, reason: "approvals-overdue" });
    expect(f.sent).toHaveLength(2);
  });

  it("a chair who has not answered either is asked as 'you', not by name, and gets no reminder beside the escalation", async () => {
    const f = await approvalsOverdue({ approved: [1] });
    await escalate(f.k, { meetingId: f.meeting.id, reason: "approvals-overdue" });
    const escalation = f.sent.find((e) => e.kind === "escalation");
    expect(escalation?.text).toContain("Minutes version 1: no answer yet from Mark Bell (senco) and you.");
    expect(escalation?.text).not.toContain("Chris Chair (chair)");
    expect(f.sent.filter((e) => e.kind === "reminder").map((e) => e.to[0]?.email)).toEqual([
      "mark@school.example.org",
    ]);
  });

  it("without deemed agreement, goes to the chair and team manager with no reply link", async () => {
    const f = await approvalsOverdue({
      settings: {
        ...testSettings,
        minutes: { approvalWorkingDays: 3, nonResponder: { rule: "escalate", afterWorkingDays: 3 } },
      },
    });
    await escalate(f.k, { meetingId: f.meeting.id, reason: "approvals-overdue" });
    const escalation = f.sent.find((e) => e.kind === "escalation");
    expect(addresses(escalation).to).toEqual(["chair@example.org", "tm@example.org"]);
    expect(escalation?.text).not.toContain("Reply APPROVE");
  });

  it("a record the chair alone finalises: the chair and team manager told it is not yet finalised", async () => {
    const f = await approvalsOverdue({
      meeting: { minutesAgreedBy: "chair", recordName: "Plan" },
      approved: [],
    });
    await escalate(f.k, { meetingId: f.meeting.id, reason: "approvals-overdue" });
    const escalation = f.sent.find((e) => e.kind === "escalation");
    expect(addresses(escalation).to).toEqual(["chair@example.org", "tm@example.org"]);
    expect(escalation?.text).toContain("Chris Chair (chair) has not yet finalised version 1 of the Plan");
  });

  it("everyone answered but the minutes are blocked on content: the chair told once what is missing, nobody chased", async () => {
    const f = await approvalsOverdue({ blockers: ["Child's views: not recorded"] });
    await f.store.putApproval(f.meeting.id, {
      version: 1,
      index: 2,
      response: "approve",
      at: "2026-07-03T09:00:00.000Z",
    });
    const result = await escalate(f.k, { meetingId: f.meeting.id, reason: "approvals-overdue" });
    expect(result.escalatedTo).toEqual(["chair@example.org"]);
    expect(f.sent.map((e) => e.headers?.["X-Convene-Kind"])).toEqual(["minutes-blocked"]);
    expect(f.sent[0]?.text).toContain("- Child's views: not recorded");
    expect(f.sent.filter((e) => e.kind === "reminder")).toEqual([]);
    expect((await f.store.getWait(f.meeting.id, "approval", 0))?.escalated).toBe(true);
  });
});

describe("agreed minutes blocked on content", () => {
  it("tells the chair once per version, with the chair's approval address, and audits what is missing", async () => {
    const f = await setUp({
      meeting: { phase: "agree-minutes", minutesVersion: 2, minutesDueBy: "2026-07-24" },
    });
    const to = await noticeBlocked(f.k, f.meeting, 2, 0, ["Contingency plan: missing"]);
    expect(to.map((a) => a.email)).toEqual(["chair@example.org"]);
    expect(f.sent[0]?.replyTo?.email).toBe(f.k.approvalLink(f.meeting.id, 0, 2).address);
    expect(f.sent[0]?.text).toContain("Every attendee agreed version 2");
    await noticeBlocked(f.k, f.meeting, 2, 0, ["Contingency plan: missing"]);
    expect(f.sent).toHaveLength(1);
    const audit = (await f.store.listAudit(f.meeting.id)).filter((e) => e.what === "minutes-blocked");
    expect(audit[0]?.detail).toEqual({
      version: 2,
      blockers: ["Contingency plan: missing"],
      to: ["chair@example.org"],
    });
  });

  it("after the minutes were due out: the team manager too; nothing while someone has still to answer or nothing blocks", async () => {
    const f = await setUp({
      meeting: { phase: "agree-minutes", minutesVersion: 2, minutesDueBy: "2026-07-10" },
    });
    expect(await noticeBlocked(f.k, f.meeting, 2, 1, ["Contingency plan: missing"])).toEqual([]);
    expect(await noticeBlocked(f.k, f.meeting, 2, 0, [])).toEqual([]);
    expect(f.sent).toEqual([]);
    const to = await noticeBlocked(f.k, f.meeting, 2, 0, ["Contingency plan: missing"]);
    expect(to.map((a) => a.email)).toEqual(["chair@example.org", "tm@example.org"]);
    expect(f.sent[0]?.text).toContain("The minutes were due out by 2026-07-10.");
  });
});
