/**
 * `convene start` as a child process: a damaged authority file or reply-token secret stops it with
 * one clear line on stderr and a non-zero exit, no stack trace, and the secret is never rewritten.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

async function start(
  dir: string,
  extra: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.CONVENE_REPLY_SECRET;
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["bin/convene.js", "start", "--dir", dir, "--port", "0", "--smtp-port", "0", "--once", ...extra],
      { env, timeout: 120_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");

describe("convene start checks its files before it starts", () => {
  it("names a truncated authority file and the problem in one line, exit 1, no stack trace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "convene-start-"));
    const text = await readFile("authorities/demo.json", "utf8");
    const truncated = join(dir, "truncated.json");
    await writeFile(truncated, text.slice(0, text.length / 2));
    const out = await start(join(dir, "data"), ["--authority", truncated]);
    expect(out.code).toBe(1);
    expect(lines(out.stderr)).toHaveLength(1);
    expect(out.stderr).toMatch(
      new RegExp(`^convene start: ${truncated.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON`),
    );
    expect(out.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it("refuses a 3-byte reply-secret with one line, exit 1, and leaves the file as it was", async () => {
    const dir = await mkdtemp(join(tmpdir(), "convene-start-"));
    const secret = join(dir, "reply-secret");
    await writeFile(secret, "abc");
    const out = await start(dir);
    expect(out.code).toBe(1);
    expect(lines(out.stderr)).toHaveLength(1);
    expect(out.stderr).toMatch(
      /^convene start: .*reply-secret: damaged reply-token secret \(expected 64 hexadecimal characters, found 3 bytes\)/,
    );
    expect(await readFile(secret, "utf8")).toBe("abc");
    expect(out.stdout).not.toContain("Convene is running");
  }, 120_000);

  it("never writes a new secret when the file cannot be read", async () => {
    const dir = await mkdtemp(join(tmpdir(), "convene-start-"));
    // A directory where the file should be: reading it fails (EISDIR), as a permissions problem would.
    await mkdir(join(dir, "reply-secret"));
    const out = await start(dir);
    expect(out.code).toBe(1);
    expect(lines(out.stderr)).toHaveLength(1);
    expect(out.stderr).toMatch(
      /reply-secret: cannot read the reply-token secret \(EISDIR\); not starting, and not replacing it/,
    );
  }, 120_000);

  it("creates the secret on a first start only, and starts with it again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "convene-start-"));
    const first = await start(dir);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const secret = await readFile(join(dir, "reply-secret"), "utf8");
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const second = await start(dir);
    expect(second.code).toBe(0);
    expect(await readFile(join(dir, "reply-secret"), "utf8")).toBe(secret);
  }, 240_000);
});
