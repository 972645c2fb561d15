/**
 * A wait on people or time (the workflow's waitForTaskToken steps):
 * 1. the rung: a re-armed wait keeps its level and deadline, a wait after an escalation goes a rung
 *    up, a wait whose escalation a crash cut short stays at its rung;
 * 2. its deadline and reminders from the pure planner (deadlines.ts), stored with the token and as
 *    timers the sweeper finds by due month;
 * 3. where the awaited thing already happened (cancelled, action closed, minutes agreed) the token
 *    is answered at once;
 * 4. audited.
 * DynamoDB: one batched read (the meeting, the wait, the action), one batched write (the wait, its
 * timers, the old timers' removal and the audit event), then what step 3 needs.
 */

import { NotFoundError } from "../ports/store.ts";
import { agreement } from "./agreement.ts";
import { planWait } from "./deadlines.ts";
import { type LifecycleKernel, waitTimers } from "./kernel.ts";
import type { Wait } from "./model.ts";
import { type WaitPurpose, workflowErrors } from "./phases.ts";

/** Lifecycle waits whose deadline leads to an escalation before the next wait (see the workflow). */
const escalatedOnDeadline = new Set<WaitPurpose>(["meeting-held", "transcript", "approval"]);

/**
 * A wait on people or time: store the token with its deadline and reminders (as timers the
 * sweeper finds by due day). A re-armed wait keeps its deadline; a wait after an escalation gets
 * the next rung's deadline. Where the awaited thing already happened, the token completes now.
 */
export async function registerWait(
  k: LifecycleKernel,
  input: {
    meetingId: string;
    purpose: WaitPurpose;
    ref?: number;
    level?: number;
    taskToken: string;
  },
): Promise<{ deadline: string }> {
  const { store } = k.deps;
  const ref = input.ref ?? 0;
  const {
    meeting,
    wait: existing,
    action,
  } = await store.getMeetingWith(input.meetingId, {
    wait: { purpose: input.purpose, ref },
    ...(input.purpose === "action" ? { action: ref } : {}),
  });
  if (input.purpose === "action" && !action)
    throw new NotFoundError(`no action ${ref} for meeting ${meeting.id}`);
  // A deadline passed and a crash cut its escalation short (the wait expired, never marked
  // escalated): the new token fails at once at the same rung, so the workflow escalates again
  // (its send records let through only what was not sent) before it waits a rung up.
  const escalationCut =
    input.level === undefined &&
    existing?.status === "expired" &&
    existing.escalated !== true &&
    escalatedOnDeadline.has(input.purpose);
  const level =
    input.level ??
    (existing && existing.status === "expired" && !escalationCut
      ? existing.level + 1
      : (existing?.level ?? 0));
  const now = k.now();
  let deadline: string;
  let reminders: string[];
  if (escalationCut && existing) {
    deadline = existing.deadline;
    reminders = [];
  } else if (existing && existing.status === "waiting" && existing.level === level) {
    deadline = existing.deadline;
    reminders = existing.reminders;
  } else {
    const plan = planWait(input.purpose, level, { meeting, now, action }, k.deps.settings);
    deadline = plan.deadline.toISOString();
    reminders = plan.reminders.map((r) => r.toISOString());
  }
  const wait: Wait = {
    purpose: input.purpose,
    ref,
    token: input.taskToken,
    status: "waiting",
    level,
    deadline,
    reminders,
    registeredAt: now.toISOString(),
  };
  // A first wait has no timers yet; a re-armed one replaces its own (they follow from the wait).
  // Audited as it is stored, in the same batched write.
  await store.putRecords(meeting.id, {
    waits: [wait],
    timers: waitTimers(meeting.id, wait).filter((t) => t.kind === "deadline" || new Date(t.dueAt) > now),
    removeTimers: existing ? waitTimers(meeting.id, existing) : [],
    events: [
      k.auditEvent(meeting.id, "workflow", `wait:${input.purpose}`, "workflow", { ref, level, deadline }),
    ],
  });
  if (meeting.phase === "cancelled") {
    await k.failWait(meeting.id, wait, workflowErrors.cancelled, "The meeting was cancelled");
  } else if (escalationCut) {
    await k.failWait(
      meeting.id,
      wait,
      workflowErrors.deadlinePassed,
      `${input.purpose} deadline ${deadline} passed; its escalation is sent again`,
    );
  } else if (action && action.status !== "open") {
    await k.completeWait(meeting.id, wait, { outcome: action.status });
  } else if (input.purpose === "approval") {
    const { outcome } = await agreement(k, meeting);
    if (outcome) await k.completeWait(meeting.id, wait, outcome);
  }
  return { deadline };
}
