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
  // The target is for a web ACL shared by several authorities (its share) or none (waf: "off").
  const ownWaf = idle.filter((line) => line.item.startsWith("WAF"));
  if (total(ownWaf) > 0) {
    const label = 'total with a shared web ACL or waf: "off" (WAF line dropped)';
    process.stdout.write(`  ${label.padEnd(64)} ${dollars(total(idle) - total(ownWaf))}\n`);
  }
  const meeting = meetingCost(counts, templates);
  process.stdout.write(`${stackName}: one meeting, excluding transcription (target < $0.01)\n`);
  print(meeting, 5);
  process.stdout.write(`  ${"total".padEnd(64)} ${dollars(total(meeting), 4)}\n`);
}
process.stdout.write(
  "List prices, not fetched live: check lib/cost/prices.ts against the AWS Pricing Calculator.\n",
);
// As bench/run.ts does: the embedded runtime's closed handles can keep the event loop alive.
process.exit(0);
