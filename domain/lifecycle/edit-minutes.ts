/**
 * The chair edits the draft minutes on the workspace's minutes page:
 * 1. only while the minutes are being agreed, and only on the version the page showed (a page
 *    opened before a newer version is refused, naming the current one, so no edit is lost);
 * 2. the edits are applied section by section (domain/minutes/edit-sections.ts); none changed
 *    answers so and stores nothing;
 * 3. the edited minutes are a new version, audited with the sections changed, which goes back out
 *    for approval (the approval wait completes with new-version). Supplying the child's views or a
 *    contingency plan here is how a draft blocked on them is finalised.
 */
import { applyMinutesEdits, type MinutesEdit } from "../minutes/edit-sections.ts";
import { ConflictError } from "../ports/store.ts";
import { type LifecycleKernel, LifecycleStateError } from "./kernel.ts";

export async function editMinutes(
  k: LifecycleKernel,
  meetingId: string,
  version: number,
  edit: MinutesEdit,
  actor: string,
  via: string,
): Promise<{ version: number; changed: string[] }> {
  // 1. The version the page showed, while the minutes are agreed.
  const meeting = await k.deps.store.getMeeting(meetingId);
  if (meeting.phase !== "agree-minutes")
    throw new LifecycleStateError(
      `meeting is at ${meeting.phase}: the minutes are edited only while they are agreed`,
    );
  if (version !== meeting.minutesVersion)
    throw new ConflictError(
      `you edited version ${version}, but version ${meeting.minutesVersion} is current: open the minutes again and redo your edit`,
    );
  // 2. Apply the edits.
  const stored = await k.deps.store.getMinutesVersion(meetingId, version);
  const { minutes, changed } = applyMinutesEdits(stored.minutes, edit);
  if (changed.length === 0) return { version, changed };
  // 3. A new version, back out for approval.
  const next = await k.newMinutesVersion(meeting, minutes, {
    what: "minutes-edited",
    via,
    detail: { sections: changed, by: actor },
  });
  return { version: next, changed };
}
