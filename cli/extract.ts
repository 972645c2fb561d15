/**
 * `convene extract --return ID --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE] [--authority FILE]
 * [--dir DIR]`: a return or inspection list as CSV, from what the embedded runtime's data folder
 * holds (the one `convene start` uses, .convene by default; stop the runtime first, one process
 * opens a folder at a time). The CSV goes to FILE, or to stdout; the specification's fields that
 * Convene does not hold go to stderr, each with why.
 *
 * 1. Parse and check the arguments (one error naming the argument).
 * 2. Open the data folder's stores to read (adapters/local/data-folder.ts: its lock taken, nothing
 *    run or created) and read the caseload once (adapters/oversight/load-caseload.ts).
 * 3. Build the rows (domain/oversight/extracts), write the CSV, list the fields left out.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ConfigError } from "../adapters/config/load-authority.ts";
import { NoDataFolderError, type OpenDataFolder, openDataFolder } from "../adapters/local/data-folder.ts";
import { loadCaseload } from "../adapters/oversight/load-caseload.ts";
import { isoDateSchema } from "../domain/clock/dates.ts";
import { extractIds, extracts, toCsv } from "../domain/oversight/extracts/index.ts";
import { type Command, CommandFailedError, UsageError } from "./io.ts";

const usage =
  `usage: convene extract --return ${extractIds.join("|")} --from YYYY-MM-DD --to YYYY-MM-DD ` +
  "[--out FILE] [--authority FILE] [--dir DIR]";

/** The arguments, checked: each problem names its argument. */
export const extractArgsSchema = z
  .object({
    return: z.enum(extractIds, { error: () => `expected one of ${extractIds.join(", ")}` }),
    from: isoDateSchema,
    to: isoDateSchema,
    out: z.string().min(1).optional(),
    authority: z.string().min(1).optional(),
    dir: z.string().min(1).optional(),
  })
  .refine((a) => a.from <= a.to, { path: ["to"], error: "expected a date on or after --from" });
export type ExtractArgs = z.infer<typeof extractArgsSchema>;

function parse(argv: string[]): ExtractArgs | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        return: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        out: { type: "string" },
        authority: { type: "string" },
        dir: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0] ?? "bad arguments"} (${usage})`);
  }
  if (values.help) return "help";
  for (const required of ["return", "from", "to"] as const) {
    if (values[required] === undefined) throw new UsageError(`missing --${required} (${usage})`);
  }
  const parsed = extractArgsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? "arguments")}: ${issue?.message}`);
  }
  return parsed.data;
}

export const extractCommand: Command = async (argv, io) => {
  // 1. The arguments.
  const args = parse(argv);
  if (args === "help") {
    io.out(usage);
    return 0;
  }
  const extract = extracts[args.return];
  const dataDir = resolve(args.dir ?? ".convene");
  // 2. The folder's stores, opened to read (nothing runs, nothing is created), and the caseload read once.
  let folder: OpenDataFolder;
  try {
    folder = await openDataFolder(dataDir, args.authority);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof NoDataFolderError)
      throw new CommandFailedError(error.message.replace(/\s*\n\s*/g, " "));
    throw error;
  }
  let csv: string;
  let count: number;
  try {
    const caseload = await loadCaseload(folder.authority.id, folder.authority.timezone, folder);
    // 3. The rows and the file.
    const rows = extract.rows(caseload, { from: args.from, to: args.to });
    count = rows.length;
    csv = toCsv(extract.columns, rows);
  } finally {
    await folder.close();
  }
  if (args.out) {
    await writeFile(args.out, csv, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new CommandFailedError(`--out: cannot write ${args.out} (${error.code ?? error.message})`);
    });
    io.err(`${extract.title}: ${count} row(s) written to ${args.out} (${args.from} to ${args.to}).`);
  } else {
    // Written as is: processIo adds a newline only where the text lacks one, and CSV ends in CRLF.
    io.out(csv);
  }
  io.err(`Source: ${extract.specification}`);
  io.err(`Fields left out (${extract.leftOut.length}): Convene does not hold them`);
  for (const field of extract.leftOut) io.err(`  ${field.field}: ${field.reason}`);
  return 0;
};
