/**
 * What Convene holds about an authority's caseload, read once for the report and the returns
 * (issue 13): every meeting with its audit log and actions, the team and worker it belongs to, and
 * the children's visits. A plain snapshot: the report (report.ts) and the extracts
 * (extracts/*.ts) are pure functions of it, and the loader (adapters/oversight/load-caseload.ts)
 * is the only code that reads the stores for them.
 */
import type { Action, AuditEvent, Meeting } from "../lifecycle/model.ts";

/** One meeting as the report reads it. */
export interface MeetingRecord {
  meeting: Meeting;
  /** The meeting's audit events, in time order. */
  audit: AuditEvent[];
  actions: Action[];
  /** The chair's team in the directory, or "Not in the directory". */
  team: string;
  /** Who ran the meeting (the chair): the "worker" the report groups by. */
  worker: { name: string; email: string };
}

/** A statutory visit to a child (seed 004: Child in Need visits), as recorded. */
export interface VisitRecord {
  childReference: string;
  /** YYYY-MM-DD: the day the visit was due by the visiting pattern. */
  dueBy: string;
  /** YYYY-MM-DD when it took place; undefined while it has not. */
  visitedOn?: string;
  seen?: boolean;
  seenAlone?: boolean;
  worker: { name: string; email: string };
  team: string;
}

export interface Caseload {
  authorityId: string;
  /** The authority's time zone: a calendar day is judged in it (audit instants are UTC). */
  timeZone: string;
  meetings: MeetingRecord[];
  visits: VisitRecord[];
}
