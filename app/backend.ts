/**
 * What the workspace calls: the lifecycle's use cases and the stores, wired by a composition root
 * (the embedded runtime locally, the web Lambda in the cloud). The app holds no rule of its own.
 */
import type { AuthorityConfig } from "../domain/authority/index.ts";
import type { Catalog } from "../domain/catalog/index.ts";
import type { LifecycleKernel } from "../domain/lifecycle/kernel.ts";
import type { Meeting } from "../domain/lifecycle/model.ts";
import type { Minutes } from "../domain/minutes/model.ts";
import type { ChildPlans } from "../domain/plan/service.ts";
import type { DirectoryStore } from "../domain/ports/directory.ts";
import type { MeetingStore } from "../domain/ports/store.ts";
import type { Transcript } from "../domain/transcript/model.ts";

export interface WorkspaceHealth {
  sweeperLastRan?: string;
  waitsInFlight: number;
  meetingsInFlight: number;
  undeliverable: string[];
}

export interface WorkspaceBackend {
  readonly authority: AuthorityConfig;
  readonly catalog: Catalog;
  readonly store: MeetingStore;
  readonly directory: DirectoryStore;
  /** The lifecycle's kernel: the routes call each use case with it. */
  readonly kernel: LifecycleKernel;
  now(): Date;
  /** The create-meeting use case (plan, convene checks, store, start the lifecycle). */
  createMeeting(
    body: unknown,
    options: { actor: string; idempotencyKey?: string },
  ): Promise<{ meeting: Meeting; replayed: boolean }>;
  /** The child's plans (domain/plan); a first progress meeting is convened as `actor`. */
  plans(actor: string): ChildPlans;
  /** A transcript file for a meeting awaiting one (checked before anything is stored). */
  uploadTranscript(
    meetingId: string,
    bytes: Uint8Array,
    filename: string,
    actor: string,
  ): Promise<{ source: string; speakers: number; segments: number }>;
  /** Locally, lets the workflows run until they wait for people or time (so a page shows the outcome). */
  settle(): Promise<void>;
  health(): Promise<WorkspaceHealth>;
  /** The meeting's latest transcript, parsed (for the minutes page), or undefined. */
  transcript(meetingId: string): Promise<Transcript | undefined>;
  /** What stops these minutes being finalised for this type (the child's views, a contingency plan). */
  finaliseBlockers(minutes: Minutes, typeId: string): string[];
  /** Where each setting comes from (the authority file's path or the deployment). */
  readonly settingsSource: string;
}
