/**
 * The workspace's backend on the embedded runtime: the runtime's store, lifecycle and clock, the
 * directory in the same local table, and `settle()` so a page shows what the workflows did. On
 * first start of the demo authority its staff directory is imported (authorities/demo.directory.csv),
 * so the local sign-in has people to choose from.
 */
import type { WorkspaceBackend } from "../../app/backend.ts";
import { workspaceBackend } from "../workspace/backend.ts";
import { loadDemoDirectory } from "./demo-directory.ts";
import type { LocalRuntime } from "./runtime.ts";

export async function localWorkspaceBackend(
  runtime: LocalRuntime,
  settingsSource: string,
): Promise<WorkspaceBackend> {
  const authority = runtime.authority;
  const directory = runtime.directory;
  const current = await directory.getDirectory(authority.id);
  if (current.revision === 0 && authority.id === "demo") {
    const people = loadDemoDirectory();
    await directory.replaceDirectory(authority.id, people, 0, {
      at: runtime.clock.now().toISOString(),
      by: "convene start",
      source: "import",
      summary: `imported the demo authority's ${people.length} staff (authorities/demo.directory.csv)`,
      added: people.length,
      removed: 0,
      changed: 0,
    });
  }
  return workspaceBackend({
    authority,
    deps: runtime.deps,
    store: runtime.store,
    kernel: runtime.kernel,
    directory,
    via: "local-api",
    settingsSource,
    settle: () => runtime.settle(),
    sweeperLastRan: async () => runtime.lastSweepAt?.toISOString(),
  });
}
