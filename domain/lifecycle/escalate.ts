/**
 * Escalate up the ladder (seed 001: the professional's own line manager first, then further):
 * 1. the batch the escalation is (once per rung or per wait deadline);
 * 2. who it goes to and what it says, by reason: an overdue action by the pure recipient policy
 *    (escalation-recipients.ts); approvals overdue chase those who have not answered, or say once
 *    that the minutes are blocked on content; a late distribution, an unrecorded meeting, a missing
 *    transcript or a failing step go to the chair and, where the rung says, the team manager;
 * 3. sent once, audited, and the expired wait marked escalated so the next wait is a rung up.
 */

import { longDate } from "../minutes/render.ts";
import type { Address } from "../ports/mailer.ts";
import type { EscalationDetails, EscalationReason, ReplyLink } from "../ports/messages.ts";
import { NotFoundError } from "../ports/store.ts";
import { actionEscalationRecipients } from "./escalation-recipients.ts";
import { address, day, type LifecycleKernel } from "./kernel.ts";
import type { Action } from "./model.ts";
import { noticeBlocked } from "./notice-blocked.ts";
import type { WaitPurpose } from "./phases.ts";
import { remindApprovers } from "./sweep.ts";
import { formatLocal } from "./time.ts";

/** The wait whose deadline an escalation follows, by reason. */
const escalationWait: Partial<Record<EscalationReason, WaitPurpose>> = {
  "meeting-not-recorded": "meeting-held",
  "transcript-missing": "transcript",
  "approvals-overdue": "approval",
};

