import { describe, expect, it } from "vitest";
import { approversOf } from "../../../domain/lifecycle/who-agrees.ts";
import { testInvitee as invitee, testMeeting } from "./support.ts";

describe("who agrees the record", () => {
  const invitees = [invitee(1), invitee(2), invitee(3, { observer: true })];
  const answers = [
    { index: 0, attendance: "attended" as const },
    { index: 1, attendance: "attended" as const },
    { index: 2, attendance: "absent" as const },
    { index: 3, attendance: "attended" as const },
  ];

  it("seed 000: every attendee, not those absent, not observers (seed 003: the Guardian observes)", () => {
    const meeting = testMeeting({ invitees, minutesAgreedBy: "all-attendees" });
    expect(approversOf(meeting, answers).map((p) => p.index)).toEqual([0, 1]);
  });

  it("seed 002/004: the chair alone finalises a record the seed has circulated, not agreed by all", () => {
    const meeting = testMeeting({ invitees, minutesAgreedBy: "chair" });
    expect(approversOf(meeting, answers).map((p) => p.index)).toEqual([0]);
    expect(approversOf(meeting, []).map((p) => p.index)).toEqual([0]);
  });
});
