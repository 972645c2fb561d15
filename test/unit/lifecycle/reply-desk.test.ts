/**
 * The reply desk over in-memory ports (replies.ts, reply-core.ts, answer-page.ts,
 * closed-question.ts, answer-unusable-reply.ts; issue 10: every use case has unit tests that run in
 * milliseconds): an answer applied once, by email or on the page; every kind of reply that is not
 * applied gets its answer (a refusal the sender is told of, once; a closed question answered with
 * what to do; an unclear one with help) — or, where its From may be forged or it is automatic,
 * none; and what the answer page asks.
 */
import { describe, expect, it } from "vitest";
import { answerPageQuestion } from "../../../domain/lifecycle/answer-page.ts";
import type { ReplyPurpose } from "../../../domain/lifecycle/kernel.ts";
import type { Invitee, Meeting } from "../../../domain/lifecycle/model.ts";
import type { Phase } from "../../../domain/lifecycle/phases.ts";
import { type InboundMessage, ReplyDesk } from "../../../domain/lifecycle/replies.ts";
import { kernelFixture, secret } from "./kernel-fixture.ts";
import { drafted, minutesPort, transcript, transcriptWithoutViews } from "./minutes-fixture.ts";
import { testAction, testMeeting, testSettings } from "./support.ts";

const person = (index: number, name: string, email: string, extra: Partial<Invitee> = {}): Invitee => ({
  index,
  name,
  email,
  role: "senco",
  agency: "Oakfield Primary",
  keyAgency: false,
  observer: false,
  family: false,
  ...extra,
});

/** A meeting on 1 July 2026 with Mark and Aisha invited, and the desk that reads their replies. */
async function desk(phase: Phase = "await-meeting", extra: Partial<Meeting> = {}, options = {}) {
  const f = kernelFixture(new Date("2026-06-25T09:00:00Z"), { minutes: minutesPort });
  const meeting = await f.add(
    testMeeting({
      id: "mreplydeskaaaaaa",
      phase,
      minutesVersion: 0,
      actionCount: 0,
      version: 0,
      invitees: [
        person(1, "Mark Bell", "mark@school.example.org"),
        person(2, "Dr Aisha Karim", "aisha@camhs.example.org", { role: "camhs", agency: "CAMHS" }),
      ],
      ...extra,
    }),
  );
  for (const p of [meeting.chair, ...meeting.invitees])
    await f.store.putAnswer(meeting.id, {
      index: p.index,
      attendance: p.index === 0 ? "attending" : "not-responded",
      reportReceived: false,
      invitedSequence: 0,
      at: "2026-06-20T09:00:00.000Z",
    });
  const replyDesk = new ReplyDesk(f.k.deps, {
    secret,
    replyDomain: testSettings.email.replyDomain,
    requireReceipt: false,
    ...options,
  });
  const link = (
    who: number,
    purpose: ReplyPurpose = "invitation",
    ref = 0,
    expires = "2026-07-02T09:00:00Z",
  ) => f.k.deps.replies.link(meeting.id, who, purpose, ref, new Date(expires));
  let n = 0;
  const email = (
    to: string,
    from: string,
    fresh: string,
    more: Partial<InboundMessage> = {},
  ): InboundMessage => ({
    messageId: `<reply-${++n}@mail.example.org>`,
    from,
    recipients: [to],
    fresh,
    documents: [],
    automatic: false,
    raw: `raw ${n}`,
    ...more,
  });
  return { ...f, meeting, desk: replyDesk, link, email };
}

const answerOf = async (f: Awaited<ReturnType<typeof desk>>, index: number) =>
  (await f.store.listAnswers(f.meeting.id)).find((a) => a.index === index)?.attendance;

