/**
 * The minutes use cases over in-memory ports (issue 10: every use case has unit tests that run in
 * milliseconds): an attendee's answer (record-approval.ts), the chair's decision on a requested
 * change (decide-change.ts) and distribution (distribute.ts) — what each refuses (changing
 * nothing), stores, audits, sends and tells the workflow. The minutes port is the real one (pure
 * document work); seed 001: a rejected change is a disagreement, and the final minutes say who
 * agreed, who was deemed to and who disagreed.
 */
import { describe, expect, it } from "vitest";
import { loadAuthorityFile } from "../../../adapters/config/load-authority.ts";
import { DocumentMinutes } from "../../../adapters/minutes/document-minutes.ts";
import { applyAuthority } from "../../../domain/authority/index.ts";
import { loadCatalog } from "../../../domain/catalog/index.ts";
import { agreement } from "../../../domain/lifecycle/agreement.ts";
import { decideChange } from "../../../domain/lifecycle/decide-change.ts";
import { distribute } from "../../../domain/lifecycle/distribute.ts";
import type { Invitee } from "../../../domain/lifecycle/model.ts";
import { recordApproval } from "../../../domain/lifecycle/record-approval.ts";
import { ConflictError } from "../../../domain/ports/store.ts";
import { kernelFixture } from "./kernel-fixture.ts";
import { testMeeting } from "./support.ts";

const authority = await loadAuthorityFile("authorities/demo.json");
const minutesPort = new DocumentMinutes(applyAuthority(loadCatalog(), authority), authority);

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

const transcript = `WEBVTT

00:00:01.000 --> 00:00:08.000
<v Chris Chair>Welcome. This professionals meeting is about Jay's attendance and health.

00:00:09.000 --> 00:00:20.000
<v Mark Bell>Attendance is at 82 percent this term. Action: Mark Bell to share the attendance record by 15 July 2026.

00:00:21.000 --> 00:00:30.000
<v Dr Aisha Karim>The CAMHS assessment is booked. Action: Dr Aisha Karim to complete the CAMHS assessment by 24 July 2026.

00:00:31.000 --> 00:00:40.000
<v Chris Chair>The child's views: Jay told me he wants to stay at Oakfield and feels safe there. His views have shaped the plan: he stays at Oakfield with extra support.

00:00:41.000 --> 00:00:50.000
<v Chris Chair>Contingency: if attendance does not improve by half term we will hold an early review.
`;

/** The same meeting without the child's views or a contingency plan (seed 001 blocks finalising). */
const transcriptWithoutViews = transcript.split("\n\n00:00:31")[0] ?? "";

/** A held meeting whose draft minutes (version 1) are out for approval, with its approval wait. */
async function outForApproval(now = "2026-07-02T10:00:00Z", vtt = transcript) {
  const f = kernelFixture(new Date(now), { minutes: minutesPort });
  const meeting = await f.add(
    testMeeting({
      id: "mminutesaaaaaaaa",
      phase: "agree-minutes",
      minutesVersion: 0,
      invitees: [
        person(1, "Mark Bell", "mark@school.example.org"),
        person(2, "Dr Aisha Karim", "aisha@camhs.example.org", { role: "camhs", agency: "CAMHS" }),
        person(3, "Sam Parent", "sam@example.org", { role: "parent", agency: "Family", family: true }),
      ],
    }),
  );
  for (const p of [meeting.chair, ...meeting.invitees])
    await f.store.putAnswer(meeting.id, {
      index: p.index,
      attendance: "attended",
      reportReceived: false,
      at: meeting.end,
    });
  const answers = await f.store.listAnswers(meeting.id);
  const minutes = await minutesPort.draft(meeting, answers, {
    bytes: new TextEncoder().encode(vtt),
    filename: "meeting.vtt",
  });
  await f.store.putWait(meeting.id, {
    purpose: "approval",
    ref: 0,
    token: "approval-token",
    status: "waiting",
    level: 0,
    deadline: "2026-07-07T16:00:00.000Z",
    reminders: [],
    registeredAt: now,
  });
  const version = await f.k.newMinutesVersion(meeting, minutes);
  // newMinutesVersion resolves a waiting approval as "new-version"; the workflow then waits again.
  f.workflow.length = 0;
  await f.store.putWait(meeting.id, {
    purpose: "approval",
    ref: 0,
    token: "approval-token-v1",
    status: "waiting",
    level: 0,
    deadline: "2026-07-07T16:00:00.000Z",
    reminders: [],
    registeredAt: now,
  });
  return { ...f, meeting: await f.store.getMeeting(meeting.id), version };
}

