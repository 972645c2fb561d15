/**
 * The child's plan over time on the embedded runtime (seed 004, issue 13 part 2): a TAC/ESCO plan
 * replaced by the Child and Family Progress Plan started by day 20 of the assessment; the first
 * progress meeting convened due within 10 days of the plan starting; the Child in Need visit
 * reminded and, overdue, escalated to the team manager by the sweeper on the virtual clock; a visit
 * recorded and the next scheduled; everyone scoring 7 or above at the held meeting proposes
 * closure; closed with its rationale and closure letters in the outbox.
 */

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addWorkingDays } from "../../domain/clock/index.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import { startTestRuntime, type TestRuntime } from "./support.ts";

const tom = { name: "Tom Hughes", email: "tom.hughes@demo.convene.local" };
const runtimes: TestRuntime[] = [];
afterAll(async () => {
  for (const t of runtimes) await t.runtime.close();
});

describe("the child's plan over time (seed 004)", () => {
  it("seed 004: replaces the TAC/ESCO plan, convenes the first CFPM, chases visits, proposes closure at 7+ and sends the letters", async () => {
    const t = await startTestRuntime();
    runtimes.push(t);
    const { runtime, mailer } = t;
    const plans = runtime.plans;
    const tac = await plans.start(
      { kind: "tac-esco", childReference: "C-4004", planStart: "2026-01-05", worker: tom },
      { actor: tom.email, via: "test" },
    );

    // Started on day 15 of the assessment (by day 20), with its first progress meeting.
    const plan = await plans.start(
      {
        childReference: "C-4004",
        childName: "Alex",
        assessmentStart: "2026-02-16",
        planStart: "2026-03-02",
        worker: tom,
        people: [
          { name: "Alex", relationship: "child" },
          { name: "Sam Parent", relationship: "parent", email: "sam.parent@example.org" },
          { name: "Mark Bell", relationship: "professional", email: "senco@oakfield-primary.example.org" },
        ],
        firstMeeting: {
          proposedStart: "2026-03-10T10:00:00+00:00",
          durationMinutes: 60,
          invitees: [
            { name: "Sam Parent", email: "sam.parent@example.org", role: "parent", agency: "Family" },
            {
              name: "Mark Bell",
              email: "senco@oakfield-primary.example.org",
              role: "senco",
              agency: "Oakfield Primary School",
            },
          ],
        },
      },
      { actor: tom.email, via: "test" },
    );
    expect((await plans.store.getPlan(tac.id)).status).toBe("replaced");
    expect(plan.replaces).toBe(tac.id);
    const meeting = await runtime.store.getMeeting(String(plan.firstMeetingId));
    expect(meeting.typeId).toBe("cfpm");
    expect(meeting.phase).toBe("await-meeting");
    expect(meeting.dueBy).toBe(plan.firstMeetingDueBy);
    expect(String(meeting.dueBy) <= addWorkingDays("2026-03-02", 10, "england-and-wales")).toBe(true);
    // The chair and the two invitees.
    expect(mailer.forMeeting(meeting.id).filter((e) => e.kind === "invitation")).toHaveLength(3);
    // 4-weekly in the first three months.
    expect(plan.visits).toEqual([{ number: 1, dueBy: "2026-03-30" }]);

    // A stray visit timer whose plan was never stored does not stop the sweeper.
    await runtime.store.putTimers([
      {
        id: "d-0",
        meetingId: "plannosuchplan",
        kind: "deadline",
        purpose: "visit",
        ref: 1,
        level: 0,
        dueAt: "2026-03-05T10:00:00.000Z",
      },
    ]);

    // The meeting is held.
    await runtime.advanceTo(new Date("2026-03-10T11:30:00Z"));
    await recordMeetingHeld(
      runtime.kernel,
      meeting.id,
      [meeting.chair, ...meeting.invitees].map((p) => ({ index: p.index, attended: true })),
      meeting.chair.email,
      "test",
    );
    await runtime.settle();

    // The visit is not recorded: reminded before and on the due day, then escalated once overdue.
    await runtime.advanceTo(new Date("2026-04-02T09:00:00Z"));
    const planMail = mailer.forMeeting(plan.id);
    const reminders = planMail.filter((e) => e.kind === "visit-reminder");
    expect(reminders.map((e) => e.to[0]?.email)).toEqual([tom.email, tom.email]);
    const overdue = planMail.filter((e) => e.kind === "visit-overdue");
    expect(overdue).toHaveLength(1);
    expect(overdue[0]?.to[0]?.email).toBe("jordan.ellis@demo.convene.local");
    expect(overdue[0]?.cc?.[0]?.email).toBe(tom.email);
    expect((await plans.store.getPlan(plan.id)).visits[0]?.escalated).toBe(true);

    // Recorded: the next visit 4 weeks on (still in the first three months).
    const visited = await plans.recordVisit(
      plan.id,
      { visitedOn: "2026-04-02", seen: true, seenAlone: true, atHome: true },
      { by: tom, via: "test" },
    );
    expect(visited.next.dueBy).toBe("2026-04-30");

    // Everyone 7 or above at the held meeting: closure proposed, the chair and team manager told.
    const scored = await plans.recordScores(
      plan.id,
      {
        meetingId: meeting.id,
        scores: [
          { name: "Alex", relationship: "child", score: 8 },
          { name: "Sam Parent", relationship: "parent", score: 7 },
          { name: "Mark Bell", relationship: "professional", score: 9 },
        ],
      },
      { actor: tom.email, via: "test" },
    );
    expect(scored.closureProposed).toBe(true);
    expect(scored.plan.status).toBe("closure-proposed");
    const proposed = mailer.forMeeting(plan.id).filter((e) => e.kind === "closure-proposed");
    expect(proposed[0]?.to.map((a) => a.email)).toEqual([tom.email, "jordan.ellis@demo.convene.local"]);

    // Closed at the meeting: rationale recorded, letters kept and emailed where an address is known.
    const closed = await plans.close(
      plan.id,
      {
        decidedAt: "progress-meeting",
        meetingId: meeting.id,
        rationale:
          "Safety is high and permanent: the family network is in place and the safety plan is used.",
      },
      { by: { ...tom, roles: ["social-worker"] }, via: "test" },
    );
    expect(closed.status).toBe("closed");
    expect(closed.closure?.rationale).toContain("Safety is high");
    expect(closed.closure?.letters.map((l) => [l.audience, l.emailedTo, l.toPost])).toEqual([
      ["child", [], ["Alex"]],
      ["parents", ["sam.parent@example.org"], []],
      ["professionals", ["senco@oakfield-primary.example.org"], []],
    ]);
    const letters = mailer.forMeeting(plan.id).filter((e) => e.kind === "closure-letter");
    expect(letters).toHaveLength(2);
    for (const l of letters) expect(l.attachments?.[0]?.filename).toMatch(/^closure-letter-.*\.docx$/);
    const childLetter = await runtime.deps.blobs.get(`documents/plans/${plan.id}/letters/child.docx`);
    expect(
      Buffer.from(childLetter ?? new Uint8Array())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    // In the outbox as real .eml files.
    const eml = await Promise.all(
      letters.map((l) => readFile(join(t.outbox, String(String(l.location).split("/").at(-1))), "utf8")),
    );
    expect(eml.join("\n")).toContain("closure-letter-parents-C-4004.docx");
    const audit = await runtime.store.listAudit(plan.id);
    expect(audit.map((e) => e.what)).toEqual(
      expect.arrayContaining([
        "plan-started",
        "visit-reminder",
        "escalation:visit-overdue",
        "visit-recorded",
        "closure-proposed",
        "plan-closed",
      ]),
    );

    // Closed: the next visit is no longer chased.
    await runtime.advanceTo(new Date("2026-05-06T09:00:00Z"));
    expect(mailer.forMeeting(plan.id).filter((e) => e.kind === "visit-reminder")).toHaveLength(2);
  }, 120_000);
});
