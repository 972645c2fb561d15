/**
 * The chair (or the team manager over the meeting, or a service manager) gives an action to
 * someone else at the meeting (issue 13: "reassignment by the chair").
 *
 * 1. The action is open or slipped; the new owner is one of the meeting's people (the chair or an
 *    invitee: only they can answer by reply or page) and not its current owner; not a family
 *    member (an action is a professional's); a reason is given.
 * 2. The action's owner becomes them (name, role, agency, address, invitee index, so reminders,
 *    replies and the line-manager rung follow); a request for more time by the previous owner is
 *    dropped; the change is audited.
 * 3. The new owner is told, with the reply address to say it is done; the previous owner is told
 *    it is no longer theirs.
 */

import { type LifecycleKernel, LifecycleStateError } from "./kernel.ts";
import type { Action, Meeting } from "./model.ts";
import { ownerReplyLink } from "./track-actions.ts";

/** Raised for a new owner or reason that cannot be used, naming the field. */
export class ReassignError extends Error {
  override name = "ReassignError";
  constructor(readonly problems: { field: "owner" | "reason"; message: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join("; "));
  }
}

/** The people an action can be given to: the chair and every invitee who is not family. */
export function possibleOwners(meeting: Pick<Meeting, "chair" | "invitees">) {
  return [meeting.chair, ...meeting.invitees.filter((p) => !p.family)];
}

export async function reassignAction(
  k: LifecycleKernel,
  input: {
    meetingId: string;
    number: number;
    ownerIndex: number | undefined;
    reason: string;
    actor: string;
    via: string;
  },
): Promise<{ action: Action }> {
  // 1.
  const meeting = await k.deps.store.getMeeting(input.meetingId);
  if (meeting.phase === "cancelled") throw new LifecycleStateError("the meeting was cancelled");
  const action = await k.deps.store.getAction(meeting.id, input.number);
  if (action.status !== "open" && action.status !== "slipped")
    throw new LifecycleStateError(
      `action ${action.number} is ${action.status}: it cannot be given to someone else`,
    );
  const problems: ReassignError["problems"] = [];
  const owner = possibleOwners(meeting).find((p) => p.index === input.ownerIndex);
  if (!owner) problems.push({ field: "owner", message: "Choose who the action goes to" });
  else if (
    owner.index === action.responsible.inviteeIndex ||
    owner.email.toLowerCase() === action.responsible.email?.toLowerCase()
  )
    problems.push({ field: "owner", message: `Action ${action.number} is already ${owner.name}'s` });
  const reason = input.reason.trim().slice(0, 2000);
  if (!reason)
    problems.push({ field: "reason", message: "Say why the action is given to someone else: both are told" });
  if (problems.length || !owner) throw new ReassignError(problems);
  // 2.
  const { moreTimeAsked: _asked, ...rest } = action;
  const updated: Action = {
    ...rest,
    responsible: {
      name: owner.name,
      role: owner.role,
      ...(owner.agency ? { department: owner.agency } : {}),
      email: owner.email,
      inviteeIndex: owner.index,
    },
  };
  await k.deps.store.putAction(meeting.id, updated);
  await k.audit(meeting.id, input.actor, "action-reassigned", input.via, {
    number: action.number,
    ...(action.responsible.inviteeIndex === undefined ? {} : { from: action.responsible.inviteeIndex }),
    to: owner.index,
  });
  // 3.
  const change = { from: action.responsible.name ?? action.responsible.role ?? "", to: owner.name, reason };
  const reply = ownerReplyLink(k, meeting.id, action, { ownerIndex: owner.index });
  const at = k.now().toISOString();
  await k.send(
    meeting,
    k.deps.messages.actionReassigned(
      meeting,
      updated,
      { email: owner.email, name: owner.name },
      change,
      reply,
    ),
    `action-reassigned:${action.number}:${at}:new`,
  );
  const previous = action.responsible.email;
  if (previous && previous.toLowerCase() !== owner.email.toLowerCase())
    await k.send(
      meeting,
      k.deps.messages.actionReassigned(
        meeting,
        updated,
        { email: previous, name: action.responsible.name },
        change,
      ),
      `action-reassigned:${action.number}:${at}:previous`,
    );
  return { action: updated };
}
