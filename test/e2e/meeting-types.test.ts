/**
 * Every meeting type in the catalog, end to end on the embedded runtime with real email replies
 * (issue 10, "Done means"): convened (refused with every convene-time problem, then accepted with
 * a recorded reason for each), invited, answered by reply, held, transcribed, its record agreed by
 * the people the type's rule says, distributed, and its review meeting convened for real on a
 * working day within the type's cadence, with the actions on its agenda.
 */

import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { demoTranscriptPath, replyTo } from "../../adapters/local/demo-scenario.ts";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import { loadCatalog } from "../../domain/catalog/index.ts";
import { isWorkingDay } from "../../domain/clock/index.ts";
import { agreeNewActionDate } from "../../domain/lifecycle/agree-new-action-date.ts";
import { StartMeetingError } from "../../domain/lifecycle/create-meeting.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { startTestRuntime, type TestRuntime } from "./support.ts";

const hour = 3_600_000;
const day = 24 * hour;

/** The demo's people (the demo transcript's speakers), and a few more for the roles other types need. */
const people = {
  priya: {
    name: "Priya Shah",
    email: "priya.shah@shah-solicitors.example.org",
    agency: "Shah & Co Solicitors",
  },
  tom: {
    name: "Tom Hughes",
    email: "tom.hughes@demo.convene.local",
    agency: "Demo Borough Council Children's Services",
  },
  grace: { name: "Grace Mensah", email: "grace.mensah@cafcass.example.org", agency: "Cafcass" },
  aisha: { name: "Dr Aisha Karim", email: "aisha.karim@camhs.example.org", agency: "Demo CAMHS" },
  mark: { name: "Mark Bell", email: "senco@oakfield-primary.example.org", agency: "Oakfield Primary School" },
  ruth: {
    name: "Ruth Daniels",
    email: "ruth.daniels@demo.convene.local",
    agency: "Demo Borough Council IRO Service",
  },
  owen: {
    name: "Owen Price",
    email: "owen.price@demo.convene.local",
    agency: "Demo Borough Council Legal Services",
  },
  lucy: {
    name: "Lucy Green",
    email: "lucy.green@demo.convene.local",
    agency: "Demo Borough Council SEND Team",
  },
  sam: { name: "Sam Parent", email: "sam.parent@example.org", agency: "Family" },
  tess: {
    name: "Tess Manager",
    email: "tess.manager@demo.convene.local",
    agency: "Demo Borough Council Children's Services",
  },
  lee: { name: "Lee Advocate", email: "lee@family-law.example.org", agency: "Family Law LLP" },
  cara: {
    name: "Cara Care",
    email: "cara.care@demo.convene.local",
    agency: "Demo Borough Council Children in Care Team",
  },
  finn: {
    name: "Finn Foster",
    email: "finn.foster@demo.convene.local",
    agency: "Demo Borough Council Fostering",
  },
  fay: { name: "Fay Finder", email: "fay.finder@demo.convene.local", agency: "Demo Adoption Agency" },
};
type Who = keyof typeof people;
const as = (who: Who, role: string) => ({ ...people[who], role });

interface TypeCase {
  type: string;
  seed: string;
  chair: [Who, string];
  invitees: Array<[Who, string]>;
  extra?: Record<string, unknown>;
  /** The type's record is agreed by all attendees (seed 000), or finalised by the chair. */
  agreedBy: "all-attendees" | "chair";
  /** The latest review date the seeds allow after a meeting on 10 March 2026, if they set one. */
  reviewBy?: string;
  reviewType?: string;
}

