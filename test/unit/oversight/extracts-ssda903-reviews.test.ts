import { describe, expect, it } from "vitest";
import { toCsv } from "../../../domain/oversight/extracts/csv.ts";
import { ssda903Reviews, ssda903ReviewsColumns } from "../../../domain/oversight/extracts/ssda903-reviews.ts";
import { caseload, fieldsAccountedFor, parseCsv, wellAccountedFor } from "./extracts-support.ts";

/**
 * The columns of the SSDA903 Reviews file, in order: DfE "Children looked after by local
 * authorities in England: technical specification" (SSDA903), as data-to-insight's SSDA903
 * validator names them (github.com/data-to-insight/csc-validator-be-903, lac_validator/config.py,
 * commit 10ad07c: `"Reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"]`).
 */
const reviewsFile = ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"];

/** REVIEW is DD/MM/YYYY (validator rule 166 reads it with "%d/%m/%Y"). */
const ssda903Date = /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])\/\d{4}$/;

describe("SSDA903 Reviews", () => {
  it("names its columns as the SSDA903 Reviews file does, in its order, and lists DOB and REVIEW_CODE as left out with why", () => {
    expect(ssda903ReviewsColumns).toEqual(["CHILD", "REVIEW"]);
    expect(fieldsAccountedFor(reviewsFile, ssda903Reviews)).toEqual(wellAccountedFor);
    expect(toCsv(ssda903Reviews.columns, [])).toBe("CHILD,REVIEW\r\n");
  });

  it("lists the CLA Reviews in the period that were recorded as held when a Care Planning Meeting was planned", () => {
    const rows = ssda903Reviews.rows(caseload, { from: "2026-01-01", to: "2026-12-31" });
    expect(rows).toEqual([
      // Planned on 1 July (and its review meeting carrying the same list): 2 March only.
      { CHILD: "C-3001", REVIEW: "02/03/2026" },
      // Planned afresh on 10 November: 2 March and 2 September.
      { CHILD: "C-3002", REVIEW: "02/03/2026" },
      { CHILD: "C-3002", REVIEW: "02/09/2026" },
    ]);
    // C-3004's Care Planning Meeting was not held.
    expect(rows.map((r) => r.CHILD)).not.toContain("C-3004");
    for (const row of rows) expect(row.REVIEW).toMatch(ssda903Date);
  });

  it("keeps to the return's year", () => {
    expect(ssda903Reviews.rows(caseload, { from: "2026-04-01", to: "2027-03-31" })).toEqual([
      { CHILD: "C-3002", REVIEW: "02/09/2026" },
    ]);
  });

  it("writes a CSV that reads back to the same rows", () => {
    const rows = ssda903Reviews.rows(caseload, { from: "2026-01-01", to: "2026-12-31" });
    expect(parseCsv(toCsv(ssda903Reviews.columns, rows), { columns: true })).toEqual(rows);
  });
});
