/**
 * Line managers (the first rung of the escalation ladder, seed 001) and each child's team manager
 * (the team manager over the chair, told of late dates and overrides, seeds 000 and 002) come from
 * the directory, not from one contact for the whole council.
 */
import { describe, expect, it } from "vitest";
import { lineManagerOf, lineManagersFor, teamManagerFor, teamOf } from "../../../domain/directory/lookups.ts";
import type { Directory, StaffPerson } from "../../../domain/directory/person.ts";

const person = (
  email: string,
  lineManager?: string,
  access: StaffPerson["access"] = ["social-worker"],
  active = true,
): StaffPerson => ({
  email,
  name: email.split("@")[0] ?? email,
  role: "social-worker",
  team: "T",
  agency: "C",
  ...(lineManager ? { lineManager } : {}),
  access,
  active,
});

const directory: Directory = {
  authorityId: "x",
  revision: 1,
  people: [
    person("sm@x", undefined, ["service-manager"]),
    person("tm@x", "sm@x", ["team-manager"]),
    person("ap@x", "tm@x"),
    person("sw@x", "ap@x"),
    person("left@x", "tm@x", ["social-worker"], false),
    person("tm2@x", "sm@x", ["team-manager"]),
    person("other@x", "tm2@x"),
  ],
};

describe("directory lookups", () => {
  it("finds the team manager up the chair's line, the chair themselves when they are one", () => {
    expect(teamManagerFor(directory, "SW@x")?.email).toBe("tm@x");
    expect(teamManagerFor(directory, "tm@x")?.email).toBe("tm@x");
    expect(teamManagerFor(directory, "other@x")?.email).toBe("tm2@x");
    expect(teamManagerFor(directory, "sm@x")).toBeUndefined();
    expect(teamManagerFor(directory, "outsider@agency.example")).toBeUndefined();
  });

  it("gives line managers of those in the directory only, and skips a manager who has left", () => {
    expect(lineManagerOf(directory, "sw@x")?.email).toBe("ap@x");
    const withLeaver: Directory = { ...directory, people: [...directory.people, person("new@x", "left@x")] };
    expect(lineManagerOf(withLeaver, "new@x")).toBeUndefined();
    expect(lineManagersFor(directory, ["SW@x", "outsider@agency.example", "sm@x"])).toEqual({
      "sw@x": { name: "ap", email: "ap@x" },
    });
  });

  it("puts everyone whose line leads to a manager in their team", () => {
    expect(
      teamOf(directory, "tm@x")
        .map((p) => p.email)
        .sort(),
    ).toEqual(["ap@x", "left@x", "sw@x"]);
    expect(teamOf(directory, "sm@x")).toHaveLength(6);
  });

  it("stops at a loop rather than walking for ever", () => {
    const loop: Directory = { ...directory, people: [person("a@x", "b@x"), person("b@x", "a@x")] };
    expect(teamManagerFor(loop, "a@x")).toBeUndefined();
    expect(teamOf(loop, "a@x").map((p) => p.email)).toEqual(["b@x"]);
  });
});
