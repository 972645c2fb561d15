/**
 * The meeting-level use cases over in-memory ports (issue 10): recording a meeting held, cancelling
 * and rescheduling — what each refuses (changing nothing), stores, audits, sends and tells the
 * workflow, in milliseconds.
 */
import { describe, expect, it } from "vitest";
import { fillAgenda, professionalsMeetingAgenda } from "../../../domain/catalog/index.ts";
import { cancel, finishCancellation } from "../../../domain/lifecycle/cancel.ts";
import { recordMeetingHeld } from "../../../domain/lifecycle/hold.ts";
import { sendInvitations } from "../../../domain/lifecycle/invite.ts";
import { LifecycleStateError } from "../../../domain/lifecycle/kernel.ts";
import type { Invitee, Meeting } from "../../../domain/lifecycle/model.ts";
import { reschedule } from "../../../domain/lifecycle/reschedule.ts";
import { kernelFixture } from "./kernel-fixture.ts";
import { testMeeting } from "./support.ts";

const invitee = (index: number, name: string, email: string): Invitee => ({
  index,
  name,
  email,
  role: "senco",
  agency: "School",
  keyAgency: false,
  observer: false,
  family: false,
});

async function awaiting(overrides: Partial<Meeting> = {}) {
  const f = kernelFixture(new Date("2026-06-25T09:00:00Z"));
  const meeting = await f.add(
    testMeeting({
      ...overrides,
      id: "mholdaaaaaaaaaaa",
      phase: "await-meeting",
      invitees: [
        invitee(1, "Mark Bell", "mark@school.example.org"),
        invitee(2, "Dr Aisha Karim", "aisha@camhs.example.org"),
      ],
    }),
  );
  await f.store.putAnswer(meeting.id, {
    index: 2,
    attendance: "apologies-with-report",
    note: "Report attached",
    reportReceived: true,
    at: "2026-06-24T09:00:00.000Z",
  });
  await f.store.putWait(meeting.id, {
    purpose: "meeting-held",
    ref: 0,
    token: "held-token",
    status: "waiting",
    level: 0,
    deadline: "2026-07-02T17:00:00.000Z",
    reminders: [],
    registeredAt: "2026-06-22T09:00:00.000Z",
  });
  return { ...f, meeting };
}

describe("recording a meeting held", () => {
  it("refuses attendance before the meeting's day, then an attendance list naming someone not invited, or someone twice, and writes nothing", async () => {
    const f = await awaiting();
    // 25 June, for a meeting on 1 July: who attended is not known yet.
    await expect(
      recordMeetingHeld(f.k, f.meeting.id, [{ index: 0, attended: true }], "chair@example.org", "page"),
    ).rejects.toThrow(
      /the meeting is on Wednesday 1 July 2026 at 10:00: record who attended on the day or after/,
    );
    // From the meeting's own day (before it starts: people arriving).
    f.clock.now = new Date("2026-07-01T08:30:00Z");
    await expect(
      recordMeetingHeld(f.k, f.meeting.id, [{ index: 7, attended: true }], "chair@example.org", "page"),
    ).rejects.toThrow(/person 7, who is not invited/);
    await expect(
      recordMeetingHeld(
        f.k,
        f.meeting.id,
        [
          { index: 1, attended: true },
          { index: 1, attended: false },
        ],
        "chair@example.org",
        "page",
      ),
    ).rejects.toThrow(/person 1 twice/);
    expect((await f.store.getMeeting(f.meeting.id)).phase).toBe("await-meeting");
    expect(await f.store.listAudit(f.meeting.id)).toEqual([]);
  });

  it("records who attended (keeping an absent key agency's report), moves to transcription and completes the wait", async () => {
    const f = await awaiting();
    f.clock.now = new Date("2026-07-01T11:00:00Z");
    await recordMeetingHeld(
      f.k,
      f.meeting.id,
      [
        { index: 0, attended: true },
        { index: 1, attended: true },
        { index: 2, attended: false },
      ],
      "chair@example.org",
      "page",
    );
    const answers = await f.store.listAnswers(f.meeting.id);
    expect(answers.map((a) => [a.index, a.attendance])).toEqual([
      [0, "attended"],
      [1, "attended"],
      [2, "apologies-with-report"],
    ]);
    expect(answers[2]?.note).toBe("Report attached");
    expect((await f.store.getMeeting(f.meeting.id)).phase).toBe("transcribe");
    expect(f.workflow).toContainEqual({ call: "sendTaskSuccess", args: ["held-token", { held: true }] });
    const audit = (await f.store.listAudit(f.meeting.id)).map((e) => e.what);
    expect(audit).toEqual(expect.arrayContaining(["meeting-held", "phase:transcribe"]));
    // Not twice.
    await expect(
      recordMeetingHeld(f.k, f.meeting.id, [{ index: 0, attended: true }], "chair@example.org", "page"),
    ).rejects.toBeInstanceOf(LifecycleStateError);
  });
});

