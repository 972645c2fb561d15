/**
 * Track actions:
 * 1. one tracker execution per open action; the phase moves to review;
 * 2. an owner marks an action done (reply or page) while it is open, or late after it slipped:
 *    recorded (late when after its due day), its tracker's wait (if any) completes;
 * 3. a tracker's last step records how the action ended; a closed meeting leaves the in-flight list
 *    once none of its actions is open.
 */

import { questionState } from "../email/open-question.ts";
import type { ReplyLink } from "../ports/messages.ts";
import { NotFoundError } from "../ports/store.ts";
import { type ClosedAnswer, closedAnswer, day, type LifecycleKernel, meetingFacts } from "./kernel.ts";
import type { Action, Meeting } from "./model.ts";
import { localDate } from "./time.ts";

/**
 * The reply address an action's owner answers it with ("Done", more time), by default valid until
 * 60 days after its due date. `ownerIndex`: someone it is being given to (reassign-action.ts).
 */
export function ownerReplyLink(
  k: LifecycleKernel,
  meetingId: string,
  action: Action,
  options: { ownerIndex?: number; expires?: Date } = {},
): ReplyLink {
  const expires = options.expires ?? new Date(Date.parse(`${action.dueDate}T23:59:59Z`) + 60 * day);
  return k.deps.replies.link(
    meetingId,
    options.ownerIndex ?? action.responsible.inviteeIndex ?? 0,
    "action",
    action.number,
    expires,
  );
}

/** One tracker execution per agreed action. */
export async function startActionTrackers(
  k: LifecycleKernel,
  meetingId: string,
): Promise<{ started: number }> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  // An action closed already (a step run again after a restart) needs no tracker.
  const actions = (await k.deps.store.listActions(meetingId)).filter((a) => a.status === "open");
  for (const action of actions) await k.deps.workflow.startActionTracker(meetingId, action.number);
  if (meeting.phase === "track-actions") await k.setPhase(meeting, "review");
  return { started: actions.length };
}

/** Records an action done (by reply or page) and completes its tracker's wait. */
export async function markActionDone(
  k: LifecycleKernel,
  meetingId: string,
  number: number,
  note: string | undefined,
  actor: string,
  via: string,
  /** The meeting as the caller just read it (the reply desk); read here when absent. */
  known?: Meeting,
): Promise<{ recorded: true } | ClosedAnswer> {
  const meeting = known?.id === meetingId ? known : await k.deps.store.getMeeting(meetingId);
  let action: Action | undefined;
  try {
    action = await k.deps.store.getAction(meetingId, number);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  if (!action) return closedAnswer({ reason: "no-such-action", number });
  const state = questionState({ purpose: "action", ref: number }, { ...meetingFacts(meeting), action });
  if (!state.open) return closedAnswer(state.closed);
  const at = k.now();
  // Late when done after its due day (the authority's day), or after it slipped.
  const late = action.status === "slipped" || localDate(at, k.deps.settings.timezone) > action.dueDate;
  // The action and its audit event in one batched write.
  await k.deps.store.putRecords(meetingId, {
    actions: [
      {
        ...action,
        status: "done",
        doneNote: note,
        closedAt: at.toISOString(),
        ...(late ? { doneLate: true } : {}),
      },
    ],
    events: [k.auditEvent(meetingId, actor, "action-done", via, { number, ...(late ? { late: true } : {}) })],
  });
  await k.resolve(meetingId, "action", number, { outcome: "done" });
  return { recorded: true };
}

/** The tracker's last step: record how the action ended. */
export async function closeAction(
  k: LifecycleKernel,
  meetingId: string,
  number: number,
  outcome: "done" | "slipped" | "cancelled",
): Promise<{ status: string }> {
  const action = await k.deps.store.getAction(meetingId, number);
  // The action and its audit event in one batched write.
  await k.deps.store.putRecords(meetingId, {
    actions:
      action.status === "open"
        ? [{ ...action, status: outcome === "done" ? "done" : outcome, closedAt: k.now().toISOString() }]
        : [],
    events: [k.auditEvent(meetingId, "workflow", `action-${outcome}`, "workflow", { number })],
  });
  // Read after the action is written: of this and the lifecycle closing, one sees the other.
  const meeting = await k.deps.store.getMeeting(meetingId);
  if (meeting.phase === "closed" || meeting.phase === "cancelled") await k.endInFlightIfDone(meeting);
  return { status: outcome };
}
