/** Hand-made settings, meetings and actions for the lifecycle unit tests. */
import type { Action, Invitee, Meeting } from "../../../domain/lifecycle/model.ts";
import type { LifecycleSettings } from "../../../domain/lifecycle/settings.ts";

/** An England and Wales authority on London time, with the escalation ladder of seed 001. */
export const testSettings: LifecycleSettings = {
  id: "test-authority",
  name: "Test Authority",
  nation: "england-and-wales",
  timezone: "Europe/London",
  email: { from: { name: "Convene", email: "convene@example.org" }, replyDomain: "reply.example.org" },
  escalation: {
    actionReminderWorkingDaysBefore: 2,
    lineManagerAfterWorkingDays: 1,
    chairAfterWorkingDays: 3,
  },
  minutes: {
    approvalWorkingDays: 3,
    nonResponder: { rule: "deemed-agreed-with-chair-confirmation", afterWorkingDays: 3 },
  },
  contacts: { teamManager: { name: "Tess Manager", email: "tm@example.org" } },
};

/** An invitee numbered `index` (a GP unless `extra` says otherwise). */
export const testInvitee = (index: number, extra: Partial<Invitee> = {}): Invitee => ({
  index,
  name: `Person ${index}`,
  email: `p${index}@example.org`,
  role: "gp",
  agency: "",
  keyAgency: false,
  observer: false,
  family: false,
  ...extra,
});

export function testMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: "m-test",
    authorityId: "test-authority",
    typeId: "professionals-meeting",
    typeName: "Professionals meeting",
    child: { reference: "CHILD-0001" },
    title: "Professionals meeting",
    start: "2026-07-01T09:00:00.000Z",
    end: "2026-07-01T10:30:00.000Z",
    chair: {
      index: 0,
      name: "Chris Chair",
      email: "chair@example.org",
      role: "chair",
      agency: "Children's services",
      keyAgency: true,
      observer: false,
      family: false,
    },
    teamManager: { name: "Tess Manager", email: "tm@example.org" },
    invitees: [],
    agenda: {
      title: "",
      lines: [],
      sections: [{ heading: "Agenda", items: [{ text: "Introductions" }, { text: "Actions" }] }],
    },
    preReading: [],
    overrides: [],
    keyAgenciesNotInvited: [],
    followUps: [],
    minutesAgreedBy: "all-attendees",
    recordName: "Minutes",
    phase: "track-actions",
    dueBy: "2026-07-03",
    minutesDueBy: "2026-07-10",
    minutesVersion: 1,
    actionCount: 2,
    sequence: 0,
    nation: "england-and-wales",
    createdAt: "2026-06-22T09:00:00.000Z",
    updatedAt: "2026-06-22T09:00:00.000Z",
    version: 3,
    ...overrides,
  };
}

export function testAction(overrides: Partial<Action> = {}): Action {
  return {
    number: 1,
    action: "Share the school's attendance record",
    timescale: "2 weeks",
    dueDate: "2026-07-15",
    responsible: { name: "Sam Social Worker", email: "sam@example.org", inviteeIndex: 1 },
    notes: "",
    status: "open",
    escalationLevel: 0,
    ...overrides,
  };
}
