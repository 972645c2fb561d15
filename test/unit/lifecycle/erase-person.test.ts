/** Who may be erased, and when (domain/lifecycle/erase-person.ts; issue 14). */
import { describe, expect, it } from "vitest";
import { erasureBlockers, planHolds, rolesIn, tombstoneFor } from "../../../domain/lifecycle/erase-person.ts";
import { testAction, testMeeting } from "./support.ts";

const invitee = {
  index: 1,
  name: "Sam Social Worker",
  email: "sam@example.org",
  role: "social-worker",
  agency: "Council",
  keyAgency: false,
  observer: false,
  family: false,
  lineManager: { name: "Lin Manager", email: "lin@example.org" },
};

describe("erasure", () => {
  const meeting = testMeeting({ invitees: [invitee] });

  it("finds every place a meeting holds the address, in any letter case", () => {
    expect(rolesIn(meeting, [testAction()], "SAM@example.org")).toEqual(["invitee", "action owner"]);
    expect(rolesIn(meeting, [], "lin@example.org")).toEqual(["line manager"]);
    expect(rolesIn(meeting, [], "tm@example.org")).toEqual(["team manager"]);
    expect(rolesIn(meeting, [], "nobody@example.org")).toEqual([]);
  });

  it("is refused while the record is not final, while an open action is theirs, or its ladder reaches them", () => {
    expect(erasureBlockers({ ...meeting, phase: "agree-minutes" }, [], "sam@example.org")[0]).toMatch(
      /still in progress \(agree-minutes\): cancel it, or erase once its record has been distributed/,
    );
    expect(erasureBlockers(meeting, [testAction({ status: "open" })], "sam@example.org")).toEqual([
      expect.stringMatching(/action 1 is theirs and open: reassign it first/),
    ]);
    expect(erasureBlockers(meeting, [testAction({ status: "slipped" })], "lin@example.org")).toEqual([
      expect.stringMatching(/its open actions escalate to them \(line manager\)/),
    ]);
    expect(erasureBlockers(meeting, [testAction({ status: "done" })], "sam@example.org")).toEqual([]);
    expect(erasureBlockers({ ...meeting, phase: "cancelled" }, [], "sam@example.org")).toEqual([]);
  });

  it("replaces the address with one that can never be mailed, the same for the same address and secret", () => {
    const a = tombstoneFor("Sam@Example.org ", "secret-1");
    expect(a).toMatch(/^erased-[0-9a-f]{16}@erased\.invalid$/);
    expect(tombstoneFor("sam@example.org", "secret-1")).toBe(a);
    expect(tombstoneFor("sam@example.org", "secret-2")).not.toBe(a);
    expect(tombstoneFor("sam@example.org", ["secret-1", "older"])).toBe(a);
  });
});

describe("erasure and the child's plans (seed 004)", () => {
  it("finds the address as the plan's worker, team manager or a person in it", () => {
    const plan = {
      worker: { name: "W", email: "w@example.org" },
      teamManager: { name: "T", email: "t@example.org" },
      people: [{ name: "Parent", relationship: "parent", email: "Parent@Family.example.org" }],
    } as unknown as Parameters<typeof planHolds>[0];
    expect(planHolds(plan, "parent@family.example.org")).toBe(true);
    expect(planHolds(plan, "t@example.org")).toBe(true);
    expect(planHolds(plan, "other@example.org")).toBe(false);
  });
});
