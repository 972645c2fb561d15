/**
 * The child's Child Looked After (CLA) Reviews as Convene holds them. Convene does not run CLA
 * Reviews (they have their own formal structure, seed 001); it holds their dates because a Care
 * Planning Meeting is planned against them (seed 002): the social worker lists the child's
 * Reviews "from the 1st, including the next one scheduled" (domain/planning/plan-request.ts), and
 * the meeting keeps them as its CPM windows (series.cpmWindows).
 *
 * A listed date counts as a Review that took place only when it was already past on the day the
 * list was given: the next one scheduled may since have moved, and Convene does not know. A review
 * meeting convened from its series carries its parent's list unchanged, so the list's day is the
 * day the parent's was given.
 */
import type { IsoDate } from "../../clock/dates.ts";
import { localDate } from "../../lifecycle/time.ts";
import type { Caseload, MeetingRecord } from "../caseload.ts";
import { heldMeetings } from "./common.ts";

/** The dates a CPM's list names: the first window's earlier Review and every window's later one. */
function listedDates(record: MeetingRecord): IsoDate[] {
  const windows = record.meeting.series?.cpmWindows ?? [];
  const first = windows[0];
  return first ? [first.from, ...windows.map((w) => w.to)] : [];
}

/** The CLA Review dates, per child reference, that had taken place when they were recorded. */
export function pastClaReviews(caseload: Caseload): Map<string, Set<IsoDate>> {
  const parentOf = new Map<string, MeetingRecord>();
  for (const r of caseload.meetings) {
    if (r.meeting.reviewMeetingId) parentOf.set(r.meeting.reviewMeetingId, r);
  }
  const same = (a: MeetingRecord, b: MeetingRecord) =>
    JSON.stringify(a.meeting.series?.cpmWindows ?? []) === JSON.stringify(b.meeting.series?.cpmWindows ?? []);
  // The day the list was given: the first meeting in the chain that carries it unchanged.
  const recordedOn = (record: MeetingRecord): IsoDate => {
    let at = record;
    const seen = new Set<string>();
    for (;;) {
      seen.add(at.meeting.id);
      const parent = parentOf.get(at.meeting.id);
      if (!parent || seen.has(parent.meeting.id) || !same(parent, at)) break;
      at = parent;
    }
    return localDate(new Date(at.meeting.createdAt), caseload.timeZone);
  };
  const reviews = new Map<string, Set<IsoDate>>();
  for (const held of heldMeetings(caseload)) {
    const dates = listedDates(held.record);
    if (dates.length === 0) continue;
    const given = recordedOn(held.record);
    const child = reviews.get(held.childReference) ?? new Set<IsoDate>();
    for (const date of dates) if (date < given) child.add(date);
    reviews.set(held.childReference, child);
  }
  return reviews;
}
