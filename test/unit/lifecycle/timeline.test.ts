/** The meeting timeline a team manager reads at review, built from hand-made audit events. */
import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../../../domain/lifecycle/model.ts";
import { buildTimeline, formatTimeline, type TimelineEntry } from "../../../domain/lifecycle/timeline.ts";
import { testAction, testMeeting } from "./support.ts";

const tz = "Europe/London";
const meeting = testMeeting({ id: "m-tl", phase: "review", dueBy: "2026-07-03", minutesDueBy: "2026-07-10" });

const event = (at: string, what: string, detail: Record<string, unknown> = {}): AuditEvent => ({
  at,
  meetingId: meeting.id,
  actor: "system",
  what,
  via: "workflow",
  detail,
});

const actions = [
  testAction({ number: 1, dueDate: "2026-07-13", status: "done", action: "Share the attendance record" }),
  testAction({
    number: 2,
    dueDate: "2026-07-15",
    status: "slipped",
    action: "Arrange a health assessment",
    responsible: { role: "health-visitor" },
  }),
];

/** A whole lifecycle, written in the order it happened. */
const audit: AuditEvent[] = [
  event("2026-06-22T09:00:00.000Z", "meeting-created"),
  event("2026-06-22T09:01:00.000Z", "email:invitation"),
  event("2026-06-22T09:01:01.000Z", "email:invitation"),
  event("2026-06-22T09:01:02.000Z", "email:invitation"),
  event("2026-06-23T08:00:00.000Z", "answer:attending"),
  event("2026-06-23T09:00:00.000Z", "answer:attending"),
  event("2026-06-24T12:00:00.000Z", "answer:apologies-with-report"),
  event("2026-06-24T12:01:00.000Z", "email:report-request"),
  event("2026-07-03T15:00:00.000Z", "meeting-held"),
  event("2026-07-03T16:00:00.000Z", "transcript-stored"),
  event("2026-07-03T16:05:00.000Z", "minutes-drafted"),
  event("2026-07-06T10:00:00.000Z", "change-accepted"),
  event("2026-07-06T11:00:00.000Z", "change-rejected"),
  event("2026-07-09T16:00:00.000Z", "escalation:approvals-overdue", { level: 1, to: ["chair@example.org"] }),
  event("2026-07-09T16:01:00.000Z", "approval:deemed"),
  event("2026-07-10T09:00:00.000Z", "minutes-distributed", { version: 2, late: false }),
  event("2026-07-14T10:00:00.000Z", "action-done", { number: 1 }),
  event("2026-07-16T16:00:00.000Z", "escalation:action-overdue", {
    level: 1,
    actionNumber: 2,
    to: ["lee@example.org"],
  }),
  event("2026-07-24T16:00:00.000Z", "action-slipped", { number: 2 }),
  event("2026-07-24T16:30:00.000Z", "review-scheduled", { reviewDate: "2026-10-01" }),
];

/** Whether the platform puts a comma after the weekday is not the timeline's concern. */
const plain = (entries: TimelineEntry[]) =>
  entries.map(({ instant: _instant, ...e }) => ({ ...e, at: e.at?.replace(",", "") }));

