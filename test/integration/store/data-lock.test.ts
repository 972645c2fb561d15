/** One embedded runtime per data folder (LevelDB allows one process; two sweepers would double reminders). */
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataFolderInUseError, lockDataFolder } from "../../../adapters/local/data-lock.ts";

const folder = () => mkdtemp(join(tmpdir(), "convene-lock-"));

describe("the data folder lock", () => {
  it("is taken with this process's pid and released", async () => {
    const dir = await folder();
    const release = await lockDataFolder(dir);
    expect(await readFile(join(dir, "runtime.lock"), "utf8")).toBe(String(process.pid));
    await release();
    await expect(stat(join(dir, "runtime.lock"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses a folder a live process holds, naming the process and what to do", async () => {
    const dir = await folder();
    // pid 1 always exists.
    await writeFile(join(dir, "runtime.lock"), "1");
    const refused = await lockDataFolder(dir).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect((refused as Error).message).toMatch(/in use by another Convene runtime \(pid 1\); stop it first/);
    expect(await readFile(join(dir, "runtime.lock"), "utf8")).toBe("1");
  });

  it("takes over a lock left by a process that is gone, or by this one before a crash", async () => {
    const dir = await folder();
    await writeFile(join(dir, "runtime.lock"), "2147483646");
    const release = await lockDataFolder(dir);
    expect(await readFile(join(dir, "runtime.lock"), "utf8")).toBe(String(process.pid));
    const again = await lockDataFolder(dir);
    await again();
    await release();
  });
});
