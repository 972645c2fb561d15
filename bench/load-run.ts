/**
 * `npm run load`: N meetings (CONVENE_LOAD_MEETINGS, default 1,000) convened concurrently through
 * the local API (CONVENE_LOAD_CONCURRENCY requests at once, default 50), then driven to the end
 * (bench/api-load.ts). Prints the figures and exits 1 if a check failed.
 */
import { runApiLoad } from "./api-load.ts";

const meetings = Number(process.env.CONVENE_LOAD_MEETINGS ?? 1000);
const concurrency = Number(process.env.CONVENE_LOAD_CONCURRENCY ?? 50);
const r = await runApiLoad(meetings, concurrency);
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(40)} ${value}\n`);
line(
  `${r.meetings} meetings convened through the API`,
  `${r.conveneMs} ms (${r.concurrency} at once); statuses ${JSON.stringify(r.statuses)}`,
);
line("driven to the end (virtual clock)", `${r.driveMs} ms; ${r.closed} closed; ${r.emails} emails`);
line("peak RSS", `${r.peakRssMb} MB`);
line("emails sent twice", String(r.duplicates));
line("waits without their deadline timer", String(r.lostTimers));
for (const l of r.lost) line("  ", l);
line("failed executions", String(r.failedExecutions));
process.exit(r.duplicates || r.lostTimers || r.failedExecutions || r.statuses["201"] !== meetings ? 1 : 0);
