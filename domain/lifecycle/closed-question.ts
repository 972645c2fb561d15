/**
 * A reply to a question that is closed changed nothing:
 * 1. audited;
 * 2. an email reply is answered, saying so and what to do (auto-replies and bounces were refused
 *    before this, so it never answers one).
 */

import type { Question, QuestionClosed } from "../email/open-question.ts";
import { address, type LifecycleKernel } from "./kernel.ts";
import type { Invitee, Meeting } from "./model.ts";

/**
 * A reply to a question that is closed changed nothing: audited, and an email reply is answered
 * automatically, saying so and what to do (the reply desk has refused auto-replies and bounces
 * before this, so it never answers one).
 */
export async function answerClosedQuestion(
  k: LifecycleKernel,
  meeting: Meeting,
  person: Invitee,
  question: Question,
  closed: QuestionClosed,
  via: string,
  channel: "email" | "page",
): Promise<void> {
  await k.audit(meeting.id, person.email, "reply-closed", via, {
    purpose: question.purpose,
    ref: question.ref,
    reason: closed.reason,
  });
  if (channel === "email")
    await k.send(meeting, k.deps.messages.replyNotApplied(meeting, address(person), closed));
}
