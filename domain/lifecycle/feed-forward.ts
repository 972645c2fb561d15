/**
 * What a meeting carries forward into the next one of another type (seed 002: a Specific Issue
 * Care Planning Meeting's "recommendations and discussion" are fed back into the next standard
 * Care Planning Meeting). Pure: which earlier meetings feed a new one, and the agenda section
 * their agreed decisions make.
 */
import type { MeetingAgenda } from "../catalog/agenda-outline.ts";
import type { ChildMeeting } from "../ports/store.ts";

/** The type whose next meeting an earlier type feeds, by type (seed 002). */
export const feedsInto: Readonly<Record<string, string>> = { "specific-issue-cpm": "cpm" };

/** Whether any earlier type feeds a meeting of `typeId` (so the child's meetings need reading at all). */
export function isFed(typeId: string): boolean {
  return Object.values(feedsInto).includes(typeId);
}

export const feedForwardHeading = "Recommendations from Specific Issue Care Planning Meetings";

/**
 * The child's earlier meetings that feed a new meeting of `typeId` starting at `start`: those of a
 * feeding type held after the child's last meeting of this type before it (each is fed once).
 */
export function feedingMeetings(child: ChildMeeting[], typeId: string, start: string): ChildMeeting[] {
  const before = child.filter((m) => m.start < start).sort((a, b) => a.start.localeCompare(b.start));
  const last = before.filter((m) => m.typeId === typeId).at(-1);
  return before.filter((m) => feedsInto[m.typeId] === typeId && (!last || m.start > last.start));
}

/** The agenda section the feeding meetings' agreed decisions make, or none. */
export function feedForwardSection(
  fed: Array<{ heldOn: string; typeName: string; decisions: string[] }>,
): MeetingAgenda["sections"][number] | undefined {
  const items = fed.flatMap((f) =>
    f.decisions.length > 0
      ? f.decisions.map((d) => ({ text: `${f.typeName}, ${f.heldOn}: ${d}` }))
      : [{ text: `${f.typeName}, ${f.heldOn}: no decisions were recorded.` }],
  );
  if (items.length === 0) return undefined;
  return {
    heading: feedForwardHeading,
    guidance: "Their recommendations and discussion, fed back into this meeting (seed 002).",
    items,
  };
}
