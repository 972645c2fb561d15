/**
 * The embedded runtime: everything `convene start`, `convene demo`, the end-to-end tests and the
 * benchmark run on, with no AWS account. It starts dynalite (on disk under .convene/, or in
 * memory), synthesizes the CDK workflows in-process and runs that ASL with aws-local-stepfunctions,
 * mapping each Lambda ARN to its handler (the same handler code the cloud runs), emulates the
 * callback pattern, writes outgoing email to an outbox folder as .eml, and runs the sweeper on a
 * real or virtual clock. On restart it resumes every meeting in flight at its persisted phase.
 */

import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AuthorityConfig } from "../../domain/authority/index.ts";
import { applyAuthority } from "../../domain/authority/index.ts";
import { loadCatalog } from "../../domain/catalog/index.ts";
import { newMeetingId } from "../../domain/ids.ts";
import { finishCancellation } from "../../domain/lifecycle/cancel.ts";
import type { StartMeeting } from "../../domain/lifecycle/convene.ts";
import { createMeeting } from "../../domain/lifecycle/create-meeting.ts";
import { type LifecycleDeps, LifecycleKernel } from "../../domain/lifecycle/kernel.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { ReplyDesk } from "../../domain/lifecycle/replies.ts";
import { sweep } from "../../domain/lifecycle/sweep.ts";
import { uploadTranscript } from "../../domain/lifecycle/upload-transcript.ts";
import { ChildPlans } from "../../domain/plan/service.ts";
import type { Mailer } from "../../domain/ports/mailer.ts";
import type { TranscriptionPort } from "../../domain/ports/minutes.ts";
import type { Clock } from "../../domain/ports/workflow.ts";
import type { Handler } from "../../functions/shared/define-handler.ts";
import { loadAuthorityFile } from "../config/load-authority.ts";
import { inThreadRenderer } from "../documents/renderer.ts";
import { DynamoDirectoryStore } from "../dynamo/directory-store.ts";
import { DynamoMeetingStore, ensureTable } from "../dynamo/meeting-store.ts";
import { DynamoPlanStore } from "../dynamo/plan-store.ts";
import { EmailMessages } from "../messages/email-messages.ts";
import { EmailPlanMessages } from "../messages/plan-messages.ts";
import { SignedReplyLinks } from "../messages/signed-reply-links.ts";
import { DocumentMinutes } from "../minutes/document-minutes.ts";
import { importTranscript } from "../transcript/import.ts";
import { FolderBlobStore, MemoryBlobStore } from "./blob-store.ts";
import { RealClock, VirtualClock, VirtualClockFile } from "./clocks.ts";
import { lockDataFolder } from "./data-lock.ts";
import { type LocalDynamo, startDynalite } from "./dynalite-server.ts";
import { faultInjection } from "./fault-injection.ts";
import { synthesizeWorkflows } from "./local-definitions.ts";
import { LocalWorkflow } from "./local-workflow.ts";
import { OutboxMailer } from "./outbox-mailer.ts";
import type { RenderPool } from "./render-pool.ts";

export interface RuntimeOptions {
  /** Where state lives (.convene by default): dynalite's LevelDB, blobs, the reply secret. */
  dataDir: string;
  /** Keep the database and blobs in memory (tests, the benchmark, the demo). */
  memory?: boolean;
  /** A virtual clock starting at this instant; real time when absent. */
  virtualStart?: Date;
  authorityFile?: string;
  outboxDir?: string;
  /** Base URL of the answer pages (the local server). */
  baseUrl?: string;
  /** Retry pause in ms for failed steps (Step Functions waits seconds; locally it need not). */
  retryIntervalMs?: number;
  /** Replace a handler (tests inject failures this way). */
  handlerOverride?: (name: string, handler: Handler) => Handler;
  mailer?: Mailer;
  /**
   * Worker threads for MIME composition and Word/PDF rendering (RenderPool.start()): the runtime's
   * own outbox mailer and its documents use them (a mailer passed in is given the pool by its
   * maker). The runtime closes the pool when it closes, or when it fails to start. In-thread when absent.
   */
  renderer?: RenderPool;
}

