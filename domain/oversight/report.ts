/**
 * The compliance report (issue 13): for a period, per meeting type, team, worker and agency, how
 * many meetings were held within their statutory timescale, how many records (minutes, or the
 * plan that is the record) went out on time, how many were agreed by every attendee, how the
 * agreed actions ended, and whether the children's visits were on time. Every figure keeps the
 * meetings (or children) behind it, so a page or a CSV can link to them. Pure: the caseload and
 * the day it is judged on come in.
 *
 * What counts, and why:
 * - A meeting is in the period when the day it is (or was) held falls in it, in the authority's
 *   time zone; cancelled meetings are counted as cancelled and nothing else.
 * - Held within the statutory timescale: the chair recorded it as held (`meeting-held`) and the
 *   day it was held is on or before the due date the statutory clock gave at convening
 *   (`meeting.dueBy`). A meeting whose type sets no timescale is held "with no statutory date".
 *   Not held and past its due date on the day the report is judged: overdue.
 * - Record out on time: `minutes-distributed` says whether it was late against `minutesDueBy`
 *   (the type's working days, seed 000's 5 for professionals meetings); not out and past due:
 *   overdue.
 * - Agreed by all: for types whose record every attendee agrees (seed 000), distributed with no
 *   attendee deemed to agree (`approval:deemed`); the chair-finalised types are not counted.
 * - Actions (of the meetings in the period): done on time, done late (after the due day, or after
 *   slipping), open past their date (overdue), escalated (any rung above the reminders), slipped
 *   (reached the top of the ladder undone), still open and not yet due. Cancelled actions are left
 *   out. An action's agency is its owner's (the invitee's agency, else the department named);
 *   its team and worker are the meeting's.
 * - Visits (seed 004: Child in Need visits) due in the period: on time, late, or not made and
 *   past due.
 */
import { isoDateSchema } from "../clock/index.ts";
import { localDate } from "../lifecycle/time.ts";
import type { Caseload, MeetingRecord, VisitRecord } from "./caseload.ts";

export const dimensions = ["all", "type", "team", "worker", "agency"] as const;
export type Dimension = (typeof dimensions)[number];

export const dimensionLabels: Record<Dimension, string> = {
  all: "All meetings",
  type: "Meeting type",
  team: "Team",
  worker: "Worker (chair)",
  agency: "Agency",
};

/** Each figure the report counts, in the order it is shown, with what it means. */
export const measures = {
  meetings: { group: "Meetings", label: "Meetings in the period", of: "meeting" },
  "held-on-time": { group: "Meetings", label: "Held within the statutory timescale", of: "meeting" },
  "held-late": { group: "Meetings", label: "Held after the statutory date", of: "meeting" },
  "held-no-timescale": { group: "Meetings", label: "Held, no statutory date", of: "meeting" },
  "not-held-overdue": { group: "Meetings", label: "Not held, past the statutory date", of: "meeting" },
  cancelled: { group: "Meetings", label: "Cancelled", of: "meeting" },
  "record-on-time": { group: "Records", label: "Minutes or plan out on time", of: "meeting" },
  "record-late": { group: "Records", label: "Minutes or plan out late", of: "meeting" },
  "record-overdue": { group: "Records", label: "Minutes or plan not out, past due", of: "meeting" },
  "agreed-by-all": { group: "Records", label: "Agreed by every attendee", of: "meeting" },
  "deemed-agreed": { group: "Records", label: "Agreed with a non-responder deemed", of: "meeting" },
  actions: { group: "Actions", label: "Actions agreed", of: "action" },
  "actions-done-on-time": { group: "Actions", label: "Done on time", of: "action" },
  "actions-done-late": { group: "Actions", label: "Done late", of: "action" },
  "actions-overdue": { group: "Actions", label: "Open, past their date", of: "action" },
  "actions-open": { group: "Actions", label: "Open, not yet due", of: "action" },
  "actions-escalated": { group: "Actions", label: "Escalated", of: "action" },
  "actions-slipped": { group: "Actions", label: "Slipped", of: "action" },
  visits: { group: "Visits", label: "Visits due", of: "visit" },
  "visits-on-time": { group: "Visits", label: "Visited on time", of: "visit" },
  "visits-late": { group: "Visits", label: "Visited late", of: "visit" },
  "visits-overdue": { group: "Visits", label: "Not visited, past due", of: "visit" },
} as const;
export type Measure = keyof typeof measures;
export const measureIds = Object.keys(measures) as Measure[];

