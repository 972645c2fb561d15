/**
 * The sweeper:
 * 1. for each month from the last sweep to now, the timers due;
 * 2. a deadline fails its waiting token with DeadlinePassed (the workflow escalates); a reminder
 *    sends its email (action owner, approvers who have not answered, invitees who have not answered
 *    by the reply-by day, the chair to record attendance); a Child in Need visit's timer (no token)
 *    reminds the worker or tells the team manager it is overdue (domain/plan/visit-timers.ts);
 * 3. each timer claimed after it acted (conditional: it fires once);
 * 4. what retention says is due removed (retention.ts);
 * 5. the sweep mark written when its month changes.
 */

import { fireVisitTimer } from "../plan/visit-timers.ts";
import { NotFoundError } from "../ports/store.ts";
import { address, day, type LifecycleKernel } from "./kernel.ts";
import { type Action, type Invitee, type Meeting, sentApologies, type Timer, type Wait } from "./model.ts";
import { workflowErrors } from "./phases.ts";
import { sweepRetention } from "./retention.ts";
import { localDate, monthsBetween } from "./time.ts";
import { ownerReplyLink } from "./track-actions.ts";

/**
 * The sweeper: 1. for each day from the last sweep to now, the timers due; 2. claim each (a
 * conditional delete, so it fires once); 3. a reminder sends its email, a deadline fails the
 * waiting token with DeadlinePassed so the workflow takes its escalation branch.
 */
export async function sweep(
  k: LifecycleKernel,
  /** Where the last sweep stopped, when the caller is the only sweeper and remembers it (the embedded runtime). */
  known: { sweptUntil?: string } = {},
): Promise<{ reminders: number; deadlines: number; sweptUntil: string }> {
  const { store } = k.deps;
  const now = k.now();
  const last = known.sweptUntil ?? (await store.getSweptUntil());
  const since = last ?? new Date(now.getTime() - 7 * day).toISOString();
  let reminders = 0;
  let deadlines = 0;
  for (const month of monthsBetween(since, now.toISOString())) {
    for (const timer of await store.dueTimers(month, now.toISOString())) {
      if (timer.purpose === "visit") {
        // A visit's timer has no wait: it acts on the plan (left for a sweeper that has the plans).
        if (!k.deps.plans) continue;
        const fired = await fireVisitTimer(k, timer);
        if (fired === "reminded") reminders++;
        if (fired === "escalated") deadlines++;
        await store.claimTimer(timer);
        continue;
      }
      // The timer is removed after it has acted, not before: a crash in between leaves it to the
      // next sweep, and what it does is once-only by itself (the wait closes conditionally; a
      // reminder's send records let through only the copies not yet sent).
      // The wait, its meeting and its action (what a reminder's email needs) in one batched read.
      const { meeting, wait, action } = await store
        .getMeetingWith(timer.meetingId, {
          wait: { purpose: timer.purpose, ref: timer.ref },
          ...(timer.purpose === "action" && timer.kind === "reminder" ? { action: timer.ref } : {}),
        })
        .catch((error: unknown) => {
          // A meeting removed (retention) took its timers with it; one left over has nothing to do.
          if (error instanceof NotFoundError)
            return { meeting: undefined, wait: undefined, action: undefined };
          throw error;
        });
      if (meeting && wait?.status === "waiting" && wait.level === timer.level) {
        if (timer.kind === "deadline") {
          if (
            await k.failWait(
              timer.meetingId,
              wait,
              workflowErrors.deadlinePassed,
              `${timer.purpose} deadline ${wait.deadline} passed`,
            )
          )
            deadlines++;
        } else {
          await remind(k, meeting, wait, timer, action);
          reminders++;
        }
      }
      await store.claimTimer(timer);
    }
  }
  // What retention says is due goes too (retention.ts), from the same mark.
  await sweepRetention(k, since);
  // Only the month of the mark chooses which buckets the next sweep queries (claims are
  // conditional, so a bucket read twice is harmless): write it when that month changes.
  if (!last || last.slice(0, 7) !== now.toISOString().slice(0, 7))
    await store.setSweptUntil(now.toISOString());
  return { reminders, deadlines, sweptUntil: now.toISOString() };
}