describe("an emailed answer", () => {
  it("is applied once: the answer recorded and audited; the same message again is a duplicate", async () => {
    const f = await desk();
    const message = f.email(f.link(1).address, "Mark@School.example.org", "Yes, I will attend.");
    expect(await f.desk.applyEmail(message, undefined)).toMatchObject({
      status: "applied",
      intent: "accept",
      meetingId: f.meeting.id,
    });
    expect(await answerOf(f, 1)).toBe("attending");
    expect(await f.desk.applyEmail(message, undefined)).toMatchObject({ status: "duplicate" });
    const audit = (await f.store.listAudit(f.meeting.id)).filter((e) => e.what.startsWith("answer:"));
    expect(audit.map((e) => [e.actor, e.what, e.via])).toEqual([
      ["mark@school.example.org", "answer:attending", "email:<reply-1@mail.example.org>"],
    ]);
    expect(f.sent).toEqual([]);
  });

  it("a calendar client's Decline is recorded as apologies", async () => {
    const f = await desk();
    const message = f.email(f.link(2).address, "aisha@camhs.example.org", "", {
      calendarReply: { answer: "declined", attendee: "aisha@camhs.example.org", comment: "Clinic" },
    });
    expect(await f.desk.applyEmail(message, undefined)).toMatchObject({
      status: "applied",
      intent: "apologies",
    });
    expect(await answerOf(f, 2)).toBe("apologies");
  });

  it("an answer that cannot be read is answered with a short help email, changing nothing", async () => {
    const f = await desk();
    const result = await f.desk.applyEmail(
      f.email(f.link(1).address, "mark@school.example.org", "Can you send me the car park details?"),
      undefined,
    );
    expect(result).toMatchObject({ status: "applied", intent: "unknown" });
    expect(await answerOf(f, 1)).toBe("not-responded");
    expect(f.sent.map((e) => [e.kind, e.to[0]?.email])).toEqual([["help", "mark@school.example.org"]]);
    expect(f.sent[0]?.replyTo?.email).toBe(f.link(1).address);
    expect((await f.store.listAudit(f.meeting.id)).map((e) => e.what)).toContain("reply-unclear");
  });
});

