/**
 * The shared kernel of the lifecycle use cases: the ports, the clock's now, audit, sends (once per
 * batch), phases and waits. Each use case (one per file beside this) takes a kernel first.
 */

import type { QuestionClosed, QuestionFacts } from "../email/open-question.ts";
import type { ReplySecrets } from "../email/reply-token.ts";
import type { Minutes } from "../minutes/model.ts";
import type { Address, Mailer, OutgoingEmail } from "../ports/mailer.ts";
import type { Messages, ReplyLink } from "../ports/messages.ts";
import type { BlobStore, MinutesPort, TranscriptionPort } from "../ports/minutes.ts";
import type { PlanDeps } from "../ports/plans.ts";
import { ConflictError, type MeetingRecords, type MeetingStore } from "../ports/store.ts";
import type { Clock, WorkflowPort } from "../ports/workflow.ts";
import type { AuditEvent, Invitee, Meeting, Timer, Wait } from "./model.ts";
import { type Phase, type WaitPurpose, workflowErrors } from "./phases.ts";
import { sendBatch } from "./send-batch.ts";
import type { LifecycleSettings } from "./settings.ts";
import { approversOf } from "./who-agrees.ts";

export type ReplyPurpose = "invitation" | "approval" | "action" | "report";

/** Makes signed reply addresses and page links (the token names meeting, person, purpose, ref). */
export interface ReplyLinks {
  link(meetingId: string, person: number, purpose: ReplyPurpose, ref: number, expiresAt: Date): ReplyLink;
}

export interface LifecycleDeps {
  store: MeetingStore;
  mailer: Mailer;
  messages: Messages;
  minutes: MinutesPort;
  blobs: BlobStore;
  transcription: TranscriptionPort;
  workflow: WorkflowPort;
  clock: Clock;
  settings: LifecycleSettings;
  replies: ReplyLinks;
  /**
   * The reply-token HMAC key (environment locally, Secrets Manager in the cloud), or the keys
   * tokens are verified with, current first (in the cloud: AWSCURRENT, then AWSPREVIOUS after a rotation).
   */
  replySecret: ReplySecrets;
  /** A new meeting id (random bytes come from the composition root, not the domain). */
  newMeetingId: () => string;
  /** The child's plans and their emails (domain/plan): the sweeper fires their visit timers. */
  plans?: PlanDeps;
}

/** The outcome of an approvals wait, read by the workflow's MinutesAgreed Choice. */
export type AgreementOutcome =
  | { outcome: "agreed"; version: number; deemed: boolean }
  | { outcome: "new-version"; version: number };

export const address = (p: { name: string; email: string }): Address => ({ name: p.name, email: p.email });

/** What a closed question's refusal says in logs and the CLI (the emails and page have the words). */
export type ClosedAnswer = { recorded: false; closed: QuestionClosed; message: string };
export const closedAnswer = (closed: QuestionClosed): ClosedAnswer => ({
  recorded: false,
  closed,
  message: `the question is closed (${closed.reason})`,
});

/** The facts of a meeting that open and close the questions its tokens ask. */
export function meetingFacts(meeting: Meeting): QuestionFacts {
  return { phase: meeting.phase, sequence: meeting.sequence, minutesVersion: meeting.minutesVersion };
}

/** A wait's timers, as the sweeper finds them: one per reminder (`r<i>-<level>`), then the deadline (`d-<level>`). */
export function waitTimers(meetingId: string, wait: Wait): Timer[] {
  const base = { meetingId, purpose: wait.purpose, ref: wait.ref, level: wait.level };
  return [
    ...wait.reminders.map((at, i) => ({
      ...base,
      id: `r${i}-${wait.level}`,
      kind: "reminder" as const,
      dueAt: at,
    })),
    { ...base, id: `d-${wait.level}`, kind: "deadline" as const, dueAt: wait.deadline },
  ];
}
export const day = 24 * 3600 * 1000;

/** What Step Functions (and the local runner) answer for a token no execution is waiting on. */
const staleTokenErrors = new Set(["TaskTimedOut", "TaskDoesNotExist", "InvalidToken"]);

