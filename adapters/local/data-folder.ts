/**
 * A stopped embedded runtime's data folder, opened to read what it holds (`convene report`, the
 * returns): its authority, its stores, and its "today" (the virtual clock where the folder runs on
 * one, e.g. after `convene simulate`). Takes the folder's lock, so a running runtime is never read
 * half-written; nothing runs (no workflows, no sweeper).
 */
import { access } from "node:fs/promises";
import { join } from "node:path";
import type { AuthorityConfig } from "../../domain/authority/index.ts";
import { loadAuthorityFile } from "../config/load-authority.ts";
import { DynamoDirectoryStore } from "../dynamo/directory-store.ts";
import { DynamoMeetingStore } from "../dynamo/meeting-store.ts";
import { DynamoPlanStore } from "../dynamo/plan-store.ts";
import { VirtualClockFile } from "./clocks.ts";
import { lockDataFolder } from "./data-lock.ts";
import { startDynalite } from "./dynalite-server.ts";

export class NoDataFolderError extends Error {
  override name = "NoDataFolderError";
}

export interface OpenDataFolder {
  authority: AuthorityConfig;
  store: DynamoMeetingStore;
  directory: DynamoDirectoryStore;
  plans: DynamoPlanStore;
  /** The folder's now: its virtual clock's last time, else the real time. */
  now: Date;
  close(): Promise<void>;
}

/** Whether a folder holds an embedded runtime's data (its DynamoDB files). */
export async function holdsConveneData(dataDir: string): Promise<boolean> {
  return access(join(dataDir, "dynamodb")).then(
    () => true,
    () => false,
  );
}

/** @throws NoDataFolderError naming the folder when it holds no Convene data. */
export async function requireConveneData(dataDir: string): Promise<void> {
  if (!(await holdsConveneData(dataDir)))
    throw new NoDataFolderError(
      `${dataDir}: no Convene data here (run \`convene start\` or \`convene simulate\` first, or pass --dir)`,
    );
}

export async function openDataFolder(dataDir: string, authorityFile?: string): Promise<OpenDataFolder> {
  await requireConveneData(dataDir);
  const authority = await loadAuthorityFile(authorityFile ?? "authorities/demo.json");
  const unlock = await lockDataFolder(dataDir);
  try {
    const now = await new VirtualClockFile(join(dataDir, "virtual-clock.json")).start(new Date(0));
    const dynamo = await startDynalite({ path: join(dataDir, "dynamodb") });
    const table = `convene-${authority.id}`;
    return {
      authority,
      store: new DynamoMeetingStore(dynamo.client, table),
      directory: new DynamoDirectoryStore(dynamo.client, table),
      plans: new DynamoPlanStore(dynamo.client, table),
      now: now.getTime() === 0 ? new Date() : now,
      close: async () => {
        await dynamo.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
