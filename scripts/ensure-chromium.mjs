#!/usr/bin/env node
/**
 * Makes sure Debian's `chromium` package is installed, for the browser tests (playwright-core drives
 * it; playwright's own browser download cannot run here). Installs it with apt-get, non-interactively,
 * as root or through `sudo -n`, only when /usr/bin/chromium is missing.
 *
 * Run it: `node scripts/ensure-chromium.mjs` (prints the path). Import it:
 * `const path = await ensureChromium()`.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";

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
export class ChromiumInstallError extends Error {
  name = "ChromiumInstallError";
}

function run(command, args, log) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const [cmd, argv] = isRoot ? [command, args] : ["sudo", ["-n", command, ...args]];
  execFileSync(cmd, argv, {
    stdio: ["ignore", log ? "inherit" : "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}

/**
 * Returns the chromium executable path, installing Debian's package first when it is missing.
 * @param {{ log?: boolean }} [options] log: show apt-get's output (default false).
 * @returns {Promise<string>}
 */
export async function ensureChromium(options = {}) {
  if (existsSync(chromiumPath)) return chromiumPath;
  try {
    run("apt-get", ["update", "-qq"], options.log ?? false);
    run(
      "apt-get",
      ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"],
      options.log ?? false,
    );
  } catch (error) {
    throw new ChromiumInstallError(
      `could not install Debian's chromium (${error instanceof Error ? error.message : String(error)}); ` +
        "run `apt-get install chromium` as root",
    );
  }
  if (!existsSync(chromiumPath)) {
    throw new ChromiumInstallError(`apt-get finished but ${chromiumPath} is still missing`);
  }
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