export async function remind(
  k: LifecycleKernel,
  meeting: Meeting,
  wait: Wait,
  timer: Timer,
  /** An action reminder's action, when the caller read it with the wait; read here when absent. */
  known?: Action,
): Promise<void> {
  const expires = new Date(new Date(wait.deadline).getTime() + 30 * day);
  // Each timer is one batch: a reminder resent after a crash reaches only those it had not.
  const once = `reminder:${timer.purpose}:${timer.ref}:${timer.id}:${timer.dueAt}`;
  switch (wait.purpose) {
    case "action": {
      const action = known?.number === wait.ref ? known : await k.deps.store.getAction(meeting.id, wait.ref);
      if (action.status !== "open" || !action.responsible.email) return;
      const when =
        localDate(k.now(), k.deps.settings.timezone) >= action.dueDate ? "due-today" : "before-due";
      const reply = ownerReplyLink(k, meeting.id, action, { expires });
      await k.send(
        meeting,
        k.deps.messages.actionReminder(
          meeting,
          action,
          { email: action.responsible.email, name: action.responsible.name },
          when,
          reply,
        ),
        once,
      );
      return;
    }
    case "approval": {
      const answered = new Set(
        (await k.deps.store.listApprovals(meeting.id, meeting.minutesVersion)).map((a) => a.index),
      );
      const missing = (await k.approvers(meeting)).filter((p) => !answered.has(p.index));
      await remindApprovers(
        k,
        meeting,
        missing,
        new Date(wait.deadline),
        expires,
        `${once}:v${meeting.minutesVersion}`,
      );
      return;
    }
    case "meeting-held": {
      // Before the meeting: chase those invited who have not answered, with their invitation link.
      if (new Date(timer.dueAt) < new Date(meeting.start)) {
        const answers = new Map((await k.deps.store.listAnswers(meeting.id)).map((a) => [a.index, a]));
        const silent = meeting.invitees.filter(
          (p) => (answers.get(p.index)?.attendance ?? "not-responded") === "not-responded",
        );
        const linkExpires = new Date(new Date(meeting.end).getTime() + day);
        const start = new Date(meeting.start);
        await remindEach(
          k,
          meeting,
          silent,
          { about: "invitation", ref: meeting.sequence },
          start,
          linkExpires,
          `${once}:s${meeting.sequence}`,
        );
        // A key agency that cannot attend and has not sent its written report is asked again (seed 001).
        const owing = meeting.invitees.filter((p) => {
          const a = answers.get(p.index);
          return p.keyAgency && a !== undefined && sentApologies(a.attendance) && a.reportReceived !== true;
        });
        await remindEach(
          k,
          meeting,
          owing,
          { about: "report", ref: 0 },
          start,
          linkExpires,
          `${once}:reports`,
        );
        await k.audit(meeting.id, "workflow", "invitation-chased", "workflow", {
          people: silent.length,
          reports: owing.length,
        });
        return;
      }
      await k.send(
        meeting,
        k.deps.messages.reminder(
          meeting,
          address(meeting.chair),
          "record-attendance",
          new Date(wait.deadline),
        ),
        once,
      );
      return;
    }
    default:
      return;
  }
}

/**
 * Reminds each person of a question they have not answered, each with a fresh reply link to that
 * question (`about` names both the reminder's words and the link's purpose; `ref` its version,
 * calendar sequence or report).
 */
async function remindEach(
  k: LifecycleKernel,
  meeting: Meeting,
  people: Invitee[],
  question: { about: "invitation" | "approval" | "report"; ref: number },
  dueBy: Date,
  linkExpires: Date,
  /** The batch: which reminder this is (a timer, an escalation rung), so each goes out once. */
  once: string,
) {
  await k.sendAll(
    meeting,
    people.map((p) =>
      k.deps.messages.reminder(
        meeting,
        address(p),
        question.about,
        dueBy,
        k.deps.replies.link(meeting.id, p.index, question.about, question.ref, linkExpires),
      ),
    ),
    { once },
  );
}

/** Reminds each attendee who has not answered the current minutes version, with a fresh reply link. */
export async function remindApprovers(
  k: LifecycleKernel,
  meeting: Meeting,
  missing: Invitee[],
  dueBy: Date,
  linkExpires: Date,
  once: string,
) {
  await remindEach(
    k,
    meeting,
    missing,
    { about: "approval", ref: meeting.minutesVersion },
    dueBy,
    linkExpires,
    once,
  );
}
