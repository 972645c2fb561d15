#!/usr/bin/env node
/**
 * Refreshes the bundled UK bank holidays, domain/clock/bank-holidays.json, from GOV.UK.
 *
 *   npm run holidays:refresh            fetch, check, merge, rewrite the bundle, list the changes
 *   npm run holidays:refresh -- --check fetch and check only; exit 1 if the bundle would change
 *
 * What it does:
 *  1. Fetches https://www.gov.uk/bank-holidays.json (needs the internet; nothing else here does).
 *  2. Checks its shape with the same zod schema the clock loads the bundle with
 *     (domain/clock/bank-holiday-feed.ts): three divisions — england-and-wales, scotland,
 *     northern-ireland — each with events { title, date: real YYYY-MM-DD, notes, bunting }.
 *  3. Merges without ever shrinking coverage: each year the download lists completely (its January
 *     and December holidays present) replaces that year of the bundle; years the download lacks
 *     (GOV.UK drops old years) or lists only in part stay as bundled. The result must still be a
 *     contiguous run of complete years per division, or the script refuses and writes nothing.
 *  4. Writes the bundle back in GOV.UK's format, events sorted by date, and prints every added,
 *     removed or retitled date, for review in the diff before committing.
 *
 * Run it when GOV.UK announces a one-off bank holiday, and at least once a year so the bundle stays
 * ahead of the dates the clock is asked about (after the bundle, the date-holidays library's rules
 * answer, and they cannot know one-off days announced after its release).
 * Exit codes: 0 done (or, with --check, up to date), 1 refused or would change, 2 bad arguments.
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const source = "https://www.gov.uk/bank-holidays.json";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundlePath = join(root, "domain", "clock", "bank-holidays.json");

const args = process.argv.slice(2);
if (args.some((arg) => arg !== "--check")) {
  process.stderr.write("usage: npm run holidays:refresh [-- --check]\n");
  process.exit(2);
}
const checkOnly = args.includes("--check");

// The domain module is TypeScript: let tsx compile it, as bin/convene.js does.
const { register } = await import("tsx/esm/api");
register();
const { mergeBankHolidayFeed, parseBankHolidayFeed } = await import("../domain/clock/bank-holiday-feed.ts");

try {
  const bundled = parseBankHolidayFeed(JSON.parse(await readFile(bundlePath, "utf8")), bundlePath);
  const response = await fetch(source, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`${source}: HTTP ${response.status} ${response.statusText}`);
  const { feed, changes } = mergeBankHolidayFeed(bundled, await response.json(), source);
  for (const change of changes) process.stdout.write(`${change}\n`);
  if (checkOnly) {
    process.stdout.write(
      changes.length ? `${changes.length} change(s) to bundle\n` : "bundle is up to date\n",
    );
    process.exitCode = changes.length ? 1 : 0;
  } else {
    await writeFile(bundlePath, `${JSON.stringify(feed, null, 2)}\n`);
    process.stdout.write(`wrote ${bundlePath} (${changes.length} change(s))\n`);
  }
} catch (error) {
  process.stderr.write(`holidays:refresh: refused, bundle unchanged: ${error.message}\n`);
  process.exitCode = 1;
}