/** One figure: how many, and the meetings (or, for visits, the children) behind it. */
export interface Figure {
  count: number;
  /** Meeting ids, each once, in the order first counted. */
  meetings: string[];
  /** Children's case references (visits), each once. */
  children: string[];
}

export interface ReportRow {
  dimension: Dimension;
  /** The group's key (a type id, team name, worker's email, agency), "all" for the total. */
  key: string;
  label: string;
  figures: Record<Measure, Figure>;
}

export interface ComplianceReport {
  authorityId: string;
  from: string;
  to: string;
  /** The day overdue is judged on. */
  asAt: string;
  /** The total first, then each dimension's groups in label order. */
  rows: ReportRow[];
}

export interface ReportPeriod {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
  /** The authority's calendar day the report is judged on (overdue is "past due on this day"). */
  asAt: string;
}

export class ReportPeriodError extends Error {
  override name = "ReportPeriodError";
}

const emptyFigures = (): Record<Measure, Figure> =>
  Object.fromEntries(
    measureIds.map((m) => [m, { count: 0, meetings: [], children: [] }]),
  ) as unknown as Record<Measure, Figure>;

/** What one meeting (and its actions) contributes, before grouping. */
interface Contribution {
  /** Dimension keys of the meeting itself (type, team, worker, chair's agency). */
  keys: Record<Exclude<Dimension, "all">, { key: string; label: string }>;
  meetingMeasures: Measure[];
  /** Each action's measures, with the owner's agency. */
  actions: Array<{ agency: string; measures: Measure[] }>;
}

const notHeldPhases = new Set(["convene", "invite", "await-meeting"]);

/** The measures one meeting counts for (pure; exported for tests). */
export function meetingMeasures(record: MeetingRecord, asAt: string, timeZone: string): Measure[] {
  const { meeting, audit } = record;
  if (meeting.phase === "cancelled") return ["meetings", "cancelled"];
  const out: Measure[] = ["meetings"];
  const heldDay = localDate(new Date(meeting.start), timeZone);
  const held = audit.some((e) => e.what === "meeting-held");
  if (held) {
    if (!meeting.dueBy) out.push("held-no-timescale");
    else out.push(heldDay <= meeting.dueBy ? "held-on-time" : "held-late");
  } else if (notHeldPhases.has(meeting.phase) && meeting.dueBy && meeting.dueBy < asAt) {
    out.push("not-held-overdue");
  }
  const distributed = audit.find((e) => e.what === "minutes-distributed");
  if (distributed) {
    out.push(distributed.detail.late === true ? "record-late" : "record-on-time");
    if (meeting.minutesAgreedBy === "all-attendees")
      out.push(audit.some((e) => e.what === "approval:deemed") ? "deemed-agreed" : "agreed-by-all");
  } else if (held && meeting.minutesDueBy < asAt) {
    out.push("record-overdue");
  }
  return out;
}

/** The measures one action counts for (pure; exported for tests). */
export function actionMeasures(record: MeetingRecord, number: number, asAt: string): Measure[] {
  const action = record.actions.find((a) => a.number === number);
  if (!action || action.status === "cancelled") return [];
  const out: Measure[] = ["actions"];
  const mine = (what: string) =>
    record.audit.some(
      (e) => e.what === what && (e.detail.number === number || e.detail.actionNumber === number),
    );
  if (action.status === "done") out.push(action.doneLate ? "actions-done-late" : "actions-done-on-time");
  else if (action.status === "open") out.push(action.dueDate < asAt ? "actions-overdue" : "actions-open");
  if (action.escalationLevel > 0 || mine("escalation:action-overdue")) out.push("actions-escalated");
  if (action.status === "slipped" || mine("action-slipped")) out.push("actions-slipped");
  return out;
}

/** The measures one visit counts for (pure; exported for tests). */
export function visitMeasures(visit: VisitRecord, asAt: string): Measure[] {
  if (visit.visitedOn) return ["visits", visit.visitedOn <= visit.dueBy ? "visits-on-time" : "visits-late"];
  return visit.dueBy < asAt ? ["visits", "visits-overdue"] : ["visits"];
}

/**
 * Builds the report for a period.
 * @throws ReportPeriodError when a date is not YYYY-MM-DD or the period ends before it starts.
 */
