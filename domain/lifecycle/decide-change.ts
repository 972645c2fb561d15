/**
 * The chair decides a requested change:
 * 1. only an open change request on the version the chair's token was sent for;
 * 2. the decision is recorded and audited;
 * 3. rejected: the requester is told, with a link to agree the minutes as they stand or keep
 *    disagreeing; the agreement is checked again;
 * 4. accepted: the change is made as a new version, which goes back out for approval.
 */

import { changeDecisionState } from "../email/open-question.ts";
import { agreement } from "./agreement.ts";
import {
  type ClosedAnswer,
  closedAnswer,
  type LifecycleKernel,
  LifecycleStateError,
  meetingFacts,
} from "./kernel.ts";

/** The chair accepts (→ new version, back out for approval) or rejects a requested change. */
export async function decideChange(
  k: LifecycleKernel,
  meetingId: string,
  person: number,
  decision: "accepted" | "rejected",
  via: string,
  /** The minutes version the chair's token was sent for; a decision on another version changes nothing. */
  asked: number,
  /** The chair's reason (a rejection's is told to the requester and kept with the final minutes). */
  reason?: string,
): Promise<{ decided: true; version: number } | ClosedAnswer> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  const version = asked;
  const approvals = await k.deps.store.listApprovals(meetingId, version);
  const request = approvals.find((a) => a.index === person && a.response === "request-changes");
  const state = changeDecisionState(version, meetingFacts(meeting), {
    requested: request !== undefined,
    decision: request?.chairDecision,
  });
  if (!state.open) return closedAnswer(state.closed);
  if (!request)
    throw new LifecycleStateError(`no change requested by person ${person} on version ${version}`);
  await k.deps.store.putApproval(meetingId, {
    ...request,
    chairDecision: decision,
    ...(reason?.trim() ? { chairReason: reason.trim().slice(0, 4000) } : {}),
  });
  await k.audit(meetingId, meeting.chair.email, `change-${decision}`, via, { version, person });
  if (decision === "rejected") {
    // The requester is told, with a link to agree the minutes as they stand or keep disagreeing.
    const requester = [meeting.chair, ...meeting.invitees].find((p) => p.index === person);
    if (requester && requester.index !== meeting.chair.index)
      await k.send(
        meeting,
        k.deps.messages.changeRejected(
          meeting,
          requester,
          version,
          request.text ?? "",
          k.approvalLink(meeting.id, requester.index, version),
          reason?.trim() || undefined,
        ),
        `change-rejected-v${version}-p${person}`,
      );
    const { outcome } = await agreement(k, meeting);
    if (outcome) await k.resolve(meetingId, "approval", 0, outcome);
    return { decided: true, version };
  }
  const current = await k.deps.store.getMinutesVersion(meetingId, version);
  const requester = [meeting.chair, ...meeting.invitees].find((p) => p.index === person);
  const amended = k.deps.minutes.amend(current.minutes, {
    by: requester?.role ?? "attendee",
    text: request.text ?? "",
  });
  // The version decided on: its successor (the token's version is the current one while it is open).
  const next = await k.newMinutesVersion({ ...meeting, minutesVersion: version }, amended);
  return { decided: true, version: next };
}
