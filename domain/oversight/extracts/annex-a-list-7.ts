/**
 * Ofsted ILACS Annex A, List 7: child protection. "All those who are the subject of a child
 * protection plan at the point of inspection. Include those who ceased to be the subject of a
 * child protection plan in the six months before the inspection."
 *
 * Specification: Ofsted ILACS Annex A
 * (https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018);
 * field names and order as in the Annex A workbook's "List 7" sheet (liia-tools
 * liiatools/spec/annex_a/samples/Annex_A.xlsx, commit f4d4bbb; the same headings are listed in
 * data-to-insight's ssd-data-model Annex A script, "AA headings from sample", January 2024);
 * dates DD/MM/YYYY and "Was the Child Seen Alone?" coded "a) Yes", "b) No", "c) Unknown"
 * (liia-tools Annex_A_schema.yml, commit a042cd5).
 *
 * Who is listed: every child with a Child Protection Core Group meeting held in the period. A
 * core group is set up by the child protection conference to carry out the child's protection plan
 * (Working Together to Safeguard Children 2023), so this is the child protection list as far as
 * Convene knows it; Convene does not hold the plan itself.
 */
import type { Caseload } from "../caseload.ts";
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

/** The List 7 fields Convene gives, in the Annex A order. */
export const annexAList7Columns = [
  "Child Unique ID",
  "Date of the Last Statutory Visit",
  "Was the Child Seen Alone?",
] as const;
export type AnnexAList7Column = (typeof annexAList7Columns)[number];

const notAllocated =
  "Convene holds who chaired each meeting and who visited, not who the child is allocated to";

/** The List 7 fields left out, and why. */
export const annexAList7LeftOut: readonly LeftOutField[] = [
  { field: "Gender", reason: notHeldAboutTheChild },
  { field: "Ethnicity", reason: notHeldAboutTheChild },
  { field: "Date of Birth", reason: notHeldAboutTheChild },
  { field: "Age", reason: `${notHeldAboutTheChild} (no date of birth, so no age)` },
  { field: "Does the Child have a Disability", reason: notHeldAboutTheChild },
  {
    field: "Child Protection Plan Start Date",
    reason: "Convene does not hold the child protection plan, only the core group meetings held under it",
  },
  { field: "Initial Category of Abuse", reason: "Convene does not hold the category of abuse" },
  { field: "Latest Category of Abuse", reason: "Convene does not hold the category of abuse" },
  {
    field: "Date of latest review conference",
    reason:
      "Convene does not hold child protection conferences: they have their own formal structure and are not Convene meeting types (seed 001); a core group meeting is not a review conference",
  },
  {
    field: "Child Protection Plan End Date",
    reason: "Convene does not hold the child protection plan, only the core group meetings held under it",
  },
  {
    field: "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
    reason: "Convene does not hold orders or police powers",
  },
  {
    field: "Number of Previous Child Protection Plans",
    reason: "Convene does not hold child protection plans",
  },
  { field: "Allocated Team", reason: notAllocated },
  { field: "Allocated Worker", reason: notAllocated },
];

/**
 * One row per child with a core group held in the period.
 * - Child Unique ID: the child's reference as the meetings carry it.
 * - Date of the Last Statutory Visit: the latest visit that took place on or before the period's end.
 * - Was the Child Seen Alone?: at that visit, "a) Yes" or "b) No" as recorded, "c) Unknown" where
 *   it was not recorded; blank when there is no visit.
 * @example annexAList7Rows(caseload, { from: "2026-06-01", to: "2026-11-30" })
 * // [{ "Child Unique ID": "C-2001", "Date of the Last Statutory Visit": "20/11/2026", "Was the Child Seen Alone?": "a) Yes" }]
 */
export function annexAList7Rows(
  caseload: Caseload,
  period: ReportingPeriod,
): Array<Record<AnnexAList7Column, string>> {
  const children = heldMeetings(caseload)
    .filter((m) => m.typeId === "core-group" && inPeriod(m.day, period))
    .map((m) => m.childReference);
  const visits = visitsBy(caseload.visits, period.to);
  return sortedChildren(children).map((child) => {
    const last = visits.find((v) => v.childReference === child);
    return {
      "Child Unique ID": child,
      "Date of the Last Statutory Visit": last ? dayMonthYear(last.visitedOn) : "",
      "Was the Child Seen Alone?": !last
        ? ""
        : last.seenAlone === true
          ? "a) Yes"
          : last.seenAlone === false
            ? "b) No"
            : "c) Unknown",
    };
  });
}

export const annexAList7: Extract<AnnexAList7Column> = {
  id: "annex-a-list-7",
  title: "Ofsted ILACS Annex A, List 7: child protection",
  specification:
    "Ofsted ILACS Annex A, List 7 (https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018; columns as in the Annex A workbook, liia-tools samples/Annex_A.xlsx)",
  columns: annexAList7Columns,
  leftOut: annexAList7LeftOut,
  rows: annexAList7Rows,
};
