/**
 * Installs a Debian package a test needs when its program is missing, with apt-get,
 * non-interactively, as root or through `sudo -n`. The browser tests (chromium) and the document
 * tests (LibreOffice, poppler-utils) call it, so a fresh machine needs nothing installed by hand.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** A Debian package that could not be installed: the message says what to do instead. */
export class DebianInstallError extends Error {
  name = "DebianInstallError";
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
 * Makes sure every path in `programs` exists, installing `packages` (without recommends) when one
 * is missing.
 * @param {string[]} programs absolute paths the packages provide
 * @param {string[]} packages Debian package names
 * @param {{ log?: boolean }} [options] log: show apt-get's output (default false)
 */
export function ensureDebianPrograms(programs, packages, options = {}) {
  if (programs.every((p) => existsSync(p))) return;
  try {
    run("apt-get", ["update", "-qq"], options.log ?? false);
    run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], options.log ?? false);
  } catch (error) {
    throw new DebianInstallError(
      `could not install Debian's ${packages.join(", ")} (${error instanceof Error ? error.message : String(error)}); ` +
        `run \`apt-get install ${packages.join(" ")}\` as root`,
    );
  }
  const missing = programs.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new DebianInstallError(`apt-get finished but ${missing.join(", ")} is still missing`);
  }
}