describe("an emailed reply that is not applied", () => {
  const refusedTo = (f: Awaited<ReturnType<typeof desk>>) =>
    f.sent.filter((e) => e.kind === "reply-refused").map((e) => e.to[0]?.email);

  it("with no reply code: refused, and the sender told once per message and once a day", async () => {
    const f = await desk();
    const message = f.email("convene@example.org", "mark@school.example.org", "Yes, I will attend.");
    expect(await f.desk.applyEmail(message, undefined)).toMatchObject({
      status: "refused",
      reason: "no-token",
    });
    await f.desk.applyEmail(message, undefined);
    await f.desk.applyEmail(f.email("convene@example.org", "mark@school.example.org", "Hello?"), undefined);
    expect(refusedTo(f)).toEqual(["mark@school.example.org"]);
    expect(await answerOf(f, 1)).toBe("not-responded");
    // The next day, another message is answered again.
    f.clock.now = new Date("2026-06-26T09:00:00Z");
    await f.desk.applyEmail(f.email("convene@example.org", "mark@school.example.org", "Hello?"), undefined);
    expect(refusedTo(f)).toHaveLength(2);
  });

  it("from a colleague's address: refused, audited on the meeting, and the sender told", async () => {
    const f = await desk();
    const result = await f.desk.applyEmail(
      f.email(f.link(1).address, "office@school.example.org", "Mark will attend."),
      undefined,
    );
    expect(result).toMatchObject({ status: "refused", reason: "wrong-sender" });
    expect(await answerOf(f, 1)).toBe("not-responded");
    expect((await f.store.listAudit(f.meeting.id)).map((e) => [e.what, e.detail])).toEqual([
      ["reply-refused", { reason: "wrong-sender", detail: "From is not the invited person's address" }],
    ]);
    expect(refusedTo(f)).toEqual(["office@school.example.org"]);
  });

  it("with an expired code: refused, and the sender told", async () => {
    const f = await desk();
    const result = await f.desk.applyEmail(
      f.email(f.link(1, "invitation", 0, "2026-06-24T09:00:00Z").address, "mark@school.example.org", "Yes"),
      undefined,
    );
    expect(result).toMatchObject({ status: "refused", reason: "token-expired" });
    expect(refusedTo(f)).toEqual(["mark@school.example.org"]);
  });

  it("an out-of-office, a message the inbound rule refused, one from Convene's own reply domain, or a forged code: refused and never answered", async () => {
    const f = await desk();
    const auto = f.email(f.link(1).address, "mark@school.example.org", "I am out of the office", {
      automatic: true,
    });
    expect(await f.desk.applyEmail(auto, undefined)).toMatchObject({
      status: "refused",
      reason: "auto-reply",
    });
    const spoofed = f.email(f.link(1).address, "mark@school.example.org", "Yes");
    expect(await f.desk.applyEmail(spoofed, { accepted: false, reason: "DMARC fail" })).toMatchObject({
      status: "refused",
      reason: "receipt-refused",
    });
    const loop = f.email("convene@example.org", "reply+abc@reply.example.org", "Not recorded");
    expect(await f.desk.applyEmail(loop, undefined)).toMatchObject({ status: "refused", reason: "no-token" });
    const forged = f.email(`reply+${"a".repeat(40)}@reply.example.org`, "mark@school.example.org", "Yes");
    expect(await f.desk.applyEmail(forged, undefined)).toMatchObject({ status: "refused" });
    expect(f.sent).toEqual([]);
    expect(await answerOf(f, 1)).toBe("not-responded");
  });

  it("in the cloud, a message without the receipt verdicts is refused", async () => {
    const f = await desk("await-meeting", {}, { requireReceipt: true });
    const result = await f.desk.applyEmail(
      f.email(f.link(1).address, "mark@school.example.org", "Yes"),
      undefined,
    );
    expect(result).toMatchObject({ status: "refused", reason: "receipt-missing" });
    expect(f.sent).toEqual([]);
  });

  it("to a question that has closed (the meeting held): nothing changes, it is audited, and the sender told why", async () => {
    const f = await desk("transcribe");
    const result = await f.desk.applyEmail(
      f.email(f.link(1).address, "mark@school.example.org", "Yes, I will attend."),
      undefined,
    );
    expect(result).toMatchObject({ status: "closed", closed: { reason: "meeting-held" } });
    expect(await answerOf(f, 1)).toBe("not-responded");
    expect(f.sent.map((e) => [e.kind, e.to[0]?.email])).toEqual([
      ["reply-not-applied", "mark@school.example.org"],
    ]);
    expect((await f.store.listAudit(f.meeting.id)).find((e) => e.what === "reply-closed")?.detail).toEqual({
      purpose: "invitation",
      ref: 0,
      reason: "meeting-held",
    });
  });

  it("to an invitation a reschedule replaced, or minutes a newer version replaced: closed, naming what replaced it", async () => {
    const f = await desk("await-meeting", { sequence: 1 });
    expect(
      await f.desk.applyEmail(f.email(f.link(1).address, "mark@school.example.org", "Yes"), undefined),
    ).toMatchObject({ status: "closed", closed: { reason: "meeting-rescheduled", sequence: 1 } });
    const g = await desk("agree-minutes", { minutesVersion: 2 });
    expect(
      await g.desk.applyEmail(
        g.email(g.link(1, "approval", 1).address, "mark@school.example.org", "Approve"),
        undefined,
      ),
    ).toMatchObject({ status: "closed", closed: { reason: "minutes-superseded", version: 2 } });
    expect(g.sent.map((e) => e.kind)).toEqual(["reply-not-applied"]);
    expect(await g.store.listApprovals(g.meeting.id, 1)).toEqual([]);
  });

  it("the chair deciding 'the change' while two wait, naming neither: nothing decided, and the chair told", async () => {
    const f = await desk("agree-minutes", { minutesVersion: 1 });
    // Complete minutes: nothing blocks finalising, so the reply is not read as supplying a section.
    const minutes = await drafted(f.meeting, [], transcript);
    await f.store.putMinutesVersion(f.meeting.id, {
      version: 1,
      hash: minutesPort.hash(minutes),
      minutes,
      createdAt: "2026-06-23T09:00:00.000Z",
      createdBy: "drafter",
    });
    for (const index of [1, 2])
      await f.store.putApproval(f.meeting.id, {
        version: 1,
        index,
        response: "request-changes",
        text: `Change from ${index}`,
        at: "2026-06-24T09:00:00.000Z",
      });
    const result = await f.desk.applyEmail(
      f.email(f.link(0, "approval", 1).address, "chair@example.org", "I accept the change."),
      undefined,
    );
    expect(result).toMatchObject({ status: "closed", closed: { reason: "change-ambiguous", waiting: 2 } });
    expect((await f.store.listApprovals(f.meeting.id, 1)).every((a) => a.chairDecision === undefined)).toBe(
      true,
    );
    expect(f.sent.map((e) => [e.kind, e.to[0]?.email])).toEqual([["reply-not-applied", "chair@example.org"]]);
  });
});

