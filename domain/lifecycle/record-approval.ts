/**
 * An attendee's answer to the minutes (reply or page):
 * 1. only an invitee, on the version out for approval, before it is agreed;
 * 2. the answer is recorded and audited;
 * 3. a change request goes to the chair with the chair's own link;
 * 4. the chair's approve after the deadline confirms deemed agreement for those who did not answer
 *    (where the authority's rule says so);
 * 5. agreed: the approval wait completes; agreed but blocked on content: the chair is told now.
 */

import { type Question, questionState } from "../email/open-question.ts";
import { agreement } from "./agreement.ts";
import { type ClosedAnswer, closedAnswer, type LifecycleKernel, meetingFacts } from "./kernel.ts";
import type { Meeting } from "./model.ts";
import { noticeBlocked } from "./notice-blocked.ts";
import { approversOf } from "./who-agrees.ts";

/** An attendee's answer to the minutes, from email or the page. */
export async function recordApproval(
  k: LifecycleKernel,
  meetingId: string,
  person: number,
  version: number,
  response: "approve" | "request-changes",
  text: string | undefined,
  via: string,
  /** The meeting as the caller just read it (the reply desk); read here when absent. */
  known?: Meeting,
): Promise<{ recorded: true; message: string } | ClosedAnswer | { recorded: false; message: string }> {
  const meeting = known?.id === meetingId ? known : await k.deps.store.getMeeting(meetingId);
  const invitee = [meeting.chair, ...meeting.invitees].find((p) => p.index === person);
  if (!invitee) return { recorded: false, message: "not an invitee of this meeting" };
  // Only the version out for approval, before it is agreed or distributed, takes answers.
  const question: Question = { purpose: "approval", ref: version };
  const before = questionState(question, meetingFacts(meeting));
  if (!before.open) return closedAnswer(before.closed);
  const isChair = person === meeting.chair.index;
  // The attendance (who must agree) and the answers to this version, in one read.
  const { answers, approvals } = await k.deps.store.answersAndApprovals(meetingId, version);
  const approvers = approversOf(meeting, answers);
  const agreedAlready = (await agreement(k, meeting, approvers, approvals)).outcome?.outcome === "agreed";
  const state = questionState(question, { ...meetingFacts(meeting), minutesAgreed: agreedAlready });
  if (!state.open) return closedAnswer(state.closed);
  const awaitingDeemed =
    isChair && response === "approve" && (await k.deps.store.getWait(meetingId, "approval", 0))?.level;
  // The answer and its audit event in one batched write.
  await k.deps.store.putRecords(meetingId, {
    approvals: [{ version, index: person, response, text, at: k.now().toISOString() }],
    events: [k.auditEvent(meetingId, invitee.email, `approval:${response}`, via, { version })],
  });
  if (response === "request-changes") {
    const reply = k.approvalLink(meeting.id, meeting.chair.index, version);
    await k.send(
      meeting,
      k.deps.messages.changeRequested(meeting, meeting.chair, invitee, version, text ?? "", reply),
    );
    return { recorded: true, message: "change request recorded and sent to the chair" };
  }
  if (
    awaitingDeemed &&
    k.deps.settings.minutes.nonResponder.rule === "deemed-agreed-with-chair-confirmation"
  ) {
    // The chair confirms deemed agreement for attendees who did not answer after the deadline.
    const answered = new Set([...approvals.map((a) => a.index), person]);
    const deemed = approvers.filter((p) => !answered.has(p.index));
    await k.deps.store.putRecords(meetingId, {
      approvals: deemed.map((p) => ({
        version,
        index: p.index,
        response: "deemed" as const,
        at: k.now().toISOString(),
      })),
      events: deemed.map((p) =>
        k.auditEvent(meetingId, meeting.chair.email, "approval:deemed", via, {
          version,
          person: p.index,
        }),
      ),
    });
  }
  const { outcome, decision } = await agreement(k, meeting, approvers);
  if (outcome) {
    await k.resolve(meetingId, "approval", 0, outcome);
    return {
      recorded: true,
      message:
        decision?.status === "agreed" && decision.record.disagreed.length > 0
          ? "minutes agreed; the disagreement that remains is recorded in them"
          : "minutes agreed by every attendee",
    };
  }
  // Everyone may have answered minutes that still cannot be finalised (seed 001): tell the chair now.
  if (decision?.status === "blocked") {
    await noticeBlocked(k, meeting, version, 0, decision.blockers);
    return {
      recorded: true,
      message: `approval recorded; the minutes cannot be finalised yet: ${decision.blockers.join("; ")}`,
    };
  }
  return { recorded: true, message: "approval recorded" };
}
