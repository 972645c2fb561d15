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
