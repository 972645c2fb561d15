/**
 * When waits expire and remind: working days of England and Wales (bank holidays skipped), wall
 * clock in Europe/London (deadlines at 17:00, reminders at 09:00, across the clock changes).
 * 2026: BST from Sunday 29 March to Sunday 25 October; Good Friday 3 April, Easter Monday 6 April,
 * spring bank holiday 25 May, Christmas Friday 25 December, Boxing Day (substitute) Monday 28 December.
 */
import { describe, expect, it } from "vitest";
import { backWorkingDays, invitationReplyBy, planWait } from "../../../domain/lifecycle/deadlines.ts";
import type { Action } from "../../../domain/lifecycle/model.ts";
import type { LifecycleSettings } from "../../../domain/lifecycle/settings.ts";
import { testAction, testMeeting, testSettings } from "./support.ts";

const meeting = testMeeting();
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

function actionPlan(dueDate: string, level: number, now: string, s: LifecycleSettings = testSettings) {
  const action: Action = testAction({ dueDate });
  const plan = planWait("action", level, { meeting, now: new Date(now), action }, s);
  return { deadline: plan.deadline.toISOString(), reminders: iso(plan.reminders) };
}

describe("action deadlines: the escalation ladder", () => {
  it("escalates to the line manager when an action is 1 working day overdue (seed 001)", () => {
    // Due Wednesday 15 July 2026: overdue by 1 working day at the end of Thursday 16 July (BST).
    expect(actionPlan("2026-07-15", 0, "2026-07-01T10:00:00Z").deadline).toBe("2026-07-16T16:00:00.000Z");
  });

  it("counts the overdue working day past a weekend and a bank holiday", () => {
    // Due Friday 22 May; Monday 25 May is the spring bank holiday.
    expect(actionPlan("2026-05-22", 0, "2026-05-01T10:00:00Z").deadline).toBe("2026-05-26T16:00:00.000Z");
    // Due Thursday 24 December: Christmas, the weekend and Boxing Day's substitute are skipped (GMT).
    expect(actionPlan("2026-12-24", 0, "2026-12-01T10:00:00Z").deadline).toBe("2026-12-29T17:00:00.000Z");
  });

  it("keeps the deadline at 17:00 London time across the March and October clock changes", () => {
    // Due Friday 27 March (GMT); the deadline falls on Monday 30 March, in BST.
    expect(actionPlan("2026-03-27", 0, "2026-03-01T10:00:00Z").deadline).toBe("2026-03-30T16:00:00.000Z");
    // Due Friday 23 October (BST); the deadline falls on Monday 26 October, in GMT.
    expect(actionPlan("2026-10-23", 0, "2026-10-01T10:00:00Z").deadline).toBe("2026-10-26T17:00:00.000Z");
  });

  it("escalates to the chair and team manager 3 working days after the line manager, to the service manager as long again, then records the slip as long again", () => {
    // Due Wednesday 15 July: level 1 ends Tuesday 21 July (1 + 3 working days), level 2 Friday 24
    // July (1 + 6, then the service manager), level 3 Wednesday 29 July (1 + 9, then slipped).
    expect(actionPlan("2026-07-15", 1, "2026-07-16T16:00:00Z")).toEqual({
      deadline: "2026-07-21T16:00:00.000Z",
      reminders: [],
    });
    expect(actionPlan("2026-07-15", 2, "2026-07-21T16:00:00Z")).toEqual({
      deadline: "2026-07-24T16:00:00.000Z",
      reminders: [],
    });
    expect(actionPlan("2026-07-15", 3, "2026-07-24T16:00:00Z").deadline).toBe("2026-07-29T16:00:00.000Z");
    expect(actionPlan("2026-07-15", 4, "2026-07-29T16:00:00Z").deadline).toBe("2026-07-29T16:00:00.000Z");
  });

  it("follows the authority's own ladder settings", () => {
    const slower: LifecycleSettings = {
      ...testSettings,
      escalation: {
        actionReminderWorkingDaysBefore: 1,
        lineManagerAfterWorkingDays: 2,
        chairAfterWorkingDays: 5,
      },
    };
    // Due Wednesday 15 July: level 0 after 2 working days (Friday 17), level 1 after 2 + 5 (Friday 24).
    expect(actionPlan("2026-07-15", 0, "2026-07-01T10:00:00Z", slower)).toEqual({
      deadline: "2026-07-17T16:00:00.000Z",
      reminders: ["2026-07-14T08:00:00.000Z", "2026-07-15T08:00:00.000Z"],
    });
    expect(actionPlan("2026-07-15", 1, "2026-07-17T16:00:00Z", slower).deadline).toBe(
      "2026-07-24T16:00:00.000Z",
    );
    // The service manager's rung, when the authority sets its own: 2 + 5 + 1 (Monday 27 July).
    const quickerAtTheTop: LifecycleSettings = {
      ...slower,
      escalation: { ...slower.escalation, serviceManagerAfterWorkingDays: 1 },
    };
    expect(actionPlan("2026-07-15", 2, "2026-07-24T16:00:00Z", quickerAtTheTop).deadline).toBe(
      "2026-07-27T16:00:00.000Z",
    );
  });

  it("needs the action to plan an action wait", () => {
    expect(() =>
      planWait("action", 0, { meeting, now: new Date("2026-07-01T10:00:00Z") }, testSettings),
    ).toThrow(/action/);
  });
});