/**
 * Local transcription: there is no recording to transcribe, only transcripts uploaded through the
 * local API (never a path on this machine). One uploaded before the meeting was held is used as soon
 * as it is; otherwise the workflow waits for the upload.
 */
class LocalTranscription implements TranscriptionPort {
  constructor(
    private readonly kernel: () => LifecycleKernel,
    private readonly blobs: LifecycleDeps["blobs"],
  ) {}
  async start(meeting: Meeting): Promise<"started" | "imported" | "waiting-for-upload"> {
    const latest = await this.blobs.get(`transcripts/${meeting.id}/latest`);
    if (!latest) return "waiting-for-upload";
    await this.kernel().resolve(meeting.id, "transcript", 0, {
      filename: new TextDecoder().decode(latest),
    });
    return "imported";
  }
}

/** Largest transcript upload, bytes: a 90-minute, 12-speaker VTT is about 1 MB. */
export const maxTranscriptBytes = 10 * 1024 * 1024;
export {
  IdempotencyKeyMismatchError,
  maxStartAheadMs,
  StartMeetingError,
} from "../../domain/lifecycle/create-meeting.ts";

/** A damaged or unreadable reply-token secret: the runtime refuses to start rather than replace it. */
export class ReplySecretError extends Error {
  override name = "ReplySecretError";
}

