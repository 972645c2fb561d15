/**
 * Agreed minutes that cannot be finalised (issue 10 item 3): never a loop, never a dead end.
 *
 * 1. Nothing to say while an approver has still to answer (the ordinary chase applies).
 * 2. Every approver agreed but sections are missing: the chair is told, once per version, exactly
 *    what is missing and how to supply it (reply to the approval email with the section's text).
 * 3. Still blocked after the type's distribution deadline (minutesDueBy): the team manager is
 *    told, once per version, with the chair.
 */

export interface BlockedFacts {
  version: number;
  /** Approvers who have not answered this version. */
  unanswered: number;
  /** What stops finalising ("section: reason"), from the minutes port. */
  blockers: readonly string[];
  minutesDueBy: string;
  now: Date;
}

export type BlockedNotice =
  | { kind: "none" }
  | { kind: "chair" | "team-manager"; once: string; lines: string[] };

export function blockedNotice(facts: BlockedFacts): BlockedNotice {
  if (facts.unanswered > 0 || facts.blockers.length === 0) return { kind: "none" };
  const late = facts.now.getTime() > new Date(facts.minutesDueBy).getTime();
  const lines = [
    `Every attendee agreed version ${facts.version}, but the minutes cannot be finalised. Missing:`,
    ...facts.blockers.map((b) => `- ${b}`),
    'To supply it, reply to the approval email with the text under a heading, e.g. "Child\'s views: ..." or "Contingency plan: ...". The amended version goes back out for approval.',
  ];
  if (late) {
    return {
      kind: "team-manager",
      once: `minutes-blocked:tm:v${facts.version}`,
      lines: [...lines, `The minutes were due out by ${facts.minutesDueBy}.`],
    };
  }
  return { kind: "chair", once: `minutes-blocked:v${facts.version}`, lines };
}