const cases: TypeCase[] = [
  {
    type: "pm",
    seed: "000",
    chair: ["priya", "childs-solicitor"],
    invitees: [
      ["tom", "social-worker"],
      ["grace", "childrens-guardian"],
      ["aisha", "camhs"],
    ],
    extra: { trigger: { kind: "case-management-hearing", date: "2026-03-19" }, inCareProceedings: true },
    agreedBy: "all-attendees",
    reviewType: "rpm",
  },
  {
    type: "rpm",
    seed: "000",
    chair: ["priya", "childs-solicitor"],
    invitees: [
      ["tom", "social-worker"],
      ["grace", "childrens-guardian"],
      ["mark", "senco"],
    ],
    extra: {
      trigger: { kind: "previous-meeting", date: "2026-02-10" },
      meetingSequence: 2,
      inCareProceedings: true,
    },
    agreedBy: "all-attendees",
  },
  {
    type: "core-group",
    seed: "001",
    chair: ["tom", "social-worker"],
    invitees: [
      ["sam", "parent"],
      ["mark", "senco"],
      ["aisha", "camhs"],
    ],
    agreedBy: "chair",
  },
  {
    type: "cfpm",
    seed: "004",
    chair: ["tom", "social-worker"],
    invitees: [
      ["sam", "parent"],
      ["mark", "senco"],
      ["aisha", "camhs"],
    ],
    extra: { trigger: { kind: "plan-start", date: "2026-03-03" } },
    agreedBy: "chair",
    // Seed 004: the first CFPM is reviewed within 3 months.
    reviewBy: "2026-06-10",
  },
  {
    type: "fnm",
    seed: "004",
    chair: ["tom", "social-worker"],
    invitees: [
      ["sam", "parent"],
      ["lucy", "family-network"],
    ],
    extra: { trigger: { kind: "plan-start", date: "2026-03-03" } },
    agreedBy: "chair",
  },
  {
    type: "tac",
    seed: "001",
    chair: ["tom", "social-worker"],
    invitees: [
      ["sam", "parent"],
      ["mark", "senco"],
    ],
    agreedBy: "chair",
  },
  {
    type: "cpm",
    seed: "002",
    chair: ["tom", "social-worker"],
    invitees: [
      ["sam", "parent"],
      ["mark", "senco"],
      ["ruth", "independent-reviewing-officer"],
    ],
    extra: {
      trigger: { kind: "cla-review", date: "2026-01-20" },
      claReviews: [{ date: "2026-01-20" }, { date: "2026-04-20" }],
    },
    agreedBy: "chair",
  },
  {
    type: "specific-issue-cpm",
    seed: "002",
    chair: ["tom", "social-worker"],
    invitees: [
      ["sam", "parent"],
      ["aisha", "camhs"],
    ],
    extra: { trigger: { kind: "specific-issue", date: "2026-03-02" } },
    agreedBy: "chair",
  },
  {
    type: "legal-cpm",
    seed: "002",
    chair: ["tom", "social-worker"],
    invitees: [
      ["owen", "la-solicitor"],
      ["tess", "team-manager"],
    ],
    extra: { trigger: { kind: "legal-gateway", date: "2026-03-02" } },
    agreedBy: "chair",
  },
  {
    type: "lpm",
    seed: "003",
    chair: ["tess", "team-manager"],
    invitees: [
      ["tom", "social-worker"],
      ["owen", "la-solicitor"],
    ],
    agreedBy: "chair",
  },
  {
    type: "pre-proceedings",
    seed: "003",
    chair: ["tess", "team-manager"],
    invitees: [
      ["tom", "social-worker"],
      ["sam", "parent"],
      ["lee", "parents-legal-representative"],
      ["owen", "la-solicitor"],
    ],
    agreedBy: "chair",
    // Seed 003: the child's plan reviewed within six weeks of the meeting.
    reviewBy: "2026-04-21",
  },
  {
    type: "permanency-planning",
    seed: "003",
    chair: ["tess", "team-manager"],
    invitees: [
      ["tom", "social-worker"],
      ["cara", "children-in-care-team"],
      ["finn", "fostering-social-worker"],
      ["fay", "family-finding-social-worker"],
      ["owen", "la-solicitor"],
      ["grace", "childrens-guardian"],
    ],
    extra: { inCareProceedings: true },
    agreedBy: "chair",
  },
  {
    type: "generic",
    seed: "001",
    chair: ["tom", "social-worker"],
    invitees: [
      ["sam", "parent"],
      ["mark", "senco"],
    ],
    agreedBy: "chair",
  },
];

const request = (c: TypeCase, overrides: Record<string, string> = {}) => ({
  plan: {
    meetingType: c.type,
    child: { reference: "C-104233", dateOfBirth: "2017-06-14" },
    proposedStart: "2026-03-10T10:00:00+00:00",
    durationMinutes: 90,
    onlineLink: "https://teams.example.org/l/meetup-join/types",
    chair: as(...c.chair),
    invitees: c.invitees.map(([who, role]) => as(who, role)),
    ...c.extra,
  },
  overrides,
});

const runtimes: TestRuntime[] = [];
afterAll(async () => {
  for (const t of runtimes) await t.runtime.close();
});

