/**
 * The workspace's backend on the embedded runtime: the runtime's store, lifecycle and clock, the
 * directory in the same local table, and `settle()` so a page shows what the workflows did. On
 * first start of the demo authority its staff directory is imported (authorities/demo.directory.csv),
 * so the local sign-in has people to choose from.
 */
import type { WorkspaceBackend, WorkspaceHealth } from "../../app/backend.ts";
import { applyAuthority } from "../../domain/authority/index.ts";
import { loadCatalog } from "../../domain/catalog/index.ts";
import { importTranscript } from "../transcript/import.ts";
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
  return {
    authority,
    catalog: applyAuthority(loadCatalog(), authority),
    store: runtime.store,
    directory,
    lifecycle: runtime.lifecycle,
    now: () => runtime.clock.now(),
    createMeeting: (body, options) =>
      runtime.startMeeting(body, {
        actor: options.actor,
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      }),
    uploadTranscript: (id, bytes, filename) => runtime.uploadTranscript(id, bytes, filename),
    settle: () => runtime.settle(),
    async health(): Promise<WorkspaceHealth> {
      const inFlight = await runtime.store.listInFlight();
      let waits = 0;
      const addresses = new Set<string>();
      for (const id of inFlight) {
        for (const purpose of ["meeting-held", "transcript", "approval"] as const)
          if ((await runtime.store.getWait(id, purpose, 0))?.status === "waiting") waits++;
        const meeting = await runtime.store.getMeeting(id);
        for (const p of [meeting.chair, ...meeting.invitees]) addresses.add(p.email.toLowerCase());
      }
      // Addresses of the meetings in flight that bounced or complained (nothing more is sent to them).
      const undeliverable = [...(await runtime.store.undeliverableAmong([...addresses]))].sort();
      return {
        ...(runtime.lastSweepAt ? { sweeperLastRan: runtime.lastSweepAt.toISOString() } : {}),
        meetingsInFlight: inFlight.length,
        waitsInFlight: waits,
        undeliverable,
      };
    },
    async transcript(meetingId) {
      const latest = await runtime.lifecycle.kernel.latestTranscript(meetingId);
      return latest ? importTranscript({ bytes: latest.bytes, filename: latest.filename }) : undefined;
    },
    finaliseBlockers: (minutes, typeId) => runtime.deps.minutes.finaliseBlockers(minutes, typeId),
    settingsSource,
  };
}