describe("action reminders", () => {
  it("reminds 2 working days before the due day and on the due day, at 09:00", () => {
    // Due Tuesday 7 April: Easter Monday and Good Friday are skipped, so the first reminder is Wednesday 1 April.
    expect(actionPlan("2026-04-07", 0, "2026-03-20T12:00:00Z")).toEqual({
      deadline: "2026-04-08T16:00:00.000Z",
      reminders: ["2026-04-01T08:00:00.000Z", "2026-04-07T08:00:00.000Z"],
    });
  });

  it("sends each reminder at 09:00 on its own side of the March clock change", () => {
    // Due Monday 30 March (BST): the early reminder is Thursday 26 March (GMT).
    expect(actionPlan("2026-03-30", 0, "2026-03-20T12:00:00Z").reminders).toEqual([
      "2026-03-26T09:00:00.000Z",
      "2026-03-30T08:00:00.000Z",
    ]);
  });

  it("plans only the reminders still ahead of now", () => {
    expect(actionPlan("2026-03-30", 0, "2026-03-26T09:00:00Z").reminders).toEqual([
      "2026-03-30T08:00:00.000Z",
    ]);
    expect(actionPlan("2026-03-30", 0, "2026-03-30T07:59:59Z").reminders).toEqual([
      "2026-03-30T08:00:00.000Z",
    ]);
    expect(actionPlan("2026-03-30", 0, "2026-03-30T08:00:00Z").reminders).toEqual([]);
  });
});

describe("approval deadlines", () => {
  const approval = (now: string, level: number, s: LifecycleSettings = testSettings) => {
    const plan = planWait("approval", level, { meeting, now: new Date(now) }, s);
    return { deadline: plan.deadline.toISOString(), reminders: iso(plan.reminders) };
  };

  it("gives attendees 3 working days, reminding them at 09:00 on the last but one", () => {
    // Requested Monday 1 June at 11:00 BST: due Thursday 4 June 17:00, reminded Wednesday 3 June 09:00.
    expect(approval("2026-06-01T10:00:00Z", 0)).toEqual({
      deadline: "2026-06-04T16:00:00.000Z",
      reminders: ["2026-06-03T08:00:00.000Z"],
    });
  });

  it("counts from the London date of the request, not the UTC one", () => {
    // 23:30 UTC on Monday 1 June is 00:30 on Tuesday 2 June in London.
    expect(approval("2026-06-01T23:30:00Z", 0)).toEqual({
      deadline: "2026-06-05T16:00:00.000Z",
      reminders: ["2026-06-04T08:00:00.000Z"],
    });
  });

  it("skips the spring bank holiday", () => {
    // Requested Thursday 21 May: Friday 22, Tuesday 26, Wednesday 27 May.
    expect(approval("2026-05-21T10:00:00Z", 0)).toEqual({
      deadline: "2026-05-27T16:00:00.000Z",
      reminders: ["2026-05-26T08:00:00.000Z"],
    });
  });

  it("gives non-responders the non-responder period after an escalation", () => {
    const s: LifecycleSettings = {
      ...testSettings,
      minutes: {
        approvalWorkingDays: 5,
        nonResponder: { rule: "deemed-agreed-with-chair-confirmation", afterWorkingDays: 2 },
      },
    };
    expect(approval("2026-06-01T10:00:00Z", 0, s)).toEqual({
      deadline: "2026-06-08T16:00:00.000Z",
      reminders: ["2026-06-05T08:00:00.000Z"],
    });
    expect(approval("2026-06-01T10:00:00Z", 1, s)).toEqual({
      deadline: "2026-06-03T16:00:00.000Z",
      reminders: ["2026-06-02T08:00:00.000Z"],
    });
  });

  it("sends no reminder that would already be past", () => {
    const s: LifecycleSettings = {
      ...testSettings,
      minutes: { ...testSettings.minutes, approvalWorkingDays: 1 },
    };
    // Requested at 11:00 BST: the only reminder day is today, whose 09:00 has gone.
    expect(approval("2026-06-01T10:00:00Z", 0, s)).toEqual({
      deadline: "2026-06-02T16:00:00.000Z",
      reminders: [],
    });
  });
});

