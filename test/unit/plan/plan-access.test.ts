/** Who sees a child's plan in the workspace (domain/access/plan-access.ts), and the visits read model. */
import { describe, expect, it } from "vitest";
import { canSeePlan, canStartPlan } from "../../../domain/access/plan-access.ts";
import type { ChildPlan } from "../../../domain/plan/model.ts";
import { visitRecords } from "../../../domain/plan/service.ts";

const plan = {
  worker: { name: "Tom", email: "Tom@example.org" },
  teamManager: { name: "Jordan", email: "jordan@example.org" },
};
const none = new Set<string>();

describe("who sees a child's plan", () => {
  it("shows it to the worker, the team manager, the worker's team manager and a service manager", () => {
    expect(canSeePlan({ email: "tom@example.org", groups: ["social-worker"] }, plan, none)).toBe(true);
    expect(canSeePlan({ email: "jordan@example.org", groups: ["team-manager"] }, plan, none)).toBe(true);
    expect(
      canSeePlan(
        { email: "other@example.org", groups: ["team-manager"] },
        plan,
        new Set(["tom@example.org"]),
      ),
    ).toBe(true);
    expect(canSeePlan({ email: "sm@example.org", groups: ["service-manager"] }, plan, none)).toBe(true);
  });
  it("hides it from another social worker, another team manager and an admin", () => {
    expect(canSeePlan({ email: "nadia@example.org", groups: ["social-worker"] }, plan, none)).toBe(false);
    expect(canSeePlan({ email: "other@example.org", groups: ["team-manager"] }, plan, none)).toBe(false);
    expect(canSeePlan({ email: "admin@example.org", groups: ["admin"] }, plan, none)).toBe(false);
    expect(canStartPlan({ email: "admin@example.org", groups: ["admin"] })).toBe(false);
  });
});

describe("the visits read model (seed 004)", () => {
  it("seed 004: lists each progress plan's visits with who visited, and none of a TAC/ESCO plan", () => {
    const base = { childReference: "C-1", planStart: "2026-03-02", worker: plan.worker } as ChildPlan;
    const records = visitRecords(
      [
        {
          ...base,
          kind: "progress-plan",
          visits: [
            {
              number: 1,
              dueBy: "2026-03-30",
              visitedOn: "2026-03-29",
              seen: true,
              seenAlone: true,
              by: { name: "Nadia", email: "Nadia@example.org" },
            },
            { number: 2, dueBy: "2026-04-26" },
          ],
        },
        { ...base, kind: "tac-esco", visits: [{ number: 1, dueBy: "2026-01-01" }] },
      ],
      (email) => (email.toLowerCase().startsWith("nadia") ? "Team B" : "Team A"),
    );
    expect(records).toEqual([
      {
        childReference: "C-1",
        dueBy: "2026-03-30",
        visitedOn: "2026-03-29",
        seen: true,
        seenAlone: true,
        worker: { name: "Nadia", email: "nadia@example.org" },
        team: "Team B",
      },
      {
        childReference: "C-1",
        dueBy: "2026-04-26",
        worker: { name: "Tom", email: "tom@example.org" },
        team: "Team A",
      },
    ]);
  });
});
