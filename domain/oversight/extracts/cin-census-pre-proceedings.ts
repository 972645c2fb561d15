/**
 * DfE children in need census, the pre-proceedings and family group decision making module
 * (<PreProceedingsandFGDM>, module 5), new for the census year 1 April 2026 to 31 March 2027.
 *
 * Specification: DfE, "Children in need census 2026 to 2027: specification" (business and
 * technical specification and validation rules, first published 18 November 2025,
 * https://www.gov.uk/government/publications/children-in-need-census-2026-to-2027-specification).
 * Element names and order as data-to-insight's CIN validator reads them
 * (github.com/data-to-insight/csc-validator-be-cin, cin_validator/ingress.py at commit 1bf6f22,
 * May 2026, and the 2026-27 rules on its pre-proceedings-rules branch: rule 9008 for
 * InitialPPMeetingDate, N00830, "the date of the first effective pre-proceedings meeting must be
 * within the reporting year"; rule 9015Q for ReviewMeetingsCount, N00831, "if review meetings were
 * held following the initial pre-proceedings meeting, the total number held should be reported").
 * Dates are the census's XML dates, YYYY-MM-DD. The census identifies the child by LAchildID
 * (ChildIdentifiers module), given first so each block can be matched to its child.
 *
 * One row per pre-proceedings episode whose first held Pre-Proceedings Meeting falls in the period
 * (the census year). An episode is a child's first held Pre-Proceedings Meeting and the review
 * Pre-Proceedings Meetings held after it: a meeting is a review when it is a later meeting in its
 * series (series.number above 1) or was convened as another meeting's review (reviewMeetingId).
 */
import type { Caseload } from "../caseload.ts";
import {
  type Extract,
  type HeldMeeting,
  heldMeetings,
  inPeriod,
  type LeftOutField,
  type ReportingPeriod,
} from "./common.ts";

/** The fields Convene gives: the child's identifier, then the module's, in the census order. */
export const cinCensusPreProceedingsColumns = [
  "LAchildID",
  "InitialPPMeetingDate",
  "ReviewMeetingsCount",
] as const;
export type CinCensusPreProceedingsColumn = (typeof cinCensusPreProceedingsColumns)[number];

/** The module's fields left out, and why. */
export const cinCensusPreProceedingsLeftOut: readonly LeftOutField[] = [
  {
    field: "PPStartDate",
    reason:
      "the date of the legal planning meeting (or other forum) that decided to begin pre-proceedings: Convene holds Legal Planning Meetings but not which one, if any, made that decision",
  },
  { field: "LBPSentDate", reason: "Convene does not hold the letter before proceedings" },
  {
    field: "FGDMMeetingOffer",
    reason:
      "whether the letter before proceedings offered a family group decision making meeting: Convene does not hold the letter",
  },
  {
    field: "FGDMMeetingFac",
    reason:
      "asked only after an offer in the letter before proceedings, which Convene does not hold; a Family Network Meeting held in the period would be a guess at it",
  },
  {
    field: "StepDecisionDate",
    reason: "Convene does not hold the decision to step up to proceedings or down",
  },
  { field: "PPOutcome", reason: "Convene does not hold the outcome of pre-proceedings" },
  { field: "CourtAppDate", reason: "Convene does not hold court applications" },
  {
    field: "LetterInitCPDate",
    reason: "Convene does not hold the letter to parents that care proceedings are being initiated",
  },
];

const isReview = (m: HeldMeeting, reviewIds: Set<string>) =>
  (m.record.meeting.series?.number ?? 1) > 1 || reviewIds.has(m.record.meeting.id);

/**
 * One row per pre-proceedings episode begun in the period.
 * - LAchildID: the child's reference as the meetings carry it.
 * - InitialPPMeetingDate: the day the episode's first Pre-Proceedings Meeting was held.
 * - ReviewMeetingsCount: the review Pre-Proceedings Meetings of the episode held on or before the
 *   period's end (0 when none: rule 9015Q asks for the number whenever the first meeting is given).
 * @example cinCensusPreProceedingsRows(caseload, { from: "2026-04-01", to: "2027-03-31" })
 * // [{ LAchildID: "C-4001", InitialPPMeetingDate: "2026-05-12", ReviewMeetingsCount: "1" }]
 */
export function cinCensusPreProceedingsRows(
  caseload: Caseload,
  period: ReportingPeriod,
): Array<Record<CinCensusPreProceedingsColumn, string>> {
  const reviewIds = new Set(
    caseload.meetings.flatMap((r) => (r.meeting.reviewMeetingId ? [r.meeting.reviewMeetingId] : [])),
  );
  const episodes: Array<{ child: string; initial: string; reviews: number }> = [];
  const current = new Map<string, { child: string; initial: string; reviews: number }>();
  for (const m of heldMeetings(caseload)) {
    if (m.typeId !== "pre-proceedings" || m.day > period.to) continue;
    const open = current.get(m.childReference);
    if (open && isReview(m, reviewIds)) {
      open.reviews += 1;
      continue;
    }
    // A first meeting, or a review whose episode began with a meeting that was not held.
    const episode = { child: m.childReference, initial: m.day, reviews: 0 };
    current.set(m.childReference, episode);
    episodes.push(episode);
  }
  return episodes
    .filter((e) => inPeriod(e.initial, period))
    .sort((a, b) => a.child.localeCompare(b.child, "en-GB") || a.initial.localeCompare(b.initial))
    .map((e) => ({
      LAchildID: e.child,
      InitialPPMeetingDate: e.initial,
      ReviewMeetingsCount: String(e.reviews),
    }));
}

export const cinCensusPreProceedings: Extract<CinCensusPreProceedingsColumn> = {
  id: "cin-census-pre-proceedings",
  title: "DfE children in need census: pre-proceedings and FGDM module (PreProceedingsandFGDM)",
  specification:
    "DfE, Children in need census 2026 to 2027: specification (https://www.gov.uk/government/publications/children-in-need-census-2026-to-2027-specification)",
  columns: cinCensusPreProceedingsColumns,
  leftOut: cinCensusPreProceedingsLeftOut,
  rows: cinCensusPreProceedingsRows,
};
