/**
 * DfE SSDA903 children looked after return, the Reviews file: one record per statutory review of
 * a child looked after (Child Looked After Review) in the year 1 April to 31 March.
 *
 * Specification: DfE, "Children looked after by local authorities in England: technical
 * specification" (SSDA903), CSV file "Reviews" with the columns CHILD, DOB, REVIEW, REVIEW_CODE,
 * dates DD/MM/YYYY; REVIEW_CODE is the child's method of participation, PN0 to PN7. As read by
 * data-to-insight's SSDA903 validator (github.com/data-to-insight/csc-validator-be-903,
 * lac_validator/config.py at commit 10ad07c, April 2026; rule 166 reads REVIEW as "%d/%m/%Y",
 * rule 167 checks REVIEW_CODE against PN0–PN7).
 *
 * Convene does not run Child Looked After Reviews (seed 001); it holds the dates of those the
 * social worker recorded as already held when planning the child's Care Planning Meetings
 * (seed 002; cla-reviews.ts). Those in the period are listed, one row each.
 */
import type { Caseload } from "../caseload.ts";
import { pastClaReviews } from "./cla-reviews.ts";
import {
  dayMonthYear,
  type Extract,
  inPeriod,
  type LeftOutField,
  notHeldAboutTheChild,
  type ReportingPeriod,
  sortedChildren,
} from "./common.ts";

/** The Reviews columns Convene gives, in the SSDA903 order. */
export const ssda903ReviewsColumns = ["CHILD", "REVIEW"] as const;
export type Ssda903ReviewsColumn = (typeof ssda903ReviewsColumns)[number];

/** The Reviews columns left out, and why. */
export const ssda903ReviewsLeftOut: readonly LeftOutField[] = [
  { field: "DOB", reason: notHeldAboutTheChild },
  {
    field: "REVIEW_CODE",
    reason:
      "how the child took part in the review (PN0 to PN7): Convene does not run Child Looked After Reviews, it holds only their dates",
  },
];

/**
 * One row per Child Looked After Review in the period.
 * - CHILD: the child's reference as the meetings carry it.
 * - REVIEW: the review's date, as the social worker recorded it when planning a Care Planning
 *   Meeting, counted only when it was already past on that day.
 * @example ssda903ReviewsRows(caseload, { from: "2026-04-01", to: "2027-03-31" })
 * // [{ CHILD: "C-3001", REVIEW: "02/09/2026" }]
 */
export function ssda903ReviewsRows(
  caseload: Caseload,
  period: ReportingPeriod,
): Array<Record<Ssda903ReviewsColumn, string>> {
  const reviews = pastClaReviews(caseload);
  return sortedChildren(reviews.keys()).flatMap((child) =>
    [...(reviews.get(child) ?? [])]
      .filter((d) => inPeriod(d, period))
      .sort()
      .map((d) => ({ CHILD: child, REVIEW: dayMonthYear(d) })),
  );
}

export const ssda903Reviews: Extract<Ssda903ReviewsColumn> = {
  id: "ssda903-reviews",
  title: "DfE SSDA903 children looked after return: Reviews",
  specification:
    "DfE SSDA903 technical specification, Reviews file (CHILD, DOB, REVIEW, REVIEW_CODE), as read by data-to-insight/csc-validator-be-903 lac_validator/config.py",
  columns: ssda903ReviewsColumns,
  leftOut: ssda903ReviewsLeftOut,
  rows: ssda903ReviewsRows,
};
