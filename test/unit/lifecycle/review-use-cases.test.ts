/**
 * Review and retention over in-memory ports (issue 10: every use case has unit tests that run in
 * milliseconds): the next meeting convened for real (review.ts: on a working day within the
 * cadence, never without notice, as the review type, with the previous actions on its agenda,
 * created once), what earlier meetings feed into a new one (fed-forward-agenda.ts), and retention
 * (retention.ts: removals scheduled when the minutes are final, carried out once when due).
 */
import { describe, expect, it } from "vitest";
import { createMeeting } from "../../../domain/lifecycle/create-meeting.ts";
import { erasePerson } from "../../../domain/lifecycle/erase-person.ts";
import { fedForward } from "../../../domain/lifecycle/fed-forward-agenda.ts";
import { feedForwardHeading } from "../../../domain/lifecycle/feed-forward.ts";
import type { Meeting } from "../../../domain/lifecycle/model.ts";
import { reschedule } from "../../../domain/lifecycle/reschedule.ts";
import { retentionDue, scheduleRetention, sweepRetention } from "../../../domain/lifecycle/retention.ts";
import { scheduleReview } from "../../../domain/lifecycle/review.ts";
import { base, catalog, demo, person } from "../planning/requests.ts";
import { kernelFixture } from "./kernel-fixture.ts";
import { drafted, minutesPort } from "./minutes-fixture.ts";
import { testAction, testMeeting, testSettings } from "./support.ts";

/**
 * A Professionals Meeting (seed 000) held on Thursday 12 March 2026 at 14:00 in London, convened
 * through create-meeting so it carries its real series (reviewed by Review Professionals Meetings),
 * now at review with its minutes (version 1) and two actions, one done and one open.
 */
async function atReview(
  options: {
    agreed?: string;
    now?: string;
    series?: Partial<NonNullable<Meeting["series"]>>;
    openActions?: boolean;
  } = {},
) {
  const f = kernelFixture(new Date(options.now ?? "2026-03-20T09:00:00Z"), { minutes: minutesPort });
  const { meeting: created } = await createMeeting(
    {
      store: f.store,
      startLifecycle: async () => undefined,
      newMeetingId: () => "mheldaaaaaaaaaaa",
      catalog,
      authority: demo,
    },
    {
      body: {
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
        }),
      },
      now: new Date("2026-03-01T09:00:00Z"),
      via: "test",
    },
  );
  const minutes = await drafted(created, []);
  if (options.agreed) minutes.nextReview = { date: options.agreed };
  await f.store.putMinutesVersion(created.id, {
    version: 1,
    hash: minutesPort.hash(minutes),
    minutes,
    createdAt: "2026-03-13T09:00:00.000Z",
    createdBy: "drafter",
  });
  await f.store.putAction(
    created.id,
    testAction({
      number: 1,
      action: "Share the attendance record",
      dueDate: "2026-03-16",
      status: "done",
      closedAt: "2026-03-17T10:00:00.000Z",
      responsible: { name: "Sam Social", email: "social-worker@example.org", inviteeIndex: 1 },
    }),
  );
  await f.store.putAction(
    created.id,
    testAction({
      number: 2,
      action: "Refer to CAMHS",
      dueDate: "2026-04-02",
      status: options.openActions === false ? "cancelled" : "open",
      responsible: { name: "Dr Gita Patel", email: "gp@example.org", inviteeIndex: 3 },
    }),
  );
  const series = created.series ? { ...created.series, ...options.series } : undefined;
  const meeting = await f.store.saveMeeting({
    ...created,
    ...(series ? { series } : {}),
    phase: "review",
    minutesVersion: 1,
    actionCount: 2,
  });
  return { ...f, meeting };
}