export class LifecycleKernel {
  constructor(readonly deps: LifecycleDeps) {}

  now(): Date {
    return this.deps.clock.now();
  }

  /** An audit event at the clock's now: who did what, via which channel. */
  auditEvent(
    meetingId: string,
    actor: string,
    what: string,
    via: string,
    detail: Record<string, unknown> = {},
  ): AuditEvent {
    return { at: this.now().toISOString(), meetingId, actor, what, via, detail };
  }

  async audit(
    meetingId: string,
    actor: string,
    what: string,
    via: string,
    detail: Record<string, unknown> = {},
  ) {
    await this.deps.store.appendAudit(this.auditEvent(meetingId, actor, what, via, detail));
  }

  async send(meeting: Pick<Meeting, "id">, email: Promise<OutgoingEmail>, once?: string): Promise<void> {
    await this.sendAll(meeting, [email], { once });
  }

  /** Sends emails of one meeting, once per batch where `once` names one (send-batch.ts). */
  async sendAll(
    meeting: Pick<Meeting, "id">,
    emails: Array<Promise<OutgoingEmail>>,
    options: { recordEach?: (i: number) => MeetingRecords; once?: string } = {},
  ): Promise<void> {
    await sendBatch(this, meeting, emails, options);
  }

  /** A signed approval link for `person` on minutes `version`, open 60 days (the approval question's own lifetime). */
  approvalLink(meetingId: string, person: number, version: number): ReplyLink {
    return this.deps.replies.link(
      meetingId,
      person,
      "approval",
      version,
      new Date(this.now().getTime() + 60 * day),
    );
  }

  async setPhase(meeting: Meeting, phase: Phase): Promise<Meeting> {
    const at = this.now().toISOString();
    let saved: Meeting;
    try {
      // The meeting in hand is usually current: one conditional write, no read.
      saved = await this.deps.store.saveMeeting({ ...meeting, phase, updatedAt: at });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      saved = await this.deps.store.setPhase(meeting.id, phase, at);
    }
    await this.audit(meeting.id, "workflow", `phase:${phase}`, "workflow");
    return saved;
  }

  async completeWait(meetingId: string, wait: Wait, output: unknown): Promise<boolean> {
    const closed = await this.deps.store.closeWait(
      meetingId,
      wait.purpose,
      wait.ref,
      wait.token,
      "completed",
      this.now().toISOString(),
    );
    if (!closed) return false;
    // Its timers follow from it: removed by key, in one batched write.
    await this.deps.store.deleteTimers(waitTimers(meetingId, wait));
    return this.settleToken(meetingId, wait, () => this.deps.workflow.sendTaskSuccess(wait.token, output));
  }

  /**
   * Hands a closed wait's outcome to its execution. A token no execution holds any more (one
   * stopped by a restart after its phase moved on, whose wait was left open) answers that it is
   * not waiting: the wait stays closed, which is what it is, and the step carries on instead of
   * failing a sweep or a reply for every other meeting.
   */
  async settleToken(meetingId: string, wait: Wait, settle: () => Promise<void>): Promise<boolean> {
    try {
      await settle();
      return true;
    } catch (error) {
      if (!(error instanceof Error && staleTokenErrors.has(error.name))) throw error;
      await this.audit(meetingId, "workflow", `wait-stale:${wait.purpose}`, "workflow", { ref: wait.ref });
      return false;
    }
  }

  async failWait(meetingId: string, wait: Wait, error: string, cause: string): Promise<boolean> {
    const status = error === workflowErrors.deadlinePassed ? "expired" : "failed";
    const closed = await this.deps.store.closeWait(
      meetingId,
      wait.purpose,
      wait.ref,
      wait.token,
      status,
      this.now().toISOString(),
    );
    if (!closed) return false;
    return this.settleToken(meetingId, wait, () =>
      this.deps.workflow.sendTaskFailure(wait.token, error, cause),
    );
  }