describe("buildTimeline", () => {
  it("marks the meeting late when attendance is recorded after midnight London time on the day after", () => {
    // 23:30 UTC on Friday 3 July is 00:30 on Saturday 4 July in London: a day after the meeting was due by.
    const late = [event("2026-07-03T23:30:00.000Z", "meeting-held")];
    const held = buildTimeline(meeting, late, [], tz).find((e) => e.stage.startsWith("Meeting held"));
    expect(held?.late).toBe(true);
  });

  it("lists every stage with its due date and when it happened, in London time", () => {
    expect(plain(buildTimeline(meeting, audit, actions, tz))).toEqual([
      { stage: "Convened (plan checked)", at: "Monday 22 June 2026 at 10:00", due: "meeting by 2026-07-03" },
      { stage: "Invitations sent (3, with calendar entries)", at: "Monday 22 June 2026 at 10:01" },
      {
        stage: "Answers: 2 attending, 1 apologies-with-report",
        at: "Wednesday 24 June 2026 at 13:00",
        note: "written report requested from a key agency",
      },
      {
        stage: "Meeting held, attendance recorded",
        at: "Friday 3 July 2026 at 16:00",
        due: "2026-07-03",
        late: false,
      },
      { stage: "Transcript imported", at: "Friday 3 July 2026 at 17:00" },
      { stage: "Minutes drafted (version 1)", at: "Friday 3 July 2026 at 17:05" },
      { stage: "Change accepted by the chair", at: "Monday 6 July 2026 at 11:00" },
      { stage: "Change rejected by the chair", at: "Monday 6 July 2026 at 12:00" },
      {
        stage: "Escalation: approvals-overdue, level 1",
        at: "Thursday 9 July 2026 at 17:00",
        note: "to chair@example.org",
      },
      {
        stage:
          "Minutes agreed by every attendee (non-responder deemed agreed, chair confirmed) and distributed (version 2)",
        at: "Friday 10 July 2026 at 10:00",
        due: "2026-07-10",
        late: false,
      },
      {
        stage: "Action 1 (Sam Social Worker): done",
        due: "2026-07-13",
        at: "Tuesday 14 July 2026 at 11:00",
        late: false,
        note: "Share the attendance record",
      },
      {
        stage: "Escalation: action-overdue (action 2), level 1",
        at: "Thursday 16 July 2026 at 17:00",
        note: "to lee@example.org",
      },
      {
        stage: "Action 2 (health-visitor): slipped",
        due: "2026-07-15",
        at: "Friday 24 July 2026 at 17:00",
        late: true,
        note: "Arrange a health assessment",
      },
      { stage: "Review meeting scheduled", at: "Friday 24 July 2026 at 17:30", due: "2026-10-01" },
    ]);
  });

  it("names the review meeting convened, when, and its invitations (issue 10: convened for real)", () => {
    const review = {
      meeting: {
        ...meeting,
        id: "m-review",
        typeName: "Review Professionals Meeting",
        start: "2026-10-01T09:00:00.000Z",
      },
      audit: [
        {
          at: "2026-07-24T16:30:00.000Z",
          meetingId: "m-review",
          actor: "system",
          what: "email:invitation",
          via: "workflow",
          detail: {},
        },
        {
          at: "2026-07-24T16:30:01.000Z",
          meetingId: "m-review",
          actor: "system",
          what: "email:invitation",
          via: "workflow",
          detail: {},
        },
      ],
    };
    const stages = buildTimeline(meeting, audit, actions, tz, review).map((e) => e.stage);
    expect(stages).toContain(
      "Review meeting convened: Review Professionals Meeting, Thursday 1 October 2026 at 10:00",
    );
    expect(stages).toContain(
      "Review meeting invitations sent (2, with calendar entries; agenda opens with the actions)",
    );
  });

  it("reads in time order, with what has not happened yet after what has, in its place in the sequence", () => {
    const entries = buildTimeline(meeting, audit, actions, tz);
    const instants = entries.map((e) => e.instant ?? "");
    expect(instants).toEqual([...instants].sort());
    const partly = audit.filter((e) => e.at < "2026-07-01T00:00:00.000Z");
    const stages = buildTimeline(meeting, partly, [], tz).map((e) => [
      e.stage.split(" ")[0],
      e.at !== undefined,
    ]);
    expect(stages.findIndex(([, happened]) => !happened)).toBe(3);
    expect(stages.slice(3).every(([, happened]) => !happened)).toBe(true);
    expect(stages.slice(3, 6).map(([stage]) => stage)).toEqual(["Meeting", "Transcript", "Minutes"]);
  });

  it("marks the meeting late when attendance was recorded after the date it was due by", () => {
    const late = [event("2026-07-06T09:00:00.000Z", "meeting-held")];
    const held = buildTimeline(meeting, late, [], tz).find((e) => e.stage.startsWith("Meeting held"));
    expect(held?.late).toBe(true);
  });

  it("marks distribution late when the distribution event says so, without deemed agreement", () => {
    const late = [event("2026-07-14T09:00:00.000Z", "minutes-distributed", { version: 1, late: true })];
    const distributed = buildTimeline(meeting, late, [], tz).find((e) =>
      e.stage.startsWith("Minutes agreed"),
    );
    expect(distributed).toMatchObject({
      stage: "Minutes agreed by every attendee and distributed (version 1)",
      due: "2026-07-10",
      late: true,
    });
  });

  it("shows a just-convened meeting with nothing happened yet", () => {
    const entries = buildTimeline(meeting, [], [], tz);
    expect(entries.every((e) => e.at === undefined)).toBe(true);
    expect(entries.some((e) => e.late)).toBe(false);
    expect(entries.map((e) => e.stage)).toContain("Invitations sent (0, with calendar entries)");
  });
});

describe("formatTimeline", () => {
  it("lines up the happened column under its heading on every row", () => {
    const column = lines[2]?.indexOf("happened");
    entries.forEach((entry, i) => {
      const line = lines[3 + i] ?? "";
      expect(line.indexOf(entry.at ?? "—"), line).toBe(column);
    });
  });

  const entries = buildTimeline(meeting, audit, actions, tz);
  const text = formatTimeline(meeting, entries);
  const lines = text.split("\n");

  it("heads the table with the meeting, never the child's name", () => {
    expect(lines[0]).toBe("Professionals meeting re CHILD-0001 — m-tl — phase: review");
    expect(lines[1]).toBe("");
    expect(lines[2]).toMatch(/^stage\s+due\s+happened$/);
    expect(lines).toHaveLength(3 + entries.length);
  });

  it("writes one line per stage with its due date, when it happened, LATE and the note", () => {
    const slipped = lines.find((l) => l.startsWith("Action 2 (health-visitor): slipped"));
    expect(slipped).toMatch(
      /2026-07-15\s+Friday,? 24 July 2026 at 17:00 {2}LATE {2}\(Arrange a health assessment\)$/,
    );
    const done = lines.find((l) => l.startsWith("Action 1 (Sam Social Worker): done"));
    expect(done).not.toContain("LATE");
  });

  it("shows a dash for a stage that has not happened", () => {
    const fresh = formatTimeline(meeting, buildTimeline(meeting, [], [], tz)).split("\n");
    const invitations = fresh.find((l) => l.startsWith("Invitations sent"));
    expect(invitations?.trimEnd().endsWith("—")).toBe(true);
  });
});
