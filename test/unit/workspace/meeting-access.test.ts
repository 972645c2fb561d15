/** Who sees and runs a meeting in the workspace (domain/access/meeting-access.ts). */
import { describe, expect, it } from "vitest";
import { canAgreeActionDate, canRunMeeting, canSeeMeeting } from "../../../domain/access/meeting-access.ts";
import { possibleOwners } from "../../../domain/lifecycle/reassign-action.ts";

const person = (index: number, email: string) => ({
  index,
  name: email,
  email,
  role: "social-worker",
  agency: "",
  keyAgency: false,
  observer: false,
  family: false,
});
const meeting = {
  chair: person(0, "chair@council.example"),
  invitees: [person(1, "invited@council.example"), person(2, "gp@health.example")],
  teamManager: { name: "TM", email: "tm@council.example" },
};
const none = new Set<string>();

describe("meeting access", () => {
  it("lets the chair and the people invited see the meeting, and nobody else in the social work group", () => {
    expect(canSeeMeeting({ email: "CHAIR@council.example", groups: ["social-worker"] }, meeting, none)).toBe(
      true,
    );
    expect(
      canSeeMeeting({ email: "invited@council.example", groups: ["social-worker"] }, meeting, none),
    ).toBe(true);
    expect(canSeeMeeting({ email: "other@council.example", groups: ["social-worker"] }, meeting, none)).toBe(
      false,
    );
  });

  it("lets a team manager see the meetings of their team and those they manage, not other teams'", () => {
    const tm = { email: "other-tm@council.example", groups: ["team-manager"] };
    expect(canSeeMeeting(tm, meeting, none)).toBe(false);
    expect(canSeeMeeting(tm, meeting, new Set(["chair@council.example"]))).toBe(true);
    expect(canSeeMeeting({ email: "tm@council.example", groups: ["team-manager"] }, meeting, none)).toBe(
      true,
    );
  });

  it("gives an admin no meeting for being an admin, and a service manager every meeting", () => {
    expect(canSeeMeeting({ email: "admin@council.example", groups: ["admin"] }, meeting, none)).toBe(false);
    expect(canSeeMeeting({ email: "sm@council.example", groups: ["service-manager"] }, meeting, none)).toBe(
      true,
    );
  });

  it("lets the chair and the team manager over them run the meeting, not an invitee", () => {
    expect(canRunMeeting({ email: "chair@council.example", groups: ["social-worker"] }, meeting, none)).toBe(
      true,
    );
    expect(
      canRunMeeting({ email: "invited@council.example", groups: ["social-worker"] }, meeting, none),
    ).toBe(false);
    expect(canRunMeeting({ email: "tm@council.example", groups: ["team-manager"] }, meeting, none)).toBe(
      true,
    );
    // The team manager's email without the group is not enough.
    expect(canRunMeeting({ email: "tm@council.example", groups: ["social-worker"] }, meeting, none)).toBe(
      false,
    );
  });
});

describe("who may set an action's date, answer a request for more time and reassign it (issue 13)", () => {
  it("is the chair, the team manager over the meeting or its chair, or a service manager; not an invitee", () => {
    expect(
      canAgreeActionDate({ email: "chair@council.example", groups: ["social-worker"] }, meeting, none),
    ).toBe(true);
    expect(canAgreeActionDate({ email: "tm@council.example", groups: ["team-manager"] }, meeting, none)).toBe(
      true,
    );
    expect(
      canAgreeActionDate(
        { email: "other-tm@council.example", groups: ["team-manager"] },
        meeting,
        new Set(["chair@council.example"]),
      ),
    ).toBe(true);
    expect(
      canAgreeActionDate({ email: "sm@council.example", groups: ["service-manager"] }, meeting, none),
    ).toBe(true);
    expect(
      canAgreeActionDate({ email: "invited@council.example", groups: ["social-worker"] }, meeting, none),
    ).toBe(false);
    expect(
      canAgreeActionDate({ email: "other-tm@council.example", groups: ["team-manager"] }, meeting, none),
    ).toBe(false);
  });

  it("gives an action only to the chair or a professional at the meeting, never to family", () => {
    const withFamily = {
      ...meeting,
      invitees: [...meeting.invitees, { ...person(3, "mum@home.example"), family: true }],
    };
    expect(possibleOwners(withFamily).map((p) => p.index)).toEqual([0, 1, 2]);
  });
});
