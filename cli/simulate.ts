/**
 * `convene simulate --children N --months M [--seed S] [--start YYYY-MM-DD] [--dir DIR]`: an
 * authority's caseload through the whole lifecycle on the embedded runtime's virtual clock
 * (adapters/local/simulation.ts), kept in DIR (default .convene-simulation) so that
 * `convene report --dir DIR` reports on it. Prints the meetings, the email volume by kind and
 * what the run took; exits 1 if any execution failed.
 */
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "../adapters/config/load-authority.ts";
import { holdsConveneData } from "../adapters/local/data-folder.ts";
import { OutboxMailer } from "../adapters/local/outbox-mailer.ts";
import { RecordingMailer } from "../adapters/local/recording-mailer.ts";
import { renderPoolFromEnv } from "../adapters/local/render-pool.ts";
import { LocalRuntime } from "../adapters/local/runtime.ts";
import { runSimulation } from "../adapters/local/simulation.ts";
import { isoDateSchema } from "../domain/clock/index.ts";
import { type Command, CommandFailedError, parseCommandArgs } from "./io.ts";

const count = (max: number) =>
  z.coerce
    .number({ error: "expected a whole number" })
    .int("expected a whole number")
    .min(1, "expected at least 1")
    .max(max, `expected at most ${max}`);

const argsSchema = z.object({
  children: count(5000),
  months: count(36),
  seed: z.coerce.number().int("expected a whole number").default(1),
  start: isoDateSchema.default("2026-04-01"),
  dir: z.string().min(1).default(".convene-simulation"),
  authority: z.string().min(1).optional(),
});

export const simulateCommand: Command = async (argv, io) => {
  const args = parseCommandArgs(
    argv,
    {
      children: { type: "string" },
      months: { type: "string" },
      seed: { type: "string" },
      start: { type: "string" },
      dir: { type: "string" },
      authority: { type: "string" },
    },
    argsSchema,
    ["children", "months"],
  );
  const dataDir = resolve(args.dir);
  // A simulation starts from nothing: it never mixes with a folder's earlier data.
  if (await holdsConveneData(dataDir))
    throw new CommandFailedError(`${dataDir} already holds Convene data: delete it or choose another --dir`);
  await mkdir(dataDir, { recursive: true });
  const started = performance.now();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  const outbox = join(dataDir, "outbox");
  let now = () => new Date(`${args.start}T08:00:00Z`);
  let runtime: LocalRuntime;
  let mailer: RecordingMailer;
  try {
    // MIME and documents on worker threads; the runtime closes them.
    const renderer = await renderPoolFromEnv();
    mailer = new RecordingMailer(new OutboxMailer(outbox, undefined, { now: () => now(), renderer }), {
      attachmentBytes: false,
    });
    runtime = await LocalRuntime.start({
      dataDir,
      virtualStart: new Date(`${args.start}T08:00:00Z`),
      outboxDir: outbox,
      mailer,
      retryIntervalMs: 0,
      ...(renderer ? { renderer } : {}),
      ...(args.authority ? { authorityFile: args.authority } : {}),
    });
  } catch (error) {
    clearInterval(sampler);
    if (error instanceof ConfigError) throw new CommandFailedError(error.message.replace(/\s*\n\s*/g, " "));
    throw error;
  }
  now = () => runtime.clock.now();
  try {
    let shown = 0;
    const result = await runSimulation(runtime, mailer, {
      children: args.children,
      months: args.months,
      seed: args.seed,
      onDay: (d, days) => {
        const tenth = Math.floor((10 * d) / days);
        if (tenth > shown) {
          shown = tenth;
          io.err(`simulate: ${d} of ${days} days`);
        }
      },
    });
    const wallS = (performance.now() - started) / 1000;
    const held = result.ledger.held.length;
    const byType = new Map<string, number>();
    for (const c of result.ledger.convened) byType.set(c.typeId, (byType.get(c.typeId) ?? 0) + 1);
    io.out(
      [
        `Simulated ${args.children} children for ${args.months} months (${result.from} to ${result.to}, seed ${args.seed}) in ${dataDir}`,
        `  meetings:   ${result.ledger.convened.length} convened (${[...byType].map(([t, n]) => `${n} ${t}`).join(", ")}), ${held} held`,
        `  actions:    ${result.ledger.actions.length} agreed; answers: ${result.ledger.invitationAnswers} to invitations, ${result.ledger.approvals} approvals, ${result.ledger.deemedConfirmed} deemed agreements confirmed, ${result.ledger.sectionsSupplied} records completed by the chair, ${result.ledger.rescheduled} meetings moved`,
        `  emails:     ${result.emails} (${Object.entries(result.emailsByKind)
          .sort((a, b) => b[1] - a[1])
          .map(([k, n]) => `${n} ${k}`)
          .join(", ")}), as .eml files in ${outbox}`,
        `  work:       ${result.executions} executions, ${result.transitions} state transitions, ${result.invocations} handler invocations, ${result.dynamoRequests} DynamoDB requests`,
        `  run:        ${wallS.toFixed(1)} s wall, ${Math.round(peak / 1024 / 1024)} MB peak RSS`,
        await costLine(args.authority, runtime.authority.id, result, args.months),
        `  next:       npx convene report --dir ${args.dir} --format html --out report.html`,
      ].join("\n"),
    );
    if (result.failedExecutions.length > 0) {
      io.err(
        `simulate: ${result.failedExecutions.length} execution(s) failed: ${result.failedExecutions.slice(0, 5).join(", ")}`,
      );
      return 1;
    }
    return 0;
  } finally {
    clearInterval(sampler);
    await runtime.close();
  }
};

/**
 * What this caseload would cost on AWS a month: the authority stack's idle cost (its synthesized
 * template) plus each meeting's usage, from this run's counts (lib/cost/model.ts, list prices in
 * lib/cost/prices.ts), transcription excluded.
 */
async function costLine(
  authorityFile: string | undefined,
  authorityId: string,
  result: Awaited<ReturnType<typeof runSimulation>>,
  months: number,
): Promise<string> {
  const { authorityTemplates } = await import("../lib/cost/templates.ts");
  const { idleMonthlyCost, meetingCost, total } = await import("../lib/cost/model.ts");
  const folder = authorityFile ? dirname(resolve(authorityFile)) : undefined;
  const mine = authorityTemplates(folder).find((a) => a.authorityId === authorityId);
  if (!mine) return "  cost:       (the authority's stack could not be synthesized here)";
  const meetings = Math.max(1, result.ledger.convened.length);
  const per = {
    transitions: result.transitions / meetings,
    invocations: result.invocations / meetings,
    dynamoRequests: result.dynamoRequests / meetings,
    emails: result.emails / meetings,
  };
  const idle = total(idleMonthlyCost(mine.templates));
  const perMeeting = total(meetingCost(per, mine.templates));
  const monthly = idle + (perMeeting * meetings) / months;
  return `  cost:       about $${monthly.toFixed(2)} a month on AWS: $${idle.toFixed(2)} idle + $${perMeeting.toFixed(4)} a meeting × ${(meetings / months).toFixed(1)} meetings a month (list prices, transcription excluded; npm run cost itemizes)`;
}
