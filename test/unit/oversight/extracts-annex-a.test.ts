import { describe, expect, it } from "vitest";
import { annexAList6, annexAList6Columns } from "../../../domain/oversight/extracts/annex-a-list-6.ts";
import { annexAList7, annexAList7Columns } from "../../../domain/oversight/extracts/annex-a-list-7.ts";
import { annexAList8, annexAList8Columns } from "../../../domain/oversight/extracts/annex-a-list-8.ts";
import { toCsv } from "../../../domain/oversight/extracts/csv.ts";
import {
  annexAPeriod,
  caseload,
  fieldsAccountedFor,
  parseCsv,
  record,
  visit,
  wellAccountedFor,
} from "./extracts-support.ts";

/**
 * The column headings of Ofsted's ILACS Annex A lists 6, 7 and 8, in order, as in the Annex A
 * workbook (sheets "List 6", "List 7", "List 8") kept by Social Finance's LIIA tools:
 * github.com/SocialFinanceDigitalLabs/liia-tools, liiatools/spec/annex_a/samples/Annex_A.xlsx
 * (commit f4d4bbb, 28 March 2024). Annex A belongs to Ofsted's "Inspecting local authority
 * children's services" framework:
 * https://www.gov.uk/government/publications/inspecting-local-authority-childrens-services-from-2018
 */
const list6 = [
  "Child Unique ID",
  "Gender",
  "Ethnicity",
  "Date of Birth",
  "Age",
  "Does the Child have a Disability",
  "CIN Start Date",
  "Primary Need Code",
  "Date Child Was Last Seen",
  "CIN Closure Date",
  "Reason for Closure",
  "Case Status",
  "Allocated Team",
  "Allocated Worker",
];
const list7 = [
  "Child Unique ID",
  "Gender",
  "Ethnicity",
  "Date of Birth",
  "Age",
  "Does the Child have a Disability",
  "Child Protection Plan Start Date",
  "Initial Category of Abuse",
  "Latest Category of Abuse",
  "Date of the Last Statutory Visit",
  "Was the Child Seen Alone?",
  "Date of latest review conference",
  "Child Protection Plan End Date",
  "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
  "Number of Previous Child Protection Plans",
  "Allocated Team",
  "Allocated Worker",
];
const list8 = [
  "Child Unique ID",
  "Gender",
  "Ethnicity",
  "Date of Birth",
  "Age",
  "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
  "Does the Child have a Disability",
  "Date Started to be Looked After",
  "Child's Category of Need",
  "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
  "Start date of current legal status",
  "Child's Legal Status",
  "Date of Latest Statutory Review",
  "Date of Last Social Work Visit",
  "What is the permanence plan for this child?",
  "Date of Last IRO Visit / Contact to the Child",
  "Date of Last Health Assessment",
  "Date of Last Dental Check",
  "Number of Placements in the Last 12 months",
  "Date Ceased to be Looked After",
  "Reason Ceased to be Looked After",
  "Start Date of Most Recent Placement",
  "Placement Type",
  "Placement Provider",
  "Placement postcode",
  "URN of Placement",
  "Placement Location",
  "LA of Placement",
  "Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months",
  "Number of Episodes the Child has been ‘Absent’ from their Placement in the last 12 months",
  "Was the child offered a Return Interview after their last missing episode (Y/N)?",
  "Did the child accept a Return Interview after their last missing episode (Y/N)?",
  "Allocated Team",
  "Allocated Worker",
];

/** Annex A dates are DD/MM/YYYY (liia-tools Annex_A_schema.yml: `date: "%d/%m/%Y"`). */
const annexADate = /^(0[1-9]|[12]\d|3[01])\/(0[1-9]|1[0-2])\/\d{4}$/;
const dateOrBlank = (v: string) => v === "" || annexADate.test(v);

