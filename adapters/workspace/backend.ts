/**
 * The workspace's backend, wired the same way for both runtimes: the lifecycle's use cases over
 * the composition root's ports (local adapters, or DynamoDB/SES/Step Functions/S3 in the web
 * Lambda) and the staff directory in the same table. What differs is passed in: how to let the
 * workflows run on (the embedded runner settles; Step Functions runs by itself) and where the
 * sweeper's last run is known.
 */
import type { WorkspaceBackend, WorkspaceHealth } from "../../app/backend.ts";
import { type AuthorityConfig, applyAuthority } from "../../domain/authority/index.ts";
import { loadCatalog } from "../../domain/catalog/index.ts";
import { type CreateMeetingPorts, createMeeting } from "../../domain/lifecycle/create-meeting.ts";
import type { LifecycleDeps, LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import { uploadTranscript } from "../../domain/lifecycle/upload-transcript.ts";
import { ChildPlans } from "../../domain/plan/service.ts";
import type { DirectoryStore } from "../../domain/ports/directory.ts";
import { importTranscript } from "../transcript/import.ts";

export interface BackendParts {
  authority: AuthorityConfig;
  deps: LifecycleDeps;
  /** The deps' store, with the idempotency keys creating a meeting needs. */
  store: LifecycleDeps["store"] & CreateMeetingPorts["store"];
  kernel: LifecycleKernel;
  directory: DirectoryStore;
  /** Audited as how each change came in ("local-api", "workspace"). */
  via: string;
  settingsSource: string;
  /** Lets the workflows run until they wait for people or time. @default nothing to wait for */
  settle?: () => Promise<void>;
  /** When the sweeper last ran (ISO instant). */
  sweeperLastRan: () => Promise<string | undefined>;
}

export function workspaceBackend(parts: BackendParts): WorkspaceBackend {
  const { authority, deps, kernel, directory } = parts;
  const catalog = applyAuthority(loadCatalog(), authority);
  const settle = parts.settle ?? (async () => undefined);
  const backend: WorkspaceBackend = {
    authority,
    catalog,
    store: deps.store,
    directory,
    kernel,
    now: () => deps.clock.now(),
    async createMeeting(body, options) {
      const result = await createMeeting(
        {
          store: parts.store,
          startLifecycle: (id) => deps.workflow.startLifecycle(id),
          newMeetingId: deps.newMeetingId,
          catalog,
          authority,
          directory,
        },
        {
          body,
          now: deps.clock.now(),
          via: parts.via,
          actor: options.actor,
          ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
        },
      );
      if (!result.replayed) await settle();
      return result;
    },
    async uploadTranscript(meetingId, bytes, filename) {
      const summary = await uploadTranscript(kernel, importTranscript, {
        meetingId,
        bytes,
        filename,
        via: parts.via,
      });
      await settle();
      return summary;
    },
    plans: (actor) =>
      new ChildPlans(kernel, {
        directory,
        convene: (body) => backend.createMeeting(body, { actor }),
      }),
    settle,
    async health(): Promise<WorkspaceHealth> {
      const inFlight = await deps.store.listInFlight();
      let waits = 0;
      const addresses = new Set<string>();
      for (const id of inFlight) {
        for (const purpose of ["meeting-held", "transcript", "approval", "resume"] as const)
          if ((await deps.store.getWait(id, purpose, 0))?.status === "waiting") waits++;
        // Each open action's tracker waits on its own (ref = the action's number).
        for (const action of await deps.store.listActions(id))
          if (action.status !== "done" && action.status !== "cancelled")
            if ((await deps.store.getWait(id, "action", action.number))?.status === "waiting") waits++;
        const meeting = await deps.store.getMeeting(id);
        for (const p of [meeting.chair, ...meeting.invitees]) addresses.add(p.email.toLowerCase());
      }
      // Addresses of the meetings in flight that bounced or complained (nothing more is sent to them).
      const undeliverable = [...(await deps.store.undeliverableAmong([...addresses]))].sort();
      const sweeperLastRan = await parts.sweeperLastRan();
      return {
        ...(sweeperLastRan ? { sweeperLastRan } : {}),
        meetingsInFlight: inFlight.length,
        waitsInFlight: waits,
        undeliverable,
      };
    },
    async transcript(meetingId) {
      const latest = await kernel.latestTranscript(meetingId);
      return latest ? importTranscript({ bytes: latest.bytes, filename: latest.filename }) : undefined;
    },
    finaliseBlockers: (minutes, typeId) => deps.minutes.finaliseBlockers(minutes, typeId),
    settingsSource: parts.settingsSource,
  };
  return backend;
}