export class LocalRuntime {
  private sweeping: Promise<unknown> = Promise.resolve();
  private sweptUntil: string | undefined;
  /** When this runtime's sweeper last finished a sweep (the admin's health page). */
  lastSweepAt: Date | undefined;
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    /** Where a virtual clock on disk keeps its time (saved on every step of an advance). */
    private readonly clockFile: VirtualClockFile | undefined,
    private readonly unlock: () => Promise<void>,
    readonly options: RuntimeOptions,
    readonly dynamo: LocalDynamo,
    readonly store: DynamoMeetingStore,
    readonly workflow: LocalWorkflow,
    readonly deps: LifecycleDeps,
    readonly authority: AuthorityConfig,
    readonly clock: Clock,
    readonly outboxDir: string,
    /** The reply-token secret (reply desk, tests). */
    readonly secret: string,
    /** Points reply links and email page links at the local server once it listens. */
    readonly setBaseUrl: (url: string) => void,
  ) {}

  /** The lifecycle's shared kernel over this runtime's ports: every use case takes it first. */
  get kernel(): LifecycleKernel {
    return new LifecycleKernel(this.deps);
  }

  private staff: DynamoDirectoryStore | undefined;
  /** The authority's staff directory, in the same table (line managers and team managers of new meetings). */
  get directory(): DynamoDirectoryStore {
    this.staff ??= new DynamoDirectoryStore(this.dynamo.client, `convene-${this.authority.id}`);
    return this.staff;
  }

  static async start(options: RuntimeOptions): Promise<LocalRuntime> {
    await mkdir(options.dataDir, { recursive: true });
    // On disk, one runtime per folder (in memory, nothing is shared).
    const unlock = options.memory ? async () => undefined : await lockDataFolder(options.dataDir);
    try {
      return await LocalRuntime.boot(options, unlock);
    } catch (error) {
      await options.renderer?.close();
      await unlock();
      throw error;
    }
  }

  private static async boot(options: RuntimeOptions, unlock: () => Promise<void>): Promise<LocalRuntime> {
    const authority = await loadAuthorityFile(options.authorityFile ?? "authorities/demo.json");
    // Checked before anything starts: a damaged secret must stop the runtime, not every reply later.
    const secret = await replySecret(options);
    // In memory nothing is kept; on disk a virtual clock carries on from where it stopped.
    const clockFile =
      options.virtualStart && !options.memory
        ? new VirtualClockFile(join(options.dataDir, "virtual-clock.json"))
        : undefined;
    const clock: Clock = options.virtualStart
      ? new VirtualClock((await clockFile?.start(options.virtualStart)) ?? options.virtualStart)
      : new RealClock();
    const outboxDir = options.outboxDir ?? join(options.dataDir, "outbox");
    await mkdir(outboxDir, { recursive: true });
    const dynamo = await startDynalite({
      path: options.memory ? undefined : join(options.dataDir, "dynamodb"),
    });
    const tableName = `convene-${authority.id}`;
    await ensureTable(dynamo.client, tableName);
    // The runtime holds the data folder's lock: its store is the table's only writer.
    const store = new DynamoMeetingStore(dynamo.client, tableName, { soleWriter: true });
    // Test-only: CONVENE_FAULT_KILL_AFTER kills this process at a chosen point (fault-injection.ts).
    const faults = faultInjection(process.env.CONVENE_FAULT_KILL_AFTER);
    faults?.watchStore(store);
    const links = { baseUrl: options.baseUrl ?? "http://127.0.0.1:8787" };
    const mailContext = {
      authorityName: authority.name,
      from: authority.email.from,
      baseUrl: links.baseUrl,
      timezone: authority.timezone,
    };
    const renderer = options.renderer ?? inThreadRenderer;
    const outboxMailer =
      options.mailer ?? new OutboxMailer(outboxDir, undefined, { now: () => clock.now(), renderer });
    const mailer = faults ? faults.watchMailer(outboxMailer) : outboxMailer;
    const handlers = new Map<string, Promise<Handler>>();
    const workflow = new LocalWorkflow({
      definitions: synthesizeWorkflows(),
      // On a virtual clock a retry pause is 0 ms (settle() then sees every retry); on real time, 2 s as in the cloud.
      retryIntervalMs: options.retryIntervalMs ?? (options.virtualStart ? 0 : 2000),
      handlers: (name) => {
        let handler = handlers.get(name);
        if (!handler) {
          handler = import(`../../functions/${name}/handler.ts`).then(
            (m: { build: (d: LifecycleDeps) => Handler }) => {
              const built = m.build(deps);
              return options.handlerOverride ? options.handlerOverride(name, built) : built;
            },
          );
          handlers.set(name, handler);
        }
        return handler;
      },
    });
    const catalog = applyAuthority(loadCatalog(), authority);
    const blobs = options.memory
      ? new MemoryBlobStore()
      : new FolderBlobStore(join(options.dataDir, "blobs"));
    const deps: LifecycleDeps = {
      store,
      mailer,
      messages: new EmailMessages(mailContext, () => clock.now(), renderer),
      minutes: new DocumentMinutes(catalog, authority, undefined, renderer),
      blobs,
      transcription: new LocalTranscription(() => new LifecycleKernel(deps), blobs),
      workflow,
      clock,
      settings: authority,
      replies: new SignedReplyLinks(secret, authority.email.replyDomain, () => links.baseUrl),
      replySecret: secret,
      newMeetingId: () => newMeetingId(randomBytes(10)),
      plans: {
        plans: new DynamoPlanStore(dynamo.client, tableName),
        planMessages: new EmailPlanMessages(mailContext, renderer),
      },
    };
    const runtime = new LocalRuntime(
      clockFile,
      unlock,
      options,
      dynamo,
      store,
      workflow,
      deps,
      authority,
      clock,
      outboxDir,
      secret,
      (url) => {
        links.baseUrl = url;
        mailContext.baseUrl = url;
      },
    );
    return runtime;
  }

  /**
   * The child's plans (domain/plan): start, visits, safety-scale scores, closure; a first progress
   * meeting is convened through startMeeting, and the workflows run on before it answers.
   */
  get plans(): ChildPlans {
    return new ChildPlans(this.kernel, {
      directory: this.directory,
      convene: async (body) => this.startMeeting(body, { actor: "local-api" }),
    });
  }

  /** The reply desk for this runtime: local replies carry no SES verdicts. */
  replyDesk(): ReplyDesk {
    return new ReplyDesk(this.deps, {
      secret: this.secret,
      replyDomain: this.authority.email.replyDomain,
      requireReceipt: false,
    });
  }

  /**
   * Creates a meeting through the domain use case (domain/lifecycle/create-meeting.ts: plan,
   * convene-time rules and their overrides, start after now, idempotency key, store, audit) and
   * starts its lifecycle on the local runner.
   */
  async startMeeting(
    input: StartMeeting | unknown,
    options: { idempotencyKey?: string; actor?: string } = {},
  ): Promise<{ meeting: Meeting; replayed: boolean }> {
    const result = await createMeeting(
      {
        store: this.store,
        startLifecycle: (id) => this.workflow.startLifecycle(id),
        newMeetingId: this.deps.newMeetingId,
        catalog: applyAuthority(loadCatalog(), this.authority),
        authority: this.authority,
        directory: this.directory,
      },
      {
        body: input,
        now: this.clock.now(),
        via: "local-api",
        ...(options.actor === undefined ? {} : { actor: options.actor }),
        ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
      },
    );
    if (!result.replayed) await this.settle();
    return result;
  }

  /**
   * A transcript uploaded for a meeting: checked before anything is stored (the meeting exists, the
   * file parses as VTT, Teams DOCX, Amazon Transcribe JSON or text), then stored and, when the
   * workflow waits for it, handed on.
   * @throws NotFoundError for an unknown meeting; TranscriptFormatError naming what is wrong.
   */
  async uploadTranscript(
    meetingId: string,
    bytes: Uint8Array,
    filename: string,
  ): Promise<{ source: string; speakers: number; segments: number }> {
    const summary = await uploadTranscript(this.kernel, importTranscript, {
      meetingId,
      bytes,
      filename,
      via: "local-api",
    });
    await this.settle();
    return summary;
  }

  /** Waits until every execution is blocked on people or time. */
  async settle(): Promise<void> {
    await this.workflow.settle();
  }

  /** One sweep (reminders and deadlines due now), then let the workflows run on. */
  async sweep(): Promise<{ reminders: number; deadlines: number }> {
    // This runtime is the only sweeper of its store: it remembers where it stopped (the store keeps the month of it, for a restart).
    const run = this.sweeping.then(async () => {
      // What is written from here on and falls due by the time of this sweep, it may not see.
      this.store.forgetDueWritten();
      const result = await sweep(this.kernel, { sweptUntil: this.sweptUntil });
      this.sweptUntil = result.sweptUntil;
      this.lastSweepAt = this.clock.now();
      return { reminders: result.reminders, deadlines: result.deadlines };
    });
    this.sweeping = run.catch(() => undefined);
    const result = await run;
    await this.settle();
    return result;
  }

  /**
   * A sweep, unless the last one ran at this very instant and nothing written since falls due by
   * now: it would find nothing the last one did not act on (this runtime is its table's only
   * writer and sweeper, and the store sees every timer, retention item and expiring key written).
   */
  private async sweepUnlessSeen(): Promise<void> {
    const now = this.clock.now();
    const written = this.store.earliestDueWritten();
    if (
      this.lastSweepAt?.getTime() === now.getTime() &&
      (written === undefined || written > now.toISOString())
    ) {
      await this.settle();
      return;
    }
    await this.sweep();
  }

  /**
   * Advances the virtual clock by `ms`, stopping at each timer on the way so that every reminder,
   * deadline and escalation fires at its own time, in order.
   */
  async advance(ms: number): Promise<Date> {
    return this.advanceTo(new Date(this.clock.now().getTime() + ms));
  }

  private advancing: Promise<unknown> = Promise.resolve();

  /** Advances the virtual clock to `target` (no-op when already there); one advance at a time. */
  async advanceTo(target: Date): Promise<Date> {
    const clock = this.clock;
    if (!(clock instanceof VirtualClock))
      throw new Error("this runtime runs on real time; start it with a virtual clock");
    // Each step's time is saved before anything happens at it, so a kill mid-advance never
    // restarts the clock behind what was already sent or recorded.
    const step = async (at: Date) => {
      clock.set(at);
      await this.clockFile?.save(at);
    };
    const run = this.advancing.then(async () => {
      await this.sweepUnlessSeen();
      for (;;) {
        const next = await this.store.nextTimer(clock.now().toISOString(), target.toISOString());
        if (!next) break;
        await step(new Date(next));
        await this.sweep();
      }
      if (target > clock.now()) await step(target);
      await this.sweep();
      return clock.now();
    });
    this.advancing = run.catch(() => undefined);
    return run;
  }

  /**
   * Resumes what was running when the process stopped, from the records each keeps: every
   * meeting's lifecycle at its persisted phase (a closed or cancelled one has finished, a cancelled
   * one's cancellations are finished), and the tracker of every open action at the rung its wait reached, whatever the meeting's phase (a
   * closed meeting's actions are still tracked). A restarted step sends only what its send records
   * show unsent.
   */
  async resume(): Promise<{ meetings: number; trackers: number }> {
    let meetings = 0;
    let trackers = 0;
    for (const id of await this.store.listInFlight()) {
      const meeting = await this.store.getMeeting(id);
      const finished = meeting.phase === "closed" || meeting.phase === "cancelled";
      if (!finished) {
        await this.workflow.startLifecycle(id);
        meetings++;
      }
      // Cancelled before a stop: the cancellations not yet sent go out now.
      if (meeting.phase === "cancelled") await finishCancellation(this.kernel, meeting);
      const open =
        meeting.actionCount > 0 ? (await this.store.listActions(id)).filter((a) => a.status === "open") : [];
      for (const action of open) {
        const wait = await this.store.getWait(id, "action", action.number);
        await this.workflow.startActionTracker(id, action.number, Math.min(3, wait?.level ?? 0));
        trackers++;
      }
      // Finished with nothing open (stopped between the last tracker and taking it off): done now.
      if (finished && open.length === 0) await this.store.endInFlight(id);
    }
    await this.settle();
    return { meetings, trackers };
  }

  /** Real time: sweep every `everyMs`. */
  startSweeper(everyMs = 30_000): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error) => process.stderr.write(`sweeper: ${(error as Error).message}\n`));
    }, everyMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
    await this.dynamo.close();
    await this.options.renderer?.close();
    await this.unlock();
  }
}