describe("cancelling", () => {
  it("sends everyone one calendar CANCEL with the reason, fails the waits, and leaves the in-flight list", async () => {
    const f = await awaiting();
    await cancel(f.k, f.meeting.id, "The family moved away.", "chair@example.org", "page");
    const cancelled = await f.store.getMeeting(f.meeting.id);
    expect(cancelled).toMatchObject({
      phase: "cancelled",
      sequence: 1,
      cancelReason: "The family moved away.",
    });
    const cancels = f.sent.filter((e) => e.kind === "cancellation");
    expect(cancels.map((e) => e.to[0]?.email).sort()).toEqual(
      ["aisha@camhs.example.org", "chair@example.org", "mark@school.example.org"].sort(),
    );
    expect(cancels[0]?.text).toContain("The family moved away.");
    expect(f.workflow.filter((w) => w.call === "sendTaskFailure").map((w) => w.args[0])).toEqual([
      "held-token",
    ]);
    expect(await f.store.listInFlight()).toEqual([]);
    // A restart finishing it again sends nothing twice.
    await finishCancellation(f.k, f.meeting.id);
    expect(f.sent.filter((e) => e.kind === "cancellation")).toHaveLength(3);
    await expect(cancel(f.k, f.meeting.id, undefined, "chair@example.org", "page")).rejects.toBeInstanceOf(
      LifecycleStateError,
    );
  });
});

describe("rescheduling", () => {
  /** The chair moves the meeting to 8 July, 10:00–11:00 UTC, from the meeting's page. */
  const toEighthOfJuly = (f: Awaited<ReturnType<typeof awaiting>>) =>
    reschedule(
      f.k,
      f.meeting.id,
      new Date("2026-07-08T10:00:00Z"),
      new Date("2026-07-08T11:00:00Z"),
      "chair@example.org",
      "page",
    );

  it("refuses a time in the past or an end before the start, then re-invites everyone with the calendar sequence raised", async () => {
    const f = await awaiting();
    await expect(
      reschedule(
        f.k,
        f.meeting.id,
        new Date("2026-06-20T09:00:00Z"),
        new Date("2026-06-20T10:00:00Z"),
        "chair@example.org",
        "page",
      ),
    ).rejects.toThrow(/^start: expected a time after now/);
    await expect(
      reschedule(
        f.k,
        f.meeting.id,
        new Date("2026-07-08T10:00:00Z"),
        new Date("2026-07-08T09:00:00Z"),
        "chair@example.org",
        "page",
      ),
    ).rejects.toThrow(/end after it starts/);
    expect(f.sent).toEqual([]);
    const { sequence } = await toEighthOfJuly(f);
    expect(sequence).toBe(1);
    const moved = await f.store.getMeeting(f.meeting.id);
    expect(moved).toMatchObject({ start: "2026-07-08T10:00:00.000Z", sequence: 1 });
    const updates = f.sent.filter((e) => e.kind === "invitation-update");
    expect(updates).toHaveLength(3);
    // The answers given stay.
    expect((await f.store.listAnswers(f.meeting.id)).find((a) => a.index === 2)?.attendance).toBe(
      "apologies-with-report",
    );
  });

  it("names who has sent apologies under the updated invitation's Apologies (seed 000), no longer among the attendees; the first invitation says none", async () => {
    const filled = fillAgenda(professionalsMeetingAgenda, {
      child: "CH-1",
      date: "Thursday 2 July 2026",
      time: "10:00",
    });
    const agenda = { title: filled.title, lines: filled.lines, sections: filled.sections };
    const section = (text: string, heading: string, next: string) =>
      text.slice(text.indexOf(heading), text.indexOf(next, text.indexOf(heading)));
    // A first invitation: nobody has answered yet.
    const first = kernelFixture(new Date("2026-06-20T09:00:00Z"));
    const fresh = await first.add(
      testMeeting({
        id: "mfirstaaaaaaaaaa",
        phase: "invite",
        agenda,
        invitees: [invitee(1, "Mark Bell", "mark@school.example.org")],
      }),
    );
    await sendInvitations(first.k, fresh.id);
    const firstText = first.sent.find((e) => e.kind === "invitation")?.text ?? "";
    expect(section(firstText, "Apologies", "Agreed list of pre-reading")).toContain("None received.");
    // An update after Dr Karim sent apologies (with her report).
    const f = await awaiting({ agenda });
    await toEighthOfJuly(f);
    const updates = f.sent.filter((e) => e.kind === "invitation-update");
    expect(updates.length).toBeGreaterThan(0);
    for (const update of updates) {
      const apologies = section(update.text, "Apologies", "Agreed list of pre-reading");
      expect(apologies).toContain("Dr Aisha Karim \u2013 SENCo, School");
      expect(apologies).not.toContain("aisha@camhs.example.org");
      expect(apologies).not.toContain("Mark Bell");
      const attendees = section(update.text, "Attendees & email addresses", "Apologies");
      expect(attendees).toContain("Mark Bell \u2013 SENCo, School \u2013 mark@school.example.org");
      expect(attendees).not.toContain("Aisha");
    }
  });
});
