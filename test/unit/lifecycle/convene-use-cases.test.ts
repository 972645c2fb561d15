/**
 * Convening over in-memory ports (issue 10: every use case has unit tests that run in
 * milliseconds): creating a meeting (create-meeting.ts: every problem listed at once, overrides
 * with reasons stored and audited, a start in the past refused, idempotency keys, the directory's
 * managers), the convene step (convened.ts), invitations (invite.ts) and an answer to one
 * (attendance-answer.ts) — what each refuses (changing nothing), stores, audits, sends and tells
 * the workflow.
 */
import { describe, expect, it } from "vitest";
import type { Directory } from "../../../domain/directory/person.ts";
import { recordAttendanceAnswer } from "../../../domain/lifecycle/attendance-answer.ts";
import { convene, loadMeeting } from "../../../domain/lifecycle/convened.ts";
import {
  type CreateMeetingPorts,
  createMeeting,
  IdempotencyKeyMismatchError,
  StartMeetingError,
} from "../../../domain/lifecycle/create-meeting.ts";
import { sendInvitations } from "../../../domain/lifecycle/invite.ts";
import { LifecycleStateError } from "../../../domain/lifecycle/kernel.ts";
import type { Invitee, Meeting } from "../../../domain/lifecycle/model.ts";
import type { Phase } from "../../../domain/lifecycle/phases.ts";
import { base, catalog, demo, person } from "../planning/requests.ts";
import { kernelFixture } from "./kernel-fixture.ts";
import { MemoryMeetingStore } from "./memory-store.ts";
import { testMeeting } from "./support.ts";

// ---------------------------------------------------------------------------------------------
// Creating a meeting

/** A Professionals Meeting request (seed 000) with every role it needs, to vary per test. */
const pmRequest = (plan: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) => ({
  plan: base({
    meetingType: "pm",
    child: { reference: "C-104233", dateOfBirth: "2017-06-14" },
    trigger: { kind: "case-management-hearing", date: "2026-03-19" },
    inCareProceedings: true,
    invitees: [
      person("social-worker", "Sam Social"),
      person("childrens-guardian", "Gail Guardian"),
      person("gp", "Dr Gita Patel"),
    ],
    ...plan,
  }),
  ...rest,
});

/** The same request, missing the guardian and leaving the police out with no rationale: two problems. */
const blockedRequest = (overrides?: Record<string, string>) =>
  pmRequest(
    {
      invitees: [person("social-worker", "Sam Social"), person("gp", "Dr Gita Patel")],
      keyAgenciesNotInvited: [{ agency: "Demo Police" }],
    },
    overrides ? { overrides } : {},
  );

/** Before the request's start (12 March 2026, 14:00). */
const before = new Date("2026-03-02T09:00:00Z");

function creating(directory?: Directory) {
  const store = new MemoryMeetingStore();
  const started: string[] = [];
  let n = 0;
  const ports: CreateMeetingPorts = {
    store,
    startLifecycle: async (id) => {
      started.push(id);
    },
    newMeetingId: () => `mcreate${++n}`.padEnd(16, "a"),
    catalog,
    authority: demo,
    ...(directory ? { directory: { getDirectory: async () => directory } } : {}),
  };
  return { store, started, ports };
}

async function refusal(promise: Promise<unknown>): Promise<StartMeetingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StartMeetingError);
  return error as StartMeetingError;
}