describe("meeting, transcript and resume waits", () => {
  it("expects attendance by the end of the next working day after the meeting, reminding when it ends", () => {
    // Meeting ends Friday 23 October at 16:00 BST; the next working day is Monday 26 October (GMT).
    const m = testMeeting({ start: "2026-10-23T13:00:00.000Z", end: "2026-10-23T15:00:00.000Z" });
    const level0 = planWait(
      "meeting-held",
      0,
      { meeting: m, now: new Date("2026-10-01T10:00:00Z") },
      testSettings,
    );
    expect(level0.deadline.toISOString()).toBe("2026-10-26T17:00:00.000Z");
    // Reply by the end of Wednesday 21 October (2 working days before); those silent are chased
    // at 09:00 BST on Thursday 22 October; the chair is reminded when the meeting ends.
    expect(iso(level0.reminders)).toEqual(["2026-10-22T08:00:00.000Z", "2026-10-23T15:00:00.000Z"]);
    const level1 = planWait(
      "meeting-held",
      1,
      { meeting: m, now: new Date("2026-10-26T17:00:00Z") },
      testSettings,
    );
    expect(level1.deadline.toISOString()).toBe("2026-10-27T17:00:00.000Z");
    expect(level1.reminders).toEqual([]);
  });

  it("asks invitees to answer by the end of the working day 2 working days before, skipping bank holidays", () => {
    // Meeting Tuesday 7 April 2026: Monday 6 April is Easter Monday, Friday 3 April Good Friday, so
    // the reply-by day is Wednesday 1 April (BST, 17:00).
    const m = testMeeting({ start: "2026-04-07T09:00:00.000Z", end: "2026-04-07T10:00:00.000Z" });
    expect(invitationReplyBy(m, new Date("2026-03-20T10:00:00Z"), testSettings)?.toISOString()).toBe(
      "2026-04-01T16:00:00.000Z",
    );
    // Called at short notice: no reply-by day, and nobody is chased before the meeting.
    expect(invitationReplyBy(m, new Date("2026-04-02T10:00:00Z"), testSettings)).toBeUndefined();
    const late = planWait(
      "meeting-held",
      0,
      { meeting: m, now: new Date("2026-04-02T10:00:00Z") },
      testSettings,
    );
    expect(iso(late.reminders)).toEqual(["2026-04-07T10:00:00.000Z"]);
  });

  it("takes the meeting's London date when it ends after midnight BST", () => {
    // Ends 00:30 BST on Thursday 2 July (23:30 UTC on the 1st): due the end of Friday 3 July.
    const m = testMeeting({ start: "2026-07-01T21:00:00.000Z", end: "2026-07-01T23:30:00.000Z" });
    const plan = planWait(
      "meeting-held",
      0,
      { meeting: m, now: new Date("2026-06-20T10:00:00Z") },
      testSettings,
    );
    expect(plan.deadline.toISOString()).toBe("2026-07-03T16:00:00.000Z");
  });

  it("expects the transcript by the end of the next working day, without reminders", () => {
    const m = testMeeting({ start: "2026-12-24T10:00:00.000Z", end: "2026-12-24T11:00:00.000Z" });
    const plan = planWait(
      "transcript",
      0,
      { meeting: m, now: new Date("2026-12-24T11:00:00Z") },
      testSettings,
    );
    expect(plan).toEqual({ deadline: new Date("2026-12-29T17:00:00.000Z"), reminders: [] });
  });

  it("retries a stuck phase by itself after 10 working days", () => {
    const plan = planWait("resume", 0, { meeting, now: new Date("2026-06-01T10:00:00Z") }, testSettings);
    expect(plan.deadline.toISOString()).toBe("2026-06-15T16:00:00.000Z");
  });
});

describe("backWorkingDays", () => {
  it("steps back over bank holidays and weekends", () => {
    expect(backWorkingDays("2026-04-07", 2, testSettings)).toBe("2026-04-01");
    expect(backWorkingDays("2026-12-29", 1, testSettings)).toBe("2026-12-24");
    expect(backWorkingDays("2026-03-30", 1, testSettings)).toBe("2026-03-27");
  });

  it("returns the date itself for 0 working days, even a weekend", () => {
    expect(backWorkingDays("2026-04-04", 0, testSettings)).toBe("2026-04-04");
  });

  it("uses the authority's nation: Easter Monday is a working day in Scotland", () => {
    const scotland: LifecycleSettings = { ...testSettings, nation: "scotland" };
    expect(backWorkingDays("2026-04-07", 2, scotland)).toBe("2026-04-02");
  });
});