describe("Annex A list 6: children in need", () => {
  it("names its columns as Annex A does, in its order, and lists every other field as left out with why", () => {
    expect(annexAList6Columns).toEqual([
      "Child Unique ID",
      "Date Child Was Last Seen",
      "Allocated Team",
      "Allocated Worker",
    ]);
    expect(fieldsAccountedFor(list6, annexAList6)).toEqual(wellAccountedFor);
    expect(toCsv(annexAList6.columns, []).split("\r\n")[0]).toBe(
      "Child Unique ID,Date Child Was Last Seen,Allocated Team,Allocated Worker",
    );
  });

  it("lists each child with a held child-in-need meeting or a visit in the period, with the last day they were seen", () => {
    const rows = annexAList6.rows(caseload, annexAPeriod);
    expect(rows).toEqual([
      // Seen on 10 June; the 15 September visit did not see them; 5 December is after the period.
      {
        "Child Unique ID": "C-1001",
        "Date Child Was Last Seen": "10/06/2026",
        "Allocated Team": "Children in Need Team 1",
        "Allocated Worker": "Sam Social Worker",
      },
      // Only a visit, whose "seen" was not recorded.
      {
        "Child Unique ID": "C-1005",
        "Date Child Was Last Seen": "",
        "Allocated Team": "Children in Need Team 1",
        "Allocated Worker": "Sam Social Worker",
      },
      {
        "Child Unique ID": "C-2001",
        "Date Child Was Last Seen": "01/10/2026",
        "Allocated Team": "Children in Need Team 1",
        "Allocated Worker": "Sam Social Worker",
      },
      {
        "Child Unique ID": "C-2002",
        "Date Child Was Last Seen": "10/09/2026",
        "Allocated Team": "Children in Need Team 1",
        "Allocated Worker": "Sam Social Worker",
      },
      // The core group at 00:30 on 1 June, London time.
      {
        "Child Unique ID": "C-2004",
        "Date Child Was Last Seen": "",
        "Allocated Team": "",
        "Allocated Worker": "",
      },
      {
        "Child Unique ID": "C-3001",
        "Date Child Was Last Seen": "25/11/2026",
        "Allocated Team": "Children in Need Team 1",
        "Allocated Worker": "Sam Social Worker",
      },
      {
        "Child Unique ID": "C-3002",
        "Date Child Was Last Seen": "",
        "Allocated Team": "",
        "Allocated Worker": "",
      },
      {
        "Child Unique ID": "C-3003",
        "Date Child Was Last Seen": "",
        "Allocated Team": "",
        "Allocated Worker": "",
      },
      // Pre-proceedings meetings held in the period.
      {
        "Child Unique ID": "C-4001",
        "Date Child Was Last Seen": "",
        "Allocated Team": "",
        "Allocated Worker": "",
      },
      {
        "Child Unique ID": "C-4003",
        "Date Child Was Last Seen": "",
        "Allocated Team": "",
        "Allocated Worker": "",
      },
    ]);
    // Not held (C-1002), a TAC meeting (C-1003), held then cancelled (C-1004), before the period (C-2003).
    for (const child of ["C-1002", "C-1003", "C-1004", "C-2003", "C-1006"])
      expect(rows.map((r) => r["Child Unique ID"])).not.toContain(child);
    expect(rows.every((r) => dateOrBlank(r["Date Child Was Last Seen"]))).toBe(true);
  });
});

describe("Annex A CSV", () => {
  it("quotes a child reference holding a comma or quote and neutralises one that starts like a formula", () => {
    const odd = {
      ...caseload,
      meetings: [
        record({
          id: "x1",
          typeId: "cfpm",
          child: 'Smith, "J"',
          start: "2026-07-01T09:00:00.000Z",
          held: true,
        }),
        record({ id: "x2", typeId: "cfpm", child: "=1+2", start: "2026-07-01T09:00:00.000Z", held: true }),
      ],
      visits: [visit("=1+2", "2026-07-02", { seen: true })],
    };
    const csv = toCsv(annexAList6.columns, annexAList6.rows(odd, annexAPeriod));
    expect(csv).toBe(
      [
        "Child Unique ID,Date Child Was Last Seen,Allocated Team,Allocated Worker",
        "'=1+2,02/07/2026,Children in Need Team 1,Sam Social Worker",
        '"Smith, ""J""",,,',
        "",
      ].join("\r\n"),
    );
  });
});

