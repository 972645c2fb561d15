/**
 * The owner of an action asks for more time (by reply, "I need more time – can we extend this to
 * 15 January?", or on the answer page): issue 13, seed 001's tracked actions.
 *
 * 1. The action is open or slipped (a done or cancelled action answers that it is closed).
 * 2. The request is kept on the action (the words and any date they propose after today) and
 *    audited; the action stays due on its date until a new one is agreed.
 * 3. The meeting's team manager, and the chair when someone else, are emailed the request with
 *    the link to agree a new date on the team page (agree-new-action-date.ts), or to answer it.
 * 4. The owner is told the request went to the team manager and the date stands until then.
 */
import { proposedDate } from "../email/proposed-date.ts";
import { NotFoundError } from "../ports/store.ts";
import { type ClosedAnswer, closedAnswer, type LifecycleKernel } from "./kernel.ts";
import type { Action, Meeting } from "./model.ts";
import { localDate } from "./time.ts";

export async function askForMoreTime(
  k: LifecycleKernel,
  input: { meetingId: string; number: number; text: string; actor: string; via: string; known?: Meeting },
): Promise<{ recorded: true; proposed?: string } | ClosedAnswer> {
  // 1.
  const meeting =
    input.known?.id === input.meetingId ? input.known : await k.deps.store.getMeeting(input.meetingId);
  let action: Action;
  try {
    action = await k.deps.store.getAction(meeting.id, input.number);
  } catch (error) {
    if (error instanceof NotFoundError)
      return closedAnswer({ reason: "no-such-action", number: input.number });
    throw error;
  }
  if (action.status === "done" || action.status === "cancelled")
    return closedAnswer({ reason: "action-closed", number: action.number, status: action.status });
  // 2.
  const now = k.now();
  const text = input.text.trim().slice(0, 2000);
  const proposed = proposedDate(text, localDate(now, k.deps.settings.timezone));
  const updated: Action = {
    ...action,
    moreTimeAsked: { at: now.toISOString(), by: input.actor, text, ...(proposed ? { proposed } : {}) },
  };
  await k.deps.store.putAction(meeting.id, updated);
  await k.audit(meeting.id, input.actor, "action-more-time-asked", input.via, {
    number: action.number,
    ...(proposed ? { proposed } : {}),
  });
  // 3.
  const request = { text, ...(proposed ? { proposed } : {}), by: input.actor };
  const managers = [meeting.teamManager, meeting.chair].filter(
    (p, i, all) => all.findIndex((q) => q.email.toLowerCase() === p.email.toLowerCase()) === i,
  );
  for (const to of managers)
    await k.send(
      meeting,
      k.deps.messages.moreTimeAsked(meeting, updated, to, request),
      `more-time:${action.number}:${now.toISOString()}:${to.email.toLowerCase()}`,
    );
  // 4.
  const owner = updated.responsible.email ?? input.actor;
  await k.send(
    meeting,
    k.deps.messages.moreTimeReceived(
      meeting,
      updated,
      { email: owner, name: updated.responsible.name },
      meeting.teamManager,
    ),
    `more-time-received:${action.number}:${now.toISOString()}`,
  );
  return { recorded: true, ...(proposed ? { proposed } : {}) };
}
