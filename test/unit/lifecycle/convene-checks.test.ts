import { describe, expect, it } from "vitest";
import { conveneProblems, decideConvene } from "#domain/lifecycle/convene-checks.ts";
import { base, person, plan } from "../planning/requests.ts";

const permanency = base({
  meetingType: "permanency-planning",
  child: { reference: "C-700001", dateOfBirth: "2016-03-13" },
  chair: { name: "TM", email: "tm@example.org", role: "team-manager" },
  invitees: [person("social-worker"), person("children-in-care-team")],
});

describe("convene-time rules that block a meeting", () => {
  it("seed 003: a Permanency Planning Meeting missing its two required roles has two problems", () => {
    const problems = conveneProblems(plan(permanency));
    expect(problems.map((p) => p.code)).toEqual([
      "missing-role:fostering-social-worker",
      "missing-role:family-finding-social-worker",
    ]);
    expect(problems.every((p) => p.seed === "003")).toBe(true);
  });

  it("refuses the plan with every problem named, each under the code its reason is given by", () => {
    const decision = decideConvene(plan(permanency), {});
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.errors.map((e) => e.path)).toEqual([
      "overrides.missing-role:fostering-social-worker",
      "overrides.missing-role:family-finding-social-worker",
    ]);
    expect(decision.errors[0]?.message).toMatch(/fostering.*seed 003/i);
  });

  it("accepts the plan when each problem has a reason, and returns the overrides to record", () => {
    const decision = decideConvene(plan(permanency), {
      "missing-role:fostering-social-worker": "Not yet allocated; the team manager is arranging it",
      "missing-role:family-finding-social-worker": "  Family finding joins from the second meeting  ",
    });
    expect(decision).toEqual({
      ok: true,
      overrides: [
        expect.objectContaining({
          kind: "missing-role",
          reason: "Not yet allocated; the team manager is arranging it",
        }),
        expect.objectContaining({ reason: "Family finding joins from the second meeting" }),
      ],
    });
  });

  it("refuses a reason for a problem the plan does not have (a typo must not pass as an override)", () => {
    const decision = decideConvene(plan(permanency), {
      "missing-role:fostering-social-worker": "r",
      "missing-role:family-finding-social-worker": "r",
      "late-dat": "typo",
    });
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.errors.map((e) => e.path)).toEqual(["overrides.late-dat"]);
  });

  it("seed 001: a key agency left out with no rationale blocks; one with a rationale does not", () => {
    const pre = (left: unknown[]) =>
      base({
        meetingType: "cfpm",
        trigger: { kind: "strategy-discussion", date: "2026-03-05" },
        invitees: [person("parent")],
        keyAgenciesNotInvited: left,
      });
    const without = conveneProblems(plan(pre([{ agency: "Demo Police" }])));
    expect(without.map((p) => p.code)).toContain("key-agency:demo-police");
    const withRationale = conveneProblems(
      plan(pre([{ agency: "Demo Police", rationale: "No police involvement since 2024" }])),
    );
    expect(withRationale.map((p) => p.kind)).not.toContain("key-agency-rationale");
  });

  it("seed 002: a complex Care Planning Meeting whose chair the team manager has not agreed blocks", () => {
    const cpm = base({
      meetingType: "cpm",
      claReviews: [{ date: "2026-01-10" }, { date: "2026-04-10" }],
      complexOrContentious: true,
      invitees: [person("independent-reviewing-officer")],
    });
    const problems = conveneProblems(plan(cpm));
    expect(problems.map((p) => p.kind)).toContain("chair-condition");
    expect(problems.find((p) => p.kind === "chair-condition")?.seed).toBe("002");
    const agreed = conveneProblems(plan({ ...cpm, chairAgreedWithTeamManager: true }));
    expect(agreed.map((p) => p.kind)).not.toContain("chair-condition");
  });

  it("a date after a required statutory due date blocks (seed 004: CFPM within 10 working days)", () => {
    const late = plan(
      base({
        meetingType: "cfpm",
        trigger: { kind: "strategy-discussion", date: "2026-02-02" },
        invitees: [person("parent")],
      }),
    );
    if (late.deadline.basis !== "required" || late.onTime !== false) {
      throw new Error(`expected a late required date, got ${late.deadline.basis} onTime=${late.onTime}`);
    }
    expect(conveneProblems(late).map((p) => p.code)).toContain("late-date");
  });
});