describe("the review meeting, convened for real", () => {
  it("on the date agreed at the meeting, as the review type, with the same child and people, the previous actions on its agenda, and started", async () => {
    const f = await atReview({ agreed: "2026-05-14" });
    const { reviewDate, reviewMeetingId } = await scheduleReview(f.k, f.meeting.id);
    expect(reviewDate).toBe("2026-05-14");
    const review = await f.store.getMeeting(reviewMeetingId);
    expect(review).toMatchObject({
      typeId: "rpm",
      typeName: "Review Professionals Meeting",
      child: { reference: "C-104233" },
      // 14:00 in London on a summer-time day.
      start: "2026-05-14T13:00:00.000Z",
      end: "2026-05-14T14:00:00.000Z",
      phase: "convene",
      reviewOf: f.meeting.id,
      minutesVersion: 0,
      actionCount: 0,
      sequence: 0,
      overrides: [],
      version: 0,
    });
    expect(review.series?.number).toBe(2);
    expect(review.chair.email).toBe(f.meeting.chair.email);
    expect(review.invitees.map((p) => p.email)).toEqual(f.meeting.invitees.map((p) => p.email));
    const agendaText = JSON.stringify(review.agenda);
    expect(agendaText).toContain(
      "Action 1: Share the attendance record. Sam Social, due Monday 16 March 2026: done on Tuesday 17 March 2026, late.",
    );
    expect(agendaText).toContain(
      "Action 2: Refer to CAMHS. Dr Gita Patel, due Thursday 2 April 2026: open: progress to be reported.",
    );
    expect(f.workflow).toContainEqual({ call: "startLifecycle", args: [reviewMeetingId] });
    const told = f.sent.filter((e) => e.kind === "review-scheduled");
    expect(told.map((e) => e.to.map((t) => t.email))).toEqual([[f.meeting.chair.email]]);
    expect(told[0]?.text).toContain("14 May 2026");
    const audit = await f.store.listAudit(f.meeting.id);
    expect(audit.find((e) => e.what === "review-scheduled")?.detail).toMatchObject({
      reviewDate: "2026-05-14",
      reviewMeetingId,
      basis: "agreed",
      late: false,
    });
    expect((await f.store.listAudit(reviewMeetingId)).map((e) => e.what)).toEqual(["created-as-review"]);
    const closed = await f.store.getMeeting(f.meeting.id);
    expect(closed).toMatchObject({ phase: "closed", reviewMeetingId });
    // An open action keeps the meeting in flight (its tracker still runs).
    expect(await f.store.listInFlight()).toContain(f.meeting.id);
  });

  it("moves an agreed date on a bank holiday to the working day before", async () => {
    // Monday 25 May 2026 is the spring bank holiday.
    const f = await atReview({ agreed: "2026-05-25" });
    const { reviewDate, reviewMeetingId } = await scheduleReview(f.k, f.meeting.id);
    expect(reviewDate).toBe("2026-05-22");
    expect((await f.store.getMeeting(reviewMeetingId)).start).toBe("2026-05-22T13:00:00.000Z");
  });

  it("within the type's cadence: the latest date it allows when nothing was agreed, and an agreed date after it brought back", async () => {
    const cadence = {
      next: { kind: "months" as const, amount: 3 },
      thereafter: { kind: "months" as const, amount: 6 },
    };
    const f = await atReview({ series: cadence });
    expect((await scheduleReview(f.k, f.meeting.id)).reviewDate).toBe("2026-06-12");
    const g = await atReview({ series: cadence, agreed: "2026-07-01" });
    const { reviewDate, reviewMeetingId } = await scheduleReview(g.k, g.meeting.id);
    expect(reviewDate).toBe("2026-06-12");
    const review = await g.store.getMeeting(reviewMeetingId);
    expect(review.dueBy).toBe("2026-06-12");
    // The review is the second of its series: the next interval is the "thereafter" one.
    expect(review.reviewDueBy).toBe("2026-12-12");
    expect(
      (await g.store.listAudit(g.meeting.id)).find((e) => e.what === "review-scheduled")?.detail,
    ).toMatchObject({
      basis: "agreed-after-limit",
      latest: "2026-06-12",
    });
  });

  it("never in the past: a review whose date has passed is held once people can be given notice, marked late for the team manager", async () => {
    const f = await atReview({
      now: "2026-06-22T09:00:00Z",
      series: { next: { kind: "months", amount: 3 }, thereafter: null },
    });
    const { reviewDate, reviewMeetingId } = await scheduleReview(f.k, f.meeting.id);
    // Five working days after Monday 22 June.
    expect(reviewDate).toBe("2026-06-29");
    const review = await f.store.getMeeting(reviewMeetingId);
    expect(review.overrides).toEqual([expect.objectContaining({ code: "late-date", kind: "late-date" })]);
    expect(review.overrides[0]?.problem).toBe(
      "The review is due by Friday 12 June 2026 and is held on Monday 29 June 2026",
    );
  });

  it("is created once: the step run again finds the review it made and tells the chair once", async () => {
    const f = await atReview({ agreed: "2026-05-14" });
    const first = await scheduleReview(f.k, f.meeting.id);
    const again = await scheduleReview(f.k, f.meeting.id);
    expect(again.reviewMeetingId).toBe(first.reviewMeetingId);
    const reviews = [...f.store.meetings.values()].filter((m) => m.reviewOf === f.meeting.id);
    expect(reviews).toHaveLength(1);
    expect(f.sent.filter((e) => e.kind === "review-scheduled")).toHaveLength(1);
    expect((await f.store.listAudit(first.reviewMeetingId)).map((e) => e.what)).toEqual([
      "created-as-review",
    ]);
  });

  it("leaves the in-flight list when none of its actions is open", async () => {
    const f = await atReview({ agreed: "2026-05-14", openActions: false });
    await scheduleReview(f.k, f.meeting.id);
    expect(await f.store.listInFlight()).not.toContain(f.meeting.id);
  });
});