describe("every meeting type behaves as its seed says, end to end on the embedded runtime", () => {
  it("covers every meeting type in the catalog", () => {
    expect(cases.map((c) => c.type).sort()).toEqual(
      loadCatalog()
        .meetingTypes.map((t) => t.id)
        .sort(),
    );
  });

  for (const c of cases) {
    it(`${c.type} (seed ${c.seed}): convened, invited, held, agreed, distributed, and its review convened`, async () => {
      const t = await startTestRuntime();
      runtimes.push(t);
      // Convened: a plan with convene-time problems is refused with every one listed; then
      // accepted with a reason for each, recorded.
      let meeting: Meeting;
      try {
        ({ meeting } = await t.runtime.startMeeting(request(c)));
      } catch (error) {
        if (!(error instanceof StartMeetingError)) throw error;
        const codes = error.errors.map((e) => {
          expect(e.path).toMatch(/^overrides\./);
          return e.path.slice("overrides.".length);
        });
        const reasons = Object.fromEntries(codes.map((code) => [code, `Recorded for the test: ${code}`]));
        ({ meeting } = await t.runtime.startMeeting(request(c, reasons)));
        expect(meeting.overrides.map((o) => o.code).sort()).toEqual(codes.sort());
      }
      expect(meeting.typeId).toBe(c.type);
      expect(meeting.minutesAgreedBy).toBe(c.agreedBy);
      const everyone = [meeting.chair, ...meeting.invitees];
      const desk = t.runtime.replyDesk();

      // Invited: everyone answers their invitation by email.
      await t.runtime.advanceTo(new Date(new Date(meeting.start).getTime() - day));
      for (const p of meeting.invitees) {
        const invitation = t.mailer.latest(meeting.id, "invitation", p.email);
        expect(invitation, `${p.email} invited`).toBeDefined();
        if (invitation) await applyRawReply(desk, await replyTo(invitation, p, "Yes, I will attend."));
      }
      await t.runtime.settle();

      // Held and transcribed.
      const heldAt = await holdWithTranscript(t, meeting);

      // Agreed by those the type's rule names, by reply.
      const asked = everyone.filter((p) => t.mailer.latest(meeting.id, "approval-request", p.email));
      expect(asked.map((p) => p.index)).toEqual(
        c.agreedBy === "chair"
          ? [meeting.chair.index]
          : everyone.filter((p) => !p.observer).map((p) => p.index),
      );
      for (const p of asked) {
        const approval = t.mailer.latest(meeting.id, "approval-request", p.email);
        if (approval) await applyRawReply(desk, await replyTo(approval, p, "Approved."));
        await t.runtime.settle();
      }
      await t.runtime.advanceTo(new Date(heldAt.getTime() + 1 * day));

      // Distributed to everyone, on time; closed.
      const closed = await t.runtime.store.getMeeting(meeting.id);
      expect(closed.phase).toBe("closed");
      const finals = t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "final-minutes");
      expect(finals.map((e) => e.to[0]?.email).sort()).toEqual(everyone.map((p) => p.email).sort());
      const audit = await t.runtime.store.listAudit(meeting.id);
      expect(audit.find((e) => e.what === "minutes-distributed")?.detail.late).toBe(false);
      if (c.type === "cfpm") {
        // Seed 004: the plan is the record, circulated within 5 working days.
        expect(finals[0]?.subject).toContain("Agreed Child and Family Progress Plan");
        expect(closed.minutesDueBy).toBe("2026-03-17");
      }
      const executions = [...t.runtime.workflow.executions.values()];
      expect(executions.filter((e) => e.status === "FAILED")).toEqual([]);

      // Its review meeting, convened for real: invited, on a working day, within the cadence.
      const reviewId = closed.reviewMeetingId;
      expect(reviewId).toBeDefined();
      const review = await t.runtime.store.getMeeting(String(reviewId));
      expect(review.phase).toBe("await-meeting");
      expect(review.typeId).toBe(c.reviewType ?? c.type);
      expect(review.series?.number).toBe((meeting.series?.number ?? 1) + 1);
      const date = review.start.slice(0, 10);
      expect(isWorkingDay(date, "england-and-wales")).toBe(true);
      expect(date > "2026-03-10").toBe(true);
      if (c.reviewBy) {
        expect(date <= c.reviewBy).toBe(true);
        expect(review.dueBy).toBe(c.reviewBy);
      }
      expect(t.mailer.forMeeting(review.id).filter((e) => e.kind === "invitation")).toHaveLength(
        everyone.length,
      );
      const actions = await t.runtime.store.listActions(meeting.id);
      const agendaText = JSON.stringify(review.agenda);
      for (const a of actions) expect(agendaText).toContain(`Action ${a.number}: `);
      expect(agendaText).not.toContain("Tuesday 10 March 2026");
    }, 120_000);
  }
});

