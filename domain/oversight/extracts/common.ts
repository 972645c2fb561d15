/**
 * What the returns and inspection extracts share: the reporting period, the fields an extract
 * leaves out (with why), which meetings count (held ones, on the authority's calendar day), the
 * children's visits that took place, and the two date formats the specifications use.
 */
import type { IsoDate } from "../../clock/dates.ts";
import { localDate } from "../../lifecycle/time.ts";
import type { Caseload, MeetingRecord, VisitRecord } from "../caseload.ts";

/** The days an extract covers, both included (YYYY-MM-DD, the authority's calendar). */
export interface ReportingPeriod {
  from: IsoDate;
  to: IsoDate;
}

/** A field of the specification that the extract does not give, and why. */
export interface LeftOutField {
  field: string;
  reason: string;
}

/** One return or inspection list, as Convene can fill it. */
export interface Extract<C extends string = string> {
  id: ExtractId;
  title: string;
  /** The specification the field names, order and formats come from. */
  specification: string;
  /** The specification's fields Convene gives, in the specification's order. */
  columns: readonly C[];
  /** The specification's other fields, each with why Convene does not give it. */
  leftOut: readonly LeftOutField[];
  rows: (caseload: Caseload, period: ReportingPeriod) => Array<Record<C, string>>;
}

export const extractIds = [
  "annex-a-list-6",
  "annex-a-list-7",
  "annex-a-list-8",
  "cin-census-pre-proceedings",
  "ssda903-reviews",
] as const;
export type ExtractId = (typeof extractIds)[number];

/** A meeting that took place: its day in the authority's time zone. */
export interface HeldMeeting {
  record: MeetingRecord;
  childReference: string;
  typeId: string;
  /** The meeting's calendar day (its start) in the authority's time zone. */
  day: IsoDate;
}

/**
 * The meetings that were held, oldest first: the chair recorded attendance (audit `meeting-held`,
 * domain/lifecycle/hold.ts), and the meeting was not cancelled afterwards (a meeting cancelled
 * after it was recorded as held is taken as recorded in error, e.g. for the wrong child).
 */
export function heldMeetings(caseload: Caseload): HeldMeeting[] {
  return caseload.meetings
    .filter((r) => r.meeting.phase !== "cancelled" && r.audit.some((e) => e.what === "meeting-held"))
    .map((record) => ({
      record,
      childReference: record.meeting.child.reference,
      typeId: record.meeting.typeId,
      day: localDate(new Date(record.meeting.start), caseload.timeZone),
    }))
    .sort(
      (a, b) => a.day.localeCompare(b.day) || a.record.meeting.start.localeCompare(b.record.meeting.start),
    );
}

/** The visits that took place on or before `to`, latest first. */
export function visitsBy(
  visits: readonly VisitRecord[],
  to: IsoDate,
): Array<VisitRecord & { visitedOn: IsoDate }> {
  return visits
    .filter((v): v is VisitRecord & { visitedOn: IsoDate } => v.visitedOn !== undefined && v.visitedOn <= to)
    .sort((a, b) => b.visitedOn.localeCompare(a.visitedOn));
}

/** Whether `day` falls in the period (both ends included). */
export function inPeriod(day: IsoDate, period: ReportingPeriod): boolean {
  return day >= period.from && day <= period.to;
}

/** The children, by reference, sorted: the order every extract lists them in. */
export function sortedChildren(references: Iterable<string>): string[] {
  return [...new Set(references)].sort((a, b) => a.localeCompare(b, "en-GB"));
}

/**
 * DD/MM/YYYY, the date format of Ofsted's Annex A and of the SSDA903 CSV files.
 * @example dayMonthYear("2026-03-09") // "09/03/2026"
 */
export function dayMonthYear(day: IsoDate): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
}

/** Convene holds no name, date of birth, sex, ethnicity or disability of a child: only a reference. */
export const notHeldAboutTheChild =
  "Convene holds only the child's reference (the one the authority uses), not this about the child";