describe("what earlier meetings feed into a new one", () => {
  /** The child's meetings: Specific Issue CPMs (seed 002) before and after the last CPM, one not yet agreed. */
  async function child() {
    const f = kernelFixture(new Date("2026-06-01T09:00:00Z"));
    const meeting = (
      id: string,
      typeId: string,
      start: string,
      phase: Meeting["phase"],
      minutesVersion: number,
    ) =>
      testMeeting({
        id,
        typeId,
        typeName: typeId === "cpm" ? "Care Planning Meeting" : "Specific Issue Care Planning Meeting",
        start,
        end: start,
        phase,
        minutesVersion,
      });
    const decided = async (m: Meeting, decisions: string[]) => {
      await f.add(m);
      if (m.minutesVersion === 0) return;
      const minutes = await drafted(m, []);
      minutes.decisions = decisions.map((text) => ({ text }));
      await f.store.putMinutesVersion(m.id, {
        version: 1,
        hash: "h",
        minutes,
        createdAt: m.start,
        createdBy: "drafter",
      });
    };
    await decided(meeting("msiold", "specific-issue-cpm", "2026-03-02T10:00:00.000Z", "closed", 1), [
      "Fed already",
    ]);
    await decided(meeting("mcpm1", "cpm", "2026-04-01T10:00:00.000Z", "closed", 1), []);
    await decided(meeting("msi1", "specific-issue-cpm", "2026-04-20T10:00:00.000Z", "track-actions", 1), [
      "Jay moves to Oakfield's nurture group",
    ]);
    await decided(meeting("msi2", "specific-issue-cpm", "2026-05-05T10:00:00.000Z", "closed", 1), []);
    await decided(meeting("msi3", "specific-issue-cpm", "2026-05-20T10:00:00.000Z", "agree-minutes", 1), [
      "Not agreed yet",
    ]);
    return f;
  }

  it("opens the next CPM's agenda with the agreed decisions of the Specific Issue CPMs since the last one", async () => {
    const f = await child();
    const section = await fedForward(
      f.store,
      testSettings.timezone,
      testMeeting({ id: "mcpm2", typeId: "cpm", start: "2026-06-10T10:00:00.000Z" }),
    );
    expect(section?.heading).toBe(feedForwardHeading);
    expect(section?.items.map((i) => i.text)).toEqual([
      "Specific Issue Care Planning Meeting, Monday 20 April 2026: Jay moves to Oakfield's nurture group",
      "Specific Issue Care Planning Meeting, Tuesday 5 May 2026: no decisions were recorded.",
    ]);
  });

  it("feeds nothing into a type nothing feeds, without reading the child's meetings", async () => {
    const f = await child();
    f.store.childMeetings = async () => {
      throw new Error("read the child's meetings");
    };
    expect(
      await fedForward(f.store, testSettings.timezone, testMeeting({ typeId: "professionals-meeting" })),
    ).toBeUndefined();
  });
});