describe("an answer on the page", () => {
  it("is applied once per form post; the same post again is a duplicate", async () => {
    const f = await desk();
    const { token } = f.link(2);
    expect(await f.desk.applyPage(token, "apologies", "At clinic", "post-1")).toMatchObject({
      status: "applied",
      intent: "apologies",
    });
    expect(await f.desk.applyPage(token, "accept", "", "post-1")).toMatchObject({ status: "duplicate" });
    expect(await answerOf(f, 2)).toBe("apologies");
  });

  it("refuses a link that cannot be used, and shows a closed question without sending anything", async () => {
    const f = await desk();
    expect(await f.desk.applyPage("not-a-token", "accept", "", "post-1")).toMatchObject({
      status: "refused",
      reason: "token-malformed",
    });
    const g = await desk("transcribe");
    expect(await g.desk.applyPage(g.link(1).token, "accept", "", "post-2")).toMatchObject({
      status: "closed",
      closed: { reason: "meeting-held" },
    });
    expect(g.sent).toEqual([]);
    expect((await g.store.listAudit(g.meeting.id)).map((e) => e.what)).toEqual(["reply-closed"]);
  });

  it("describes an open invitation with its choices, and a closed one with why and no form", async () => {
    const f = await desk();
    const open = await f.desk.describe(f.link(1).token);
    expect(open).toMatchObject({
      ok: true,
      heading: "Invitation: Professionals meeting",
      question: "Will you attend?",
    });
    expect("options" in open ? open.options.map((o) => o.choice) : []).toEqual([
      "accept",
      "apologies",
      "apologies-with-report",
    ]);
    const g = await desk("transcribe");
    const closed = await g.desk.describe(g.link(1).token);
    expect(closed).toMatchObject({ ok: false, closed: { reason: "meeting-held" }, chair: "Chris Chair" });
    expect(await f.desk.describe("not-a-token")).toEqual({
      ok: false,
      reason: "This link cannot be used (malformed).",
    });
    // Describing changes nothing.
    expect(await f.store.listAudit(f.meeting.id)).toEqual([]);
  });
});

/** The desk at agree-minutes on version 1 (complete minutes, everyone attended), with its approval wait. */
async function agreeing(text = transcript) {
  const f = await desk("agree-minutes", { minutesVersion: 1 });
  for (const p of [f.meeting.chair, ...f.meeting.invitees])
    await f.store.putAnswer(f.meeting.id, {
      index: p.index,
      attendance: "attended",
      reportReceived: false,
      at: f.meeting.end,
    });
  const minutes = await drafted(f.meeting, await f.store.listAnswers(f.meeting.id), text);
  await f.store.putMinutesVersion(f.meeting.id, {
    version: 1,
    hash: minutesPort.hash(minutes),
    minutes,
    createdAt: "2026-06-23T09:00:00.000Z",
    createdBy: "drafter",
  });
  await f.store.putWait(f.meeting.id, {
    purpose: "approval",
    ref: 0,
    token: "approval-token",
    status: "waiting",
    level: 0,
    deadline: "2026-07-07T16:00:00.000Z",
    reminders: [],
    registeredAt: "2026-06-23T09:00:00.000Z",
  });
  return f;
}

