/**
 * One embedded runtime per data folder: LevelDB allows one process, and two runtimes sweeping the
 * same timers would double every reminder. The lock is a file holding the owner's pid, created
 * exclusively; a lock left by a process that is gone is taken over.
 */
import { open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";

export class DataFolderInUseError extends Error {
  override name = "DataFolderInUseError";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the folder's lock, or fails naming the process that holds it. Returns the release. */
export async function lockDataFolder(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, "runtime.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, "wx", 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number((await readFile(path, "utf8").catch(() => "")).trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new DataFolderInUseError(
          `${dataDir} is in use by another Convene runtime (pid ${owner}); stop it first, or give this one another folder (--dir)`,
        );
      }
      // Left by a process that is gone (or unreadable): take it over.
      await rm(path, { force: true });
    }
  }
  throw new DataFolderInUseError(`could not take the lock ${path}`);
}