describe("retention", () => {
  it("schedules the transcripts' removal a year after the minutes are final, and the record's after the authority's years", async () => {
    const f = kernelFixture(new Date("2026-07-10T09:00:00Z"), {
      settings: { ...testSettings, retentionYears: 2 },
    });
    const meeting = await f.add(testMeeting({ id: "mretainaaaaaaaaa" }));
    await scheduleRetention(f.k, meeting, new Date("2026-07-10T09:00:00Z"));
    expect([...f.store.retention.values()]).toEqual([
      { meetingId: meeting.id, what: "transcripts", dueAt: "2027-07-10T09:00:00.000Z" },
      { meetingId: meeting.id, what: "record", dueAt: "2028-07-10T09:00:00.000Z" },
    ]);
  });

  it("keeps the record when the authority sets no years, and takes the shorter of the transcript and recording periods", () => {
    const finalAt = new Date("2026-07-10T00:00:00Z");
    expect(retentionDue(finalAt, {}).record).toBeUndefined();
    expect(
      retentionDue(finalAt, {
        deployment: { retentionDays: { transcripts: 90, recordings: 30 } },
      }).transcripts.toISOString(),
    ).toBe("2026-08-09T00:00:00.000Z");
  });

  /** A final meeting with its transcript, recording and a report on file, and both removals scheduled. */
  async function final() {
    const f = kernelFixture(new Date("2026-07-10T09:00:00Z"), {
      settings: { ...testSettings, retentionYears: 1 },
    });
    const meeting = await f.add(testMeeting({ id: "mretainaaaaaaaaa" }));
    await f.blobs.put(`transcripts/${meeting.id}/meeting.vtt`, new Uint8Array([1]));
    await f.blobs.put(`transcripts/${meeting.id}/latest`, new Uint8Array([2]));
    await f.blobs.put(`recordings/${meeting.id}`, new Uint8Array([3]));
    await f.blobs.put(`documents/${meeting.id}/reports/1/abc`, new Uint8Array([4]));
    await f.blobs.put("transcripts/mothermeetingaaaa/meeting.vtt", new Uint8Array([5]));
    await f.store.putAction(meeting.id, testAction());
    await scheduleRetention(f.k, meeting, new Date("2026-07-10T09:00:00Z"));
    return { ...f, meeting };
  }

  it("removes nothing before it is due", async () => {
    const f = await final();
    f.clock.now = new Date("2027-07-01T00:00:00Z");
    expect(await sweepRetention(f.k, "2026-07-10T09:00:00.000Z")).toEqual({ removed: 0 });
    expect(f.blobs.blobs.size).toBe(5);
  });

  it("when due, deletes the meeting's transcripts and recording (no one else's), audited, once", async () => {
    const f = await final();
    f.clock.now = new Date("2027-07-10T10:00:00Z");
    expect(await sweepRetention(f.k, "2027-06-01T00:00:00.000Z")).toEqual({ removed: 1 });
    expect([...f.blobs.blobs.keys()].sort()).toEqual([
      "documents/mretainaaaaaaaaa/reports/1/abc",
      "transcripts/mothermeetingaaaa/meeting.vtt",
    ]);
    const audit = (await f.store.listAudit(f.meeting.id)).filter(
      (e) => e.what === "retention:transcripts-deleted",
    );
    expect(audit).toEqual([
      expect.objectContaining({ actor: "retention", via: "sweeper", detail: { blobs: 3 } }),
    ]);
    expect(await sweepRetention(f.k, "2027-06-01T00:00:00.000Z")).toEqual({ removed: 0 });
    expect(await f.store.getMeeting(f.meeting.id)).toMatchObject({ id: f.meeting.id });
  });

  it("when the record is due, deletes every item of the meeting and its documents; a later sweep finds nothing to do", async () => {
    const f = await final();
    f.clock.now = new Date("2027-07-11T10:00:00Z");
    expect(await sweepRetention(f.k, "2027-06-01T00:00:00.000Z")).toEqual({ removed: 2 });
    await expect(f.store.getMeeting(f.meeting.id)).rejects.toThrow(/no meeting/);
    expect(await f.store.listActions(f.meeting.id)).toEqual([]);
    expect(await f.store.listAudit(f.meeting.id)).toEqual([]);
    expect([...f.blobs.blobs.keys()]).toEqual(["transcripts/mothermeetingaaaa/meeting.vtt"]);
    expect(f.store.retention.size).toBe(0);
    expect(await f.store.authorityMeetings(f.meeting.authorityId)).toEqual([]);
    expect(await f.store.childMeetings(f.meeting.authorityId, f.meeting.child.reference)).toEqual([]);
    expect(await sweepRetention(f.k, "2027-06-01T00:00:00.000Z")).toEqual({ removed: 0 });
  });

  it("removes what only guarded against repeats once past its keeping time: an API key after 30 days, a message key after 800", async () => {
    const f = kernelFixture(new Date("2026-07-10T09:00:00Z"));
    await f.store.claimIdempotencyKey("start-meeting", "key-1", {
      fingerprint: "f",
      meetingId: "m1",
      at: "2026-07-10T09:00:00.000Z",
    });
    await f.store.recordInbound("email:abc", "2026-07-10T09:00:00.000Z");
    f.clock.now = new Date("2026-08-09T08:00:00Z");
    expect(await sweepRetention(f.k, "2026-07-10T09:00:00.000Z")).toEqual({ removed: 0 });
    f.clock.now = new Date("2026-08-09T10:00:00Z");
    expect(await sweepRetention(f.k, "2026-08-09T08:00:00.000Z")).toEqual({ removed: 1 });
    expect(await f.store.getIdempotencyRecord("start-meeting", "key-1")).toBeUndefined();
    // The same message again within 800 days is still a repeat.
    expect(await f.store.recordInbound("email:abc", "2026-08-09T10:00:00.000Z")).toBe(false);
    f.clock.now = new Date("2028-09-18T10:00:00Z");
    expect(await sweepRetention(f.k, "2028-09-01T00:00:00.000Z")).toEqual({ removed: 1 });
    expect(await f.store.recordInbound("email:abc", "2028-09-18T10:00:00.000Z")).toBe(true);
  });

  // A meeting is listed under its start; rescheduling moves the listings (moveListings), so the
  // record's removal finds them under the start it has. Before, a rescheduled meeting's listing
  // outlived it and every use case that reads each listed meeting (erasure, the oversight
  // caseload) then failed on it.
  it("a rescheduled meeting removed by retention leaves no listing behind, and an erasure request then succeeds", async () => {
    const f = kernelFixture(new Date("2026-06-25T09:00:00Z"), {
      settings: { ...testSettings, retentionYears: 1 },
    });
    const meeting = await f.add(
      testMeeting({ id: "mmovedaaaaaaaaaa", phase: "await-meeting", actionCount: 0 }),
    );
    await reschedule(
      f.k,
      meeting.id,
      new Date("2026-07-08T09:00:00Z"),
      new Date("2026-07-08T10:00:00Z"),
      "chair@example.org",
      "page",
    );
    await f.store.setPhase(meeting.id, "closed", "2026-07-20T09:00:00.000Z");
    await scheduleRetention(f.k, meeting, new Date("2026-07-20T09:00:00Z"));
    f.clock.now = new Date("2027-07-22T09:00:00Z");
    await sweepRetention(f.k, "2027-07-01T00:00:00.000Z");
    await expect(f.store.getMeeting(meeting.id)).rejects.toThrow(/no meeting/);
    expect(await f.store.authorityMeetings(meeting.authorityId)).toEqual([]);
    await expect(
      erasePerson(f.k, {
        email: "someone@example.org",
        request: "SAR-1",
        actor: "dpo@example.org",
        via: "cli",
        dryRun: true,
        inDirectory: false,
      }),
    ).resolves.toMatchObject({ meetings: [] });
  });
});
