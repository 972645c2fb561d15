import { longDate } from "../minutes/render.ts";
import { type MeetingStore, NotFoundError } from "../ports/store.ts";
import { feedForwardSection, feedingMeetings, isFed } from "./feed-forward.ts";
import type { Meeting } from "./model.ts";
import { localDate } from "./time.ts";

/** The agenda section of the child's earlier meetings that feed this one, with their agreed decisions. */
export async function fedForward(
  store: Pick<MeetingStore, "childMeetings" | "getMeeting" | "getMinutesVersion">,
  timezone: string,
  meeting: Meeting,
) {
  // Most types are fed by nothing: no read of the child's meetings for them.
  if (!isFed(meeting.typeId)) return undefined;
  const feeding = feedingMeetings(
    await store.childMeetings(meeting.authorityId, meeting.child.reference),
    meeting.typeId,
    meeting.start,
  );
  const fed: Array<{ heldOn: string; typeName: string; decisions: string[] }> = [];
  for (const f of feeding) {
    const earlier = await store.getMeeting(f.id).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    // Only a meeting whose record went out has agreed decisions to feed.
    if (
      !earlier ||
      earlier.minutesVersion === 0 ||
      !["track-actions", "review", "closed"].includes(earlier.phase)
    )
      continue;
    const stored = await store.getMinutesVersion(earlier.id, earlier.minutesVersion);
    fed.push({
      heldOn: longDate(localDate(new Date(earlier.start), timezone)),
      typeName: earlier.typeName,
      decisions: stored.minutes.decisions.map((d) => d.text),
    });
  }
  return feedForwardSection(fed);
}
