/**
 * Entry point of the `convene` CLI: dispatches `convene <command> [subcommand] …` to the
 * modules in cli/. Usage errors print one line on stderr and exit 2.
 */
import { DataFolderInUseError } from "../adapters/local/data-lock.ts";
import { type CliIo, type Command, CommandFailedError, processIo, UsageError } from "../cli/io.ts";

type Loader = () => Promise<Command>;

// Commands are imported lazily so `convene deadline` does not pay for aws-cdk-lib.
const commands: Record<string, Loader> = {
  deadline: async () => (await import("../cli/deadline.ts")).deadlineCommand,
  types: async () => (await import("../cli/types.ts")).typesCommand,
  plan: async () => (await import("../cli/plan.ts")).planCommand,
  start: async () => (await import("../cli/start.ts")).startCommand,
  demo: async () => (await import("../cli/demo.ts")).demoCommand,
  clock: async () => (await import("../cli/clock.ts")).clockCommand,
  mail: async () => (await import("../cli/mail.ts")).mailCommand,
  transcript: async () => (await import("../cli/transcript.ts")).transcriptCommand,
  minutes: async () => (await import("../cli/minutes.ts")).minutesCommand,
  redrive: async () => (await import("../cli/redrive.ts")).redriveCommand,
  report: async () => (await import("../cli/report.ts")).reportCommand,
  simulate: async () => (await import("../cli/simulate.ts")).simulateCommand,
  extract: async () => (await import("../cli/extract.ts")).extractCommand,
  erase: async () => (await import("../cli/erase.ts")).eraseCommand,
};

const usage = `usage: convene <command> …
  deadline --from YYYY-MM-DD (--working-days|--days|--weeks|--months) N [--nation NATION]
  types [--json] | types show ID
  plan FILE.json
  start [--memory] [--virtual-clock]      the embedded runtime (npm start)
  demo [--outbox DIR]                      the seed 000 professionals meeting, end to end
  clock advance DURATION                   e.g. 3d, 4h, 2w against a running instance
  mail classify FILE.eml [--secret S] | mail reply FILE.eml
  transcript import FILE [--format auto|vtt|transcribe|text|docx]
  minutes draft --meeting MEETING.json --transcript FILE [--docx OUT.docx]
  simulate --children N --months M [--seed S] [--start D] [--dir DIR]   a caseload on the virtual clock
  report [--from D] [--to D] [--format csv|html|json] [--out FILE] [--dir DIR]   the compliance report
  redrive [--authority FILE] [--dry-run] [--limit N]   dead letters back to their functions (AWS credentials)
  erase --email ADDRESS --request REF --by ADMIN [--dry-run] [--dir DIR]   a person's data, on a lawful request
  extract --return ID --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE]   a return or inspection list as CSV`;

/** Runs the CLI with the given arguments and returns the process exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(usage);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    io.err(`convene: unknown command '${name}' (try: ${Object.keys(commands).join(", ")})`);
    return 2;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      // One line, whatever the message (node:util parseArgs explains over three).
      io.err(`convene ${name}: ${error.message.replace(/\s*\n\s*/g, " ")}`);
      return 2;
    }
    if (error instanceof DataFolderInUseError || error instanceof CommandFailedError) {
      io.err(`convene ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
