/**
 * `convene start`: the embedded runtime (the main job of `npm start`). Boots local DynamoDB on disk
 * under .convene/, the workflows, the local server and SMTP, resumes every meeting in flight, and
 * runs until Ctrl-C, shutting down cleanly.
 */
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../adapters/config/load-authority.ts";
import { applyRawReply } from "../adapters/local/inbound.ts";
import { renderPoolFromEnv } from "../adapters/local/render-pool.ts";
import { LocalRuntime, ReplySecretError } from "../adapters/local/runtime.ts";
import { startLocalServer } from "../adapters/local/server.ts";
import { startSmtpInbound } from "../adapters/local/smtp-inbound.ts";
import { type Command, CommandFailedError, UsageError } from "./io.ts";

export const startCommand: Command = async (argv, io) => {
  let values: {
    memory?: boolean;
    "virtual-clock"?: boolean;
    port?: string;
    "smtp-port"?: string;
    dir?: string;
    authority?: string;
    once?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        memory: { type: "boolean" },
        "virtual-clock": { type: "boolean" },
        port: { type: "string" },
        "smtp-port": { type: "string" },
        dir: { type: "string" },
        authority: { type: "string" },
        once: { type: "boolean" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments");
  }
  const port = values.port === undefined ? 8787 : Number(values.port);
  const smtpPort = values["smtp-port"] === undefined ? 2525 : Number(values["smtp-port"]);
  for (const [name, n] of [
    ["--port", port],
    ["--smtp-port", smtpPort],
  ] as const) {
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new UsageError(`${name} must be a port number (0-65535)`);
  }
  const dataDir = resolve(values.dir ?? ".convene");
  const started = Date.now();
  let runtime: LocalRuntime;
  try {
    // MIME and documents on worker threads; the runtime closes them.
    const renderer = await renderPoolFromEnv();
    runtime = await LocalRuntime.start({
      dataDir,
      memory: values.memory,
      virtualStart: values["virtual-clock"] ? new Date() : undefined,
      authorityFile: values.authority,
      ...(renderer ? { renderer } : {}),
    });
  } catch (error) {
    // A bad authority file or a damaged secret: one line naming the file and the problem.
    if (error instanceof ConfigError || error instanceof ReplySecretError)
      throw new CommandFailedError(error.message.replace(/\s*\n\s*/g, " "));
    throw error;
  }
  const desk = runtime.replyDesk();
  const server = await startLocalServer(runtime, desk, port);
  runtime.setBaseUrl(server.url);
  const smtp = await startSmtpInbound({
    port: smtpPort,
    onMessage: async (raw, envelope) => {
      await applyRawReply(desk, raw, envelope.to, envelope.from);
      await runtime.settle();
    },
  });
  await writeFile(
    join(dataDir, "runtime.json"),
    JSON.stringify(
      { url: server.url, smtpPort: smtp.port, pid: process.pid, outbox: runtime.outboxDir },
      null,
      2,
    ),
  );
  const resumed = await runtime.resume();
  if (!values["virtual-clock"]) runtime.startSweeper();
  io.out(
    [
      `Convene is running for ${runtime.authority.name} (embedded runtime, ${Date.now() - started} ms to start).`,
      `  data:       ${values.memory ? "in memory" : dataDir}`,
      `  outbox:     ${runtime.outboxDir}   (every email as a real .eml file)`,
      `  workspace:  ${server.url}/   (staff pages: sign in locally as someone in the directory; JSON API at /api, described at /api/openapi.json)`,
      `  local api:  ${server.url}/meetings   (answer pages at /r/…, POST /meetings, GET /meetings/ID, no sign-in, loopback only)`,
      `  smtp:       127.0.0.1:${smtp.port}   (reply from a mail client, or: npx convene mail reply FILE.eml)`,
      `  clock:      ${values["virtual-clock"] ? `virtual, now ${runtime.clock.now().toISOString()} (it carries on from where it stopped in this folder): npx convene clock advance 3d` : "real time (start with --virtual-clock to advance it)"}`,
      `  resumed:    ${resumed.meetings} meeting(s) and ${resumed.trackers} action tracker(s) in flight`,
      "  try:        npx convene demo   (the seed 000 professionals meeting, end to end)",
      "Ctrl-C to stop.",
    ].join("\n"),
  );
  if (values.once) {
    await Promise.all([server.close(), smtp.close(), runtime.close()]);
    return 0;
  }
  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  io.out("Stopping: finishing the current step, closing the database…");
  await server.close();
  await smtp.close();
  await runtime.close();
  io.out(`Stopped. State is kept in ${dataDir}; the next start resumes every meeting in flight.`);
  return 0;
};
