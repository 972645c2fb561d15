import { describe, expect, it } from "vitest";
import {
  cinCensusPreProceedings,
  cinCensusPreProceedingsColumns,
} from "../../../domain/oversight/extracts/cin-census-pre-proceedings.ts";
import { toCsv } from "../../../domain/oversight/extracts/csv.ts";
import {
  caseload,
  censusYear,
  fieldsAccountedFor,
  parseCsv,
  record,
  wellAccountedFor,
} from "./extracts-support.ts";

/**
 * The elements of the children in need census's <PreProceedingsandFGDM> block, in order, new for
 * 2026 to 2027: DfE, "Children in need census 2026 to 2027: specification"
 * (https://www.gov.uk/government/publications/children-in-need-census-2026-to-2027-specification),
 * as data-to-insight's CIN validator reads them (github.com/data-to-insight/csc-validator-be-cin,
 * cin_validator/ingress.py, commit 1bf6f22), with LAchildID (the ChildIdentifiers module) first to
 * say whose block each row is.
 */
const preProceedingsBlock = [
  "PPStartDate",
  "LBPSentDate",
  "FGDMMeetingOffer",
  "FGDMMeetingFac",
  "InitialPPMeetingDate",
  "ReviewMeetingsCount",
  "StepDecisionDate",
  "PPOutcome",
  "CourtAppDate",
  "LetterInitCPDate",
];
const spec = ["LAchildID", ...preProceedingsBlock];

/** CIN census dates are XML dates, YYYY-MM-DD; ReviewMeetingsCount a whole number. */
const censusDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

describe("CIN census pre-proceedings module", () => {
  it("names its columns as the census does, in its order, and lists every other element as left out with why", () => {
    expect(cinCensusPreProceedingsColumns).toEqual([
      "LAchildID",
      "InitialPPMeetingDate",
      "ReviewMeetingsCount",
    ]);
    expect(fieldsAccountedFor(spec, cinCensusPreProceedings)).toEqual(wellAccountedFor);
    expect(toCsv(cinCensusPreProceedings.columns, [])).toBe(
      "LAchildID,InitialPPMeetingDate,ReviewMeetingsCount\r\n",
    );
  });

  it("gives one row per pre-proceedings episode begun in the year: its first held meeting and the reviews held after it", () => {
    const rows = cinCensusPreProceedings.rows(caseload, censusYear);
    expect(rows).toEqual([
      // The review of 23 June was held; the next one was cancelled.
      { LAchildID: "C-4001", InitialPPMeetingDate: "2026-05-12", ReviewMeetingsCount: "1" },
      // Two episodes; the second's review on 10 April 2027 is after the year.
      { LAchildID: "C-4003", InitialPPMeetingDate: "2026-09-01", ReviewMeetingsCount: "0" },
      { LAchildID: "C-4003", InitialPPMeetingDate: "2027-01-05", ReviewMeetingsCount: "0" },
      // Held at 00:30 on 1 April, London time.
      { LAchildID: "C-4004", InitialPPMeetingDate: "2026-04-01", ReviewMeetingsCount: "0" },
    ]);
    // C-4002's first meeting was in February 2026, before the year (rule 9008).
    expect(rows.map((r) => r.LAchildID)).not.toContain("C-4002");
    for (const row of rows) {
      expect(row.InitialPPMeetingDate).toMatch(censusDate);
      expect(row.ReviewMeetingsCount).toMatch(/^\d+$/);
    }
  });

  it("counts a review convened as another meeting's review even when its series number was not raised", () => {
    const rows = cinCensusPreProceedings.rows(
      {
        ...caseload,
        meetings: [
          record({
            id: "p1",
            typeId: "pre-proceedings",
            child: "C-5001",
            start: "2026-05-01T09:00:00.000Z",
            held: true,
            reviewMeetingId: "p2",
          }),
          record({
            id: "p2",
            typeId: "pre-proceedings",
            child: "C-5001",
            start: "2026-06-12T09:00:00.000Z",
            held: true,
          }),
          // Not held: not the first effective meeting, and not a review.
          record({ id: "p0", typeId: "pre-proceedings", child: "C-5002", start: "2026-04-20T09:00:00.000Z" }),
        ],
      },
      censusYear,
    );
    expect(rows).toEqual([
      { LAchildID: "C-5001", InitialPPMeetingDate: "2026-05-01", ReviewMeetingsCount: "1" },
    ]);
  });

  it("writes a CSV that reads back to the same rows", () => {
    const rows = cinCensusPreProceedings.rows(caseload, censusYear);
    expect(parseCsv(toCsv(cinCensusPreProceedings.columns, rows), { columns: true })).toEqual(rows);
  });
});
