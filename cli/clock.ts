/** `convene clock advance DURATION`: moves a running instance's virtual clock (e.g. 3d, 4h, 1w). */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseClockDuration } from "../adapters/local/clocks.ts";
import { type Command, UsageError } from "./io.ts";

export const clockCommand: Command = async (argv, io) => {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: argv,
        strict: true,
        allowPositionals: true,
        options: { url: { type: "string" } },
      });
    } catch (error) {
      throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments");
    }
  })();
  const [sub, duration, ...rest] = positionals;
  if (sub !== "advance" || !duration || rest.length > 0)
    throw new UsageError("usage: convene clock advance DURATION (e.g. 3d, 4h, 90m, 1w)");
  try {
    parseClockDuration(duration);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let url = values.url;
  if (!url) {
    try {
      url = (JSON.parse(await readFile(".convene/runtime.json", "utf8")) as { url: string }).url;
    } catch {
      throw new UsageError(
        "no running instance found (.convene/runtime.json): start one with `npm start -- --virtual-clock`",
      );
    }
  }
  let response: Response;
  try {
    response = await fetch(`${url}/clock/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ by: duration }),
    });
  } catch {
    throw new UsageError(`no running instance answered at ${url}`);
  }
  const body = (await response.json()) as { now?: string; error?: string };
  if (!response.ok) throw new UsageError(body.error ?? `the instance answered ${response.status}`);
  io.out(`clock is now ${body.now}`);
  return 0;
};
