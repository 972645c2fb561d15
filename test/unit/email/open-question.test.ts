import { describe, expect, it } from "vitest";
import { changeDecisionState, type QuestionFacts, questionState } from "#domain/email/open-question.ts";

const awaiting: QuestionFacts = { phase: "await-meeting", sequence: 0, minutesVersion: 0 };
const agreeing: QuestionFacts = { phase: "agree-minutes", sequence: 0, minutesVersion: 2 };

describe("questionState: attendance", () => {
  it("keeps an invitation open until the meeting is held", () => {
    for (const phase of ["convene", "invite", "await-meeting"] as const) {
      expect(questionState({ purpose: "invitation", ref: 0 }, { ...awaiting, phase })).toEqual({
        open: true,
      });
    }
  });

  it("closes attendance and reports once the meeting is held, whatever the phase after", () => {
    for (const phase of [
      "transcribe",
      "draft-minutes",
      "agree-minutes",
      "track-actions",
      "closed",
    ] as const) {
      for (const purpose of ["invitation", "report"] as const) {
        expect(questionState({ purpose, ref: 0 }, { ...awaiting, phase })).toEqual({
          open: false,
          closed: { reason: "meeting-held" },
        });
      }
    }
  });

  it("closes attendance when the chair recorded this person's attendance, before the phase moved", () => {
    expect(
      questionState({ purpose: "invitation", ref: 0 }, { ...awaiting, attendanceRecorded: true }),
    ).toEqual({
      open: false,
      closed: { reason: "meeting-held" },
    });
  });

  it("closes an invitation sent before a reschedule, naming the current sequence", () => {
    expect(questionState({ purpose: "invitation", ref: 0 }, { ...awaiting, sequence: 2 })).toEqual({
      open: false,
      closed: { reason: "meeting-rescheduled", sequence: 2 },
    });
    expect(questionState({ purpose: "invitation", ref: 2 }, { ...awaiting, sequence: 2 }).open).toBe(true);
  });

  it("closes every question of a cancelled meeting", () => {
    for (const purpose of ["invitation", "report", "approval", "action"] as const) {
      expect(
        questionState({ purpose, ref: 1 }, { ...agreeing, phase: "cancelled", action: { status: "open" } }),
      ).toEqual({ open: false, closed: { reason: "meeting-cancelled" } });
    }
  });
});

describe("questionState: minutes", () => {
  it("keeps the approval of the version out for approval open", () => {
    expect(questionState({ purpose: "approval", ref: 2 }, agreeing)).toEqual({ open: true });
  });

  it("closes the approval of a superseded version, naming the current one", () => {
    expect(questionState({ purpose: "approval", ref: 1 }, agreeing)).toEqual({
      open: false,
      closed: { reason: "minutes-superseded", version: 2 },
    });
  });

  it("closes approval once the current version is agreed, before it is distributed", () => {
    expect(questionState({ purpose: "approval", ref: 2 }, { ...agreeing, minutesAgreed: true })).toEqual({
      open: false,
      closed: { reason: "minutes-agreed", version: 2 },
    });
  });

  it("closes approval of any version once the minutes are distributed", () => {
    for (const phase of ["distribute", "track-actions", "review", "closed"] as const) {
      for (const ref of [1, 2]) {
        expect(questionState({ purpose: "approval", ref }, { ...agreeing, phase })).toEqual({
          open: false,
          closed: { reason: "minutes-distributed", version: 2 },
        });
      }
    }
  });

  it("lets the chair decide only an undecided change on the version out for approval", () => {
    expect(changeDecisionState(2, agreeing, { requested: true })).toEqual({ open: true });
    expect(changeDecisionState(2, agreeing, { requested: true, decision: "rejected" })).toEqual({
      open: false,
      closed: { reason: "change-decided", decision: "rejected" },
    });
    expect(changeDecisionState(2, agreeing, { requested: false })).toEqual({
      open: false,
      closed: { reason: "no-change-requested", version: 2 },
    });
    expect(changeDecisionState(1, agreeing, { requested: true })).toEqual({
      open: false,
      closed: { reason: "minutes-superseded", version: 2 },
    });
    expect(changeDecisionState(2, { ...agreeing, phase: "closed" }, { requested: true })).toEqual({
      open: false,
      closed: { reason: "minutes-distributed", version: 2 },
    });
  });
});

describe("questionState: actions", () => {
  const tracking: QuestionFacts = { phase: "review", sequence: 0, minutesVersion: 2 };

  it("keeps an open action's question open after the meeting closed", () => {
    expect(
      questionState(
        { purpose: "action", ref: 3 },
        { ...tracking, phase: "closed", action: { status: "open" } },
      ),
    ).toEqual({ open: true });
  });

  it("keeps a slipped action's question open: a late 'done' is still recorded (issue 13)", () => {
    expect(
      questionState({ purpose: "action", ref: 3 }, { ...tracking, action: { status: "slipped" } }),
    ).toEqual({
      open: true,
    });
  });

  it("closes the question of an action that is done or cancelled", () => {
    for (const status of ["done", "cancelled"] as const) {
      expect(questionState({ purpose: "action", ref: 3 }, { ...tracking, action: { status } })).toEqual({
        open: false,
        closed: { reason: "action-closed", number: 3, status },
      });
    }
  });

  it("closes the question of an action the meeting does not have", () => {
    expect(questionState({ purpose: "action", ref: 9 }, tracking)).toEqual({
      open: false,
      closed: { reason: "no-such-action", number: 9 },
    });
  });

  it("closes an action's question for someone it was taken from, but not for its owner or the chair", () => {
    const facts = {
      ...tracking,
      chairIndex: 0,
      action: { status: "open" as const, ownerIndex: 4, ownerName: "Tom Hughes" },
    };
    expect(questionState({ purpose: "action", ref: 3, person: 2 }, facts)).toEqual({
      open: false,
      closed: { reason: "action-reassigned", number: 3, owner: "Tom Hughes" },
    });
    expect(questionState({ purpose: "action", ref: 3, person: 4 }, facts)).toEqual({ open: true });
    expect(questionState({ purpose: "action", ref: 3, person: 0 }, facts)).toEqual({ open: true });
  });
});
