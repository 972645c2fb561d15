/**
 * `convene erase --email ADDRESS --request REF --by ADMIN [--dry-run] [--dir DIR] [--authority FILE]`:
 * a person's data erased on a lawful request (domain/lifecycle/erase-person.ts), in a stopped
 * embedded runtime's data folder. Refused, changing nothing, while anything still needs the
 * address; each reason is printed. `--dry-run` prints what would change.
 */

import { resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "../adapters/config/load-authority.ts";
import { NoDataFolderError, requireConveneData } from "../adapters/local/data-folder.ts";
import { LocalRuntime, ReplySecretError } from "../adapters/local/runtime.ts";
import { staffEmailSchema } from "../domain/directory/person.ts";
import { ErasureRefusedError, erasePerson } from "../domain/lifecycle/erase-person.ts";
import { sweepRetention } from "../domain/lifecycle/retention.ts";
import { type Command, CommandFailedError, parseCommandArgs } from "./io.ts";

const argsSchema = z.object({
  email: staffEmailSchema,
  request: z.string().trim().min(1, "give the lawful request's reference").max(200),
  by: staffEmailSchema,
  "dry-run": z.boolean().default(false),
  dir: z.string().min(1).default(".convene"),
  authority: z.string().min(1).optional(),
});

export const eraseCommand: Command = async (argv, io) => {
  const args = parseCommandArgs(
    argv,
    {
      email: { type: "string" },
      request: { type: "string" },
      by: { type: "string" },
      "dry-run": { type: "boolean" },
      dir: { type: "string" },
      authority: { type: "string" },
    },
    argsSchema,
    ["email", "request", "by"],
  );
  const dataDir = resolve(args.dir);
  try {
    await requireConveneData(dataDir);
  } catch (error) {
    if (error instanceof NoDataFolderError) throw new CommandFailedError(error.message);
    throw error;
  }
  let runtime: LocalRuntime;
  try {
    runtime = await LocalRuntime.start({
      dataDir,
      ...(args.authority ? { authorityFile: args.authority } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ReplySecretError)
      throw new CommandFailedError(error.message.replace(/\s*\n\s*/g, " "));
    throw error;
  }
  try {
    const directory = await runtime.directory.getDirectory(runtime.authority.id);
    const result = await erasePerson(runtime.kernel, {
      email: args.email,
      request: args.request,
      actor: args.by,
      via: "cli",
      dryRun: args["dry-run"],
      inDirectory: directory.people.some((p) => p.email === args.email),
    });
    // The transcripts made due for removal go now (the sweep a running runtime would do).
    const removed = result.dryRun
      ? 0
      : (await sweepRetention(runtime.kernel, new Date(runtime.clock.now().getTime() - 60_000).toISOString()))
          .removed;
    io.out(
      [
        `${result.dryRun ? "Would erase" : "Erased"} ${args.email} (request ${args.request}) from ${result.meetings.length} meeting(s) and ${result.plans.length} closed child's plan(s); their address is now ${result.tombstone}.`,
        ...result.meetings.map(
          (m) =>
            `  ${m.id}: ${m.roles.join(", ")}${result.dryRun ? "" : `; ${m.logItems} log item(s) redacted`}`,
        ),
        ...(result.dryRun ? [] : [`Transcripts and recordings removed from ${removed} meeting(s).`]),
        "Kept, as the statutory record: the agreed minutes or plan (every version), the names of those who attended, the actions.",
      ].join("\n"),
    );
    return 0;
  } catch (error) {
    if (error instanceof ErasureRefusedError) {
      io.err(`convene erase: nothing was erased:\n${error.blockers.map((b) => `  - ${b}`).join("\n")}`);
      return 1;
    }
    throw error;
  } finally {
    await runtime.close();
  }
};
