/**
 * Ofsted ILACS Annex A, List 8: children in care. "All children in care at the point of
 * inspection. Include those who ceased to be looked after in the six months before the inspection."
 *
 * Specification: Ofsted ILACS Annex A
 * (https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018);
 * field names and order as in the Annex A workbook's "List 8" sheet (liia-tools
 * liiatools/spec/annex_a/samples/Annex_A.xlsx, commit f4d4bbb, March 2024); dates DD/MM/YYYY
 * (liia-tools Annex_A_schema.yml, commit a042cd5).
 *
 * Who is listed: every child with a Care Planning Meeting held in the period (any of seed 002's
 * three: the Care Planning Meeting, the Specific Issue CPM and the Legal CPM, all for a child
 * looked after). Convene does not hold whether the child is still looked after.
 */
import type { Caseload } from "../caseload.ts";
import { pastClaReviews } from "./cla-reviews.ts";
import {
  dayMonthYear,
  type Extract,
  heldMeetings,
  inPeriod,
  type LeftOutField,
  notHeldAboutTheChild,
  type ReportingPeriod,
  sortedChildren,
  visitsBy,
} from "./common.ts";

/** The List 8 fields Convene gives, in the Annex A order. */
export const annexAList8Columns = [
  "Child Unique ID",
  "Date of Latest Statutory Review",
  "Date of Last Social Work Visit",
] as const;
export type AnnexAList8Column = (typeof annexAList8Columns)[number];

/** The meeting types of seed 002, all for a child looked after. */
const carePlanningTypes = new Set(["cpm", "specific-issue-cpm", "legal-cpm"]);

const notCareEpisode =
  "Convene does not hold the child's periods of care (the SSDA903 episodes): when they began or ended, or why";
const notPlacement = "Convene does not hold the child's placements";
const notAllocated =
  "Convene holds who chaired each meeting and who visited, not who the child is allocated to";

/** The List 8 fields left out, and why. */
export const annexAList8LeftOut: readonly LeftOutField[] = [
  { field: "Gender", reason: notHeldAboutTheChild },
  { field: "Ethnicity", reason: notHeldAboutTheChild },
  { field: "Date of Birth", reason: notHeldAboutTheChild },
  { field: "Age", reason: `${notHeldAboutTheChild} (no date of birth, so no age)` },
  {
    field: "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
    reason: notHeldAboutTheChild,
  },
  { field: "Does the Child have a Disability", reason: notHeldAboutTheChild },
  { field: "Date Started to be Looked After", reason: notCareEpisode },
  { field: "Child's Category of Need", reason: "Convene does not hold the child's category of need" },
  {
    field:
      "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
    reason: notCareEpisode,
  },
  { field: "Start date of current legal status", reason: "Convene does not hold the child's legal status" },
  { field: "Child's Legal Status", reason: "Convene does not hold the child's legal status" },
  {
    field: "What is the permanence plan for this child?",
    reason:
      "Convene holds Permanency Planning Meetings and their minutes, not the permanence plan as a coded value; reading it from the minutes would be a guess",
  },
  {
    field: "Date of Last IRO Visit / Contact to the Child",
    reason: "Convene does not hold the IRO's visits or contact with the child",
  },
  { field: "Date of Last Health Assessment", reason: "Convene does not hold health assessments" },
  { field: "Date of Last Dental Check", reason: "Convene does not hold dental checks" },
  { field: "Number of Placements in the Last 12 months", reason: notPlacement },
  { field: "Date Ceased to be Looked After", reason: notCareEpisode },
  { field: "Reason Ceased to be Looked After", reason: notCareEpisode },
  { field: "Start Date of Most Recent Placement", reason: notPlacement },
  { field: "Placement Type", reason: notPlacement },
  { field: "Placement Provider", reason: notPlacement },
  { field: "Placement postcode", reason: notPlacement },
  { field: "URN of Placement", reason: notPlacement },
  { field: "Placement Location", reason: notPlacement },
  { field: "LA of Placement", reason: notPlacement },
  {
    field: "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months",
    reason: "Convene does not hold missing or absent episodes",
  },
  {
    field: "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months",
    reason: "Convene does not hold missing or absent episodes",
  },
  {
    field: "Was the child offered a Return Interview after their last missing episode (Y/N)?",
    reason: "Convene does not hold missing episodes or return interviews",
  },
  {
    field: "Did the child accept a Return Interview after their last missing episode (Y/N)?",
    reason: "Convene does not hold missing episodes or return interviews",
  },
  { field: "Allocated Team", reason: notAllocated },
  { field: "Allocated Worker", reason: notAllocated },
];

/**
 * One row per child with a Care Planning Meeting held in the period.
 * - Child Unique ID: the child's reference as the meetings carry it.
 * - Date of Latest Statutory Review: the latest Child Looked After Review on or before the period's
 *   end among those the social worker recorded as already held when planning the child's Care
 *   Planning Meetings (cla-reviews.ts); blank when none was.
 * - Date of Last Social Work Visit: the latest visit that took place on or before the period's end.
 * @example annexAList8Rows(caseload, { from: "2026-06-01", to: "2026-11-30" })
 * // [{ "Child Unique ID": "C-3001", "Date of Latest Statutory Review": "02/09/2026", "Date of Last Social Work Visit": "" }]
 */
export function annexAList8Rows(
  caseload: Caseload,
  period: ReportingPeriod,
): Array<Record<AnnexAList8Column, string>> {
  const children = heldMeetings(caseload)
    .filter((m) => carePlanningTypes.has(m.typeId) && inPeriod(m.day, period))
    .map((m) => m.childReference);
  const reviews = pastClaReviews(caseload);
  const visits = visitsBy(caseload.visits, period.to);
  return sortedChildren(children).map((child) => {
    const review = [...(reviews.get(child) ?? [])]
      .filter((d) => d <= period.to)
      .sort()
      .at(-1);
    const visit = visits.find((v) => v.childReference === child);
    return {
      "Child Unique ID": child,
      "Date of Latest Statutory Review": review ? dayMonthYear(review) : "",
      "Date of Last Social Work Visit": visit ? dayMonthYear(visit.visitedOn) : "",
    };
  });
}

export const annexAList8: Extract<AnnexAList8Column> = {
  id: "annex-a-list-8",
  title: "Ofsted ILACS Annex A, List 8: children in care",
  specification:
    "Ofsted ILACS Annex A, List 8 (https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018; columns as in the Annex A workbook, liia-tools samples/Annex_A.xlsx)",
  columns: annexAList8Columns,
  leftOut: annexAList8LeftOut,
  rows: annexAList8Rows,
};