describe("seed 003: a plan refused for missing roles, then convened with a recorded reason for each", () => {
  it("lists every missing role, then stores, audits and tells the team manager the reasons given", async () => {
    const t = await startTestRuntime();
    runtimes.push(t);
    const ppm = cases.find((c) => c.type === "permanency-planning") as TypeCase;
    const short: TypeCase = {
      ...ppm,
      invitees: ppm.invitees.filter(
        ([, role]) => role !== "children-in-care-team" && role !== "fostering-social-worker",
      ),
    };
    const refused = await t.runtime.startMeeting(request(short)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StartMeetingError);
    const paths = (refused as StartMeetingError).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^overrides\.missing-role:/)]));
    const missing = (refused as StartMeetingError).message;
    expect(missing).toMatch(/children-in-care-team|Children in Care/i);
    expect(missing).toMatch(/fostering/i);
    // Nothing was stored by the refusal.
    expect(await t.runtime.store.listInFlight()).toEqual([]);
    const reasons = Object.fromEntries(
      paths.map((p) => [
        p.slice("overrides.".length),
        "The fostering team and CIC team send written updates",
      ]),
    );
    const { meeting } = await t.runtime.startMeeting(request(short, reasons));
    expect(meeting.overrides.map((o) => o.reason)).toEqual(
      paths.map(() => "The fostering team and CIC team send written updates"),
    );
    await t.runtime.settle();
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.filter((e) => e.what === "plan-override:missing-role").length).toBeGreaterThan(0);
    const told = t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "plan-overridden");
    expect(told.map((e) => e.to[0]?.email)).toEqual([meeting.teamManager.email]);
    expect(told[0]?.text).toContain("The fostering team and CIC team send written updates");
  }, 60_000);
});

describe("an action agreed without a date (issue 13)", () => {
  it("is tracked to a provisional date and the chair is asked to set it; the date the chair sets replaces it", async () => {
    const t = await startTestRuntime();
    runtimes.push(t);
    const tac = cases.find((c) => c.type === "tac") as TypeCase;
    const { meeting } = await t.runtime.startMeeting(request(tac));
    const vtt = (await readFile(demoTranscriptPath, "utf8")).replace(
      "Thank you all.",
      "Thank you all.\n\n00:08:21.000 --> 00:08:40.000\n<v Tom Hughes>Action: Tom Hughes to share the attendance record with the school.",
    );
    await holdWithTranscript(t, meeting, Buffer.from(vtt));
    const approval = t.mailer.latest(meeting.id, "approval-request", meeting.chair.email);
    if (approval)
      await applyRawReply(t.runtime.replyDesk(), await replyTo(approval, meeting.chair, "Approved."));
    await t.runtime.settle();
    const actions = await t.runtime.store.listActions(meeting.id);
    const undated = actions.find((a) => /attendance record/.test(a.action));
    expect(undated).toMatchObject({ dateToConfirm: true, status: "open" });
    expect(actions.filter((a) => a.dateToConfirm).map((a) => a.number)).toEqual([undated?.number]);
    const asked = t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "action-dates-to-confirm");
    expect(asked.map((e) => e.to[0]?.email)).toEqual([meeting.chair.email]);
    expect(asked[0]?.subject).toMatch(/Set the date of an action agreed without one/);
    expect(asked[0]?.text).toContain(`/team/action/${meeting.id}/${undated?.number}`);
    expect(asked[0]?.text).toMatch(/share the attendance record/i);
    // The chair sets it: no longer provisional.
    const due = new Date(t.runtime.clock.now().getTime() + 10 * day).toISOString().slice(0, 10);
    await agreeNewActionDate(t.runtime.kernel, {
      meetingId: meeting.id,
      number: undated?.number ?? 0,
      dueDate: due,
      reason: "Date set by the chair after the meeting.",
      actor: meeting.chair.email,
      via: "test",
    });
    await t.runtime.settle();
    const set = await t.runtime.store.getAction(meeting.id, undated?.number ?? 0);
    expect(set.dateToConfirm).toBeUndefined();
    expect(set.dueDate).toBe(due);
  }, 120_000);
});

