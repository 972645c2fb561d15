/**
 * Reading a staff directory from the CSV or JSON an admin imports. Every problem is named by where
 * it is (the CSV line, or the JSON entry) and the field, and nothing is stored unless the whole
 * directory is sound:
 *
 * 1. Read the text: CSV with a header row (csv-parse), or JSON (an array of people, or
 *    `{ "people": [...] }`).
 * 2. Map each row's columns onto the person fields (headers in any case, with spaces, `_` or `-`).
 * 3. Check each person (person.ts: email, name, role from the catalog, team, agency, access).
 * 4. Check the directory as a whole: no email twice, every line manager in the directory and not
 *    the person themselves, no line that loops, at least one active admin (so someone can fix it).
 */
import { parse } from "csv-parse/sync";
import { maxDirectoryPeople, type StaffPerson, staffPersonSchema } from "./person.ts";

export interface DirectoryProblem {
  /** Where: "line 3" of a CSV (the header is line 1), "entry 2" of a JSON list, or "directory". */
  where: string;
  /** The field, e.g. "email", or "" for the row or the directory as a whole. */
  field: string;
  message: string;
}

export class DirectoryImportError extends Error {
  override name = "DirectoryImportError";
  constructor(readonly problems: DirectoryProblem[]) {
    super(
      `the directory was not imported: ${problems
        .slice(0, 5)
        .map((p) => `${p.where}${p.field ? `, ${p.field}` : ""}: ${p.message}`)
        .join("; ")}${problems.length > 5 ? `; and ${problems.length - 5} more` : ""}`,
    );
  }
}

export type DirectoryFormat = "csv" | "json";

/** The most bytes an import may be (20,000 people at a few hundred bytes each). */
export const maxDirectoryBytes = 8 * 1024 * 1024;

const columns: Record<string, keyof StaffPerson> = {
  name: "name",
  fullname: "name",
  email: "email",
  emailaddress: "email",
  role: "role",
  team: "team",
  agency: "agency",
  organisation: "agency",
  linemanager: "lineManager",
  linemanageremail: "lineManager",
  access: "access",
  groups: "access",
  active: "active",
};

interface Row {
  where: string;
  values: Record<string, unknown>;
  /** What is wrong with the row before its fields are checked (too many values, not an object). */
  problem?: string;
}

/** Parses and checks a whole directory. @throws DirectoryImportError naming every problem found. */
export function parseDirectory(text: string, format: DirectoryFormat): StaffPerson[] {
  if (new TextEncoder().encode(text).length > maxDirectoryBytes)
    throw new DirectoryImportError([
      {
        where: "directory",
        field: "",
        message: `the file is larger than ${maxDirectoryBytes / 1024 / 1024} MB`,
      },
    ]);
  // 1–2. Read rows.
  const rows = format === "csv" ? csvRows(text) : jsonRows(text);
  if (rows.length === 0)
    throw new DirectoryImportError([{ where: "directory", field: "", message: "it holds nobody" }]);
  if (rows.length > maxDirectoryPeople)
    throw new DirectoryImportError([
      {
        where: "directory",
        field: "",
        message: `it holds ${rows.length} people; at most ${maxDirectoryPeople}`,
      },
    ]);
  // 3. Each person.
  const problems: DirectoryProblem[] = [];
  const people: { where: string; person: StaffPerson }[] = [];
  for (const row of rows) {
    if (row.problem) {
      problems.push({ where: row.where, field: "", message: row.problem });
      continue;
    }
    const parsed = staffPersonSchema.safeParse(row.values);
    if (parsed.success) people.push({ where: row.where, person: parsed.data });
    else
      for (const issue of parsed.error.issues)
        problems.push({
          where: row.where,
          field: issue.code === "unrecognized_keys" ? issue.keys.join(", ") : String(issue.path[0] ?? ""),
          message:
            issue.code === "unrecognized_keys"
              ? `unknown field${issue.keys.length > 1 ? "s" : ""} (expected name, email, role, team, agency, lineManager, access, active)`
              : issue.message,
        });
  }
  // 4. The directory as a whole.
  problems.push(...directoryProblems(people));
  if (problems.length) throw new DirectoryImportError(problems);
  return people.map((p) => p.person);
}

