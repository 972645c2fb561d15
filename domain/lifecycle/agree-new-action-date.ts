/**
 * A team manager agrees a new date for an action (the team page): the action is due then, and
 * the escalation ladder starts again from it (seed 001: actions are tracked and escalated up each
 * professional's line; a slipped action is raised at the review unless a new date is agreed).
 *
 * 1. The action exists and is open or slipped (a done or cancelled action has no date to move),
 *    and its meeting is not cancelled.
 * 2. The new date is a calendar date after today (the authority's day), at most two years ahead
 *    and not the date it already has; a reason is given.
 * 3. The action is saved open, at the first rung, with the new date and the change kept in its
 *    history; audited.
 * 4. Its tracker: one still waiting is told (ActionRedated) and goes back to the first rung with
 *    the new date's reminders; a slipped action's tracker had ended, so a new run starts.
 * 5. The owner is told the new date (with the reply address to say it is done), and so is the
 *    chair when the chair is someone else.
 */
import { isoDateSchema } from "../clock/index.ts";
import { NotFoundError } from "../ports/store.ts";
// No further ahead than a meeting may be planned: two years.
import { maxStartAheadMs } from "./create-meeting.ts";
import { type LifecycleKernel, LifecycleStateError } from "./kernel.ts";
import type { Action } from "./model.ts";
import { workflowErrors } from "./phases.ts";
import { localDate } from "./time.ts";
import { ownerReplyLink } from "./track-actions.ts";

/** Raised for a new date or reason that cannot be used: every problem, each naming its field. */
export class ActionDateError extends Error {
  override name = "ActionDateError";
  constructor(readonly problems: { field: "dueDate" | "reason"; message: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join("; "));
  }
}

export interface NewActionDate {
  meetingId: string;
  number: number;
  /** YYYY-MM-DD. */
  dueDate: string;
  reason: string;
  /** Who agreed it (the team manager's email address). */
  actor: string;
  via: string;
}

export async function agreeNewActionDate(
  k: LifecycleKernel,
  input: NewActionDate,
): Promise<{ action: Action; restarted: "tracker-reset" | "tracker-started" | "none" }> {
  // 1.
  const meeting = await k.deps.store.getMeeting(input.meetingId);
  if (meeting.phase === "cancelled") throw new LifecycleStateError("the meeting was cancelled");
  let action: Action;
  try {
    action = await k.deps.store.getAction(meeting.id, input.number);
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(`the meeting has no action ${input.number}`);
    throw error;
  }
  if (action.status !== "open" && action.status !== "slipped")
    throw new LifecycleStateError(`action ${action.number} is ${action.status}: it has no date to move`);
  // 2.
  const dueDate = input.dueDate.trim();
  const now = k.now();
  const today = localDate(now, k.deps.settings.timezone);
  const reason = input.reason.trim();
  const problems: ActionDateError["problems"] = [];
  const dateProblem = !dueDate.replace(/[-0]/g, "")
    ? "Enter the new date"
    : !isoDateSchema.safeParse(dueDate).success
      ? "Enter a real date, for example 27 3 2027"
      : dueDate <= today
        ? "The new date must be after today"
        : new Date(`${dueDate}T12:00:00Z`).getTime() - now.getTime() > maxStartAheadMs
          ? "The new date must be within two years"
          : dueDate === action.dueDate
            ? `Action ${action.number} is already due on that date`
            : undefined;
  if (dateProblem) problems.push({ field: "dueDate", message: dateProblem });
  if (!reason)
    problems.push({
      field: "reason",
      message: "Say why the new date is agreed: the owner and the chair are told",
    });
  if (problems.length) throw new ActionDateError(problems);
  // 3.
  const wasSlipped = action.status === "slipped";
  // A request for more time is answered by the new date.
  const { closedAt: _closed, moreTimeAsked: _asked, dateToConfirm: _provisional, ...rest } = action;
  const updated: Action = {
    ...rest,
    dueDate,
    status: "open",
    escalationLevel: 0,
    dateChanges: [
      ...(action.dateChanges ?? []),
      {
        from: action.dueDate,
        to: dueDate,
        by: input.actor,
        reason: reason.slice(0, 2000),
        at: now.toISOString(),
      },
    ],
  };
  await k.deps.store.putAction(meeting.id, updated);
  await k.audit(meeting.id, input.actor, "action-redated", input.via, {
    number: action.number,
    from: action.dueDate,
    to: dueDate,
  });
  // 4.
  let restarted: "tracker-reset" | "tracker-started" | "none" = "none";
  if (wasSlipped) {
    await k.deps.store.resumeInFlight(meeting.id);
    await k.deps.workflow.startActionTracker(meeting.id, action.number, 0, updated.dateChanges?.length ?? 1);
    restarted = "tracker-started";
  } else if (
    await k.failWaitFor(
      meeting.id,
      "action",
      action.number,
      workflowErrors.actionRedated,
      `new date ${dueDate} agreed by the team manager`,
    )
  ) {
    restarted = "tracker-reset";
  }
  // 5.
  const change = { from: action.dueDate, to: dueDate, reason, by: input.actor };
  const owner = updated.responsible.email;
  if (owner) {
    const reply = ownerReplyLink(k, meeting.id, updated);
    await k.send(
      meeting,
      k.deps.messages.actionRedated(
        meeting,
        updated,
        { email: owner, name: updated.responsible.name },
        change,
        reply,
      ),
      `action-redated:${action.number}:${dueDate}:owner`,
    );
  }
  if (meeting.chair.email.toLowerCase() !== owner?.toLowerCase()) {
    await k.send(
      meeting,
      k.deps.messages.actionRedated(meeting, updated, meeting.chair, change),
      `action-redated:${action.number}:${dueDate}:chair`,
    );
  }
  return { action: updated, restarted };
}