describe("seed 003: a Legal Planning Meeting whose transcript lacks the child's views is never stuck", () => {
  it("the chair is told what is missing, supplies it by reply, and the record goes out", async () => {
    const t = await startTestRuntime();
    runtimes.push(t);
    const lpm = cases.find((c) => c.type === "lpm") as TypeCase;
    const { meeting } = await t.runtime.startMeeting(request(lpm));
    const everyone = [meeting.chair, ...meeting.invitees];
    const desk = t.runtime.replyDesk();
    const vtt = (await readFile(demoTranscriptPath, "utf8"))
      .split("\n")
      .filter((line) => !/child's views|contingency/i.test(line))
      .join("\n");
    const heldAt = await holdWithTranscript(t, meeting, Buffer.from(vtt));
    const first = t.mailer.latest(meeting.id, "approval-request", meeting.chair.email);
    if (!first) throw new Error("the chair was not asked to agree the record");
    await applyRawReply(desk, await replyTo(first, meeting.chair, "Approved."));
    await t.runtime.settle();
    const blocked = t.mailer.forMeeting(meeting.id).filter((e) => e.text.includes("cannot be finalised"));
    expect(blocked).toHaveLength(1);
    expect(blocked[0]?.to.map((r) => r.email)).toEqual([meeting.chair.email]);
    expect((await t.runtime.store.getMeeting(meeting.id)).phase).toBe("agree-minutes");
    await applyRawReply(
      desk,
      await replyTo(
        blocked[0] as never,
        meeting.chair,
        "Child's views: she wants to keep seeing her brother every week.\nContingency plan: if the placement breaks down, an emergency foster placement near her school.",
      ),
    );
    await t.runtime.settle();
    const second = t.mailer.latest(meeting.id, "approval-request", meeting.chair.email);
    expect(second?.subject).toMatch(/v2/);
    await applyRawReply(desk, await replyTo(second as never, meeting.chair, "Approved."));
    await t.runtime.settle();
    await t.runtime.advanceTo(new Date(heldAt.getTime() + 1 * day));
    expect((await t.runtime.store.getMeeting(meeting.id)).phase).toBe("closed");
    const finals = t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "final-minutes");
    expect(finals).toHaveLength(everyone.length);
  }, 60_000);
});

describe("seed 002: a Specific Issue CPM's recommendations feed the child's next Care Planning Meeting", () => {
  it("puts the SI-CPM's agreed decisions on the next CPM's agenda and in its invitation", async () => {
    const t = await startTestRuntime();
    runtimes.push(t);
    const si = cases.find((c) => c.type === "specific-issue-cpm") as TypeCase;
    const { meeting } = await t.runtime.startMeeting(request(si));
    const held = await driveToClosed(t, meeting);
    expect(held.phase).toBe("closed");
    const stored = await t.runtime.store.getMinutesVersion(held.id, held.minutesVersion);
    const decisions = stored.minutes.decisions.map((d) => d.text);
    expect(decisions.length).toBeGreaterThan(0);

    // The child's next standard CPM, a fortnight on.
    const cpm = cases.find((c) => c.type === "cpm") as TypeCase;
    const next = request(cpm) as { plan: Record<string, unknown> };
    next.plan.proposedStart = "2026-03-24T10:00:00+00:00";
    next.plan.trigger = { kind: "cla-review", date: "2026-01-20" };
    const { meeting: standard } = await t.runtime.startMeeting(next);
    const fed = standard.agenda.sections[0];
    expect(fed?.heading).toBe("Recommendations from Specific Issue Care Planning Meetings");
    expect(fed?.items.map((i) => i.text)).toEqual(
      decisions.map((d) => `Specific Issue Care Planning Meeting, Tuesday 10 March 2026: ${d}`),
    );
    await t.runtime.settle();
    const invitation = t.mailer.latest(standard.id, "invitation", standard.invitees[0]?.email ?? "");
    expect(invitation?.text).toContain("Recommendations from Specific Issue Care Planning Meetings");
  }, 60_000);
});

/**
 * Half an hour after the meeting ends, the chair records everyone as attending and the transcript
 * (the demo's, unless given) is uploaded; the clock moves on 2 hours. Returns when it was held.
 */
