import { describe, expect, it } from "vitest";
import { followUpActions } from "#domain/lifecycle/follow-ups.ts";
import { testMeeting } from "./support.ts";

const fnm = {
  id: "family-network-or-fgc-referral",
  what: "Organise a Family Network Meeting, or make a referral to Family Group Conference within 5 working days of the meeting, where this was agreed at the meeting (seed 004).",
  dueBy: "2026-07-08",
  seed: "004",
  agreedWhenMinutesMention: ["family network meeting", "family group conference", "FGC", "FNM"],
};
const minutes = (
  decisions: string[],
  actions: Array<{ number: number; action: string; dueDate?: string }> = [],
) => ({
  decisions: decisions.map((text) => ({ text })),
  keyPoints: [],
  actions: actions.map((a) => ({
    number: a.number,
    action: a.action,
    timescale: { text: "", ...(a.dueDate ? { dueDate: a.dueDate } : {}) },
    responsible: {},
    notes: "",
  })),
});

describe("statutory follow-ups become tracked actions", () => {
  it("seed 004: an FGC referral agreed at the first CFPM is tracked, due within 5 working days, owned by the chair", () => {
    const meeting = testMeeting({ followUps: [fnm] });
    const { actions } = followUpActions(
      meeting,
      minutes(
        ["Refer the family to a Family Group Conference."],
        [{ number: 1, action: "Share the school report" }],
      ),
    );
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ number: 2, dueDate: "2026-07-08", status: "open" });
    expect(actions[0]?.responsible.email).toBe(meeting.chair.email);
  });

  it("seed 004: not owed when the meeting did not agree it", () => {
    const { actions, dueDates } = followUpActions(
      testMeeting({ followUps: [fnm] }),
      minutes(["Continue the plan."]),
    );
    expect(actions).toEqual([]);
    expect(dueDates.size).toBe(0);
  });

  it("an agreed action that already covers it is brought forward to the statutory date, not duplicated", () => {
    const { actions, dueDates } = followUpActions(
      testMeeting({ followUps: [fnm] }),
      minutes([], [{ number: 1, action: "Make the FGC referral", dueDate: "2026-07-20" }]),
    );
    expect(actions).toEqual([]);
    expect(dueDates.get(1)).toBe("2026-07-08");
  });

  it("a follow-up with no statutory date is not given an invented one", () => {
    const noDate = {
      id: "feed-into-next-cpm",
      what: "Feed back into the next CPM.",
      dueBy: null,
      seed: "002",
    };
    expect(followUpActions(testMeeting({ followUps: [noDate] }), minutes([])).actions).toEqual([]);
  });
});