/** What Convene writes on first start: 32 random bytes as hex. */
const secretShape = /^[0-9a-f]{64}$/;

/**
 * The reply-token secret: CONVENE_REPLY_SECRET, or the one generated on first start and kept under
 * .convene/. Every link already sent is signed with it, so it is never replaced: only a missing file
 * (a first start) creates one; a file that cannot be read or is not what Convene wrote stops the
 * runtime with one line saying so.
 * @throws ReplySecretError naming the file (or variable) and what was expected.
 */
async function replySecret(options: RuntimeOptions): Promise<string> {
  const fromEnv = process.env.CONVENE_REPLY_SECRET;
  if (fromEnv !== undefined) {
    if (fromEnv.trim().length < 32)
      throw new ReplySecretError(
        `CONVENE_REPLY_SECRET: expected at least 32 characters, got ${fromEnv.trim().length}`,
      );
    return fromEnv.trim();
  }
  if (options.memory) return randomBytes(32).toString("hex");
  const path = join(options.dataDir, "reply-secret");
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT")
      throw new ReplySecretError(
        `${path}: cannot read the reply-token secret (${code ?? (error as Error).message}); not starting, and not replacing it: a new secret would invalidate every link already sent`,
      );
    // First start: write it whole, then move it into place, so a crash never leaves half a secret.
    const secret = randomBytes(32).toString("hex");
    await writeFile(`${path}.tmp`, secret, { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    return secret;
  }
  const secret = text.trim();
  if (!secretShape.test(secret))
    throw new ReplySecretError(
      `${path}: damaged reply-token secret (expected 64 hexadecimal characters, found ${Buffer.byteLength(text)} bytes); not starting: restore the file from a backup (deleting it makes a new secret and every link already sent stops working)`,
    );
  return secret;
}