async function holdWithTranscript(t: TestRuntime, meeting: Meeting, transcript?: Buffer): Promise<Date> {
  const heldAt = new Date(new Date(meeting.end).getTime() + 30 * 60_000);
  await t.runtime.advanceTo(heldAt);
  await recordMeetingHeld(
    t.runtime.kernel,
    meeting.id,
    [meeting.chair, ...meeting.invitees].map((p) => ({ index: p.index, attended: true })),
    meeting.chair.email,
    "test",
  );
  await t.runtime.settle();
  await t.runtime.uploadTranscript(
    meeting.id,
    transcript ?? (await readFile(demoTranscriptPath)),
    transcript ? "edited.vtt" : "meeting.vtt",
  );
  await t.runtime.advanceTo(new Date(heldAt.getTime() + 2 * hour));
  return heldAt;
}

/** Holds a meeting, imports the demo transcript, the chair (and anyone asked) approves: closed. */
async function driveToClosed(t: TestRuntime, meeting: Meeting): Promise<Meeting> {
  const heldAt = await holdWithTranscript(t, meeting);
  for (const p of [meeting.chair, ...meeting.invitees]) {
    const approval = t.mailer.latest(meeting.id, "approval-request", p.email);
    if (approval) await applyRawReply(t.runtime.replyDesk(), await replyTo(approval, p, "Approved."));
    await t.runtime.settle();
  }
  await t.runtime.advanceTo(new Date(heldAt.getTime() + 1 * day));
  return t.runtime.store.getMeeting(meeting.id);
}

describe("seed 002: CPMs counted between CLA Reviews: the next CPM is convened before the Review that still needs one", () => {
  it("a 6-monthly window needing 2 CPMs: the review CPM is before the 3rd Review, not 3 months on", async () => {
    const t = await startTestRuntime();
    runtimes.push(t);
    const cpm = cases.find((c) => c.type === "cpm") as TypeCase;
    const body = request(cpm) as { plan: Record<string, unknown> };
    body.plan.claReviews = [{ date: "2025-07-20" }, { date: "2026-01-20" }, { date: "2026-04-20" }];
    const { meeting } = await t.runtime.startMeeting(body);
    expect(meeting.series?.cpmWindows.map((w) => w.minimum)).toEqual([1, 2]);
    const closed = await driveToClosed(t, meeting);
    expect(closed.phase).toBe("closed");
    const review = await t.runtime.store.getMeeting(String(closed.reviewMeetingId));
    // 19 April 2026 (the day before the 3rd Review) is a Sunday: Friday 17 April.
    expect(review.start.slice(0, 10)).toBe("2026-04-17");
    expect(review.phase).toBe("await-meeting");
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.find((e) => e.what === "review-scheduled")?.detail).toMatchObject({
      cpmBy: "2026-04-19",
      cpmsInWindow: 1,
      cpmsRequired: 2,
    });
    const told = t.mailer.forMeeting(meeting.id).find((e) => e.kind === "review-scheduled");
    expect(told?.text.replace(/\s+/g, " ")).toContain(
      "At least 2 Care Planning Meetings must be held before the child's CLA Review on Monday 20 April 2026 (1 held so far in that period), so the next one is before it.",
    );
  }, 60_000);
});

describe("a record the chair finalises alone, left unfinalised", () => {
  it("goes to the chair and the team manager at the deadline, never 'reply APPROVE to confirm deemed agreement'", async () => {
    const t = await startTestRuntime();
    runtimes.push(t);
    const cfpm = cases.find((c) => c.type === "cfpm") as TypeCase;
    const { meeting } = await t.runtime.startMeeting(request(cfpm));
    const heldAt = await holdWithTranscript(t, meeting);
    await t.runtime.advanceTo(new Date(heldAt.getTime() + 6 * day));
    const overdue = t.mailer
      .forMeeting(meeting.id)
      .filter((e) => e.kind === "escalation" && e.headers?.["X-Convene-Escalation"] === "approvals-overdue");
    expect(overdue.length).toBeGreaterThan(0);
    const to = [...(overdue[0]?.to ?? []), ...(overdue[0]?.cc ?? [])].map((a) => a.email);
    expect(to).toEqual(expect.arrayContaining([meeting.chair.email, meeting.teamManager.email]));
    expect(overdue[0]?.text.replace(/\s+/g, " ")).toContain(
      "has not yet finalised version 1 of the Child and Family Progress Plan",
    );
    expect(overdue[0]?.text).not.toContain("deemed");
  }, 60_000);
});
