/**
 * A team manager refuses an owner's request for more time (the team page), issue 13.
 *
 * 1. The action has a request waiting and is still open or slipped.
 * 2. A reason is given (the owner is told it).
 * 3. The request is taken off the action (the date stands) and the refusal audited with the
 *    request's words.
 * 4. The owner is told, with the reason and the date that stands, and their reply address to
 *    say it is done.
 */
import { ActionDateError } from "./agree-new-action-date.ts";
import { type LifecycleKernel, LifecycleStateError } from "./kernel.ts";
import type { Action } from "./model.ts";
import { ownerReplyLink } from "./track-actions.ts";

export async function refuseMoreTime(
  k: LifecycleKernel,
  input: { meetingId: string; number: number; reason: string; actor: string; via: string },
): Promise<{ action: Action }> {
  // 1.
  const meeting = await k.deps.store.getMeeting(input.meetingId);
  const action = await k.deps.store.getAction(meeting.id, input.number);
  if (!action.moreTimeAsked)
    throw new LifecycleStateError(`nobody has asked for more time for action ${action.number}`);
  if (action.status !== "open" && action.status !== "slipped")
    throw new LifecycleStateError(`action ${action.number} is ${action.status}: there is nothing to refuse`);
  // 2.
  const reason = input.reason.trim().slice(0, 2000);
  if (!reason)
    throw new ActionDateError([
      { field: "reason", message: "Say why more time is refused: the owner is told" },
    ]);
  // 3.
  const { moreTimeAsked, ...rest } = action;
  const updated: Action = rest;
  await k.deps.store.putAction(meeting.id, updated);
  await k.audit(meeting.id, input.actor, "action-more-time-refused", input.via, {
    number: action.number,
    asked: moreTimeAsked.text.slice(0, 200),
  });
  // 4.
  const owner = action.responsible.email ?? moreTimeAsked.by;
  const reply = ownerReplyLink(k, meeting.id, action);
  await k.send(
    meeting,
    k.deps.messages.moreTimeRefused(
      meeting,
      updated,
      { email: owner, name: action.responsible.name },
      reason,
      reply,
    ),
    `more-time-refused:${action.number}:${moreTimeAsked.at}`,
  );
  return { action: updated };
}