export function buildReport(caseload: Caseload, period: ReportPeriod): ComplianceReport {
  // 1. The period is checked.
  for (const [name, value] of Object.entries(period))
    if (!isoDateSchema.safeParse(value).success)
      throw new ReportPeriodError(`${name}: expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  if (period.to < period.from)
    throw new ReportPeriodError(`to (${period.to}) is before from (${period.from})`);
  const { from, to, asAt } = period;
  const tz = caseload.timeZone;
  // 2. Each meeting held (or to be held) in the period contributes its measures and its actions'.
  const contributions: Array<{ id: string; c: Contribution }> = [];
  for (const record of caseload.meetings) {
    const day = localDate(new Date(record.meeting.start), tz);
    if (day < from || day > to) continue;
    const { meeting } = record;
    const agencyOf = (inviteeIndex: number | undefined, department: string | undefined) =>
      (inviteeIndex === undefined
        ? undefined
        : [meeting.chair, ...meeting.invitees].find((p) => p.index === inviteeIndex)?.agency) ||
      department ||
      "Not recorded";
    contributions.push({
      id: meeting.id,
      c: {
        keys: {
          type: { key: meeting.typeId, label: meeting.typeName },
          team: { key: record.team, label: record.team },
          worker: { key: record.worker.email, label: record.worker.name },
          agency: {
            key: meeting.chair.agency || "Not recorded",
            label: meeting.chair.agency || "Not recorded",
          },
        },
        meetingMeasures: meetingMeasures(record, asAt, tz),
        actions: record.actions
          .filter((a) => a.status !== "cancelled")
          .map((a) => ({
            agency: agencyOf(a.responsible.inviteeIndex, a.responsible.department),
            measures: actionMeasures(record, a.number, asAt),
          })),
      },
    });
  }
  // 3. Grouped: the total, then each dimension (an action's agency is its owner's).
  const rows = new Map<string, ReportRow>();
  const row = (dimension: Dimension, key: string, label: string) => {
    const id = `${dimension}\u0000${key}`;
    let r = rows.get(id);
    if (!r) {
      r = { dimension, key, label, figures: emptyFigures() };
      rows.set(id, r);
    }
    return r;
  };
  const count = (r: ReportRow, measure: Measure, meetingId?: string, child?: string) => {
    const f = r.figures[measure];
    f.count++;
    if (meetingId && !f.meetings.includes(meetingId)) f.meetings.push(meetingId);
    if (child && !f.children.includes(child)) f.children.push(child);
  };
  row("all", "all", dimensionLabels.all);
  for (const { id, c } of contributions) {
    const meetingRows = [
      row("all", "all", dimensionLabels.all),
      ...(["type", "team", "worker"] as const).map((d) => row(d, c.keys[d].key, c.keys[d].label)),
    ];
    for (const r of [...meetingRows, row("agency", c.keys.agency.key, c.keys.agency.label)])
      for (const m of c.meetingMeasures) count(r, m, id);
    for (const action of c.actions) {
      for (const r of [...meetingRows, row("agency", action.agency, action.agency)])
        for (const m of action.measures) count(r, m, id);
    }
  }
  // 4. Visits due in the period, by the visiting worker's team and the worker.
  for (const visit of caseload.visits) {
    if (visit.dueBy < from || visit.dueBy > to) continue;
    const ms = visitMeasures(visit, asAt);
    for (const r of [
      row("all", "all", dimensionLabels.all),
      row("team", visit.team, visit.team),
      row("worker", visit.worker.email, visit.worker.name),
    ])
      for (const m of ms) count(r, m, undefined, visit.childReference);
  }
  // 5. In order: the total first, then each dimension by label.
  const order = new Map(dimensions.map((d, i) => [d, i]));
  return {
    authorityId: caseload.authorityId,
    from,
    to,
    asAt,
    rows: [...rows.values()].sort(
      (a, b) =>
        (order.get(a.dimension) ?? 0) - (order.get(b.dimension) ?? 0) ||
        a.label.localeCompare(b.label, "en-GB"),
    ),
  };
}

/** The first day of the twelve months that end on `to` (YYYY-MM-DD): the report's default period. */
export function twelveMonthsTo(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A rate as people read it ("83%"), or "–" when there is nothing to judge. */
export function rate(part: number, whole: number): string {
  return whole === 0 ? "–" : `${Math.round((100 * part) / whole)}%`;
}
