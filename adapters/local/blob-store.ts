/** Blob stores for the embedded runtime: a folder under .convene/, or memory for tests. */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import type { BlobStore } from "../../domain/ports/minutes.ts";

export class FolderBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    const clean = normalize(key).replace(/^(\.\.(\/|\\|$))+/, "");
    if (clean.startsWith("/") || clean.includes("..")) throw new Error(`bad blob key ${key}`);
    return join(this.root, clean);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, path);
  }

  async deletePrefix(prefix: string): Promise<number> {
    // Keys are paths: a prefix ending in "/" is one folder, removed with what it holds; otherwise one file.
    const path = this.path(prefix);
    const count = prefix.endsWith("/")
      ? await readdir(path, { recursive: true, withFileTypes: true })
          .then((entries) => entries.filter((e) => e.isFile()).length)
          .catch(() => 0)
      : (await this.get(prefix)) === undefined
        ? 0
        : 1;
    await rm(path, { recursive: true, force: true });
    return count;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.path(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }
}

export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Uint8Array>();
  async put(key: string, bytes: Uint8Array): Promise<void> {
    this.blobs.set(key, bytes);
  }
  async get(key: string): Promise<Uint8Array | undefined> {
    return this.blobs.get(key);
  }
  async deletePrefix(prefix: string): Promise<number> {
    let count = 0;
    for (const key of [...this.blobs.keys()])
      if (key.startsWith(prefix)) {
        this.blobs.delete(key);
        count++;
      }
    return count;
  }
}