describe("Annex A list 7: child protection", () => {
  it("names its columns as Annex A does, in its order, and lists every other field as left out with why", () => {
    expect(annexAList7Columns).toEqual([
      "Child Unique ID",
      "Date of the Last Statutory Visit",
      "Was the Child Seen Alone?",
    ]);
    expect(fieldsAccountedFor(list7, annexAList7)).toEqual(wellAccountedFor);
    expect(annexAList7.leftOut.map((f) => f.field)).toContain("Date of latest review conference");
  });

  it("lists each child with a core group held in the period, with the last visit and whether they were seen alone", () => {
    const rows = annexAList7.rows(caseload, annexAPeriod);
    expect(rows).toEqual([
      {
        "Child Unique ID": "C-2001",
        "Date of the Last Statutory Visit": "01/10/2026",
        "Was the Child Seen Alone?": "b) No",
      },
      {
        "Child Unique ID": "C-2002",
        "Date of the Last Statutory Visit": "10/09/2026",
        "Was the Child Seen Alone?": "c) Unknown",
      },
      {
        "Child Unique ID": "C-2004",
        "Date of the Last Statutory Visit": "",
        "Was the Child Seen Alone?": "",
      },
    ]);
    expect(rows.every((r) => dateOrBlank(r["Date of the Last Statutory Visit"]))).toBe(true);
    expect(
      rows.every((r) => ["", "a) Yes", "b) No", "c) Unknown"].includes(r["Was the Child Seen Alone?"])),
    ).toBe(true);
  });

  it("takes the visit as it stood at the period's end", () => {
    expect(annexAList7.rows(caseload, { from: "2026-06-01", to: "2026-09-30" })[0]).toEqual({
      "Child Unique ID": "C-2001",
      "Date of the Last Statutory Visit": "20/08/2026",
      "Was the Child Seen Alone?": "a) Yes",
    });
  });
});

describe("Annex A list 8: children in care", () => {
  it("names its columns as Annex A does, in its order, and lists every other field as left out with why", () => {
    expect(annexAList8Columns).toEqual([
      "Child Unique ID",
      "Date of Latest Statutory Review",
      "Date of Last Social Work Visit",
    ]);
    expect(fieldsAccountedFor(list8, annexAList8)).toEqual(wellAccountedFor);
  });

  it("lists each child with a Care Planning Meeting held in the period, with the latest CLA Review recorded as held", () => {
    const rows = annexAList8.rows(caseload, annexAPeriod);
    expect(rows).toEqual([
      // Planned on 1 July: only the 2 March Review had taken place; the review meeting of 20
      // October carries the same list, so 2 September is not known to have happened.
      {
        "Child Unique ID": "C-3001",
        "Date of Latest Statutory Review": "02/03/2026",
        "Date of Last Social Work Visit": "25/11/2026",
      },
      // Planned afresh on 10 November: the 2 September Review had taken place.
      {
        "Child Unique ID": "C-3002",
        "Date of Latest Statutory Review": "02/09/2026",
        "Date of Last Social Work Visit": "",
      },
      {
        "Child Unique ID": "C-3003",
        "Date of Latest Statutory Review": "",
        "Date of Last Social Work Visit": "",
      },
    ]);
    expect(rows.map((r) => r["Child Unique ID"])).not.toContain("C-3004");
    for (const row of rows) {
      expect(dateOrBlank(row["Date of Latest Statutory Review"])).toBe(true);
      expect(dateOrBlank(row["Date of Last Social Work Visit"])).toBe(true);
    }
  });

  it("writes a CSV that reads back to the same header and rows", () => {
    const rows = annexAList8.rows(caseload, annexAPeriod);
    const csv = toCsv(annexAList8.columns, rows);
    expect(parseCsv(csv)).toEqual([
      [...list8.filter((f) => annexAList8Columns.includes(f as never))],
      ...rows.map((r) => Object.values(r)),
    ]);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});
