/**
 * `convene deadline --from YYYY-MM-DD (--working-days|--days|--weeks|--months) N [--nation NATION]`
 * prints the due date alone (YYYY-MM-DD) on stdout. Bad input (an impossible date, a negative or
 * fractional count, an unknown nation, a date no holiday data can answer for) exits 2 with one line
 * on stderr. The nation defaults to england-and-wales.
 */
import { parseArgs } from "node:util";
import {
  addDuration,
  type DurationKind,
  durationKinds,
  HolidayDataError,
  InvalidDateError,
  InvalidDurationError,
  maxDurationAmount,
  nationSchema,
  parseIsoDate,
} from "#domain/clock/index.ts";
import { type Command, UsageError } from "./io.ts";

const usage =
  "usage: convene deadline --from YYYY-MM-DD (--working-days|--days|--weeks|--months) N " +
  "[--nation england-and-wales|scotland|northern-ireland]";

const options = {
  from: { type: "string" },
  "working-days": { type: "string" },
  days: { type: "string" },
  weeks: { type: "string" },
  months: { type: "string" },
  nation: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * `--days -3` would make parseArgs complain that the value is "ambiguous"; read it as `--days=-3`
 * so the count check below can say what is wrong with it.
 */
function attachNegativeCounts(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const next = argv[i + 1];
    const flag = arg.replace(/^--/, "");
    if (
      arg.startsWith("--") &&
      (durationKinds as readonly string[]).includes(flag) &&
      next &&
      /^-\d/.test(next)
    ) {
      out.push(`${arg}=${next}`);
      i += 1;
    } else {
      out.push(arg);
    }
  }
  return out;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: attachNegativeCounts(argv),
      options,
      strict: true,
      allowPositionals: false,
      tokens: true,
    });
  } catch (error) {
    // parseArgs messages can span lines; the CLI contract is one line.
    throw new UsageError(`${(error as Error).message.replace(/\s*\n\s*/g, " ")} (${usage})`);
  }
}

/** Prints the due date for a start date and a duration. */
export const deadlineCommand: Command = async (argv, io) => {
  const { values, tokens } = parse(argv);
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    if (seen.has(token.name)) throw new UsageError(`--${token.name} given more than once`);
    seen.add(token.name);
  }
  if (values.from === undefined) throw new UsageError(`missing --from YYYY-MM-DD (${usage})`);
  const given = durationKinds.filter((kind) => values[kind] !== undefined);
  const [kind] = given;
  if (given.length !== 1 || kind === undefined) {
    throw new UsageError(
      `give exactly one of --working-days, --days, --weeks, --months (got ${given.length ? given.map((k) => `--${k}`).join(", ") : "none"})`,
    );
  }
  const count = values[kind] as string;
  if (!/^\d+$/.test(count) || Number(count) > maxDurationAmount) {
    throw new UsageError(
      `--${kind}: expected a whole number from 0 to ${maxDurationAmount}, got ${JSON.stringify(count)}`,
    );
  }
  const nation = nationSchema.safeParse(values.nation ?? "england-and-wales");
  if (!nation.success) throw new UsageError(`--nation: ${nation.error.issues[0]?.message}`);
  try {
    const from = parseIsoDate(values.from, "--from");
    io.out(addDuration(from, { kind: kind as DurationKind, amount: Number(count) }, nation.data));
    return 0;
  } catch (error) {
    if (
      error instanceof InvalidDateError ||
      error instanceof HolidayDataError ||
      error instanceof InvalidDurationError
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
};
