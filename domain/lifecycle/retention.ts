/**
 * Retention as behaviour (issue 14): data kept only as long as the authority's retention says.
 * 1. When the minutes are final (distribute), two removals are scheduled: the meeting's
 *    transcripts and recordings after the authority's transcript period (default 365 days; the
 *    minutes are the record, the transcript only their source), and the whole record after
 *    `retentionYears` (the minutes and documents are also filed on the child's record).
 * 2. The sweeper (cloud and embedded runtime alike) carries out what is due: the blobs under the
 *    meeting's prefixes deleted, or every item of the meeting, its documents and its listings;
 *    each removal audited while the meeting still exists, then claimed so it happens once; and
 *    the items that only guarded against repeats (inbound message keys, API idempotency keys) once
 *    past their keeping time (DynamoDB TTL removes them in the cloud too; dynalite has none).
 */

import { NotFoundError, type RetentionItem } from "../ports/store.ts";
import type { LifecycleKernel } from "./kernel.ts";
import type { Meeting } from "./model.ts";
import type { LifecycleSettings } from "./settings.ts";
import { monthsBetween } from "./time.ts";

/** Transcripts and recordings are kept this long after the minutes are final, unless the authority says. */
export const defaultTranscriptDays = 365;
const day = 86_400_000;

/** When each removal is due, from the moment the minutes went out final. Pure. */
export function retentionDue(finalAt: Date, s: Pick<LifecycleSettings, "retentionYears" | "deployment">) {
  const days = Math.min(
    s.deployment?.retentionDays?.transcripts ?? defaultTranscriptDays,
    s.deployment?.retentionDays?.recordings ?? Number.POSITIVE_INFINITY,
  );
  const transcripts = new Date(finalAt.getTime() + days * day);
  const record =
    s.retentionYears === undefined
      ? undefined
      : new Date(finalAt.getTime() + Math.ceil(s.retentionYears * 365.25) * day);
  return { transcripts, record };
}

/** Step 1, from distribute. */
export async function scheduleRetention(k: LifecycleKernel, meeting: Meeting, finalAt: Date): Promise<void> {
  const due = retentionDue(finalAt, k.deps.settings);
  await k.deps.store.putRetention({
    meetingId: meeting.id,
    what: "transcripts",
    dueAt: due.transcripts.toISOString(),
  });
  if (due.record)
    await k.deps.store.putRetention({
      meetingId: meeting.id,
      what: "record",
      dueAt: due.record.toISOString(),
    });
}

/** Step 2, from the sweeper: what is due between `since` and now. */
export async function sweepRetention(k: LifecycleKernel, since: string): Promise<{ removed: number }> {
  const now = k.now().toISOString();
  let removed = 0;
  for (const month of monthsBetween(since, now)) {
    for (const item of await k.deps.store.dueRetention(month, now)) {
      const acted = await removeDue(k, item);
      // A removed record took its retention items with it: the claim then finds nothing, as it should.
      const claimed = await k.deps.store.claimRetention(item);
      if (acted && (claimed || item.what === "record")) removed++;
    }
    // What only guarded against repeats and has outlived its keeping time.
    removed += await k.deps.store.removeExpired(month, now);
  }
  return { removed };
}

/** Removes what `item` says; false when the meeting is gone already (nothing to do). */
async function removeDue(k: LifecycleKernel, item: RetentionItem): Promise<boolean> {
  let meeting: Meeting;
  try {
    meeting = await k.deps.store.getMeeting(item.meetingId);
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
  const transcripts =
    (await k.deps.blobs.deletePrefix(`transcripts/${meeting.id}/`)) +
    // The recording is one object named by the meeting (adapters/aws/transcribe-transcription.ts).
    (await k.deps.blobs.deletePrefix(`recordings/${meeting.id}`));
  if (item.what === "transcripts") {
    await k.audit(meeting.id, "retention", "retention:transcripts-deleted", "sweeper", {
      blobs: transcripts,
    });
    return true;
  }
  await k.deps.blobs.deletePrefix(`documents/${meeting.id}/`);
  // The record, its audit trail and its listings go together: nothing of the meeting is kept.
  await k.deps.store.deleteMeetingRecords(meeting);
  return true;
}
