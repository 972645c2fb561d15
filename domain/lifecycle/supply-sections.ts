/**
 * The chair supplies what blocks finalising, by reply:
 * 1. only while the version is blocked and the reply supplies a missing section;
 * 2. a new version with the sections, stored and recorded;
 * 3. the approval wait completes with new-version, so it goes back out for approval.
 */

import type { LifecycleKernel } from "./kernel.ts";
import type { Meeting } from "./model.ts";

/** The chair's reply supplies what the agreed minutes lack: a new version goes out for approval. */
export async function supplyMissingSections(
  k: LifecycleKernel,
  meeting: Meeting,
  version: number,
  text: string,
  via: string,
): Promise<{ recorded: true; message: string } | undefined> {
  const stored = await k.deps.store.getMinutesVersion(meeting.id, version);
  if (k.deps.minutes.finaliseBlockers(stored.minutes, meeting.typeId).length === 0) return undefined;
  const { minutes, supplied } = k.deps.minutes.supplySections(stored.minutes, meeting.typeId, text);
  if (supplied.length === 0) return undefined;
  const next = await k.newMinutesVersion({ ...meeting, minutesVersion: version }, minutes, {
    what: "minutes-sections-supplied",
    via,
    detail: { sections: supplied },
  });
  return {
    recorded: true,
    message: `sections supplied (${supplied.join(", ")}); version ${next} goes out for approval`,
  };
}