/** What is wrong with a set of people as a directory (duplicates, line managers, loops, no admin). */
export function directoryProblems(
  people: readonly { where: string; person: StaffPerson }[],
): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const first = new Map<string, string>();
  for (const { where, person } of people) {
    const earlier = first.get(person.email);
    if (earlier)
      problems.push({ where, field: "email", message: `${person.email} is already on ${earlier}` });
    else first.set(person.email, where);
  }
  const byEmail = new Map(people.map((p) => [p.person.email, p.person]));
  for (const { where, person } of people) {
    if (!person.lineManager) continue;
    if (person.lineManager === person.email)
      problems.push({ where, field: "lineManager", message: "a person cannot be their own line manager" });
    else if (!byEmail.has(person.lineManager))
      problems.push({
        where,
        field: "lineManager",
        message: `${person.lineManager} is not in the directory`,
      });
  }
  const reported = new Set<string>();
  for (const { where, person } of people) {
    const seen: string[] = [];
    let at: StaffPerson | undefined = person;
    while (at?.lineManager && at.lineManager !== at.email) {
      seen.push(at.email);
      if (seen.includes(at.lineManager)) {
        const loop = seen.slice(seen.indexOf(at.lineManager));
        const id = [...loop].sort().join(" ");
        if (loop.includes(person.email) && !reported.has(id)) {
          reported.add(id);
          problems.push({
            where,
            field: "lineManager",
            message: `the line goes round in a loop: ${[...loop, at.lineManager].join(" → ")}`,
          });
        }
        break;
      }
      at = byEmail.get(at.lineManager);
    }
  }
  if (people.length > 0 && !people.some((p) => p.person.active && p.person.access.includes("admin")))
    problems.push({
      where: "directory",
      field: "access",
      message:
        "nobody active has admin access: give at least one person admin, so someone can change the directory",
    });
  return problems;
}

function csvRows(text: string): Row[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new DirectoryImportError([
      {
        where: line ? `line ${line}` : "directory",
        field: "",
        message: `this is not readable CSV (${error instanceof Error ? error.message.replace(/^Invalid [^:]*: /, "") : String(error)})`,
      },
    ]);
  }
  const [header, ...body] = records;
  if (!header) return [];
  const fields: (keyof StaffPerson | undefined)[] = [];
  const problems: DirectoryProblem[] = [];
  for (const name of header.record) {
    const key = name.toLowerCase().replace(/[\s_-]/g, "");
    // Own keys only: a column called "constructor" or "__proto__" is unknown, not Object's.
    const field = Object.hasOwn(columns, key) ? columns[key] : undefined;
    if (!field)
      problems.push({
        where: "line 1",
        field: name,
        message: `unknown column ${JSON.stringify(name)} (expected name, email, role, team, agency, lineManager, access, active)`,
      });
    else if (fields.includes(field))
      problems.push({ where: "line 1", field: name, message: `a second ${field} column` });
    fields.push(field);
  }
  for (const required of ["name", "email", "role", "team", "agency"] as const)
    if (!fields.includes(required))
      problems.push({ where: "line 1", field: required, message: `the header has no ${required} column` });
  if (problems.length) throw new DirectoryImportError(problems);
  return body.map(({ record, info }) => {
    const values: Record<string, unknown> = {};
    const where = `line ${info.lines}`;
    if (record.length > fields.length)
      return {
        where,
        values,
        problem: `${record.length} values for ${fields.length} columns (a comma not in quotes?)`,
      };
    record.forEach((value, i) => {
      const field = fields[i];
      if (!field || value === "") return;
      if (field === "access") values.access = value.split(/[;|,\s]+/).filter(Boolean);
      else if (field === "active") values.active = yesNo(value);
      else values[field] = value;
    });
    return { where, values };
  });
}

/** yes/no, true/false, y/n, 1/0: anything else is kept as text for the schema to refuse. */
function yesNo(value: string): boolean | string {
  const v = value.toLowerCase();
  if (["yes", "y", "true", "1"].includes(v)) return true;
  if (["no", "n", "false", "0"].includes(v)) return false;
  return value;
}

function jsonRows(text: string): Row[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new DirectoryImportError([
      {
        where: "directory",
        field: "",
        message: `this is not JSON (${error instanceof Error ? error.message : String(error)})`,
      },
    ]);
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === "object" && Array.isArray((data as { people?: unknown }).people)
      ? (data as { people: unknown[] }).people
      : undefined;
  if (!list)
    throw new DirectoryImportError([
      { where: "directory", field: "", message: 'expected a list of people, or { "people": [...] }' },
    ]);
  return list.map((values, i) => ({
    where: `entry ${i + 1}`,
    ...(values && typeof values === "object" && !Array.isArray(values)
      ? { values: values as Record<string, unknown> }
      : { values: {}, problem: "expected a person: an object with name, email, role, team and agency" }),
  }));
}
