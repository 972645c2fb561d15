/**
 * Convene-time rules that block a meeting (issue 10, item 5): a plan is refused while any of these
 * stands, unless the request gives a reason for each, which is then recorded on the meeting,
 * audited, shown in the minutes and (for a late date) sent to the team manager.
 *
 * Pure: the decision is a function of the plan and the reasons given.
 *
 * 1. List the plan's blocking problems, each with a stable code (the key a reason is given under):
 *    a required role nobody holds (seeds 000–004, per type), a key agency left out with no
 *    rationale (seed 001), a date after the statutory due date (where the seed says "required"),
 *    a chair condition not yet met (seeds 000, 002: court approval, team manager's agreement).
 * 2. Match the reasons given to the problems: a reason for an unknown code is an error (a typo
 *    must not look like an override); a problem without a reason is an error.
 * 3. Answer the overrides to record, or every problem still standing.
 */
import type { MeetingPlan, PlanError } from "../planning/index.ts";

export type ConveneProblemKind = "missing-role" | "key-agency-rationale" | "late-date" | "chair-condition";

export interface ConveneProblem {
  /** The key a reason is given under in `overrides`, e.g. `missing-role:iro`, `late-date`. */
  code: string;
  kind: ConveneProblemKind;
  /** What is wrong, in words a chair reads. */
  problem: string;
  seed: string | null;
}

/** A problem overridden with a reason, as the meeting keeps it. */
export interface PlanOverride {
  code: string;
  kind: ConveneProblemKind;
  problem: string;
  reason: string;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Step 1: every blocking problem of a plan. */
export function conveneProblems(plan: MeetingPlan): ConveneProblem[] {
  const problems: ConveneProblem[] = [];
  for (const missing of plan.missingRequiredRoles) {
    problems.push({
      code: `missing-role:${missing.roles.join("|")}`,
      kind: "missing-role",
      problem: `nobody invited is ${missing.names.join(" or ")}: ${missing.reason}`,
      seed: /seed (\d{3})/.exec(missing.reason)?.[1] ?? null,
    });
  }
  for (const left of plan.keyAgencies.needingRationale) {
    problems.push({
      code: `key-agency:${slug(left.agency)}`,
      kind: "key-agency-rationale",
      problem: `key agency ${left.agency} is not invited and no rationale is given (seed 001: the rationale is recorded in the notes of the first meeting)`,
      seed: "001",
    });
  }
  if (plan.onTime === false && plan.deadline.basis === "required" && plan.dueBy !== null) {
    problems.push({
      code: "late-date",
      kind: "late-date",
      problem: `the meeting (${plan.meeting.date}) is after its statutory due date ${plan.dueBy}: ${plan.deadline.rule}`,
      seed: plan.deadline.seed,
    });
  }
  const eligibility = plan.chair.eligibility;
  if (eligibility.status === "eligible-with-conditions") {
    eligibility.conditions.forEach((condition, i) => {
      problems.push({
        code: `chair-condition:${i + 1}`,
        kind: "chair-condition",
        problem: `${plan.chair.roleName} chairing: ${condition.text} (seed ${condition.seed})`,
        seed: condition.seed,
      });
    });
  }
  return problems;
}

export type ConveneDecision =
  | { ok: true; overrides: PlanOverride[] }
  | { ok: false; errors: PlanError[]; problems: ConveneProblem[] };

/**
 * Steps 2–3: the plan may be convened when every problem has a reason.
 * @example decideConvene(plan, { "late-date": "the IRO is on leave until then" })
 */
export function decideConvene(plan: MeetingPlan, reasons: Readonly<Record<string, string>>): ConveneDecision {
  const problems = conveneProblems(plan);
  const known = new Set(problems.map((p) => p.code));
  const errors: PlanError[] = [];
  for (const code of Object.keys(reasons)) {
    if (!known.has(code)) {
      errors.push({
        path: `overrides.${code}`,
        message: `no such problem with this plan (its problems: ${problems.map((p) => p.code).join(", ") || "none"})`,
      });
    }
  }
  const overrides: PlanOverride[] = [];
  for (const p of problems) {
    const reason = reasons[p.code]?.trim();
    if (!reason) {
      errors.push({
        path: `overrides.${p.code}`,
        message: `${p.problem}. Fix the plan, or give the reason to go ahead as overrides["${p.code}"]`,
      });
    } else overrides.push({ code: p.code, kind: p.kind, problem: p.problem, reason });
  }
  return errors.length > 0 ? { ok: false, errors, problems } : { ok: true, overrides };
}
