import { type ParseArgsConfig, parseArgs } from "node:util";
import type { z } from "zod";

/**
 * Shared plumbing for the `convene` command line: a usage error (exit 2, one line on stderr),
 * and the streams a command writes to, so tests can run commands in-process.
 */

/** A bad command-line argument or input file: the CLI prints its message alone and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * A failure the command explains in one line, e.g. a damaged file it needs to start: the CLI prints
 * its message alone (no stack trace) and exits 1.
 */
export class CommandFailedError extends Error {
  override name = "CommandFailedError";
}

/** Where a command writes. Tests pass buffers; the real CLI passes process.stdout/stderr. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A command: takes its own arguments (after the command words), returns the exit code. */
export type Command = (argv: string[], io: CliIo) => Promise<number>;

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
};

/** Captures what a command writes, for tests. */
export function captureIo(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return {
    out: (t) => {
      out += t.endsWith("\n") ? t : `${t}\n`;
    },
    err: (t) => {
      err += t.endsWith("\n") ? t : `${t}\n`;
    },
    stdout: () => out,
    stderr: () => err,
  };
}

/**
 * A command's arguments: parsed strictly by node:util, the required ones present, then checked by
 * a zod schema; any problem is one UsageError naming the argument (`--from: …`).
 */
export function parseCommandArgs<T>(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  schema: z.ZodType<T>,
  required: readonly string[] = [],
): T {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options }));
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments");
  }
  for (const name of required) if (values[name] === undefined) throw new UsageError(`--${name} is required`);
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`--${String(issue?.path[0] ?? "arguments")}: ${issue?.message ?? "not valid"}`);
  }
  return parsed.data;
}