  /** Completes a waiting task of `purpose` if one is registered (replies, pages, the CLI). */
  /**
   * A new minutes version made by the chair's hand (an accepted change, supplied sections, named
   * speakers):
   * 1. version N+1 stored, fenced by the meeting's lock version as read;
   * 2. found there already (a step that stopped after storing it, before the meeting recorded it):
   *    the same text is kept; other text is an orphan no one has seen, so the meeting is saved
   *    first (a writer still in flight with it then fails its own save) and the orphan replaced;
   * 3. the meeting moved to it, the event audited when given, and the approval wait answered
   *    `new-version` so it goes back out for approval. Returns the new version.
   */
  async newMinutesVersion(
    meeting: Meeting,
    minutes: Minutes,
    audit?: { what: string; via: string; detail: Record<string, unknown> },
  ): Promise<number> {
    const version = meeting.minutesVersion + 1;
    const record = {
      version,
      hash: this.deps.minutes.hash(minutes),
      minutes,
      createdAt: this.now().toISOString(),
      createdBy: meeting.chair.email,
    };
    let current = meeting;
    try {
      await this.deps.store.putMinutesVersion(meeting.id, record, { meetingVersion: meeting.version });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const found = await this.deps.store.getMinutesVersion(meeting.id, version);
      if (found.hash !== record.hash) {
        // Fails (ConflictError) when the meeting changed since it was read: then N+1 may be live.
        current = await this.deps.store.saveMeeting({ ...meeting, updatedAt: this.now().toISOString() });
        await this.deps.store.putMinutesVersion(meeting.id, record, {
          meetingVersion: current.version,
          replace: true,
        });
        await this.audit(meeting.id, "workflow", "minutes-orphan-replaced", "workflow", { version });
      }
    }
    await this.deps.store.saveMeeting({
      ...current,
      minutesVersion: version,
      updatedAt: this.now().toISOString(),
    });
    if (audit)
      await this.audit(meeting.id, meeting.chair.email, audit.what, audit.via, { version, ...audit.detail });
    const outcome: AgreementOutcome = { outcome: "new-version", version };
    await this.resolve(meeting.id, "approval", 0, outcome);
    return version;
  }

  async resolve(meetingId: string, purpose: WaitPurpose, ref: number, output: unknown): Promise<boolean> {
    const wait = await this.deps.store.getWait(meetingId, purpose, ref);
    if (wait?.status !== "waiting") return false;
    return this.completeWait(meetingId, wait, output);
  }

  /** Fails a waiting task of `purpose` (e.g. a transcription job that failed). */
  async failWaitFor(
    meetingId: string,
    purpose: WaitPurpose,
    ref: number,
    error: string,
    cause: string,
  ): Promise<boolean> {
    const wait = await this.deps.store.getWait(meetingId, purpose, ref);
    if (wait?.status !== "waiting") return false;
    await this.audit(meetingId, "system", `wait-failed:${purpose}`, "workflow", { error });
    return this.failWait(meetingId, wait, error, cause);
  }

  /** Who must agree the minutes, by the type's rule (who-agrees.ts). */
  async approvers(meeting: Meeting): Promise<Invitee[]> {
    // The chair alone needs no read: the type's rule decides (who-agrees.ts).
    if (meeting.minutesAgreedBy === "chair") return approversOf(meeting, []);
    return approversOf(meeting, await this.deps.store.listAnswers(meeting.id));
  }

  async latestTranscript(meetingId: string) {
    const name = await this.deps.blobs.get(`transcripts/${meetingId}/latest`);
    if (!name) return undefined;
    const filename = new TextDecoder().decode(name);
    const bytes = await this.deps.blobs.get(`transcripts/${meetingId}/${filename}`);
    return bytes ? { bytes, filename } : undefined;
  }

  /** A closed or cancelled meeting leaves the in-flight list once none of its actions is open. */
  async endInFlightIfDone(meeting: Meeting): Promise<void> {
    const actions = await this.deps.store.listActions(meeting.id);
    if (actions.every((a) => a.status !== "open")) await this.deps.store.endInFlight(meeting.id);
  }
}

export class LifecycleStateError extends Error {
  override name = "LifecycleStateError";
}
