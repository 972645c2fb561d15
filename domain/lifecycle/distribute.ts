/**
 * Distribute:
 * 1. the final minutes, stating who agreed, who was deemed to and who disagreed (seed 001), rendered
 *    for professionals and for the family, sent once per version to
 *    everyone invited;
 * 2. the documents and the case note stored;
 * 3. late or not against the type's distribution deadline;
 * 4. the agreed actions and the statutory follow-ups (follow-ups.ts) stored as tracked actions;
 * 5. audited before the phase moves to track-actions (a restart does not distribute again).
 */

import { agreement } from "./agreement.ts";
import { followUpActions } from "./follow-ups.ts";
import type { LifecycleKernel } from "./kernel.ts";
import type { Action } from "./model.ts";
import { scheduleRetention } from "./retention.ts";
import { atLocalTime } from "./time.ts";

/** Distribute: final minutes to everyone invited (family copy to family members), case note filed. */
export async function distribute(
  k: LifecycleKernel,
  meetingId: string,
): Promise<{ late: boolean; sent: number; dueBy: string }> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  const stored = await k.deps.store.getMinutesVersion(meetingId, meeting.minutesVersion);
  // Who agreed, who was deemed to and who disagreed, stated in the final minutes (seed 001).
  const { decision } = await agreement(k, meeting);
  const people = [meeting.chair, ...meeting.invitees];
  const named = (index: number) => {
    const p = people.find((q) => q.index === index);
    return p ? `${p.name} (${p.role})` : `attendee ${index}`;
  };
  const record =
    decision && decision.status !== "open"
      ? {
          agreed: decision.record.agreed.map(named),
          deemed: decision.record.deemed.map(named),
          disagreed: decision.record.disagreed.map((d) => ({
            name: named(d.index),
            change: d.change,
            ...(d.reason ? { reason: d.reason } : {}),
          })),
        }
      : undefined;
  const options = { final: true, ...(record ? { agreement: record } : {}) };
  // Both copies at once: where documents render off the main thread, they render side by side.
  const [professional, family] = await Promise.all([
    k.deps.minutes.render(meeting, stored.minutes, "professional", options),
    k.deps.minutes.render(meeting, stored.minutes, "family", options),
  ]);
  const everyone = [meeting.chair, ...meeting.invitees];
  await k.sendAll(
    meeting,
    everyone.map((invitee) =>
      invitee.family
        ? k.deps.messages.finalMinutes(meeting, invitee, "family", family)
        : k.deps.messages.finalMinutes(meeting, invitee, "professional", professional),
    ),
    { once: `final-minutes-v${stored.version}` },
  );
  const sent = everyone.length;
  await k.deps.blobs.put(
    `documents/${meetingId}/minutes-v${stored.version}.docx`,
    professional.docx,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  );
  if (professional.pdf)
    await k.deps.blobs.put(
      `documents/${meetingId}/minutes-v${stored.version}.pdf`,
      professional.pdf,
      "application/pdf",
    );
  const note = k.deps.minutes.caseNote(meeting, stored.minutes, stored.version);
  await k.deps.blobs.put(
    `documents/${meetingId}/case-note.txt`,
    new TextEncoder().encode(note),
    "text/plain",
  );
  const now = k.now();
  const late = now > atLocalTime(meeting.minutesDueBy, "23:59", k.deps.settings.timezone);
  // Statutory follow-ups the meeting owes (seed 004: FNM or FGC referral within 5 working days).
  const followUps = followUpActions(meeting, stored.minutes);
  // Agreed actions become tracked actions (written below, with the statutory follow-ups).
  const tracked: Action[] = [];
  for (const a of k.deps.minutes.actions(stored.minutes)) {
    const invitee = [meeting.chair, ...meeting.invitees].find(
      (p) =>
        (a.responsible.email && p.email.toLowerCase() === a.responsible.email.toLowerCase()) ||
        (a.responsible.name && p.name === a.responsible.name),
    );
    tracked.push({
      number: a.number,
      action: a.action,
      timescale: a.timescale,
      dueDate: followUps.dueDates.get(a.number) ?? a.dueDate,
      responsible: {
        ...a.responsible,
        email: a.responsible.email ?? invitee?.email,
        inviteeIndex: invitee?.index,
      },
      notes: a.notes,
      status: "open",
      escalationLevel: 0,
      ...(a.dateToConfirm && !followUps.dueDates.has(a.number) ? { dateToConfirm: true } : {}),
    });
  }
  // Actions agreed without a date are not silently given one: the chair is asked to set each.
  const undated = k.deps.minutes
    .actions(stored.minutes)
    .filter((a) => a.dateToConfirm && !followUps.dueDates.has(a.number));
  if (undated.length)
    await k.send(
      meeting,
      k.deps.messages.actionDatesToConfirm(
        meeting,
        meeting.chair,
        undated.map((a) => ({ number: a.number, action: a.action, provisional: a.dueDate })),
      ),
      `action-dates-to-confirm:${stored.version}`,
    );
  const actions = [...k.deps.minutes.actions(stored.minutes), ...followUps.actions];
  // Data kept only as long as the authority's retention says, counted from now (retention.ts).
  await scheduleRetention(k, meeting, now);
  // The tracked actions and the audit event in one batched write, before the phase moves: a
  // restart after the move does not distribute again.
  await k.deps.store.putRecords(meetingId, {
    // By number, the later of two with one number kept (as two writes in turn would leave it).
    actions: [...new Map([...tracked, ...followUps.actions].map((a) => [a.number, a])).values()],
    events: [
      k.auditEvent(meetingId, "workflow", "minutes-distributed", "workflow", {
        version: stored.version,
        late,
        sent,
      }),
    ],
  });
  const updated = await k.deps.store.saveMeeting({
    ...meeting,
    actionCount: actions.length,
    phase: "track-actions",
    updatedAt: now.toISOString(),
  });
  await k.audit(updated.id, "workflow", "phase:track-actions", "workflow");
  return { late, sent, dueBy: meeting.minutesDueBy };
}
