import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDemoMeeting } from "../../adapters/local/demo-scenario.ts";
import type { AuditEvent } from "../../domain/lifecycle/model.ts";
import { outboxFiles, startTestRuntime, type TestRuntime } from "./support.ts";

describe("the seed 000 professionals meeting, end to end on the embedded runtime", () => {
  let t: TestRuntime;
  let meetingId: string;
  let audit: AuditEvent[];

  beforeAll(async () => {
    t = await startTestRuntime();
    const result = await runDemoMeeting(t.runtime, t.mailer);
    meetingId = result.meetingId;
    audit = await t.runtime.store.listAudit(meetingId);
  }, 120_000);
  afterAll(async () => {
    await t?.runtime.close();
  });

  it("goes through every phase to closed, with no failed execution", async () => {
    const meeting = await t.runtime.store.getMeeting(meetingId);
    expect(meeting.phase).toBe("closed");
    const phases = audit.filter((e) => e.what.startsWith("phase:")).map((e) => e.what.slice(6));
    expect(phases).toEqual(
      expect.arrayContaining([
        "invite",
        "await-meeting",
        "transcribe",
        "agree-minutes",
        "track-actions",
        "review",
        "closed",
      ]),
    );
    const executions = [...t.runtime.workflow.executions.values()];
    expect(executions.filter((e) => e.status === "FAILED")).toEqual([]);
    expect(executions.find((e) => e.name === meetingId)?.status).toBe("SUCCEEDED");
  });

  it("sends invitations as real MIME with an iCalendar REQUEST and a signed per-person Reply-To", async () => {
    const files = await outboxFiles(t.outbox);
    // Ten for the meeting, ten for its review meeting (convened when it closed).
    const invitations = files.filter((f) => f.includes("-invitation-"));
    expect(invitations).toHaveLength(20);
    expect(t.mailer.forMeeting(meetingId).filter((e) => e.kind === "invitation")).toHaveLength(10);
    const parsed = await simpleParser(await readFile(join(t.outbox, invitations[0] as string)));
    expect(parsed.subject).toMatch(/^OFFICIAL-SENSITIVE: /);
    expect(parsed.subject).not.toMatch(/Priya|Tom/);
    expect(parsed.replyTo?.value[0]?.address).toMatch(/^reply\+[a-z2-7]{52}@reply\.demo\.convene\.local$/);
    const raw = await readFile(join(t.outbox, invitations[0] as string), "utf8");
    expect(raw).toMatch(/text\/calendar; *charset=utf-8; *method=REQUEST|method=REQUEST/i);
    expect(raw).toContain("BEGIN:VCALENDAR");
  });

  it("asks a key agency that sent apologies without a report for its written report (seed 001)", () => {
    const request = t.mailer.sent.filter((e) => e.kind === "report-request");
    expect(request.map((e) => e.to[0]?.email)).toEqual(["helen.ward@riverside-surgery.example.org"]);
  });

  it("makes a new minutes version when the chair accepts a change, and sends it back out", async () => {
    expect(audit.some((e) => e.what === "change-accepted")).toBe(true);
    const v1 = await t.runtime.store.getMinutesVersion(meetingId, 1);
    const v2 = await t.runtime.store.getMinutesVersion(meetingId, 2);
    expect(v2.hash).not.toBe(v1.hash);
    expect(JSON.stringify(v2.minutes)).toContain("short breaks referral was made on 2 March 2026");
  });

  it("gives the real answer-by day in the approval request: the approval wait's working-day deadline", () => {
    const request = t.mailer.sent.find((e) => e.kind === "approval-request");
    const asked = audit.find((e) => e.what === "email:approval-request");
    if (!request || !asked) throw new Error("no approval request");
    // approvalWorkingDays (3) working days from the request, at the end of that day, London time.
    const day = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    const from = new Date(asked.at);
    const working: Date[] = [];
    for (let d = new Date(from); working.length < 3; ) {
      d = new Date(d.getTime() + 86_400_000);
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) working.push(d);
    }
    const expected = day.format(working[2] as Date).replace(",", "");
    expect(request.text.replace(/\s+/g, " ")).toContain(`answer by ${expected}`);
  });

  it("escalates late approvals to the chair, who confirms the non-responder as deemed agreed", () => {
    const escalation = audit.find((e) => e.what === "escalation:approvals-overdue");
    expect(escalation?.detail.to).toEqual(["priya.shah@shah-solicitors.example.org"]);
    // The chair confirms by replying to the escalation itself: it has the chair's own reply address.
    const email = t.mailer.sent.find(
      (e) => e.meetingId === meetingId && e.headers?.["X-Convene-Escalation"] === "approvals-overdue",
    );
    expect(email?.replyTo?.email).toMatch(/^reply\+[a-z2-7]+@reply\.demo\.convene\.local$/);
    const deemed = audit.find((e) => e.what === "approval:deemed");
    expect(deemed?.via).toMatch(/^email:/);
    expect(audit.some((e) => e.what === "approval:deemed")).toBe(true);
    expect(audit.some((e) => e.what === "minutes-distributed")).toBe(true);
  });

  it("distributes agreed minutes within the deadline, a family-safe case note filed", async () => {
    const distributed = audit.find((e) => e.what === "minutes-distributed");
    expect(distributed?.detail.late).toBe(false);
    const finals = t.mailer.sent.filter((e) => e.kind === "final-minutes");
    expect(finals).toHaveLength(10);
    expect(finals[0]?.attachments?.some((a) => a.filename.endsWith(".docx"))).toBe(true);
    const note = await t.runtime.deps.blobs.get(`documents/${meetingId}/case-note.txt`);
    expect(new TextDecoder().decode(note)).toMatch(
      /minutes \(version 2, sha256 [0-9a-f]{12}\) are located in Documents: minutes-v2\.docx/,
    );
  });

  it("records the reasons the chair gave for going against convene-time rules: team manager told, minutes say why (seed 001)", async () => {
    const told = t.mailer.sent.filter((e) => e.kind === "plan-overridden");
    expect(told).toHaveLength(1);
    expect(told[0]?.to.map((r) => r.email)).toEqual(["jordan.ellis@demo.convene.local"]);
    expect(told[0]?.text).toMatch(/Reason given: The police have no current involvement/);
    const final = t.mailer.sent.find((e) => e.kind === "final-minutes");
    const docx = final?.attachments?.find((a) => a.filename.endsWith(".docx"));
    const { value: words } = await mammoth.extractRawText({
      buffer: Buffer.from(docx?.content as Uint8Array),
    });
    expect(words).toMatch(
      /Key agency not invited: Demo Homes \(housing\)\. Rationale: The family's tenancy is secure/,
    );
    expect(words).toMatch(/Key agency not invited: Demo Police\. Rationale: The police have no current/);
    expect(words).toMatch(
      /Convened although Child's solicitor chairing: court approval .*Reason given: The consent order/,
    );
    expect(audit.filter((e) => e.what.startsWith("plan-override:")).map((e) => e.what)).toEqual([
      "plan-override:key-agency-rationale",
      "plan-override:chair-condition",
    ]);
  });

  it("escalates a slipped action up the ladder: line manager, then chair and team manager, then the service manager (seed 001, issue 13)", async () => {
    const actions = await t.runtime.store.listActions(meetingId);
    const camhs = actions.find((a) => a.responsible.email === "aisha.karim@camhs.example.org");
    expect(camhs?.status).toBe("slipped");
    const ladder = audit.filter(
      (e) => e.what === "escalation:action-overdue" && e.detail.actionNumber === camhs?.number,
    );
    expect(ladder.map((e) => [e.detail.level, e.detail.to])).toEqual([
      [1, ["sam.patel@camhs.example.org"]],
      [2, ["priya.shah@shah-solicitors.example.org", "jordan.ellis@demo.convene.local"]],
      [3, ["sam.okafor@demo.convene.local"]],
    ]);
    const done = actions.filter((a) => a.status === "done");
    expect(done.length).toBeGreaterThanOrEqual(3);
    // Each rung's email names the action and its owner, not the chair, and says what it is.
    const emails = t.mailer.sent.filter((e) => e.headers?.["X-Convene-Escalation"] === "action-overdue");
    expect(emails.length).toBeGreaterThanOrEqual(2);
    for (const e of emails) {
      expect(e.subject).toMatch(/^OFFICIAL-SENSITIVE: Action overdue: .+ \(ref C-\d+\) — owner \S/);
      expect(e.text).toMatch(/owned by [^,]+ \(/);
      expect(e.text).not.toMatch(/due on \d{4}-\d{2}-\d{2}/);
    }
    expect(emails.some((e) => /owner Dr Aisha Karim/.test(e.subject))).toBe(true);
    expect(t.mailer.sent.filter((e) => /Escalation \(level/.test(e.subject))).toEqual([]);
  });

  it("convenes the review meeting for real: a Review Professionals Meeting on the agreed date, invited, its agenda opened by the actions (seed 000)", async () => {
    const review = audit.find((e) => e.what === "review-scheduled");
    expect(review?.detail.reviewDate).toBe("2026-04-28");
    expect(review?.detail.basis).toBe("agreed");
    const next = await t.runtime.store.getMeeting(String(review?.detail.reviewMeetingId));
    expect(next.reviewOf).toBe(meetingId);
    expect(next.typeId).toBe("rpm");
    expect(next.series?.number).toBe(2);
    // Started through the lifecycle: invited, waiting for its date.
    expect(next.phase).toBe("await-meeting");
    const first = await t.runtime.store.getMeeting(meetingId);
    // The same local time of day (10:00 in London, GMT in March and BST in April).
    const local = (iso: string) =>
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeStyle: "short" }).format(
        new Date(iso),
      );
    expect(local(next.start)).toBe(local(first.start));
    expect(next.start.slice(0, 10)).toBe("2026-04-28");
    const invitations = t.mailer.forMeeting(next.id).filter((e) => e.kind === "invitation");
    expect(invitations).toHaveLength(1 + next.invitees.length);
    const text = invitations[0]?.text ?? "";
    expect(text).toContain("Tuesday 28 April 2026");
    // Freshly filled: the first meeting's date appears nowhere in the review's agenda.
    expect(text).not.toContain("Tuesday 10 March 2026");
    // The agenda opens with progress on each of the first meeting's actions, with owners.
    const actions = await t.runtime.store.listActions(meetingId);
    const progress = next.agenda.sections
      .flatMap((section) => section.items)
      .find((item) => /^Progress on the actions/.test(item.text));
    expect(progress?.subItems).toHaveLength(actions.length);
    for (const a of actions) expect(text).toContain(`Action ${a.number}: ${a.action}`);
    expect(progress?.subItems?.join("\n")).toMatch(/Dr Aisha Karim/);
    // The chair is told it is convened, when and why.
    const told = t.mailer.forMeeting(meetingId).filter((e) => e.kind === "review-scheduled");
    expect(told).toHaveLength(1);
    expect(told[0]?.subject).toContain("Review convened for Tuesday 28 April 2026");
    expect(told[0]?.text).toContain("This is the date agreed at the meeting.");
  });

  it("writes an audit event for every state change, with who and how, and no child's name", () => {
    expect(audit.length).toBeGreaterThan(50);
    for (const e of audit) {
      expect(e.actor).toBeTruthy();
      expect(e.via).toBeTruthy();
    }
  });
});
