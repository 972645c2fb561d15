/**
 * CSV as RFC 4180 writes it (https://www.rfc-editor.org/rfc/rfc4180): one header line, records
 * separated by CRLF, a field quoted when it holds a comma, a double quote, CR or LF, and a double
 * quote inside a quoted field doubled. No CSV library is a dependency of Convene (only csv-parse,
 * which reads), so this is the one writer the extracts share.
 *
 * A value that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is
 * prefixed with a single quote, as OWASP's "CSV Injection" guidance advises
 * (https://owasp.org/www-community/attacks/CSV_Injection): the returns are opened in Excel, and
 * the child's reference is the one field a person types freely.
 */

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

/**
 * One field, neutralised and quoted as needed.
 * @example csvField('a "b", c') // '"a ""b"", c"'
 * @example csvField("=1+1") // "'=1+1"
 */
export function csvField(value: string): string {
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The whole file: the header (the columns, in order) and one record per row, each ending in CRLF.
 * @example toCsv(["CHILD", "REVIEW"], [{ CHILD: "C1", REVIEW: "01/02/2026" }])
 * // "CHILD,REVIEW\r\nC1,01/02/2026\r\n"
 */
export function toCsv<C extends string>(
  columns: readonly C[],
  rows: ReadonlyArray<Readonly<Record<C, string>>>,
): string {
  const lines = [columns.map(csvField).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}