describe("what an applied reply does", () => {
  it("an attendee's APPROVE records their approval of that version", async () => {
    const f = await agreeing();
    const result = await f.desk.applyEmail(
      f.email(f.link(1, "approval", 1).address, "mark@school.example.org", "Approve"),
      undefined,
    );
    expect(result).toMatchObject({ status: "applied", intent: "approve" });
    expect((await f.store.listApprovals(f.meeting.id, 1)).map((a) => [a.index, a.response])).toEqual([
      [1, "approve"],
    ]);
  });

  it("a change asked for by email is recorded and sent to the chair with the chair's own answer address", async () => {
    const f = await agreeing();
    await f.desk.applyEmail(
      f.email(
        f.link(2, "approval", 1).address,
        "aisha@camhs.example.org",
        "Please change: the assessment is on 20 July.",
      ),
      undefined,
    );
    const [approval] = await f.store.listApprovals(f.meeting.id, 1);
    expect(approval).toMatchObject({ index: 2, response: "request-changes" });
    expect(approval?.text).toContain("20 July");
    expect(f.sent.map((e) => [e.to[0]?.email, e.replyTo?.email])).toEqual([
      ["chair@example.org", f.k.approvalLink(f.meeting.id, 0, 1).address],
    ]);
  });

  it("the chair accepting a change on the page decides it, and a new version goes out for approval", async () => {
    const f = await agreeing();
    await f.store.putApproval(f.meeting.id, {
      version: 1,
      index: 2,
      response: "request-changes",
      text: "The assessment is on 20 July.",
      at: "2026-06-24T09:00:00.000Z",
    });
    const result = await f.desk.applyPage(f.link(0, "approval", 1).token, "accept-change-2", "", "post-1");
    expect(result).toMatchObject({ status: "applied", message: "change accepted; minutes now at version 2" });
    expect((await f.store.getMeeting(f.meeting.id)).minutesVersion).toBe(2);
    // The same button on the page opened before: closed, the decision named.
    expect(
      await f.desk.applyPage(f.link(0, "approval", 1).token, "reject-change-2", "", "post-2"),
    ).toMatchObject({
      status: "closed",
    });
  });

  it("the chair naming speakers by email drafts the minutes again as a new version", async () => {
    const f = await agreeing();
    await f.blobs.put(
      `transcripts/${f.meeting.id}/meeting.vtt`,
      new TextEncoder().encode(`${transcript}
00:00:51.000 --> 00:00:58.000
<v spk_0>I can offer a nurture group place.
`),
    );
    await f.blobs.put(`transcripts/${f.meeting.id}/latest`, new TextEncoder().encode("meeting.vtt"));
    const result = await f.desk.applyEmail(
      f.email(f.link(0, "approval", 1).address, "chair@example.org", "spk_0 = Mark Bell"),
      undefined,
    );
    expect(result).toMatchObject({
      status: "applied",
      message: "speakers named; version 2 goes out for approval",
    });
    expect((await f.store.getMeeting(f.meeting.id)).speakerMap).toEqual({ spk_0: "Mark Bell" });
  });

  it("the chair's reply supplying a section the agreed minutes lack makes a new version", async () => {
    const f = await agreeing(transcriptWithoutViews);
    const result = await f.desk.applyEmail(
      f.email(
        f.link(0, "approval", 1).address,
        "chair@example.org",
        "Child's views: Jay wants to stay at Oakfield.\n\nContingency plan: an early review.",
      ),
      undefined,
    );
    expect(result).toMatchObject({ status: "applied", intent: "request-changes" });
    expect(result.message).toMatch(/sections supplied/);
    expect((await f.store.getMeeting(f.meeting.id)).minutesVersion).toBe(2);
  });

  it("an action's owner replying DONE closes it; asking for more time tells the team manager", async () => {
    const f = await desk("track-actions", { minutesVersion: 1, actionCount: 2 });
    await f.store.putAction(
      f.meeting.id,
      testAction({
        number: 1,
        responsible: { name: "Mark Bell", email: "mark@school.example.org", inviteeIndex: 1 },
      }),
    );
    await f.store.putAction(
      f.meeting.id,
      testAction({
        number: 2,
        responsible: { name: "Dr Aisha Karim", email: "aisha@camhs.example.org", inviteeIndex: 2 },
      }),
    );
    expect(
      await f.desk.applyEmail(
        f.email(
          f.link(1, "action", 1, "2026-09-01T00:00:00Z").address,
          "mark@school.example.org",
          "Done, sent it today.",
        ),
        undefined,
      ),
    ).toMatchObject({ status: "applied", intent: "done" });
    expect((await f.store.getAction(f.meeting.id, 1)).status).toBe("done");
    expect(
      await f.desk.applyEmail(
        f.email(
          f.link(2, "action", 2, "2026-09-01T00:00:00Z").address,
          "aisha@camhs.example.org",
          "I need more time, until 24 July.",
        ),
        undefined,
      ),
    ).toMatchObject({ status: "applied", intent: "more-time" });
    expect(
      f.sent.some((e) => e.kind === "more-time-asked" && e.to.some((t) => t.email === "tm@example.org")),
    ).toBe(true);
    // Done again (another message): the question is closed, the action stays as it was.
    expect(
      await f.desk.applyEmail(
        f.email(f.link(1, "action", 1, "2026-09-01T00:00:00Z").address, "mark@school.example.org", "Done"),
        undefined,
      ),
    ).toMatchObject({ status: "closed", closed: { reason: "action-closed", number: 1, status: "done" } });
  });

  it("a written report attached to an apology is filed and sent on to the chair", async () => {
    const f = await desk();
    const result = await f.desk.applyEmail(
      f.email(f.link(2).address, "aisha@camhs.example.org", "Apologies, my report is attached.", {
        documents: [
          {
            filename: "report.pdf",
            contentType: "application/pdf",
            content: new Uint8Array([37, 80, 68, 70]),
          },
        ],
      }),
      undefined,
    );
    expect(result).toMatchObject({ status: "applied", intent: "apologies" });
    expect((await f.store.listAnswers(f.meeting.id)).find((a) => a.index === 2)).toMatchObject({
      attendance: "apologies-with-report",
      reportReceived: true,
    });
    expect(f.sent.map((e) => [e.kind, e.to[0]?.email])).toEqual([["report-received", "chair@example.org"]]);
  });
});

