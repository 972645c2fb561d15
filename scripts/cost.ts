/**
 * `npm run cost`: the idle monthly cost of each authority's stacks (from their synthesized
 * templates) and the cost of one meeting (from one lifecycle of the bench, on the embedded
 * runtime), itemized. Prices and assumptions: lib/cost/prices.ts.
 */
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { loadAuthorityDirectory } from "../adapters/config/load-authorities.ts";
import { runLifecycleBench } from "../bench/lifecycle-bench.ts";
import { addAuthorityStacks } from "../lib/app.ts";
import { type CostLine, idleMonthlyCost, meetingCost, type Template, total } from "../lib/cost/model.ts";
import { cdkJsonContext } from "../lib/synth-local.ts";

const dollars = (n: number, digits = 2) => `$${n.toFixed(digits)}`;
const print = (lines: readonly CostLine[], digits: number) => {
  for (const line of lines)
    process.stdout.write(`  ${line.item.padEnd(64)} ${dollars(line.monthly, digits)}\n`);
};

const app = new App({ context: { ...cdkJsonContext(), "aws:cdk:bundling-stacks": [] } });
const authorities = loadAuthorityDirectory(fileURLToPath(new URL("../authorities/", import.meta.url)));
const stacks = addAuthorityStacks(app, authorities);
const assembly = app.synth();
const templatesOf = (stack: (typeof stacks)[number]) =>
  [stack, ...(stack.inbound ? [stack.inbound] : [])].map(
    (s) => assembly.getStackArtifact(s.artifactId).template as Template,
  );

const counts = (await runLifecycleBench(1)).perLifecycle;
for (const stack of stacks) {
  const templates = templatesOf(stack);
  const idle = idleMonthlyCost(templates);
  process.stdout.write(`${stack.stackName}: idle, per month (target < $3)\n`);
  print(idle, 2);
  process.stdout.write(`  ${"total".padEnd(64)} ${dollars(total(idle))}\n`);
  const meeting = meetingCost(counts, templates);
  process.stdout.write(`${stack.stackName}: one meeting, excluding transcription (target < $0.01)\n`);
  print(meeting, 5);
  process.stdout.write(`  ${"total".padEnd(64)} ${dollars(total(meeting), 4)}\n`);
}
process.stdout.write(
  "List prices, not fetched live: check lib/cost/prices.ts against the AWS Pricing Calculator.\n",
);
