/**
 * The returns and inspection extracts (issue 13): each a pure function of the caseload and a
 * reporting period, with the specification's field names, in its order, for the fields Convene
 * holds, and the fields it leaves out listed with why.
 */
import { annexAList6 } from "./annex-a-list-6.ts";
import { annexAList7 } from "./annex-a-list-7.ts";
import { annexAList8 } from "./annex-a-list-8.ts";
import { cinCensusPreProceedings } from "./cin-census-pre-proceedings.ts";
import type { Extract, ExtractId } from "./common.ts";
import { ssda903Reviews } from "./ssda903-reviews.ts";

export type { Extract, ExtractId, LeftOutField, ReportingPeriod } from "./common.ts";
export { extractIds } from "./common.ts";
export { csvField, toCsv } from "./csv.ts";

/** Every extract, by the id the CLI takes (`convene extract --return ID`). */
export const extracts: Readonly<Record<ExtractId, Extract>> = {
  "annex-a-list-6": annexAList6,
  "annex-a-list-7": annexAList7,
  "annex-a-list-8": annexAList8,
  "cin-census-pre-proceedings": cinCensusPreProceedings,
  "ssda903-reviews": ssda903Reviews,
};
