/**
 * `npm run cost`: the idle monthly cost of each authority's stacks (from their synthesized
 * templates) and the cost of one meeting (from one lifecycle of the bench, on the embedded
 * runtime), itemized. Prices and assumptions: lib/cost/prices.ts.
 */
import { runLifecycleBench } from "../bench/lifecycle-bench.ts";
import { type CostLine, idleMonthlyCost, meetingCost, total } from "../lib/cost/model.ts";
import { authorityTemplates } from "../lib/cost/templates.ts";

const dollars = (n: number, digits = 2) => `$${n.toFixed(digits)}`;
const print = (lines: readonly CostLine[], digits: number) => {
  for (const line of lines)
    process.stdout.write(`  ${line.item.padEnd(64)} ${dollars(line.monthly, digits)}\n`);
};

const stacks = authorityTemplates();
const counts = (await runLifecycleBench(1)).perLifecycle;
for (const { stackName, templates } of stacks) {
  const idle = idleMonthlyCost(templates);
  process.stdout.write(`${stackName}: idle, per month (target < $3)\n`);
  print(idle, 2);
  process.stdout.write(`  ${"total".padEnd(64)} ${dollars(total(idle))}\n`);
  const meeting = meetingCost(counts, templates);
  process.stdout.write(`${stackName}: one meeting, excluding transcription (target < $0.01)\n`);
  print(meeting, 5);
  process.stdout.write(`  ${"total".padEnd(64)} ${dollars(total(meeting), 4)}\n`);
}
process.stdout.write(
  "List prices, not fetched live: check lib/cost/prices.ts against the AWS Pricing Calculator.\n",
);
