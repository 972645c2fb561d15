#!/usr/bin/env node
/**
 * Makes sure Debian's `chromium` package is installed, for the browser tests (playwright-core drives
 * it; playwright's own browser download cannot run here). Installs it with apt-get (ensure-debian.mjs)
 * only when /usr/bin/chromium is missing.
 *
 * Run it: `node scripts/ensure-chromium.mjs` (prints the path). Import it:
 * `const path = await ensureChromium()`.
 */
import { pathToFileURL } from "node:url";
import { ensureDebianPrograms } from "./ensure-debian.mjs";

/** Where Debian's chromium package puts its launcher. */
export const chromiumPath = "/usr/bin/chromium";

/** Flags that keep headless Chromium quiet and offline in CI. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A chromium that could not be installed: the message says what to do instead. */
export { DebianInstallError as ChromiumInstallError } from "./ensure-debian.mjs";

/**
 * Returns the chromium executable path, installing Debian's package first when it is missing.
 * @param {{ log?: boolean }} [options] log: show apt-get's output (default false).
 * @returns {Promise<string>}
 */
export async function ensureChromium(options = {}) {
  ensureDebianPrograms([chromiumPath], ["chromium", "fonts-dejavu-core"], options);
  return chromiumPath;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureChromium({ log: true }).then(
    (path) => console.log(path),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