describe("what the answer page asks", () => {
  const meeting = testMeeting({
    invitees: [
      person(1, "Mark Bell", "mark@school.example.org"),
      person(2, "Dr Aisha Karim", "aisha@camhs.example.org"),
    ],
  });
  const claims = (purpose: ReplyPurpose, ref: number) => ({
    meetingId: meeting.id,
    person: 0,
    purpose,
    ref,
    expiresAt: new Date("2026-08-01T00:00:00Z"),
  });

  it("the chair's minutes page: name the speakers, approve, ask for changes, and decide each change still waiting; a decided one retired", () => {
    const page = answerPageQuestion(
      meeting,
      claims("approval", 2),
      {
        approvals: [
          {
            version: 2,
            index: 1,
            response: "request-changes",
            text: "Spell my name right",
            at: "2026-07-03T09:00:00.000Z",
          },
          {
            version: 2,
            index: 2,
            response: "request-changes",
            text: "Add the clinic date",
            at: "2026-07-03T09:00:00.000Z",
            chairDecision: "accepted",
          },
        ],
        unnamedSpeakers: ["spk_0"],
      },
      [],
    );
    expect(page.options.map((o) => o.choice)).toEqual([
      "name-speakers",
      "approve",
      "request-changes",
      "accept-change-1",
      "reject-change-1",
    ]);
    expect(page.options[3]?.label).toContain("Mark Bell (senco): “Spell my name right”");
    expect("retired" in page ? page.retired : []).toEqual([
      { choice: "accept-change-2", closed: { reason: "change-decided", decision: "accepted" } },
      { choice: "reject-change-2", closed: { reason: "change-decided", decision: "accepted" } },
    ]);
  });

  it("an action's page names the action and its due date; a report page asks for the report", () => {
    const action = answerPageQuestion(
      meeting,
      claims("action", 1),
      {
        approvals: [],
        unnamedSpeakers: [],
        action: {
          number: 1,
          action: "Share the attendance record",
          timescale: "2 weeks",
          dueDate: "2026-07-15",
          responsible: { name: "Mark Bell", email: "mark@school.example.org", inviteeIndex: 1 },
          notes: "",
          status: "open",
          escalationLevel: 0,
        },
      },
      [],
    );
    expect(action.heading).toBe("Action 1: Professionals meeting");
    expect(action.details).toEqual([
      { label: "Action", value: "Share the attendance record" },
      { label: "Due", value: "Wednesday 15 July 2026" },
    ]);
    expect(action.options.map((o) => o.choice)).toEqual(["done", "more-time"]);
    const report = answerPageQuestion(
      meeting,
      claims("report", 0),
      { approvals: [], unnamedSpeakers: [] },
      [],
    );
    expect(report.options.map((o) => o.choice)).toEqual(["apologies-with-report"]);
  });
});
