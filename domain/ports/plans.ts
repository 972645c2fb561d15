/**
 * The ports of the child's plan over time (domain/plan): where plans are kept, and the emails and
 * letters they send, by meaning (the words live in adapters/messages/plan-messages.ts).
 */
import type { Person } from "../lifecycle/model.ts";
import type { ChildPlan, LetterAudience, Visit } from "../plan/model.ts";
import type { Address, OutgoingEmail } from "./mailer.ts";

export interface PlanStore {
  /** Fails with ConflictError when the id exists. */
  createPlan(plan: ChildPlan): Promise<void>;
  /** @throws NotFoundError */
  getPlan(id: string): Promise<ChildPlan>;
  /** Conditional on `plan.version`; stores version + 1 and returns it (ConflictError when it lost a race). */
  savePlan(plan: ChildPlan): Promise<ChildPlan>;
  /** A child's plans in an authority, oldest first. */
  childPlans(authorityId: string, reference: string): Promise<ChildPlan[]>;
  /** Every plan of an authority (the workspace list, the visits for the report). */
  authorityPlans(authorityId: string): Promise<ChildPlan[]>;
}

/** A closure letter as a Word document. */
export interface LetterDocument {
  audience: LetterAudience;
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export interface PlanMessages {
  /** To the worker: a visit is due soon (`before-due`) or today (`due-today`). */
  visitReminder(plan: ChildPlan, visit: Visit, when: "before-due" | "due-today"): Promise<OutgoingEmail>;
  /** To the team manager, the worker copied: a visit is overdue. */
  visitOverdue(plan: ChildPlan, visit: Visit): Promise<OutgoingEmail>;
  /** To the chair and team manager: everyone scored 7 or above, closure is proposed. */
  closureProposed(plan: ChildPlan, to: Address[]): Promise<OutgoingEmail>;
  /** The closure letter for one audience (child-friendly wording for the child's). */
  closureLetter(plan: ChildPlan, audience: LetterAudience): Promise<LetterDocument>;
  /** The email a closure letter goes out with, to one person. */
  closureLetterEmail(plan: ChildPlan, to: Address, letter: LetterDocument): Promise<OutgoingEmail>;
}

export interface PlanDeps {
  plans: PlanStore;
  planMessages: PlanMessages;
}

export type { Person };
