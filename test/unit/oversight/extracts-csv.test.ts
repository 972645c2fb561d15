import { describe, expect, it } from "vitest";
import { csvField, toCsv } from "../../../domain/oversight/extracts/csv.ts";
import { parseCsv } from "./extracts-support.ts";

describe("the extracts' CSV (RFC 4180)", () => {
  it("quotes a field holding a comma, a double quote, CR or LF, doubling the quotes inside", () => {
    expect(csvField("C-1001")).toBe("C-1001");
    expect(csvField("Smith, J")).toBe('"Smith, J"');
    expect(csvField('the "Smith" family')).toBe('"the ""Smith"" family"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("carriage\rreturn")).toBe('"carriage\rreturn"');
  });

  it("neutralises a value a spreadsheet would run as a formula with a leading single quote", () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField("+44")).toBe("'+44");
    expect(csvField("-1+2")).toBe("'-1+2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tTAB")).toBe("'\tTAB");
    expect(csvField("\rX")).toBe('"\'\rX"');
    // A date or an ordinary reference is left as it is.
    expect(csvField("01/02/2026")).toBe("01/02/2026");
    expect(csvField("C-1001")).toBe("C-1001");
  });

  it("writes the header and one CRLF-terminated record per row, which a CSV reader reads back", () => {
    const rows = [
      { CHILD: 'Smith, "J"', REVIEW: "01/02/2026" },
      { CHILD: "two\r\nlines", REVIEW: "" },
    ];
    const csv = toCsv(["CHILD", "REVIEW"], rows);
    expect(csv).toBe('CHILD,REVIEW\r\n"Smith, ""J""",01/02/2026\r\n"two\r\nlines",\r\n');
    expect(parseCsv(csv, { columns: true })).toEqual(rows);
  });
});
