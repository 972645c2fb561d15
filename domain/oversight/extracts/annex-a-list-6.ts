/**
 * Ofsted ILACS Annex A, List 6: children in need. "All those in receipt of services as a child in
 * need at the point of inspection or in the six months before the inspection. This list does not
 * include care leavers or children who are only the subject of a referral."
 *
 * Specification: Ofsted, "Inspecting local authority children's services" (ILACS, updated
 * December 2024), Annex A child-level lists
 * (https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018).
 * Field names and order as in the Annex A workbook's "List 6" sheet, read from the sample Annex A
 * kept by Social Finance's LIIA tools (github.com/SocialFinanceDigitalLabs/liia-tools,
 * liiatools/spec/annex_a/samples/Annex_A.xlsx, commit f4d4bbb, March 2024) and its schema
 * (liiatools/annex_a_pipeline/spec/Annex_A_schema.yml, commit a042cd5: dates "%d/%m/%Y").
 *
 * Who is listed: every child with a meeting held in the period of a type that serves a child in
 * need (all Convene's types but the Team Around the Child meeting, which is early help before a
 * child is found in need, seed 004, and the generic meeting, whose purpose Convene does not know),
 * or with a visit in the period (visits are Child in Need visits, seed 004).
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

/** The List 6 fields Convene gives, in the Annex A order. */
export const annexAList6Columns = [
  "Child Unique ID",
  "Date Child Was Last Seen",
  "Allocated Team",
  "Allocated Worker",
] as const;
export type AnnexAList6Column = (typeof annexAList6Columns)[number];

/** Meeting types that do not by themselves make a child a child in need. */
const notChildInNeedTypes = new Set(["tac", "generic"]);

/** The List 6 fields left out, and why. */
export const annexAList6LeftOut: readonly LeftOutField[] = [
  { field: "Gender", reason: notHeldAboutTheChild },
  { field: "Ethnicity", reason: notHeldAboutTheChild },
  { field: "Date of Birth", reason: notHeldAboutTheChild },
  { field: "Age", reason: `${notHeldAboutTheChild} (no date of birth, so no age)` },
  { field: "Does the Child have a Disability", reason: notHeldAboutTheChild },
  {
    field: "CIN Start Date",
    reason: "Convene holds meetings and visits, not the referral or the date the child in need episode began",
  },
  { field: "Primary Need Code", reason: "Convene does not hold the child's category of need" },
  {
    field: "CIN Closure Date",
    reason:
      "Convene does not hold when a child in need episode closed (a closed CIN plan is not recorded as such)",
  },
  { field: "Reason for Closure", reason: "Convene does not hold why a case closed" },
  {
    field: "Case Status",
    reason:
      "Convene does not hold whether the child is looked after, on a child protection plan or a child in need plan; it would have to guess it from the meeting types",
  },
];

/**
 * One row per child in need in the period.
 * - Child Unique ID: the child's reference as the meetings carry it.
 * - Date Child Was Last Seen: the latest visit on or before the period's end at which the child
 *   was recorded as seen (a visit whose "seen" is not recorded does not count).
 * - Allocated Team, Allocated Worker: the allocated social worker of the child's Child and Family
 *   Progress Plan (seed 004: the plan names the worker who visits) and their team in the staff
 *   directory, as of the plan's latest visit due by the period's end; blank for a child without a
 *   plan (Convene holds who chaired their meetings, not who they are allocated to).
 * @example annexAList6Rows(caseload, { from: "2026-06-01", to: "2026-11-30" })
 * // [{ "Child Unique ID": "C-1001", "Date Child Was Last Seen": "14/11/2026", "Allocated Team": "CIN Team 1", "Allocated Worker": "Sam Social Worker" }]
 */
export function annexAList6Rows(
  caseload: Caseload,
  period: ReportingPeriod,
): Array<Record<AnnexAList6Column, string>> {
  const children = [
    ...heldMeetings(caseload)
      .filter((m) => !notChildInNeedTypes.has(m.typeId) && inPeriod(m.day, period))
      .map((m) => m.childReference),
    ...caseload.visits
      .filter((v) => v.visitedOn && inPeriod(v.visitedOn, period))
      .map((v) => v.childReference),
  ];
  const visits = visitsBy(caseload.visits, period.to);
  return sortedChildren(children).map((child) => {
    const seen = visits.find((v) => v.childReference === child && v.seen === true);
    const allocated = caseload.visits
      .filter((v) => v.childReference === child && v.dueBy <= period.to)
      .sort((x, y) => (x.dueBy < y.dueBy ? 1 : x.dueBy > y.dueBy ? -1 : 0))[0];
    return {
      "Child Unique ID": child,
      "Date Child Was Last Seen": seen ? dayMonthYear(seen.visitedOn) : "",
      "Allocated Team": allocated?.team ?? "",
      "Allocated Worker": allocated?.worker.name ?? "",
    };
  });
}

export const annexAList6: Extract<AnnexAList6Column> = {
  id: "annex-a-list-6",
  title: "Ofsted ILACS Annex A, List 6: children in need",
  specification:
    "Ofsted ILACS Annex A, List 6 (https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018; columns as in the Annex A workbook, liia-tools samples/Annex_A.xlsx)",
  columns: annexAList6Columns,
  leftOut: annexAList6LeftOut,
  rows: annexAList6Rows,
};