const successes = (f: { workflow: Array<{ call: string; args: unknown[] }> }) =>
  f.workflow.filter((w) => w.call === "sendTaskSuccess").map((w) => w.args);

describe("an attendee's answer to the minutes", () => {
  it("refuses someone not invited, storing and sending nothing", async () => {
    const f = await outForApproval();
    const audit = (await f.store.listAudit(f.meeting.id)).length;
    const result = await recordApproval(f.k, f.meeting.id, 9, 1, "approve", undefined, "email");
    expect(result).toMatchObject({ recorded: false });
    expect(await f.store.listApprovals(f.meeting.id, 1)).toEqual([]);
    expect((await f.store.listAudit(f.meeting.id)).length).toBe(audit);
    expect(f.sent).toEqual([]);
  });

  it("answers an approval of a version no longer out for approval as closed, recording nothing", async () => {
    const f = await outForApproval();
    const result = await recordApproval(f.k, f.meeting.id, 1, 2, "approve", undefined, "email");
    expect(result).toMatchObject({ recorded: false });
    expect(await f.store.listApprovals(f.meeting.id, 2)).toEqual([]);
  });

  it("records and audits an approval, and waits while others have not answered", async () => {
    const f = await outForApproval();
    const result = await recordApproval(f.k, f.meeting.id, 1, 1, "approve", undefined, "email");
    expect(result).toMatchObject({ recorded: true });
    expect((await f.store.listApprovals(f.meeting.id, 1)).map((a) => [a.index, a.response])).toEqual([
      [1, "approve"],
    ]);
    expect((await f.store.listAudit(f.meeting.id)).map((e) => e.what)).toContain("approval:approve");
    expect(successes(f)).toEqual([]);
  });

  it("sends a change request to the chair, with the chair's own answer address, and does not count it as agreement", async () => {
    const f = await outForApproval();
    const result = await recordApproval(
      f.k,
      f.meeting.id,
      1,
      1,
      "request-changes",
      "Attendance is 84 percent, not 82.",
      "email",
    );
    expect(result).toMatchObject({ recorded: true });
    expect(f.sent).toHaveLength(1);
    const [email] = f.sent;
    expect(email?.to.map((t) => t.email)).toEqual(["chair@example.org"]);
    expect(email?.replyTo?.email).toMatch(/@reply\.example\.org$/);
    expect(email?.text).toContain("Attendance is 84 percent, not 82.");
    for (const p of [0, 2, 3]) await recordApproval(f.k, f.meeting.id, p, 1, "approve", undefined, "email");
    // Mark's change is undecided: the minutes are not agreed yet.
    expect(successes(f)).toEqual([]);
  });

  it("completes the approval wait as agreed when the last approver approves", async () => {
    const f = await outForApproval();
    const r = [];
    for (const p of [0, 1, 2, 3])
      r.push(await recordApproval(f.k, f.meeting.id, p, 1, "approve", undefined, "email"));
    expect(successes(f)).toEqual([["approval-token-v1", { outcome: "agreed", version: 1, deemed: false }]]);
    expect((await f.store.getWait(f.meeting.id, "approval", 0))?.status).toBe("completed");
  });

  it("after the deadline, the chair's approval confirms deemed agreement for those who did not answer (the authority's rule)", async () => {
    const f = await outForApproval();
    await recordApproval(f.k, f.meeting.id, 1, 1, "approve", undefined, "email");
    // The deadline passed and the chair was asked to confirm: the wait is a rung up.
    const wait = await f.store.getWait(f.meeting.id, "approval", 0);
    if (!wait) throw new Error("no approval wait");
    await f.store.putWait(f.meeting.id, { ...wait, level: 1 });
    expect(successes(f)).toEqual([]);
    await recordApproval(f.k, f.meeting.id, 0, 1, "approve", undefined, "email");
    expect(successes(f)).toEqual([["approval-token-v1", { outcome: "agreed", version: 1, deemed: true }]]);
    const answers = await f.store.listApprovals(f.meeting.id, 1);
    expect(answers.map((a) => [a.index, a.response]).sort()).toEqual([
      [0, "approve"],
      [1, "approve"],
      [2, "deemed"],
      [3, "deemed"],
    ]);
    expect((await f.store.listAudit(f.meeting.id)).filter((e) => e.what === "approval:deemed")).toHaveLength(
      2,
    );
  });

  it("before the deadline, the chair's own approval deems nobody", async () => {
    const f = await outForApproval();
    await recordApproval(f.k, f.meeting.id, 0, 1, "approve", undefined, "email");
    expect(successes(f)).toEqual([]);
    expect((await f.store.listApprovals(f.meeting.id, 1)).map((a) => a.response)).toEqual(["approve"]);
  });

  it("when everyone has approved minutes that lack the child's views and a contingency plan, tells the chair what is missing and keeps waiting (seed 001)", async () => {
    const f = await outForApproval(undefined, transcriptWithoutViews);
    let last: Awaited<ReturnType<typeof recordApproval>> | undefined;
    for (const p of [0, 1, 2, 3])
      last = await recordApproval(f.k, f.meeting.id, p, 1, "approve", undefined, "email");
    expect(last).toMatchObject({ recorded: true });
    expect(last && "message" in last ? last.message : "").toMatch(/childs-views.*contingency-plan/);
    expect(successes(f)).toEqual([]);
    expect(f.sent.map((e) => [e.to[0]?.email, e.subject])).toEqual([
      ["chair@example.org", expect.stringContaining("Minutes cannot be finalised")],
    ]);
    expect(f.sent[0]?.text).toMatch(/child's views/i);
    expect((await f.store.getWait(f.meeting.id, "approval", 0))?.status).toBe("waiting");
  });
});

describe("the chair's decision on a requested change", () => {
  async function changeRequested() {
    const f = await outForApproval();
    await recordApproval(f.k, f.meeting.id, 1, 1, "request-changes", "Attendance is 84 percent.", "email");
    for (const p of [0, 2, 3]) await recordApproval(f.k, f.meeting.id, p, 1, "approve", undefined, "email");
    f.sent.length = 0;
    return f;
  }

  it("a rejection keeps the chair's reason, tells the requester, and is recorded as a disagreement, never as agreement (seed 001)", async () => {
    const f = await changeRequested();
    const result = await decideChange(f.k, f.meeting.id, 1, "rejected", "email", 1, "The register says 82.");
    expect(result).toEqual({ decided: true, version: 1 });
    const mark = (await f.store.listApprovals(f.meeting.id, 1)).find((a) => a.index === 1);
    expect(mark).toMatchObject({ chairDecision: "rejected", chairReason: "The register says 82." });
    expect(f.sent.map((e) => e.to[0]?.email)).toEqual(["mark@school.example.org"]);
    expect(f.sent[0]?.text).toContain("The register says 82.");
    expect(f.sent[0]?.text).toContain("escalation policy");
    expect(f.sent[0]?.replyTo?.email).toMatch(/@reply\.example\.org$/);
    expect((await f.store.listAudit(f.meeting.id)).map((e) => e.what)).toContain("change-rejected");
    // Everyone else approved: the minutes stand, with Mark's disagreement recorded in them.
    expect(successes(f)).toEqual([["approval-token-v1", { outcome: "agreed", version: 1, deemed: false }]]);
    const { decision } = await agreement(f.k, await f.store.getMeeting(f.meeting.id));
    expect(decision).toMatchObject({
      status: "agreed",
      record: {
        agreed: [0, 2, 3],
        deemed: [],
        disagreed: [{ index: 1, change: "Attendance is 84 percent.", reason: "The register says 82." }],
      },
    });
  });

  it("while others have not answered, the requester told of a rejection can still approve, which replaces the disagreement", async () => {
    const f = await outForApproval();
    await recordApproval(f.k, f.meeting.id, 1, 1, "request-changes", "Attendance is 84 percent.", "email");
    await decideChange(f.k, f.meeting.id, 1, "rejected", "email", 1, "The register says 82.");
    expect(successes(f)).toEqual([]);
    await recordApproval(f.k, f.meeting.id, 1, 1, "approve", undefined, "email");
    for (const p of [0, 2, 3]) await recordApproval(f.k, f.meeting.id, p, 1, "approve", undefined, "email");
    expect(successes(f)).toEqual([["approval-token-v1", { outcome: "agreed", version: 1, deemed: false }]]);
    const { decision } = await agreement(f.k, await f.store.getMeeting(f.meeting.id));
    expect(decision).toMatchObject({ status: "agreed", record: { agreed: [0, 1, 2, 3], disagreed: [] } });
  });

  it("a second decision on the same request changes nothing", async () => {
    const f = await changeRequested();
    await decideChange(f.k, f.meeting.id, 1, "rejected", "email", 1, "No.");
    const again = await decideChange(f.k, f.meeting.id, 1, "accepted", "email", 1);
    expect(again).toMatchObject({ recorded: false });
    const mark = (await f.store.listApprovals(f.meeting.id, 1)).find((a) => a.index === 1);
    expect(mark?.chairDecision).toBe("rejected");
    expect((await f.store.getMeeting(f.meeting.id)).minutesVersion).toBe(1);
  });

  it("accepting makes version 2 with the change and tells the workflow a new version is out", async () => {
    const f = await changeRequested();
    const result = await decideChange(f.k, f.meeting.id, 1, "accepted", "email", 1);
    expect(result).toEqual({ decided: true, version: 2 });
    expect((await f.store.getMeeting(f.meeting.id)).minutesVersion).toBe(2);
    const v2 = await f.store.getMinutesVersion(f.meeting.id, 2);
    expect(JSON.stringify(v2.minutes)).toContain("Attendance is 84 percent.");
    expect(v2.hash).not.toBe((await f.store.getMinutesVersion(f.meeting.id, 1)).hash);
    expect(successes(f)).toEqual([["approval-token-v1", { outcome: "new-version", version: 2 }]]);
  });
});

describe("a new minutes version after a crash left one orphaned (stored, never recorded by the meeting)", () => {
  async function withOrphan(hashOf?: "same") {
    const f = await outForApproval();
    const v1 = await f.store.getMinutesVersion(f.meeting.id, 1);
    const edited = {
      ...v1.minutes,
      header: { ...v1.minutes.header, title: `${v1.minutes.header.title} (edited)` },
    };
    await f.store.putMinutesVersion(
      f.meeting.id,
      {
        version: 2,
        hash: hashOf === "same" ? minutesPort.hash(edited) : "orphaned-by-a-crash",
        minutes: v1.minutes,
        createdAt: "2026-07-02T10:00:00.000Z",
        createdBy: f.meeting.chair.email,
      },
      { meetingVersion: f.meeting.version },
    );
    return { ...f, edited };
  }
  const audits = async (f: { store: { listAudit(id: string): Promise<{ what: string }[]> } }, id: string) =>
    (await f.store.listAudit(id)).map((a) => a.what);

  it("the chair's accepted change replaces the orphan, and the meeting moves to it", async () => {
    const f = await withOrphan();
    await recordApproval(f.k, f.meeting.id, 1, 1, "request-changes", "Attendance is 84 percent.", "email");
    const result = await decideChange(f.k, f.meeting.id, 1, "accepted", "email", 1);
    expect(result).toEqual({ decided: true, version: 2 });
    expect((await f.store.getMeeting(f.meeting.id)).minutesVersion).toBe(2);
    const v2 = await f.store.getMinutesVersion(f.meeting.id, 2);
    expect(JSON.stringify(v2.minutes)).toContain("Attendance is 84 percent.");
    expect(v2.hash).not.toBe("orphaned-by-a-crash");
    expect(await audits(f, f.meeting.id)).toContain("minutes-orphan-replaced");
    expect(successes(f)).toEqual([["approval-token-v1", { outcome: "new-version", version: 2 }]]);
  });

  it("the same step run again keeps the version it stored and replaces nothing", async () => {
    const f = await withOrphan("same");
    expect(await f.k.newMinutesVersion(f.meeting, f.edited)).toBe(2);
    expect((await f.store.getMeeting(f.meeting.id)).minutesVersion).toBe(2);
    expect((await f.store.getMinutesVersion(f.meeting.id, 2)).hash).toBe(minutesPort.hash(f.edited));
    expect(await audits(f, f.meeting.id)).not.toContain("minutes-orphan-replaced");
  });

  it("a writer still in flight with the orphan loses: its own save of the meeting is refused", async () => {
    const f = await withOrphan();
    const stale = f.meeting;
    expect(await f.k.newMinutesVersion(f.meeting, f.edited)).toBe(2);
    await expect(f.store.saveMeeting({ ...stale, minutesVersion: 2 })).rejects.toBeInstanceOf(ConflictError);
    expect((await f.store.getMinutesVersion(f.meeting.id, 2)).hash).toBe(minutesPort.hash(f.edited));
  });

  it("a writer that read the meeting before version 2 was recorded cannot overwrite it", async () => {
    const f = await withOrphan();
    const stale = f.meeting;
    expect(await f.k.newMinutesVersion(f.meeting, f.edited)).toBe(2);
    const other = { ...f.edited, header: { ...f.edited.header, title: "Something else" } };
    await expect(f.k.newMinutesVersion(stale, other)).rejects.toBeInstanceOf(ConflictError);
    expect((await f.store.getMinutesVersion(f.meeting.id, 2)).hash).toBe(minutesPort.hash(f.edited));
    expect((await f.store.getMeeting(f.meeting.id)).minutesVersion).toBe(2);
  });
});

describe("distributing the agreed minutes", () => {
  async function agreed(now?: string) {
    const f = await outForApproval();
    await recordApproval(f.k, f.meeting.id, 1, 1, "request-changes", "Attendance is 84 percent.", "email");
    for (const p of [0, 2, 3]) await recordApproval(f.k, f.meeting.id, p, 1, "approve", undefined, "email");
    await decideChange(f.k, f.meeting.id, 1, "rejected", "email", 1, "The register says 82.");
    if (now) f.clock.now = new Date(now);
    f.sent.length = 0;
    return f;
  }

  it("sends the final minutes once to everyone (the family their own copy), files them and tracks the agreed actions", async () => {
    const f = await agreed();
    const result = await distribute(f.k, f.meeting.id);
    expect(result).toMatchObject({ late: false, sent: 4 });
    const finals = f.sent.filter((e) => e.kind === "final-minutes");
    expect(finals.map((e) => e.to[0]?.email).sort()).toEqual([
      "aisha@camhs.example.org",
      "chair@example.org",
      "mark@school.example.org",
      "sam@example.org",
    ]);
    const family = finals.find((e) => e.to[0]?.email === "sam@example.org");
    const professional = finals.find((e) => e.to[0]?.email === "mark@school.example.org");
    expect(family?.attachments?.map((a) => a.filename)).not.toEqual(
      professional?.attachments?.map((a) => a.filename),
    );
    expect(await f.blobs.get(`documents/${f.meeting.id}/minutes-v1.docx`)).toBeDefined();
    expect(await f.blobs.get(`documents/${f.meeting.id}/minutes-v1.pdf`)).toBeDefined();
    const actions = await f.store.listActions(f.meeting.id);
    expect(actions.map((a) => [a.responsible.email, a.dueDate, a.status])).toEqual([
      ["mark@school.example.org", "2026-07-15", "open"],
      ["aisha@camhs.example.org", "2026-07-24", "open"],
    ]);
    // A retry sends nothing twice.
    await distribute(f.k, f.meeting.id);
    expect(f.sent.filter((e) => e.kind === "final-minutes")).toHaveLength(4);
  });

  it("states in the final minutes who agreed and who disagreed, with the change and the chair's reason (seed 001)", async () => {
    const f = await agreed();
    await distribute(f.k, f.meeting.id);
    const text = f.sent.find((e) => e.to[0]?.email === "aisha@camhs.example.org")?.text ?? "";
    const pdf = await f.blobs.get(`documents/${f.meeting.id}/case-note.txt`);
    expect(pdf).toBeDefined();
    const stored = await f.store.getMinutesVersion(f.meeting.id, 1);
    const documents = await minutesPort.render(f.meeting, stored.minutes, "professional", {
      final: true,
      agreement: {
        agreed: ["Chris Chair (chair)", "Dr Aisha Karim (camhs)", "Sam Parent (parent)"],
        deemed: [],
        disagreed: [
          { name: "Mark Bell (senco)", change: "Attendance is 84 percent.", reason: "The register says 82." },
        ],
      },
    });
    expect(documents.text).toContain("Mark Bell");
    expect(documents.text).toContain("The register says 82.");
    expect(text.length).toBeGreaterThan(0);
  });

  it("is late when it goes out after the type's distribution deadline", async () => {
    const f = await agreed("2026-07-13T09:00:00Z");
    const result = await distribute(f.k, f.meeting.id);
    expect(result.late).toBe(true);
    expect(result.dueBy).toBe("2026-07-10");
  });
});