describe("creating a meeting", () => {
  it("refuses a plan breaking convene-time rules with every problem listed, storing and starting nothing", async () => {
    const c = creating();
    const error = await refusal(createMeeting(c.ports, { body: blockedRequest(), now: before, via: "api" }));
    expect(error.errors.map((e) => e.path)).toEqual([
      "overrides.missing-role:childrens-guardian",
      "overrides.key-agency:demo-police",
    ]);
    expect(error.message).toMatch(/Guardian/);
    expect(error.message).toMatch(/Demo Police/);
    expect(c.store.meetings.size).toBe(0);
    expect(c.store.audit).toEqual([]);
    expect(c.started).toEqual([]);
  });

  it("refuses a request that does not plan with every planning error at once, under plan.", async () => {
    const c = creating();
    const error = await refusal(
      createMeeting(c.ports, {
        body: pmRequest({ chair: { name: "", email: "not-an-address", role: "social-worker" } }),
        now: before,
        via: "api",
      }),
    );
    expect(error.errors.length).toBeGreaterThanOrEqual(2);
    expect(error.errors.every((e) => e.path.startsWith("plan."))).toBe(true);
    expect(error.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^plan\.chair\.name/),
        expect.stringMatching(/^plan\.chair\.email/),
      ]),
    );
    expect(c.store.meetings.size).toBe(0);
  });

  it("refuses an unknown field in the request (a transcript named by path), storing nothing", async () => {
    const c = creating();
    await expect(
      createMeeting(c.ports, { body: pmRequest({}, { transcript: "/etc/passwd" }), now: before, via: "api" }),
    ).rejects.toThrow(/transcript is uploaded/);
    expect(c.store.meetings.size).toBe(0);
  });

  it("refuses a start that is not after now, or more than 2 years ahead", async () => {
    const c = creating();
    const past = await refusal(
      createMeeting(c.ports, { body: pmRequest(), now: new Date("2026-03-12T14:00:00Z"), via: "api" }),
    );
    expect(past.errors).toEqual([
      {
        path: "plan.proposedStart",
        message: expect.stringMatching(/not after now.*choose a time in the future/),
      },
    ]);
    const far = await refusal(
      createMeeting(c.ports, { body: pmRequest(), now: new Date("2024-03-01T09:00:00Z"), via: "api" }),
    );
    expect(far.errors[0]?.message).toMatch(/more than 2 years after now/);
    expect(c.store.meetings.size).toBe(0);
    expect(c.started).toEqual([]);
  });

  it("refuses a reason given for a problem the plan does not have, even with the real ones overridden", async () => {
    const c = creating();
    const error = await refusal(
      createMeeting(c.ports, {
        body: blockedRequest({
          "missing-role:childrens-guardian": "Not yet appointed by Cafcass",
          "key-agency:demo-police": "No police involvement",
          "late-dat": "a typo",
        }),
        now: before,
        via: "api",
      }),
    );
    expect(error.errors.map((e) => e.path)).toEqual(["overrides.late-dat"]);
    expect(c.store.meetings.size).toBe(0);
  });

  it("goes ahead when every problem has a reason: the overrides stored on the meeting and each audited with its reason", async () => {
    const c = creating();
    const { meeting, replayed } = await createMeeting(c.ports, {
      body: blockedRequest({
        "missing-role:childrens-guardian": "Not yet appointed by Cafcass",
        "key-agency:demo-police": "No police involvement with the family",
      }),
      now: before,
      actor: "chair@example.org",
      via: "api",
    });
    expect(replayed).toBe(false);
    const stored = await c.store.getMeeting(meeting.id);
    expect(stored.overrides.map((o) => [o.code, o.kind, o.reason])).toEqual([
      ["missing-role:childrens-guardian", "missing-role", "Not yet appointed by Cafcass"],
      ["key-agency:demo-police", "key-agency-rationale", "No police involvement with the family"],
    ]);
    const audit = await c.store.listAudit(meeting.id);
    expect(audit.map((e) => e.what)).toEqual([
      "meeting-created",
      "plan-override:missing-role",
      "plan-override:key-agency-rationale",
    ]);
    expect(audit[1]).toMatchObject({
      actor: "chair@example.org",
      via: "api",
      detail: { code: "missing-role:childrens-guardian", reason: "Not yet appointed by Cafcass" },
    });
    expect(c.started).toEqual([meeting.id]);
  });

  it("stores the meeting as planned — chair first, the invitees numbered, the authority's team manager — audits it and starts its lifecycle", async () => {
    const c = creating();
    const { meeting } = await createMeeting(c.ports, { body: pmRequest(), now: before, via: "api" });
    const stored = await c.store.getMeeting(meeting.id);
    expect(stored).toMatchObject({
      id: meeting.id,
      phase: "convene",
      authorityId: "demo",
      typeId: "pm",
      child: { reference: "C-104233" },
      start: "2026-03-12T14:00:00.000Z",
      end: "2026-03-12T15:00:00.000Z",
      teamManager: demo.contacts.teamManager,
      serviceManager: demo.contacts.serviceManager,
      overrides: [],
      minutesAgreedBy: "all-attendees",
      // Seed 000 sets no distribution timescale: Thursday 12 March + 5 working days.
      minutesDueBy: "2026-03-19",
      version: 0,
      createdAt: before.toISOString(),
    });
    expect(stored.chair).toMatchObject({ index: 0, email: "chair@example.org" });
    expect(stored.invitees.map((p) => [p.index, p.name])).toEqual([
      [1, "Sam Social"],
      [2, "Gail Guardian"],
      [3, "Dr Gita Patel"],
    ]);
    const audit = await c.store.listAudit(meeting.id);
    expect(audit).toEqual([
      expect.objectContaining({
        what: "meeting-created",
        actor: "chair@example.org",
        detail: { type: "pm", dueBy: stored.dueBy },
      }),
    ]);
    expect(c.started).toEqual([meeting.id]);
  });

  it("refuses a chair also listed among the invitees (any letter case), naming the duplicate", async () => {
    const c = creating();
    const error = await refusal(
      createMeeting(c.ports, {
        body: pmRequest({
          invitees: [
            person("social-worker", "Sam Social"),
            { name: "Chair", email: "CHAIR@example.org", role: "social-worker", agency: "Council" },
            person("childrens-guardian", "Gail Guardian"),
          ],
        }),
        now: before,
        via: "api",
      }),
    );
    expect(error.errors).toEqual([
      expect.objectContaining({
        path: "plan.invitees[1].email",
        message: expect.stringMatching(/already on the list/),
      }),
    ]);
    expect(c.store.meetings.size).toBe(0);
  });

  it("a type whose record the chair finalises (seed 002's Specific Issue CPM) is agreed by the chair alone", async () => {
    const c = creating();
    const { meeting } = await createMeeting(c.ports, {
      body: {
        plan: base({
          meetingType: "specific-issue-cpm",
          child: { reference: "C-104233", dateOfBirth: "2017-06-14" },
          invitees: [person("social-worker", "Sam Social")],
        }),
      },
      now: before,
      via: "api",
    });
    expect(meeting).toMatchObject({ typeId: "specific-issue-cpm", minutesAgreedBy: "chair" });
    expect(meeting.series?.reviewType.id).toBe("specific-issue-cpm");
  });

  it("takes line managers and the team manager from the staff directory, a line manager named in the request winning", async () => {
    const staff = (email: string, name: string, lineManager?: string, access: string[] = []) => ({
      email,
      name,
      role: "social-worker" as const,
      team: "Team A",
      agency: "Demo",
      ...(lineManager ? { lineManager } : {}),
      access: access as Directory["people"][number]["access"],
      active: true,
    });
    const directory: Directory = {
      authorityId: "demo",
      revision: 1,
      people: [
        staff("chair@example.org", "Chair", "tina@demo.example.org"),
        staff("tina@demo.example.org", "Tina Team", "sid@demo.example.org", ["team-manager"]),
        staff("sid@demo.example.org", "Sid Service", undefined, ["service-manager"]),
        staff("social-worker@example.org", "Sam Social", "tina@demo.example.org"),
        staff("gp@example.org", "Dr Gita Patel", "practice@demo.example.org"),
        staff("practice@demo.example.org", "Practice Manager"),
      ],
    };
    const c = creating(directory);
    const { meeting } = await createMeeting(c.ports, {
      body: pmRequest(
        {},
        { lineManagers: { "gp@example.org": { name: "Named Lead", email: "lead@gp.example.org" } } },
      ),
      now: before,
      via: "api",
    });
    const stored = await c.store.getMeeting(meeting.id);
    expect(stored.teamManager).toEqual({ name: "Tina Team", email: "tina@demo.example.org" });
    expect(stored.serviceManager).toEqual({ name: "Sid Service", email: "sid@demo.example.org" });
    expect(stored.chair.lineManager).toEqual({ name: "Tina Team", email: "tina@demo.example.org" });
    const lineManager = (email: string) => stored.invitees.find((p) => p.email === email)?.lineManager;
    expect(lineManager("social-worker@example.org")).toEqual({
      name: "Tina Team",
      email: "tina@demo.example.org",
    });
    expect(lineManager("gp@example.org")).toEqual({ name: "Named Lead", email: "lead@gp.example.org" });
    expect(lineManager("childrens-guardian@example.org")).toBeUndefined();
  });

  it("answers a retry with the same idempotency key and body with the same meeting, created and started once", async () => {
    const c = creating();
    const input = { body: pmRequest(), now: before, via: "api", idempotencyKey: "key-1" };
    const first = await createMeeting(c.ports, input);
    // Key order does not matter: the same body.
    const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse());
    const body = { ...reversed(input.body), plan: reversed(input.body.plan) };
    const again = await createMeeting(c.ports, { ...input, body, now: new Date("2026-03-02T09:05:00Z") });
    expect(again).toEqual({ meeting: expect.objectContaining({ id: first.meeting.id }), replayed: true });
    expect(c.store.meetings.size).toBe(1);
    expect(c.started).toEqual([first.meeting.id]);
    expect(
      (await c.store.listAudit(first.meeting.id)).filter((e) => e.what === "meeting-created"),
    ).toHaveLength(1);
  });

  it("refuses the same idempotency key with a different body, creating nothing more", async () => {
    const c = creating();
    await createMeeting(c.ports, { body: pmRequest(), now: before, via: "api", idempotencyKey: "key-1" });
    await expect(
      createMeeting(c.ports, {
        body: pmRequest({ durationMinutes: 90 }),
        now: before,
        via: "api",
        idempotencyKey: "key-1",
      }),
    ).rejects.toBeInstanceOf(IdempotencyKeyMismatchError);
    expect(c.store.meetings.size).toBe(1);
    expect(c.started).toHaveLength(1);
  });

  it("creates the meeting under the id a key was claimed for when the first attempt stopped before creating it", async () => {
    const c = creating();
    const body = pmRequest();
    // The first attempt claimed the key, then stopped.
    await createMeeting(c.ports, { body, now: before, via: "api", idempotencyKey: "key-1" });
    const [id] = [...c.store.meetings.keys()];
    c.store.meetings.clear();
    c.started.length = 0;
    const retried = await createMeeting(c.ports, { body, now: before, via: "api", idempotencyKey: "key-1" });
    expect(retried).toMatchObject({ replayed: false, meeting: { id } });
    expect(c.started).toEqual([id]);
  });
});

