/**
 * Whether the current minutes version is agreed (the outcome the workflow's MinutesAgreed Choice reads):
 * 1. the answers to the current version, read after the caller's own write;
 * 2. the pure decision (domain/minutes/agreement-outcome.ts): every attendee who must agree approved,
 *    was deemed to agree or had a change rejected, no change is undecided, and no section the type
 *    requires blocks finalising.
 */

import { type AgreementDecision, decideAgreement } from "../minutes/agreement-outcome.ts";
import type { AgreementOutcome, LifecycleKernel } from "./kernel.ts";
import type { Approval, Invitee, Meeting } from "./model.ts";
import { approversOf } from "./who-agrees.ts";

/** The answers to the current version (read after the caller's own write), the decision, and the outcome if agreed. */
export async function agreement(
  k: LifecycleKernel,
  meeting: Meeting,
  /** Who must agree, when the caller has it already (the attendance does not change after the meeting). */
  knownApprovers?: Invitee[],
  /** The answers to the current version, when the caller has just read them (and writes nothing first). */
  knownApprovals?: Approval[],
): Promise<{ approvals: Approval[]; decision?: AgreementDecision; outcome?: AgreementOutcome }> {
  const version = meeting.minutesVersion;
  if (version === 0) return { approvals: [] };
  // Read after the caller's own write, so of two answers arriving at once the later sees both.
  let approvals = knownApprovals;
  let approvers = knownApprovers;
  if (!approvals && !approvers && meeting.minutesAgreedBy !== "chair") {
    // Neither in hand: the attendance and the answers to this version in one read.
    const read = await k.deps.store.answersAndApprovals(meeting.id, version);
    approvals = read.approvals;
    approvers = approversOf(meeting, read.answers);
  }
  approvals ??= await k.deps.store.listApprovals(meeting.id, version);
  approvers ??= await k.approvers(meeting);
  const first = decideAgreement({
    approvers: approvers.map((p) => p.index),
    answers: approvals,
    blockers: [],
  });
  if (first.status === "open") return { approvals, decision: first };
  // Everyone has answered: only now is the version read for what blocks finalising.
  const stored = await k.deps.store.getMinutesVersion(meeting.id, version);
  const decision = decideAgreement({
    approvers: approvers.map((p) => p.index),
    answers: approvals,
    blockers: k.deps.minutes.finaliseBlockers(stored.minutes, meeting.typeId),
  });
  if (decision.status !== "agreed") return { approvals, decision };
  return { approvals, decision, outcome: { outcome: "agreed", version, deemed: decision.deemed } };
}