/** Escalation up the ladder (seed 001: own line manager first, then further). */
export async function escalate(
  k: LifecycleKernel,
  input: {
    meetingId: string;
    reason: EscalationReason;
    level?: number;
    actionNumber?: number;
    failure?: unknown;
  },
): Promise<{ escalatedTo: string[]; level: number }> {
  // Each escalation is one batch, so a step run again after a crash does not send it twice: an
  // action's by its rung; one after a wait's deadline by the wait's level (each deadline passes once).
  const purpose = escalationWait[input.reason];
  // The meeting, the wait and the action in one batched read.
  const read = await k.deps.store.getMeetingWith(input.meetingId, {
    ...(purpose ? { wait: { purpose, ref: 0 } } : {}),
    ...(input.reason === "action-overdue" ? { action: input.actionNumber ?? 0 } : {}),
  });
  const { meeting, wait } = read;
  const chair = address(meeting.chair);
  const level = input.level ?? 1;
  let to: Address[] = [chair];
  let cc: Address[] = [];
  const lines: string[] = [];
  let action: Action | undefined;
  let ownerAbout: EscalationDetails["about"];
  const waitLevel = wait?.level ?? 0;
  let once: string;
  let reply: ReplyLink | undefined;
  switch (input.reason) {
    case "action-overdue": {
      action = read.action;
      if (!action) throw new NotFoundError(`no action ${input.actionNumber ?? 0} for meeting ${meeting.id}`);
      const owner = [meeting.chair, ...meeting.invitees].find(
        (p) => p.index === action?.responsible.inviteeIndex,
      );
      // Who it goes to is the pure policy (escalation-recipients.ts): the owner named, one copy each.
      const ownerEmail = action.responsible.email ?? owner?.email;
      const recipients = actionEscalationRecipients({
        level,
        chair,
        teamManager: address(meeting.teamManager),
        serviceManager: meeting.serviceManager
          ? address(meeting.serviceManager)
          : k.deps.settings.contacts.serviceManager
            ? address(k.deps.settings.contacts.serviceManager)
            : undefined,
        owner: ownerEmail
          ? {
              email: ownerEmail,
              name: action.responsible.name ?? owner?.name,
              lineManager: owner?.lineManager ? address(owner.lineManager) : undefined,
              isChair: ownerEmail.toLowerCase() === meeting.chair.email.toLowerCase(),
            }
          : undefined,
      });
      to = recipients.to.map((p) => ({ email: p.email, ...(p.name ? { name: p.name } : {}) }));
      cc = recipients.cc.map((p) => ({ email: p.email, ...(p.name ? { name: p.name } : {}) }));
      ownerAbout = {
        name: action.responsible.name ?? owner?.name ?? ownerEmail ?? "the responsible professional",
        role: action.responsible.role ?? owner?.role ?? "responsible professional",
        ...(owner?.agency || action.responsible.department
          ? { agency: owner?.agency || action.responsible.department }
          : {}),
      };
      if (recipients.notes.includes("no-line-manager"))
        lines.push(
          "No line manager is recorded for the responsible professional, so this comes to the chair.",
        );
      if (recipients.notes.includes("no-service-manager"))
        lines.push(
          "No service manager is recorded over the team manager, so this comes to the chair and the team manager again.",
        );
      if (recipients.notes.includes("chairs-own-action"))
        lines.push("The action is the chair's own, so this comes to the team manager.");
      lines.push(
        `Action ${action.number}: ${action.action}`,
        `It was due on ${longDate(action.dueDate)} and is not recorded as done.`,
      );
      once = `escalation:action-overdue:a${action.number}:l${level}`;
      break;
    }
    case "approvals-overdue": {
      once = `escalation:approvals-overdue:v${meeting.minutesVersion}:w${waitLevel}`;
      const approvals = await k.deps.store.listApprovals(meeting.id, meeting.minutesVersion);
      const answered = new Set(approvals.map((a) => a.index));
      const missing = (await k.approvers(meeting)).filter((p) => !answered.has(p.index));
      if (missing.length === 0) {
        // Nobody left to chase: the minutes are blocked on content, said once (minutes-blocked.ts).
        const stored = await k.deps.store.getMinutesVersion(meeting.id, meeting.minutesVersion);
        const blockers = k.deps.minutes.finaliseBlockers(stored.minutes, meeting.typeId);
        const sent = await noticeBlocked(k, meeting, meeting.minutesVersion, 0, blockers);
        if (wait?.status === "expired") await k.deps.store.putWait(meeting.id, { ...wait, escalated: true });
        return { escalatedTo: sent.map((a) => a.email), level };
      }
      // The chair has this escalation in hand: the reminders go to the others who have not answered.
      const others = missing.filter((p) => p.index !== meeting.chair.index);
      if (meeting.minutesAgreedBy === "chair") {
        // The chair alone finalises this type's record: nobody to deem; the team manager is told.
        lines.push(
          `${meeting.chair.name} (chair) has not yet finalised version ${meeting.minutesVersion} of the ${meeting.recordName === "Minutes" ? "minutes" : meeting.recordName}, due out by ${longDate(meeting.minutesDueBy)}.`,
        );
        to = [chair, address(meeting.teamManager)];
      } else {
        const deemable =
          k.deps.settings.minutes.nonResponder.rule === "deemed-agreed-with-chair-confirmation";
        // The chair reads this email: where only the chair is asked, the chair is "you", not a name.
        const names = (deemable ? others : missing).map((p) => `${p.name} (${p.role})`).join(", ");
        const chairToo = deemable && others.length < missing.length;
        const who = chairToo ? (names ? `${names} and you` : "you") : names;
        lines.push(`Minutes version ${meeting.minutesVersion}: no answer yet from ${who}.`);
        if (deemable) {
          lines.push(
            "Reply APPROVE to confirm the minutes as agreed by those who have not answered, or chase them.",
          );
          // The chair's own approval link, so the reply is the chair's answer (not refused as no-token).
          reply = k.approvalLink(meeting.id, meeting.chair.index, meeting.minutesVersion);
        } else {
          to = [chair, meeting.teamManager];
        }
      }
      await remindApprovers(
        k,
        meeting,
        others,
        new Date(k.now().getTime() + k.deps.settings.minutes.nonResponder.afterWorkingDays * day),
        new Date(k.now().getTime() + 60 * day),
        `${once}:reminder`,
      );
      break;
    }
    case "distribution-late":
      once = `escalation:distribution-late:v${meeting.minutesVersion}`;
      to = [chair, meeting.teamManager];
      lines.push(`The minutes were due out by ${meeting.minutesDueBy} and went out late.`);
      break;
    case "meeting-not-recorded":
      once = `escalation:meeting-not-recorded:s${meeting.sequence}:w${waitLevel}`;
      to = level > 1 ? [chair, meeting.teamManager] : [chair];
      lines.push(
        `The meeting was due on ${formatLocal(new Date(meeting.start), k.deps.settings.timezone)}; attendance has not been recorded.`,
      );
      break;
    case "transcript-missing":
      once = `escalation:transcript-missing:w${waitLevel}`;
      lines.push(
        "No transcript has arrived; the minutes will be drafted from the template for you to complete.",
      );
      break;
    case "handler-failure":
      // Each failure is its own alert: recorded before it is sent, never deduplicated.
      once = `escalation:handler-failure:${k.now().toISOString()}`;
      // The child's team manager (the directory's, over the chair), as for every other reason.
      to = [chair, address(meeting.teamManager)];
      lines.push(
        "An automatic step kept failing after retries. The meeting is paused at its phase and will resume when fixed.",
      );
      break;
  }
  await k.send(
    meeting,
    k.deps.messages.escalation(meeting, to, cc, {
      reason: input.reason,
      level,
      lines,
      action,
      ...(ownerAbout ? { about: ownerAbout } : {}),
      ...(reply ? { reply } : {}),
    }),
    once,
  );
  // Audited, and done: an overdue action at its new rung, and the next wait is a rung up
  // (registerWait escalates again if a crash came before this), in one batched write.
  await k.deps.store.putRecords(meeting.id, {
    actions: input.reason === "action-overdue" && action ? [{ ...action, escalationLevel: level }] : [],
    events: [
      k.auditEvent(meeting.id, "workflow", `escalation:${input.reason}`, "workflow", {
        level,
        to: to.map((a) => a.email),
        actionNumber: input.actionNumber,
      }),
    ],
    waits: wait?.status === "expired" ? [{ ...wait, escalated: true }] : [],
  });
  return { escalatedTo: to.map((a) => a.email), level };
}
