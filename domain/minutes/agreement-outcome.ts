/**
 * Whether a minutes version is agreed, and the record of how (seed 000: minutes "agreed by all
 * attendees"; seed 001: a disagreement that remains follows the escalation policy and is recorded).
 * Pure: the lifecycle reads the answers and the blocking sections, this decides.
 *
 * - Every attendee who must agree has answered: approved, was deemed to agree (the chair
 *   confirmed it after the deadline, where the authority's rule allows), or asked for a change
 *   the chair rejected. A rejected change is a disagreement, recorded as one: it is never counted
 *   as agreement. The requester may still approve the version, which replaces the disagreement.
 * - A change the chair has not yet decided holds the version open.
 * - A section the meeting type requires (e.g. the child's views) blocks finalising even when
 *   everyone has agreed: the outcome is `blocked`, never `agreed`.
 */

export interface AgreementAnswer {
  index: number;
  response: "approve" | "request-changes" | "deemed";
  text?: string;
  chairDecision?: "accepted" | "rejected";
  chairReason?: string;
}

/** Who agreed the final minutes, who was deemed to, and who disagreed (with their change and the chair's reason). */
export interface AgreementRecord {
  agreed: number[];
  deemed: number[];
  disagreed: Array<{ index: number; change: string; reason?: string }>;
}

export type AgreementDecision =
  | { status: "open"; waitingFor: number[]; undecidedChanges: number[] }
  | { status: "blocked"; blockers: string[]; record: AgreementRecord }
  | { status: "agreed"; deemed: boolean; record: AgreementRecord };

export function decideAgreement(input: {
  /** The people who must agree: attendees, not observers. */
  approvers: number[];
  answers: AgreementAnswer[];
  /** What stops this version being finalised, for its meeting type (empty when nothing does). */
  blockers: string[];
}): AgreementDecision {
  const byIndex = new Map(input.answers.map((a) => [a.index, a]));
  const undecidedChanges = input.answers
    .filter((a) => a.response === "request-changes" && !a.chairDecision)
    .map((a) => a.index);
  const waitingFor = input.approvers.filter((p) => {
    const a = byIndex.get(p);
    if (!a) return true;
    return a.response === "request-changes" && a.chairDecision !== "rejected";
  });
  if (undecidedChanges.length > 0 || waitingFor.length > 0)
    return { status: "open", waitingFor, undecidedChanges };
  const record: AgreementRecord = { agreed: [], deemed: [], disagreed: [] };
  for (const p of input.approvers) {
    const a = byIndex.get(p);
    if (a?.response === "approve") record.agreed.push(p);
    else if (a?.response === "deemed") record.deemed.push(p);
    else if (a)
      record.disagreed.push({
        index: p,
        change: a.text ?? "",
        ...(a.chairReason ? { reason: a.chairReason } : {}),
      });
  }
  if (input.blockers.length > 0) return { status: "blocked", blockers: input.blockers, record };
  return { status: "agreed", deemed: record.deemed.length > 0, record };
}