// ---------------------------------------------------------------------------------------------
// The convene step, invitations and answers

const invitee = (index: number, name: string, email: string, extra: Partial<Invitee> = {}): Invitee => ({
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

/** A meeting on Wednesday 1 July 2026, 10:00 in London, two weeks ahead. */
async function convened(phase: Phase, extra: Partial<Meeting> = {}) {
  const f = kernelFixture(new Date("2026-06-17T09:00:00Z"));
  const meeting = await f.add(
    testMeeting({
      id: "mconveneaaaaaaaa",
      phase,
      actionCount: 0,
      minutesVersion: 0,
      version: 0,
      invitees: [
        invitee(1, "Mark Bell", "mark@school.example.org"),
        invitee(2, "Dr Aisha Karim", "aisha@camhs.example.org", {
          role: "camhs",
          agency: "CAMHS",
          keyAgency: true,
        }),
      ],
      ...extra,
    }),
  );
  return { ...f, meeting };
}

describe("the convene step", () => {
  it("tells the team manager once of a meeting convened against a rule, with the reasons, and moves to invite", async () => {
    const f = await convened("convene", {
      overrides: [
        {
          code: "late-date",
          kind: "late-date",
          problem: "the meeting is after its statutory due date",
          reason: "The IRO is on leave until then",
        },
      ],
    });
    const result = await convene(f.k, f.meeting.id);
    expect(result).toEqual({ dueBy: f.meeting.dueBy, minutesDueBy: f.meeting.minutesDueBy });
    expect(await loadMeeting(f.k, f.meeting.id)).toEqual({ phase: "invite", minutesVersion: 0 });
    const told = f.sent.filter((e) => e.kind === "plan-overridden");
    expect(told.map((e) => e.to.map((t) => t.email))).toEqual([["tm@example.org"]]);
    expect(told[0]?.text).toContain("The IRO is on leave until then");
    expect((await f.store.listAudit(f.meeting.id)).map((e) => e.what)).toContain("phase:invite");
    // Run again (a retry after the phase moved): nothing more.
    await convene(f.k, f.meeting.id);
    expect(f.sent).toHaveLength(1);
  });

  it("sends nothing for a meeting convened within the rules", async () => {
    const f = await convened("convene");
    await convene(f.k, f.meeting.id);
    expect(f.sent).toEqual([]);
    expect((await f.store.getMeeting(f.meeting.id)).phase).toBe("invite");
  });
});

describe("invitations", () => {
  it("invites the chair and each invitee once, with a calendar entry, their own reply address and (not the chair) a day to answer by", async () => {
    const f = await convened("invite");
    const { invited } = await sendInvitations(f.k, f.meeting.id);
    expect(invited).toBe(3);
    expect(f.sent.map((e) => [e.kind, e.to.map((t) => t.email)])).toEqual([
      ["invitation", ["chair@example.org"]],
      ["invitation", ["mark@school.example.org"]],
      ["invitation", ["aisha@camhs.example.org"]],
    ]);
    for (const email of f.sent) {
      expect(email.calendar?.method).toBe("REQUEST");
      expect(email.calendar?.content).toContain("SEQUENCE:0");
      expect(email.replyTo?.email).toMatch(/^reply\+[a-z2-7]+@reply\.example\.org$/);
    }
    expect(new Set(f.sent.map((e) => e.replyTo?.email)).size).toBe(3);
    // Two working days before Wednesday 1 July: Monday 29 June.
    const [chair, mark] = f.sent;
    expect(mark?.text).toMatch(/Please answer by [^.]*29 June/);
    expect(chair?.text).not.toContain("Please answer by");
    const answers = await f.store.listAnswers(f.meeting.id);
    expect(answers.map((a) => [a.index, a.attendance, a.invitedSequence])).toEqual([
      [0, "attending", 0],
      [1, "not-responded", 0],
      [2, "not-responded", 0],
    ]);
    expect((await f.store.getMeeting(f.meeting.id)).phase).toBe("await-meeting");
  });

  it("invites only those not yet invited for this calendar sequence, keeping the answers given", async () => {
    const f = await convened("invite");
    await f.store.putAnswer(f.meeting.id, {
      index: 1,
      attendance: "apologies",
      note: "On a course",
      reportReceived: false,
      invitedSequence: 0,
      at: "2026-06-16T09:00:00.000Z",
    });
    const { invited } = await sendInvitations(f.k, f.meeting.id);
    expect(invited).toBe(2);
    expect(f.sent.map((e) => e.to[0]?.email)).toEqual(["chair@example.org", "aisha@camhs.example.org"]);
    expect((await f.store.listAnswers(f.meeting.id)).find((a) => a.index === 1)).toMatchObject({
      attendance: "apologies",
      note: "On a course",
    });
    // All invited: a retry sends nothing.
    expect(await sendInvitations(f.k, f.meeting.id)).toEqual({ invited: 0 });
    expect(f.sent).toHaveLength(2);
  });

  it("sends nothing to an address marked undeliverable, auditing the skip", async () => {
    const f = await convened("invite");
    await f.store.markUndeliverable("Mark@School.example.org", "bounce: 550", "2026-06-01T09:00:00.000Z");
    await sendInvitations(f.k, f.meeting.id);
    expect(f.sent.map((e) => e.to[0]?.email)).toEqual(["chair@example.org", "aisha@camhs.example.org"]);
    expect(
      (await f.store.listAudit(f.meeting.id)).filter((e) => e.what === "email-skipped-undeliverable"),
    ).toEqual([expect.objectContaining({ detail: { kind: "invitation", once: "invitation-s0" } })]);
  });

  it("asks for no answer-by day when that day has passed (a meeting called at short notice)", async () => {
    const f = await convened("invite");
    f.clock.now = new Date("2026-06-30T09:00:00Z");
    await sendInvitations(f.k, f.meeting.id);
    expect(f.sent.some((e) => e.text.includes("Please answer by"))).toBe(false);
  });
});

describe("an answer to the invitation", () => {
  const question = { purpose: "invitation" as const, ref: 0 };

  it("records and audits an apology, and asks an absent key agency for its written report", async () => {
    const f = await convened("await-meeting");
    const result = await recordAttendanceAnswer(f.k, f.meeting.id, 2, "apologies", "Clinic day", "email", {
      question,
    });
    expect(result).toEqual({
      recorded: true,
      message: "apologies recorded; a written report has been requested",
    });
    expect((await f.store.listAnswers(f.meeting.id)).find((a) => a.index === 2)).toMatchObject({
      attendance: "apologies",
      note: "Clinic day",
      reportReceived: false,
    });
    expect((await f.store.listAudit(f.meeting.id)).map((e) => [e.actor, e.what])).toEqual([
      ["aisha@camhs.example.org", "answer:apologies"],
      ["system", "email:report-request"],
    ]);
    expect(f.sent.map((e) => [e.kind, e.to[0]?.email])).toEqual([
      ["report-request", "aisha@camhs.example.org"],
    ]);
  });

  it("asks a key agency that sends its apologies twice for its report once", async () => {
    const f = await convened("await-meeting");
    await recordAttendanceAnswer(f.k, f.meeting.id, 2, "apologies", "Clinic day", "email", { question });
    await recordAttendanceAnswer(f.k, f.meeting.id, 2, "apologies", "Still clinic day", "email", {
      question,
    });
    expect(f.sent.filter((e) => e.kind === "report-request")).toHaveLength(1);
    expect((await f.store.listAnswers(f.meeting.id)).find((a) => a.index === 2)?.note).toBe(
      "Still clinic day",
    );
  });

  it("asks a non-key agency's apology for no report", async () => {
    const f = await convened("await-meeting");
    const result = await recordAttendanceAnswer(f.k, f.meeting.id, 1, "apologies", undefined, "email", {
      question,
    });
    expect(result).toMatchObject({ recorded: true, message: "apologies recorded" });
    expect(f.sent).toEqual([]);
  });

  it("files a report that came with the answer and sends it on to the chair, attached, once", async () => {
    const f = await convened("await-meeting");
    const report = {
      filename: "../../etc/CAMHS report.pdf",
      contentType: "application/pdf; name=x",
      content: new TextEncoder().encode("%PDF-1.4 report"),
    };
    const result = await recordAttendanceAnswer(
      f.k,
      f.meeting.id,
      2,
      "apologies-with-report",
      undefined,
      "email",
      { question, reports: [report] },
    );
    expect(result).toMatchObject({
      recorded: true,
      message: "apologies-with-report recorded with 1 report(s)",
    });
    const answer = (await f.store.listAnswers(f.meeting.id)).find((a) => a.index === 2);
    expect(answer?.reportReceived).toBe(true);
    expect(answer?.reports).toEqual([
      expect.objectContaining({ filename: "CAMHS report.pdf", contentType: "application/pdf", size: 15 }),
    ]);
    const blobKey = answer?.reports?.[0]?.blobKey ?? "";
    expect(blobKey).toMatch(/^documents\/mconveneaaaaaaaa\/reports\/2\/[0-9a-f]{32}$/);
    expect(await f.blobs.get(blobKey)).toEqual(report.content);
    const toChair = f.sent.filter((e) => e.kind === "report-received");
    expect(toChair.map((e) => e.to[0]?.email)).toEqual(["chair@example.org"]);
    expect(toChair[0]?.attachments?.map((a) => a.filename)).toContain("CAMHS report.pdf");
    expect((await f.store.listAudit(f.meeting.id)).map((e) => e.what)).toEqual([
      "answer:apologies-with-report",
      "report-received",
      "email:report-received",
    ]);
    // The same file again: kept once, not sent on again; the report still counts on a later answer.
    await recordAttendanceAnswer(f.k, f.meeting.id, 2, "apologies-with-report", undefined, "email", {
      question,
      reports: [report],
    });
    await recordAttendanceAnswer(f.k, f.meeting.id, 2, "apologies", undefined, "email", { question });
    const later = (await f.store.listAnswers(f.meeting.id)).find((a) => a.index === 2);
    expect(later?.reports).toHaveLength(1);
    expect(later?.reportReceived).toBe(true);
    expect(f.sent.filter((e) => e.kind === "report-received")).toHaveLength(1);
    expect(f.sent.filter((e) => e.kind === "report-request")).toEqual([]);
  });

  it("answers an invitation superseded by a reschedule, or a meeting already held, as closed and records nothing", async () => {
    const f = await convened("await-meeting", { sequence: 1 });
    const stale = await recordAttendanceAnswer(f.k, f.meeting.id, 1, "attending", undefined, "email", {
      question: { purpose: "invitation", ref: 0 },
    });
    expect(stale).toMatchObject({ recorded: false });
    const g = await convened("transcribe");
    const held = await recordAttendanceAnswer(g.k, g.meeting.id, 1, "attending", undefined, "email", {
      question,
    });
    expect(held).toMatchObject({ recorded: false });
    expect(await f.store.listAnswers(f.meeting.id)).toEqual([]);
    expect(await g.store.listAnswers(g.meeting.id)).toEqual([]);
    expect(await f.store.listAudit(f.meeting.id)).toEqual([]);
  });

  it("answers as closed once the chair has recorded who attended, even before the phase moves", async () => {
    const f = await convened("await-meeting");
    await f.store.putAnswer(f.meeting.id, {
      index: 1,
      attendance: "attended",
      reportReceived: false,
      at: "2026-07-01T10:30:00.000Z",
    });
    const result = await recordAttendanceAnswer(f.k, f.meeting.id, 1, "apologies", undefined, "email", {
      question,
    });
    expect(result).toMatchObject({ recorded: false, closed: { reason: "meeting-held" } });
    expect((await f.store.listAnswers(f.meeting.id))[0]?.attendance).toBe("attended");
  });

  it("refuses someone not invited", async () => {
    const f = await convened("await-meeting");
    await expect(
      recordAttendanceAnswer(f.k, f.meeting.id, 9, "attending", undefined, "page"),
    ).rejects.toBeInstanceOf(LifecycleStateError);
    expect(await f.store.listAnswers(f.meeting.id)).toEqual([]);
  });
});
