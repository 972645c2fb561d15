/**
 * The lifecycle use cases: what each step of the meeting workflow does, through ports only
 * (store, mailer, messages, minutes, blobs, transcription, workflow, clock). Handlers in
 * functions/ and the embedded runtime call these; neither holds any rule of its own.
 */

import { createHash } from "node:crypto";
import {
  changeDecisionState,
  type Question,
  type QuestionClosed,
  type QuestionFacts,
  questionState,
} from "../email/open-question.ts";
import type { ReplySecrets } from "../email/reply-token.ts";
import { minutesSchema } from "../minutes/model.ts";
import { longDate } from "../minutes/render.ts";
import type { Address, Mailer, OutgoingEmail } from "../ports/mailer.ts";
import type { EscalationDetails, EscalationReason, Messages, ReplyLink } from "../ports/messages.ts";
import type { BlobStore, MinutesPort, TranscriptionPort } from "../ports/minutes.ts";
import { ConflictError, type MeetingStore, NotFoundError } from "../ports/store.ts";
import type { Clock, WorkflowPort } from "../ports/workflow.ts";
import { planWait } from "./deadlines.ts";
import { actionEscalationRecipients } from "./escalation-recipients.ts";
import { followUpActions } from "./follow-ups.ts";
import { blockedNotice } from "./minutes-blocked.ts";
import type {
  Action,
  Answer,
  Approval,
  AuditEvent,
  Invitee,
  Meeting,
  ReportFile,
  SendRecord,
  Timer,
  Wait,
} from "./model.ts";
import { type Phase, type WaitPurpose, workflowErrors } from "./phases.ts";
import type { LifecycleSettings } from "./settings.ts";
import { atLocalTime, dateTimeFormat, formatLocal, localDate, monthsBetween } from "./time.ts";

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
}

/** The outcome of an approvals wait, read by the workflow's MinutesAgreed Choice. */
export type AgreementOutcome =
  | { outcome: "agreed"; version: number; deemed: boolean }
  | { outcome: "new-version"; version: number };

const address = (p: { name: string; email: string }): Address => ({ name: p.name, email: p.email });

/** What a closed question's refusal says in logs and the CLI (the emails and page have the words). */
export type ClosedAnswer = { recorded: false; closed: QuestionClosed; message: string };
const closedAnswer = (closed: QuestionClosed): ClosedAnswer => ({
  recorded: false,
  closed,
  message: `the question is closed (${closed.reason})`,
});

/** The facts of a meeting that open and close the questions its tokens ask. */
export function meetingFacts(meeting: Meeting): QuestionFacts {
  return { phase: meeting.phase, sequence: meeting.sequence, minutesVersion: meeting.minutesVersion };
}

/** A document that came with apologies, before it is stored. */
export interface ReportDocument {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** A file name fit to show: no path, no control characters, at most 255 characters. */
function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (clean || "report").slice(0, 255);
}

/** A wait's timers, as the sweeper finds them: one per reminder (`r<i>-<level>`), then the deadline (`d-<level>`). */
function waitTimers(meetingId: string, wait: Wait): Timer[] {
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
const day = 24 * 3600 * 1000;

/** Lifecycle waits whose deadline leads to an escalation before the next wait (see the workflow). */
const escalatedOnDeadline = new Set<WaitPurpose>(["meeting-held", "transcript", "approval"]);
/** The wait whose deadline an escalation follows, by reason. */
const escalationWait: Partial<Record<EscalationReason, WaitPurpose>> = {
  "meeting-not-recorded": "meeting-held",
  "transcript-missing": "transcript",
  "approvals-overdue": "approval",
};

/** What Step Functions (and the local runner) answer for a token no execution is waiting on. */
const staleTokenErrors = new Set(["TaskTimedOut", "TaskDoesNotExist", "InvalidToken"]);

/**
 * The Message-ID of a recipient's copy of a recorded batch: derived from the record's key (meeting,
 * batch, recipient), so a copy sent again after a crash carries the same id. Hashed, so no address
 * appears in a header; at the sender's domain.
 */
function sendMessageId(meetingId: string, batch: string, recipient: string, from: string): string {
  const hash = createHash("sha256").update(`${meetingId}\n${batch}\n${recipient.toLowerCase()}`);
  return `${hash.digest("hex").slice(0, 32)}@${from.split("@")[1] ?? "convene.invalid"}`;
}

export class Lifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  private now(): Date {
    return this.deps.clock.now();
  }

  /** An audit event at the clock's now: who did what, via which channel. */
  private auditEvent(
    meetingId: string,
    actor: string,
    what: string,
    via: string,
    detail: Record<string, unknown> = {},
  ): AuditEvent {
    return { at: this.now().toISOString(), meetingId, actor, what, via, detail };
  }

  private async audit(
    meetingId: string,
    actor: string,
    what: string,
    via: string,
    detail: Record<string, unknown> = {},
  ) {
    await this.deps.store.appendAudit(this.auditEvent(meetingId, actor, what, via, detail));
  }

  private async send(meeting: Meeting, email: Promise<OutgoingEmail>, once?: string): Promise<void> {
    await this.sendAll(meeting, [email], { once });
  }

  /**
   * Sends emails of one meeting: the addresses marked undeliverable are read in one batch and left
   * out, each email is sent in turn (`afterEach` runs after the i-th is sent or skipped, e.g. to
   * record the invitation), and each send's audit event is written as soon as it is sent.
   *
   * `once` names a batch that must reach each recipient once (the invitations of a calendar
   * sequence, the approval requests or final minutes of a version, a reminder timer, an escalation
   * rung). Its send records make it durable: 1. one batched read of the recipients' records; 2. a
   * `pending` record for each recipient not yet sent, written (batched) before the first send;
   * 3. each email sent with a Message-ID derived from its record; 4. its records marked `sent`
   * with its audit event, in one batched write, before the next. A step retried or resumed after a
   * crash sends only what is unsent. A kill between 3 and 4 leaves the copy pending: it is sent
   * again with the same Message-ID, which the local outbox recognises (one copy); through SES the
   * recipient gets it twice, an at-least-once window of one request's length (table-design.ts).
   */
  private async sendAll(
    meeting: Meeting,
    emails: Array<Promise<OutgoingEmail>>,
    { afterEach, once }: { afterEach?: (i: number) => Promise<void>; once?: string } = {},
  ): Promise<void> {
    const { store } = this.deps;
    const built = await Promise.all(emails);
    const { undeliverable, sends } = await store.sendState(
      meeting.id,
      once,
      built.flatMap((email) => email.to.map((r) => r.email)),
    );
    const event = (what: string, detail: Record<string, unknown>) =>
      this.auditEvent(meeting.id, "system", what, "workflow", once ? { ...detail, once } : detail);
    const at = this.now().toISOString();
    const skipped: AuditEvent[] = [];
    // By recipient: an address twice in a batch is one record (a batched write refuses duplicate keys).
    const pending = new Map<string, SendRecord>();
    const plan = built.map((email) => {
      for (const r of email.to)
        if (undeliverable.has(r.email.toLowerCase()))
          skipped.push(event("email-skipped-undeliverable", { kind: email.kind }));
      const to = email.to.filter(
        (r) =>
          !undeliverable.has(r.email.toLowerCase()) && sends.get(r.email.toLowerCase())?.status !== "sent",
      );
      const first = to[0];
      if (!once || !first) return { email, to, records: [] as SendRecord[] };
      // A copy left pending by a crash keeps its Message-ID; a new one gets the id of its record.
      const messageId =
        to.map((r) => sends.get(r.email.toLowerCase())?.messageId).find((id) => id !== undefined) ??
        sendMessageId(meeting.id, once, first.email, email.from.email);
      const records = to.map(
        (r): SendRecord =>
          sends.get(r.email.toLowerCase()) ?? {
            batch: once,
            recipient: r.email.toLowerCase(),
            kind: email.kind,
            messageId,
            status: "pending",
            at,
          },
      );
      for (const record of records) if (!sends.has(record.recipient)) pending.set(record.recipient, record);
      return { email: { ...email, messageId }, to, records };
    });
    // Recorded before anything is sent: a crash from here on leaves what was not sent pending.
    if (pending.size > 0 || skipped.length > 0)
      await store.putSends(meeting.id, [...pending.values()], skipped);
    for (const [i, { email, to, records }] of plan.entries()) {
      if (to.length > 0) {
        const result = await this.deps.mailer.send({ ...email, to });
        const sentAt = this.now().toISOString();
        await store.putSends(
          meeting.id,
          [...new Map(records.map((r) => [r.recipient, { ...r, status: "sent" as const, sentAt }])).values()],
          [event(`email:${email.kind}`, { to: to.map((r) => r.email), messageId: result.messageId })],
        );
      }
      await afterEach?.(i);
    }
  }

  /** A signed approval link for `person` on minutes `version`, open 60 days (the approval question's own lifetime). */
  private approvalLink(meetingId: string, person: number, version: number): ReplyLink {
    return this.deps.replies.link(
      meetingId,
      person,
      "approval",
      version,
      new Date(this.now().getTime() + 60 * day),
    );
  }

  private async setPhase(meeting: Meeting, phase: Phase): Promise<Meeting> {
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

  /** 1. Read the persisted phase (the workflow routes on it). */
  async loadMeeting(meetingId: string): Promise<{ phase: Phase; minutesVersion: number }> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    return { phase: meeting.phase, minutesVersion: meeting.minutesVersion };
  }

  /** Convene: the plan was checked when the meeting was created; record it and move to invite. */
  async convene(meetingId: string): Promise<{ dueBy?: string; minutesDueBy: string }> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    if (meeting.phase === "convene") {
      // A meeting convened against a rule: the team manager is told, once, with the reasons (issue 10).
      if (meeting.overrides.length > 0)
        await this.send(
          meeting,
          this.deps.messages.planOverridden(meeting, meeting.teamManager),
          "plan-overridden",
        );
      await this.setPhase(meeting, "invite");
    }
    return { dueBy: meeting.dueBy, minutesDueBy: meeting.minutesDueBy };
  }

  /**
   * Invite: 1. each invitee not yet invited for this calendar sequence gets an invitation with a
   * calendar entry and their own reply address; 2. their answer starts as not-responded; 3. phase.
   */
  async sendInvitations(meetingId: string): Promise<{ invited: number }> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    const answers = new Map((await this.deps.store.listAnswers(meetingId)).map((a) => [a.index, a]));
    const expires = new Date(new Date(meeting.end).getTime() + day);
    const toInvite = [meeting.chair, ...meeting.invitees].filter(
      (invitee) => answers.get(invitee.index)?.invitedSequence !== meeting.sequence,
    );
    await this.sendAll(
      meeting,
      toInvite.map((invitee) =>
        this.deps.messages.invitation(
          meeting,
          invitee,
          this.deps.replies.link(meeting.id, invitee.index, "invitation", meeting.sequence, expires),
        ),
      ),
      // Recorded as each goes out, so a retry after a failed send invites only those not yet invited.
      {
        once: `invitation-s${meeting.sequence}`,
        afterEach: async (i) => {
          const invitee = toInvite[i] as Invitee;
          const existing = answers.get(invitee.index);
          await this.deps.store.putAnswer(meetingId, {
            index: invitee.index,
            attendance:
              existing?.attendance ?? (invitee.index === meeting.chair.index ? "attending" : "not-responded"),
            note: existing?.note,
            reportReceived: existing?.reportReceived ?? false,
            invitedSequence: meeting.sequence,
            reports: existing?.reports,
            at: this.now().toISOString(),
          });
        },
      },
    );
    const invited = toInvite.length;
    if (meeting.phase === "invite") await this.setPhase(meeting, "await-meeting");
    return { invited };
  }

  /**
   * A wait on people or time: store the token with its deadline and reminders (as timers the
   * sweeper finds by due day). A re-armed wait keeps its deadline; a wait after an escalation gets
   * the next rung's deadline. Where the awaited thing already happened, the token completes now.
   */
  async registerWait(input: {
    meetingId: string;
    purpose: WaitPurpose;
    ref?: number;
    level?: number;
    taskToken: string;
  }): Promise<{ deadline: string }> {
    const { store } = this.deps;
    const ref = input.ref ?? 0;
    const meeting = await store.getMeeting(input.meetingId);
    const existing = await store.getWait(meeting.id, input.purpose, ref);
    const action = input.purpose === "action" ? await store.getAction(meeting.id, ref) : undefined;
    // A deadline passed and a crash cut its escalation short (the wait expired, never marked
    // escalated): the new token fails at once at the same rung, so the workflow escalates again
    // (its send records let through only what was not sent) before it waits a rung up.
    const escalationCut =
      input.level === undefined &&
      existing?.status === "expired" &&
      existing.escalated !== true &&
      escalatedOnDeadline.has(input.purpose);
    const level =
      input.level ??
      (existing && existing.status === "expired" && !escalationCut
        ? existing.level + 1
        : (existing?.level ?? 0));
    const now = this.now();
    let deadline: string;
    let reminders: string[];
    if (escalationCut && existing) {
      deadline = existing.deadline;
      reminders = [];
    } else if (existing && existing.status === "waiting" && existing.level === level) {
      deadline = existing.deadline;
      reminders = existing.reminders;
    } else {
      const plan = planWait(input.purpose, level, { meeting, now, action }, this.deps.settings);
      deadline = plan.deadline.toISOString();
      reminders = plan.reminders.map((r) => r.toISOString());
    }
    const wait: Wait = {
      purpose: input.purpose,
      ref,
      token: input.taskToken,
      status: "waiting",
      level,
      deadline,
      reminders,
      registeredAt: now.toISOString(),
    };
    // A first wait has no timers yet; a re-armed one replaces its own.
    if (existing) await store.deleteTimersFor(meeting.id, input.purpose, ref);
    await store.putWait(meeting.id, wait);
    await store.putTimers(
      waitTimers(meeting.id, wait).filter((t) => t.kind === "deadline" || new Date(t.dueAt) > now),
    );
    if (meeting.phase === "cancelled") {
      await this.failWait(meeting.id, wait, workflowErrors.cancelled, "The meeting was cancelled");
    } else if (escalationCut) {
      await this.failWait(
        meeting.id,
        wait,
        workflowErrors.deadlinePassed,
        `${input.purpose} deadline ${deadline} passed; its escalation is sent again`,
      );
    } else if (action && action.status !== "open") {
      await this.completeWait(meeting.id, wait, { outcome: action.status });
    } else if (input.purpose === "approval") {
      const { outcome } = await this.agreement(meeting);
      if (outcome) await this.completeWait(meeting.id, wait, outcome);
    }
    await this.audit(meeting.id, "workflow", `wait:${input.purpose}`, "workflow", { ref, level, deadline });
    return { deadline };
  }

  private async completeWait(meetingId: string, wait: Wait, output: unknown): Promise<boolean> {
    const closed = await this.deps.store.closeWait(
      meetingId,
      wait.purpose,
      wait.ref,
      wait.token,
      "completed",
      this.now().toISOString(),
    );
    if (!closed) return false;
    await this.deps.store.deleteTimersFor(meetingId, wait.purpose, wait.ref);
    return this.settleToken(meetingId, wait, () => this.deps.workflow.sendTaskSuccess(wait.token, output));
  }

  /**
   * Hands a closed wait's outcome to its execution. A token no execution holds any more (one
   * stopped by a restart after its phase moved on, whose wait was left open) answers that it is
   * not waiting: the wait stays closed, which is what it is, and the step carries on instead of
   * failing a sweep or a reply for every other meeting.
   */
  private async settleToken(meetingId: string, wait: Wait, settle: () => Promise<void>): Promise<boolean> {
    try {
      await settle();
      return true;
    } catch (error) {
      if (!(error instanceof Error && staleTokenErrors.has(error.name))) throw error;
      await this.audit(meetingId, "workflow", `wait-stale:${wait.purpose}`, "workflow", { ref: wait.ref });
      return false;
    }
  }

  private async failWait(meetingId: string, wait: Wait, error: string, cause: string): Promise<boolean> {
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

  /** SES said an address bounces or complained: stop emailing it and tell the chair (nothing lost silently). */
  async addressUndeliverable(
    email: string,
    kind: "bounce" | "complaint",
    permanent: boolean,
    meetingId: string | undefined,
    detail: string,
  ): Promise<void> {
    const now = this.now().toISOString();
    if (permanent) await this.deps.store.markUndeliverable(email, `${kind}: ${detail}`.slice(0, 500), now);
    if (!meetingId) return;
    let meeting: Meeting;
    try {
      meeting = await this.deps.store.getMeeting(meetingId);
    } catch (error) {
      // A bounce for a meeting that is gone (retention) still marks the address; nothing to alert.
      if (error instanceof NotFoundError) return;
      throw error;
    }
    await this.audit(meetingId, "ses", `undeliverable:${kind}`, "ses", { permanent });
    const alert = await this.deps.messages.undeliverable(meeting, email, kind, permanent);
    await this.deps.mailer.send(alert);
  }

  /** The chair records who attended; the meeting moves on to transcription. */
  async recordMeetingHeld(
    meetingId: string,
    attendance: Array<{ index: number; attended: boolean }>,
    actor: string,
    via: string,
  ): Promise<void> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    if (meeting.phase !== "await-meeting")
      throw new LifecycleStateError(`meeting is at ${meeting.phase}, not awaiting the meeting`);
    // Every entry must name someone invited, once: checked before anything is written.
    const people = new Set([meeting.chair, ...meeting.invitees].map((p) => p.index));
    const seen = new Set<number>();
    for (const entry of attendance) {
      if (!people.has(entry.index))
        throw new LifecycleStateError(
          `attendance names person ${entry.index}, who is not invited to this meeting`,
        );
      if (seen.has(entry.index))
        throw new LifecycleStateError(`attendance names person ${entry.index} twice`);
      seen.add(entry.index);
    }
    const answers = new Map((await this.deps.store.listAnswers(meetingId)).map((a) => [a.index, a]));
    await this.deps.store.putAnswers(
      meetingId,
      attendance.map((entry) => {
        const before = answers.get(entry.index);
        return {
          index: entry.index,
          attendance: entry.attended
            ? "attended"
            : before?.attendance === "apologies-with-report"
              ? "apologies-with-report"
              : "absent",
          note: before?.note,
          reportReceived: before?.reportReceived ?? false,
          invitedSequence: before?.invitedSequence,
          reports: before?.reports,
          at: this.now().toISOString(),
        };
      }),
    );
    await this.audit(meetingId, actor, "meeting-held", via, {
      attended: attendance.filter((a) => a.attended).length,
    });
    await this.setPhase(meeting, "transcribe");
    await this.resolve(meetingId, "meeting-held", 0, { held: true });
  }

  /** Transcribe: start the job (cloud) or import the transcript (local); the token completes on arrival. */
  async startTranscription(input: { meetingId: string; taskToken: string }): Promise<{ status: string }> {
    const meeting = await this.deps.store.getMeeting(input.meetingId);
    if (meeting.phase === "await-meeting") await this.setPhase(meeting, "transcribe");
    await this.registerWait({ meetingId: meeting.id, purpose: "transcript", taskToken: input.taskToken });
    const status = await this.deps.transcription.start(meeting, input.taskToken);
    await this.audit(meeting.id, "workflow", `transcription:${status}`, "workflow");
    return { status };
  }

  /** A transcript arrived (import or job completion): store it and resume the workflow. */
  async transcriptArrived(
    meetingId: string,
    bytes: Uint8Array,
    filename: string,
    via: string,
  ): Promise<void> {
    await this.deps.blobs.put(`transcripts/${meetingId}/${filename}`, bytes, "application/octet-stream");
    await this.deps.blobs.put(
      `transcripts/${meetingId}/latest`,
      new TextEncoder().encode(filename),
      "text/plain",
    );
    await this.audit(meetingId, "system", "transcript-stored", via, { bytes: bytes.length });
    await this.resolve(meetingId, "transcript", 0, { filename });
  }

  private async latestTranscript(meetingId: string) {
    const name = await this.deps.blobs.get(`transcripts/${meetingId}/latest`);
    if (!name) return undefined;
    const filename = new TextDecoder().decode(name);
    const bytes = await this.deps.blobs.get(`transcripts/${meetingId}/${filename}`);
    return bytes ? { bytes, filename } : undefined;
  }

  /** Draft minutes: version 1, hashed, from the transcript (or the empty template without one). */
  async draftMinutes(meetingId: string): Promise<{ version: number; hash: string }> {
    let meeting = await this.deps.store.getMeeting(meetingId);
    if (meeting.minutesVersion > 0) {
      const current = await this.deps.store.getMinutesVersion(meetingId, meeting.minutesVersion);
      return { version: current.version, hash: current.hash };
    }
    const minutes = await this.deps.minutes.draft(
      meeting,
      await this.deps.store.listAnswers(meetingId),
      await this.latestTranscript(meetingId),
    );
    const hash = this.deps.minutes.hash(minutes);
    await this.deps.store.putMinutesVersion(meetingId, {
      version: 1,
      hash,
      minutes,
      createdAt: this.now().toISOString(),
      createdBy: "drafter",
    });
    // The phase stays at drafting until every approval request is out (requestApprovals moves it):
    // a restart after a crash part-way through the requests sends the rest.
    meeting = await this.deps.store.saveMeeting({
      ...meeting,
      minutesVersion: 1,
      phase: "draft-minutes",
      updatedAt: this.now().toISOString(),
    });
    await this.deps.store.appendAudits([
      this.auditEvent(meetingId, "drafter", "minutes-drafted", "workflow", { version: 1, hash }),
      this.auditEvent(meetingId, "workflow", "phase:draft-minutes", "workflow"),
    ]);
    return { version: 1, hash };
  }

  /** Who must agree the minutes: those who attended, not observers (seed 000: "agreed by all attendees"). */
  private async approvers(meeting: Meeting): Promise<Invitee[]> {
    const answers = new Map((await this.deps.store.listAnswers(meeting.id)).map((a) => [a.index, a]));
    return [meeting.chair, ...meeting.invitees].filter(
      (p) => !p.observer && answers.get(p.index)?.attendance === "attended",
    );
  }

  /** Agree minutes: send the current version to every attendee who has not yet answered it. */
  async requestApprovals(meetingId: string): Promise<{ version: number; requested: number }> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    const version = meeting.minutesVersion;
    const stored = await this.deps.store.getMinutesVersion(meetingId, version);
    const docs = await this.deps.minutes.render(meeting, stored.minutes, "professional");
    const answered = new Set((await this.deps.store.listApprovals(meetingId, version)).map((a) => a.index));
    const expires = new Date(this.now().getTime() + 60 * day);
    const speakersToName = await this.unnamedSpeakers(meetingId);
    const toAsk = (await this.approvers(meeting)).filter((person) => !answered.has(person.index));
    // "Answer by" is the approval wait's own deadline, in working days (not 3 calendar days).
    const answerBy = planWait("approval", 0, { meeting, now: this.now() }, this.deps.settings).deadline;
    await this.sendAll(
      meeting,
      toAsk.map((person) =>
        this.deps.messages.approvalRequest(
          meeting,
          person,
          version,
          docs,
          this.deps.replies.link(meeting.id, person.index, "approval", version, expires),
          person.index === meeting.chair.index ? speakersToName : [],
          answerBy,
        ),
      ),
      { once: `approval-request-v${version}` },
    );
    const requested = toAsk.length;
    if (meeting.phase !== "agree-minutes") await this.setPhase(meeting, "agree-minutes");
    return { version, requested };
  }

  /** Agreed when every attendee approved the current version, or the chair confirmed deemed agreement. */
  /** The answers to the current version (read after the caller's own write), and the outcome if agreed. */
  private async agreement(
    meeting: Meeting,
    /** Who must agree, when the caller has it already (the attendance does not change after the meeting). */
    knownApprovers?: Invitee[],
    /** The answers to the current version, when the caller has just read them (and writes nothing first). */
    knownApprovals?: Approval[],
  ): Promise<{ approvals: Approval[]; outcome?: AgreementOutcome }> {
    const version = meeting.minutesVersion;
    if (version === 0) return { approvals: [] };
    // Read after the caller's own write, so of two answers arriving at once the later sees both.
    const approvals = knownApprovals ?? (await this.deps.store.listApprovals(meeting.id, version));
    const byIndex = new Map(approvals.map((a) => [a.index, a]));
    const pendingChange = approvals.some((a) => a.response === "request-changes" && !a.chairDecision);
    if (pendingChange) return { approvals };
    const approvers = knownApprovers ?? (await this.approvers(meeting));
    const deemed = approvals.some((a) => a.response === "deemed");
    const all = approvers.every((p) => {
      const a = byIndex.get(p.index);
      return a && (a.response === "approve" || a.response === "deemed" || a.chairDecision === "rejected");
    });
    if (!all) return { approvals };
    const stored = await this.deps.store.getMinutesVersion(meeting.id, version);
    if (this.deps.minutes.finaliseBlockers(stored.minutes, meeting.typeId).length > 0) return { approvals };
    return { approvals, outcome: { outcome: "agreed", version, deemed } };
  }

  /** An attendee's answer to the minutes, from email or the page. */
  async recordApproval(
    meetingId: string,
    person: number,
    version: number,
    response: "approve" | "request-changes",
    text: string | undefined,
    via: string,
    /** The meeting as the caller just read it (the reply desk); read here when absent. */
    known?: Meeting,
  ): Promise<{ recorded: true; message: string } | ClosedAnswer | { recorded: false; message: string }> {
    const meeting = known?.id === meetingId ? known : await this.deps.store.getMeeting(meetingId);
    const invitee = [meeting.chair, ...meeting.invitees].find((p) => p.index === person);
    if (!invitee) return { recorded: false, message: "not an invitee of this meeting" };
    // Only the version out for approval, before it is agreed or distributed, takes answers.
    const question: Question = { purpose: "approval", ref: version };
    const before = questionState(question, meetingFacts(meeting));
    if (!before.open) return closedAnswer(before.closed);
    const isChair = person === meeting.chair.index;
    const approvals = await this.deps.store.listApprovals(meetingId, version);
    const approvers = await this.approvers(meeting);
    const agreedAlready = (await this.agreement(meeting, approvers, approvals)).outcome?.outcome === "agreed";
    const state = questionState(question, { ...meetingFacts(meeting), minutesAgreed: agreedAlready });
    if (!state.open) return closedAnswer(state.closed);
    const awaitingDeemed =
      isChair && response === "approve" && (await this.deps.store.getWait(meetingId, "approval", 0))?.level;
    await this.deps.store.putApproval(meetingId, {
      version,
      index: person,
      response,
      text,
      at: this.now().toISOString(),
    });
    await this.audit(meetingId, invitee.email, `approval:${response}`, via, { version });
    if (response === "request-changes") {
      const reply = this.approvalLink(meeting.id, meeting.chair.index, version);
      await this.send(
        meeting,
        this.deps.messages.changeRequested(meeting, meeting.chair, invitee, version, text ?? "", reply),
      );
      return { recorded: true, message: "change request recorded and sent to the chair" };
    }
    if (
      awaitingDeemed &&
      this.deps.settings.minutes.nonResponder.rule === "deemed-agreed-with-chair-confirmation"
    ) {
      // The chair confirms deemed agreement for attendees who did not answer after the deadline.
      const answered = new Set([...approvals.map((a) => a.index), person]);
      const deemed = approvers.filter((p) => !answered.has(p.index));
      for (const p of deemed) {
        await this.deps.store.putApproval(meetingId, {
          version,
          index: p.index,
          response: "deemed",
          at: this.now().toISOString(),
        });
      }
      await this.deps.store.appendAudits(
        deemed.map((p) =>
          this.auditEvent(meetingId, meeting.chair.email, "approval:deemed", via, {
            version,
            person: p.index,
          }),
        ),
      );
    }
    const { outcome, approvals: answered } = await this.agreement(meeting, approvers);
    if (outcome) {
      await this.resolve(meetingId, "approval", 0, outcome);
      return { recorded: true, message: "minutes agreed by every attendee" };
    }
    // Everyone may have agreed minutes that still cannot be finalised (seed 001): tell the chair now.
    const allAgreed = approvers.every((p) =>
      answered.some((a) => a.index === p.index && (a.response === "approve" || a.response === "deemed")),
    );
    if (!allAgreed) return { recorded: true, message: "approval recorded" };
    const stored = await this.deps.store.getMinutesVersion(meetingId, version);
    const blockers = this.deps.minutes.finaliseBlockers(stored.minutes, meeting.typeId);
    if (blockers.length > 0) {
      await this.noticeBlocked(meeting, version, 0, blockers);
      return {
        recorded: true,
        message: `approval recorded; the minutes cannot be finalised yet: ${blockers.join("; ")}`,
      };
    }
    return { recorded: true, message: "approval recorded" };
  }

  /** Agreed minutes lacking a blocking section: the chair told once, the team manager once when late. */
  private async noticeBlocked(
    meeting: Meeting,
    version: number,
    unanswered: number,
    blockers: string[],
  ): Promise<Address[]> {
    const notice = blockedNotice({
      version,
      unanswered,
      blockers,
      minutesDueBy: meeting.minutesDueBy,
      now: this.now(),
    });
    if (notice.kind === "none") return [];
    const to =
      notice.kind === "team-manager"
        ? [address(meeting.chair), address(meeting.teamManager)]
        : [address(meeting.chair)];
    const reply = this.approvalLink(meeting.id, meeting.chair.index, version);
    await this.send(
      meeting,
      this.deps.messages.minutesBlocked(
        meeting,
        to,
        { level: notice.kind === "team-manager" ? 2 : 0, lines: notice.lines },
        reply,
      ),
      notice.once,
    );
    await this.audit(meeting.id, "workflow", "minutes-blocked", "workflow", {
      version,
      blockers,
      to: to.map((a) => a.email),
    });
    return to;
  }

  /** The chair's reply supplies what the agreed minutes lack: a new version goes out for approval. */
  async supplyMissingSections(
    meeting: Meeting,
    version: number,
    text: string,
    via: string,
  ): Promise<{ recorded: true; message: string } | undefined> {
    const stored = await this.deps.store.getMinutesVersion(meeting.id, version);
    if (this.deps.minutes.finaliseBlockers(stored.minutes, meeting.typeId).length === 0) return undefined;
    const { minutes, supplied } = this.deps.minutes.supplySections(stored.minutes, meeting.typeId, text);
    if (supplied.length === 0) return undefined;
    const next = version + 1;
    await this.deps.store.putMinutesVersion(meeting.id, {
      version: next,
      hash: this.deps.minutes.hash(minutes),
      minutes,
      createdAt: this.now().toISOString(),
      createdBy: meeting.chair.email,
    });
    await this.deps.store.saveMeeting({
      ...meeting,
      minutesVersion: next,
      updatedAt: this.now().toISOString(),
    });
    await this.audit(meeting.id, meeting.chair.email, "minutes-sections-supplied", via, {
      version: next,
      sections: supplied,
    });
    await this.resolve(meeting.id, "approval", 0, {
      outcome: "new-version",
      version: next,
    } satisfies AgreementOutcome);
    return {
      recorded: true,
      message: `sections supplied (${supplied.join(", ")}); version ${next} goes out for approval`,
    };
  }

  /** Speaker labels in the transcript that name nobody invited: the chair is asked to map them. */
  async unnamedSpeakers(meetingId: string): Promise<string[]> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    const transcript = await this.latestTranscript(meetingId);
    return transcript ? this.deps.minutes.unnamedSpeakers(meeting, transcript) : [];
  }

  /**
   * The chair names the transcript's speakers (e.g. spk_0 = Priya Shah): the minutes are drafted
   * again with the names, as a new version that goes back out for approval.
   */
  async mapSpeakers(
    meetingId: string,
    mapping: Record<string, string>,
    via: string,
  ): Promise<{ version: number }> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    if (meeting.phase !== "agree-minutes") {
      throw new LifecycleStateError(
        `meeting ${meetingId} is at ${meeting.phase}; speakers are named while the minutes are agreed`,
      );
    }
    const people = new Map([meeting.chair, ...meeting.invitees].map((p) => [p.name.toLowerCase(), p.name]));
    const named: Record<string, string> = {};
    for (const [label, name] of Object.entries(mapping)) {
      const person = people.get(name.trim().toLowerCase());
      if (!person) throw new LifecycleStateError(`"${name}" is not invited to this meeting (for ${label})`);
      named[label] = person;
    }
    const mapped = await this.deps.store.saveMeeting({
      ...meeting,
      speakerMap: { ...(meeting.speakerMap ?? {}), ...named },
      updatedAt: this.now().toISOString(),
    });
    const minutes = await this.deps.minutes.draft(
      mapped,
      await this.deps.store.listAnswers(meetingId),
      await this.latestTranscript(meetingId),
    );
    const version = mapped.minutesVersion + 1;
    await this.deps.store.putMinutesVersion(meetingId, {
      version,
      hash: this.deps.minutes.hash(minutes),
      minutes,
      createdAt: this.now().toISOString(),
      createdBy: meeting.chair.email,
    });
    await this.deps.store.saveMeeting({
      ...mapped,
      minutesVersion: version,
      updatedAt: this.now().toISOString(),
    });
    await this.audit(meetingId, meeting.chair.email, "speakers-named", via, {
      version,
      labels: Object.keys(named),
    });
    await this.resolve(meetingId, "approval", 0, {
      outcome: "new-version",
      version,
    } satisfies AgreementOutcome);
    return { version };
  }

  /** The chair accepts (→ new version, back out for approval) or rejects a requested change. */
  async decideChange(
    meetingId: string,
    person: number,
    decision: "accepted" | "rejected",
    via: string,
    /** The minutes version the chair's token was sent for; a decision on another version changes nothing. */
    asked: number,
  ): Promise<{ decided: true; version: number } | ClosedAnswer> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    const version = asked;
    const approvals = await this.deps.store.listApprovals(meetingId, version);
    const request = approvals.find((a) => a.index === person && a.response === "request-changes");
    const state = changeDecisionState(version, meetingFacts(meeting), {
      requested: request !== undefined,
      decision: request?.chairDecision,
    });
    if (!state.open) return closedAnswer(state.closed);
    if (!request)
      throw new LifecycleStateError(`no change requested by person ${person} on version ${version}`);
    await this.deps.store.putApproval(meetingId, { ...request, chairDecision: decision });
    await this.audit(meetingId, meeting.chair.email, `change-${decision}`, via, { version, person });
    if (decision === "rejected") {
      // The requester is told, with a link to agree the minutes as they stand or keep disagreeing.
      const requester = [meeting.chair, ...meeting.invitees].find((p) => p.index === person);
      if (requester && requester.index !== meeting.chair.index)
        await this.send(
          meeting,
          this.deps.messages.changeRejected(
            meeting,
            requester,
            version,
            request.text ?? "",
            this.approvalLink(meeting.id, requester.index, version),
          ),
          `change-rejected-v${version}-p${person}`,
        );
      const { outcome } = await this.agreement(meeting);
      if (outcome) await this.resolve(meetingId, "approval", 0, outcome);
      return { decided: true, version };
    }
    const current = await this.deps.store.getMinutesVersion(meetingId, version);
    const requester = [meeting.chair, ...meeting.invitees].find((p) => p.index === person);
    const amended = this.deps.minutes.amend(current.minutes, {
      by: requester?.role ?? "attendee",
      text: request.text ?? "",
    });
    const next = version + 1;
    await this.deps.store.putMinutesVersion(meetingId, {
      version: next,
      hash: this.deps.minutes.hash(amended),
      minutes: amended,
      createdAt: this.now().toISOString(),
      createdBy: meeting.chair.email,
    });
    await this.deps.store.saveMeeting({
      ...meeting,
      minutesVersion: next,
      updatedAt: this.now().toISOString(),
    });
    const outcome: AgreementOutcome = { outcome: "new-version", version: next };
    await this.resolve(meetingId, "approval", 0, outcome);
    return { decided: true, version: next };
  }

  /** Distribute: final minutes to everyone invited (family copy to family members), case note filed. */
  async distribute(meetingId: string): Promise<{ late: boolean; sent: number; dueBy: string }> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    const stored = await this.deps.store.getMinutesVersion(meetingId, meeting.minutesVersion);
    const professional = await this.deps.minutes.render(meeting, stored.minutes, "professional", {
      final: true,
    });
    const family = await this.deps.minutes.render(meeting, stored.minutes, "family", { final: true });
    const everyone = [meeting.chair, ...meeting.invitees];
    await this.sendAll(
      meeting,
      everyone.map((invitee) =>
        invitee.family
          ? this.deps.messages.finalMinutes(meeting, invitee, "family", family)
          : this.deps.messages.finalMinutes(meeting, invitee, "professional", professional),
      ),
      { once: `final-minutes-v${stored.version}` },
    );
    const sent = everyone.length;
    await this.deps.blobs.put(
      `documents/${meetingId}/minutes-v${stored.version}.docx`,
      professional.docx,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    if (professional.pdf)
      await this.deps.blobs.put(
        `documents/${meetingId}/minutes-v${stored.version}.pdf`,
        professional.pdf,
        "application/pdf",
      );
    const note = this.deps.minutes.caseNote(meeting, stored.minutes, stored.version);
    await this.deps.blobs.put(
      `documents/${meetingId}/case-note.txt`,
      new TextEncoder().encode(note),
      "text/plain",
    );
    const now = this.now();
    const late = now > atLocalTime(meeting.minutesDueBy, "23:59", this.deps.settings.timezone);
    // Statutory follow-ups the meeting owes (seed 004: FNM or FGC referral within 5 working days).
    const parsedMinutes = minutesSchema.safeParse(stored.minutes);
    const followUps = parsedMinutes.success
      ? followUpActions(meeting, parsedMinutes.data)
      : { actions: [], dueDates: new Map<number, string>() };
    // Agreed actions become tracked actions.
    for (const a of this.deps.minutes.actions(stored.minutes)) {
      const invitee = [meeting.chair, ...meeting.invitees].find(
        (p) =>
          (a.responsible.email && p.email.toLowerCase() === a.responsible.email.toLowerCase()) ||
          (a.responsible.name && p.name === a.responsible.name),
      );
      await this.deps.store.putAction(meetingId, {
        number: a.number,
        action: a.action,
        timescale: a.timescale,
        dueDate: followUps.dueDates.get(a.number) ?? a.dueDate,
        responsible: {
          ...a.responsible,
          email: a.responsible.email ?? invitee?.email,
          inviteeIndex: invitee?.index,
        },
        notes: a.notes,
        status: "open",
        escalationLevel: 0,
      });
    }
    for (const action of followUps.actions) await this.deps.store.putAction(meetingId, action);
    const actions = [...this.deps.minutes.actions(stored.minutes), ...followUps.actions];
    // Recorded before the phase moves: a restart after the move does not distribute again.
    await this.audit(meetingId, "workflow", "minutes-distributed", "workflow", {
      version: stored.version,
      late,
      sent,
    });
    const updated = await this.deps.store.saveMeeting({
      ...meeting,
      actionCount: actions.length,
      phase: "track-actions",
      updatedAt: now.toISOString(),
    });
    await this.audit(updated.id, "workflow", "phase:track-actions", "workflow");
    return { late, sent, dueBy: meeting.minutesDueBy };
  }

  /** A closed or cancelled meeting leaves the in-flight list once none of its actions is open. */
  private async endInFlightIfDone(meeting: Meeting): Promise<void> {
    const actions = await this.deps.store.listActions(meeting.id);
    if (actions.every((a) => a.status !== "open")) await this.deps.store.endInFlight(meeting.id);
  }

  /** One tracker execution per agreed action. */
  async startActionTrackers(meetingId: string): Promise<{ started: number }> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    // An action closed already (a step run again after a restart) needs no tracker.
    const actions = (await this.deps.store.listActions(meetingId)).filter((a) => a.status === "open");
    for (const action of actions) await this.deps.workflow.startActionTracker(meetingId, action.number);
    if (meeting.phase === "track-actions") await this.setPhase(meeting, "review");
    return { started: actions.length };
  }

  /**
   * Review: the next meeting is created (phase convene) for the date agreed in the minutes, or the
   * type's cadence, and the chair is told. It is started when the chair confirms the invite list.
   */
  async scheduleReview(meetingId: string): Promise<{ reviewDate: string; reviewMeetingId: string }> {
    let meeting = await this.deps.store.getMeeting(meetingId);
    const stored = await this.deps.store.getMinutesVersion(meetingId, meeting.minutesVersion);
    const reviewDate =
      this.deps.minutes.nextReviewDate(stored.minutes) ??
      meeting.reviewDueBy ??
      localDate(new Date(new Date(meeting.start).getTime() + 90 * day), this.deps.settings.timezone);
    let reviewMeetingId = meeting.reviewMeetingId;
    if (!reviewMeetingId) {
      // Kept before the review meeting is created: a step run again after a crash creates it once.
      reviewMeetingId = this.deps.newMeetingId();
      meeting = await this.deps.store.saveMeeting({
        ...meeting,
        reviewMeetingId,
        updatedAt: this.now().toISOString(),
      });
    }
    await this.createReviewMeeting(meeting, reviewDate, reviewMeetingId);
    await this.send(
      meeting,
      this.deps.messages.reviewScheduled(meeting, address(meeting.chair), reviewDate, reviewMeetingId),
      "review-scheduled",
    );
    await this.audit(meetingId, "workflow", "review-scheduled", "workflow", { reviewDate, reviewMeetingId });
    const closed = await this.deps.store.saveMeeting({
      ...(await this.deps.store.getMeeting(meetingId)),
      phase: "closed",
      updatedAt: this.now().toISOString(),
    });
    await this.audit(meetingId, "workflow", "phase:closed", "workflow");
    // Open actions keep the meeting in flight (their trackers resume after a restart); the last
    // tracker to finish takes it off (closeAction), or it is done now.
    if (closed.actionCount > 0) await this.endInFlightIfDone(closed);
    return { reviewDate, reviewMeetingId };
  }

  /** The review meeting: same child, type and people, at the same time of day on `date`; phase convene. */
  private async createReviewMeeting(meeting: Meeting, date: string, id: string): Promise<void> {
    const tz = this.deps.settings.timezone;
    const startTime = dateTimeFormat("en-GB", {
      timeZone: tz,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(meeting.start));
    const start = atLocalTime(date, startTime, tz);
    const length = new Date(meeting.end).getTime() - new Date(meeting.start).getTime();
    const now = this.now().toISOString();
    const review: Meeting = {
      ...meeting,
      id,
      title: meeting.title.startsWith("Review") ? meeting.title : `Review ${meeting.title}`,
      start: start.toISOString(),
      end: new Date(start.getTime() + length).toISOString(),
      phase: "convene",
      minutesVersion: 0,
      actionCount: 0,
      sequence: 0,
      reviewOf: meeting.id,
      reviewMeetingId: undefined,
      dueBy: date,
      createdAt: now,
      updatedAt: now,
      version: 0,
    };
    try {
      await this.deps.store.createMeeting(review);
    } catch (error) {
      // Created before a crash, by this same step: nothing more to do.
      if (error instanceof ConflictError) return;
      throw error;
    }
    await this.audit(id, "workflow", "created-as-review", "workflow", { reviewOf: meeting.id });
  }

  /** Escalation up the ladder (seed 001: own line manager first, then further). */
  async escalate(input: {
    meetingId: string;
    reason: EscalationReason;
    level?: number;
    actionNumber?: number;
    failure?: unknown;
  }): Promise<{ escalatedTo: string[]; level: number }> {
    const meeting = await this.deps.store.getMeeting(input.meetingId);
    const tm = address(this.deps.settings.contacts.teamManager);
    const chair = address(meeting.chair);
    const level = input.level ?? 1;
    let to: Address[] = [chair];
    let cc: Address[] = [];
    const lines: string[] = [];
    let action: Action | undefined;
    let ownerAbout: EscalationDetails["about"];
    // Each escalation is one batch, so a step run again after a crash does not send it twice: an
    // action's by its rung; one after a wait's deadline by the wait's level (each deadline passes once).
    const purpose = escalationWait[input.reason];
    const wait = purpose ? await this.deps.store.getWait(meeting.id, purpose, 0) : undefined;
    const waitLevel = wait?.level ?? 0;
    let once: string;
    switch (input.reason) {
      case "action-overdue": {
        action = await this.deps.store.getAction(meeting.id, input.actionNumber ?? 0);
        const owner = [meeting.chair, ...meeting.invitees].find(
          (p) => p.index === action?.responsible.inviteeIndex,
        );
        // Who it goes to is the pure policy (escalation-recipients.ts): the owner named, one copy each.
        const ownerEmail = action.responsible.email ?? owner?.email;
        const recipients = actionEscalationRecipients({
          level,
          chair,
          teamManager: address(meeting.teamManager),
          owner: ownerEmail
            ? {
                email: ownerEmail,
                name: action.responsible.name ?? owner?.name,
                lineManager: owner?.lineManager ? address(owner.lineManager) : undefined,
                isChair: ownerEmail.toLowerCase() === meeting.chair.email.toLowerCase(),
              }
            : undefined,
        });
        to = recipients.to.map((p) => ({ email: p.email, ...(p.name ? { name: p.name } : {}) }));
        cc = recipients.cc.map((p) => ({ email: p.email, ...(p.name ? { name: p.name } : {}) }));
        ownerAbout = {
          name: action.responsible.name ?? owner?.name ?? ownerEmail ?? "the responsible professional",
          role: action.responsible.role ?? owner?.role ?? "responsible professional",
          ...(owner?.agency || action.responsible.department
            ? { agency: owner?.agency || action.responsible.department }
            : {}),
        };
        if (recipients.notes.includes("no-line-manager"))
          lines.push(
            "No line manager is recorded for the responsible professional, so this comes to the chair.",
          );
        if (recipients.notes.includes("chairs-own-action"))
          lines.push("The action is the chair's own, so this comes to the team manager.");
        lines.push(
          `Action ${action.number}: ${action.action}`,
          `It was due on ${longDate(action.dueDate)} and is not recorded as done.`,
        );
        once = `escalation:action-overdue:a${action.number}:l${level}`;
        await this.deps.store.putAction(meeting.id, { ...action, escalationLevel: level });
        break;
      }
      case "approvals-overdue": {
        once = `escalation:approvals-overdue:v${meeting.minutesVersion}:w${waitLevel}`;
        const approvals = await this.deps.store.listApprovals(meeting.id, meeting.minutesVersion);
        const answered = new Set(approvals.map((a) => a.index));
        const missing = (await this.approvers(meeting)).filter((p) => !answered.has(p.index));
        if (missing.length === 0) {
          // Nobody left to chase: the minutes are blocked on content, said once (minutes-blocked.ts).
          const stored = await this.deps.store.getMinutesVersion(meeting.id, meeting.minutesVersion);
          const blockers = this.deps.minutes.finaliseBlockers(stored.minutes, meeting.typeId);
          const sent = await this.noticeBlocked(meeting, meeting.minutesVersion, 0, blockers);
          if (wait?.status === "expired")
            await this.deps.store.putWait(meeting.id, { ...wait, escalated: true });
          return { escalatedTo: sent.map((a) => a.email), level };
        }
        lines.push(
          `Minutes version ${meeting.minutesVersion}: no answer yet from ${missing.map((p) => `${p.name} (${p.role})`).join(", ") || "nobody"}.`,
        );
        if (this.deps.settings.minutes.nonResponder.rule === "deemed-agreed-with-chair-confirmation") {
          lines.push(
            "Reply APPROVE to confirm the minutes as agreed by those who have not answered, or chase them.",
          );
        } else {
          to = [chair, meeting.teamManager];
        }
        await this.remindApprovers(
          meeting,
          missing,
          new Date(this.now().getTime() + this.deps.settings.minutes.nonResponder.afterWorkingDays * day),
          new Date(this.now().getTime() + 60 * day),
          `${once}:reminder`,
        );
        break;
      }
      case "distribution-late":
        once = `escalation:distribution-late:v${meeting.minutesVersion}`;
        to = [chair, meeting.teamManager];
        lines.push(`The minutes were due out by ${meeting.minutesDueBy} and went out late.`);
        break;
      case "meeting-not-recorded":
        once = `escalation:meeting-not-recorded:s${meeting.sequence}:w${waitLevel}`;
        to = level > 1 ? [chair, meeting.teamManager] : [chair];
        lines.push(
          `The meeting was due on ${formatLocal(new Date(meeting.start), this.deps.settings.timezone)}; attendance has not been recorded.`,
        );
        break;
      case "transcript-missing":
        once = `escalation:transcript-missing:w${waitLevel}`;
        lines.push(
          "No transcript has arrived; the minutes will be drafted from the template for you to complete.",
        );
        break;
      case "handler-failure":
        // Each failure is its own alert: recorded before it is sent, never deduplicated.
        once = `escalation:handler-failure:${this.now().toISOString()}`;
        to = [chair, tm];
        lines.push(
          "An automatic step kept failing after retries. The meeting is paused at its phase and will resume when fixed.",
        );
        break;
      default:
        once = `escalation:${input.reason}:${this.now().toISOString()}`;
        break;
    }
    await this.send(
      meeting,
      this.deps.messages.escalation(meeting, to, cc, {
        reason: input.reason,
        level,
        lines,
        action,
        ...(ownerAbout ? { about: ownerAbout } : {}),
      }),
      once,
    );
    await this.audit(meeting.id, "workflow", `escalation:${input.reason}`, "workflow", {
      level,
      to: to.map((a) => a.email),
      actionNumber: input.actionNumber,
    });
    // Done: the next wait is a rung up (registerWait escalates again if a crash came before this).
    if (wait?.status === "expired") await this.deps.store.putWait(meeting.id, { ...wait, escalated: true });
    return { escalatedTo: to.map((a) => a.email), level };
  }

  /** Records an action done (by reply or page) and completes its tracker's wait. */
  async markActionDone(
    meetingId: string,
    number: number,
    note: string | undefined,
    actor: string,
    via: string,
    /** The meeting as the caller just read it (the reply desk); read here when absent. */
    known?: Meeting,
  ): Promise<{ recorded: true } | ClosedAnswer> {
    const meeting = known?.id === meetingId ? known : await this.deps.store.getMeeting(meetingId);
    let action: Action | undefined;
    try {
      action = await this.deps.store.getAction(meetingId, number);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
    if (!action) return closedAnswer({ reason: "no-such-action", number });
    const state = questionState({ purpose: "action", ref: number }, { ...meetingFacts(meeting), action });
    if (!state.open) return closedAnswer(state.closed);
    await this.deps.store.putAction(meetingId, {
      ...action,
      status: "done",
      doneNote: note,
      closedAt: this.now().toISOString(),
    });
    await this.audit(meetingId, actor, "action-done", via, { number });
    await this.resolve(meetingId, "action", number, { outcome: "done" });
    return { recorded: true };
  }

  /** The tracker's last step: record how the action ended. */
  async closeAction(
    meetingId: string,
    number: number,
    outcome: "done" | "slipped" | "cancelled",
  ): Promise<{ status: string }> {
    const action = await this.deps.store.getAction(meetingId, number);
    if (action.status === "open") {
      await this.deps.store.putAction(meetingId, {
        ...action,
        status: outcome === "done" ? "done" : outcome,
        closedAt: this.now().toISOString(),
      });
    }
    await this.audit(meetingId, "workflow", `action-${outcome}`, "workflow", { number });
    const meeting = await this.deps.store.getMeeting(meetingId);
    if (meeting.phase === "closed" || meeting.phase === "cancelled") await this.endInFlightIfDone(meeting);
    return { status: outcome };
  }

  /**
   * The sweeper: 1. for each day from the last sweep to now, the timers due; 2. claim each (a
   * conditional delete, so it fires once); 3. a reminder sends its email, a deadline fails the
   * waiting token with DeadlinePassed so the workflow takes its escalation branch.
   */
  async sweep(
    /** Where the last sweep stopped, when the caller is the only sweeper and remembers it (the embedded runtime). */
    known: { sweptUntil?: string } = {},
  ): Promise<{ reminders: number; deadlines: number; sweptUntil: string }> {
    const { store } = this.deps;
    const now = this.now();
    const last = known.sweptUntil ?? (await store.getSweptUntil());
    const since = last ?? new Date(now.getTime() - 7 * day).toISOString();
    let reminders = 0;
    let deadlines = 0;
    for (const month of monthsBetween(since, now.toISOString())) {
      for (const timer of await store.dueTimers(month, now.toISOString())) {
        // The timer is removed after it has acted, not before: a crash in between leaves it to the
        // next sweep, and what it does is once-only by itself (the wait closes conditionally; a
        // reminder's send records let through only the copies not yet sent).
        const wait = await store.getWait(timer.meetingId, timer.purpose, timer.ref);
        if (wait?.status === "waiting" && wait.level === timer.level) {
          if (timer.kind === "deadline") {
            if (
              await this.failWait(
                timer.meetingId,
                wait,
                workflowErrors.deadlinePassed,
                `${timer.purpose} deadline ${wait.deadline} passed`,
              )
            )
              deadlines++;
          } else {
            await this.remind(await store.getMeeting(timer.meetingId), wait, timer);
            reminders++;
          }
        }
        await store.claimTimer(timer);
      }
    }
    // Only the month of the mark chooses which buckets the next sweep queries (claims are
    // conditional, so a bucket read twice is harmless): write it when that month changes.
    if (!last || last.slice(0, 7) !== now.toISOString().slice(0, 7))
      await store.setSweptUntil(now.toISOString());
    return { reminders, deadlines, sweptUntil: now.toISOString() };
  }

  private async remind(meeting: Meeting, wait: Wait, timer: Timer): Promise<void> {
    const expires = new Date(new Date(wait.deadline).getTime() + 30 * day);
    // Each timer is one batch: a reminder resent after a crash reaches only those it had not.
    const once = `reminder:${timer.purpose}:${timer.ref}:${timer.id}:${timer.dueAt}`;
    switch (wait.purpose) {
      case "action": {
        const action = await this.deps.store.getAction(meeting.id, wait.ref);
        if (action.status !== "open" || !action.responsible.email) return;
        const when =
          localDate(this.now(), this.deps.settings.timezone) >= action.dueDate ? "due-today" : "before-due";
        const reply = this.deps.replies.link(
          meeting.id,
          action.responsible.inviteeIndex ?? 0,
          "action",
          action.number,
          expires,
        );
        await this.send(
          meeting,
          this.deps.messages.actionReminder(
            meeting,
            action,
            { email: action.responsible.email, name: action.responsible.name },
            when,
            reply,
          ),
          once,
        );
        return;
      }
      case "approval": {
        const answered = new Set(
          (await this.deps.store.listApprovals(meeting.id, meeting.minutesVersion)).map((a) => a.index),
        );
        const missing = (await this.approvers(meeting)).filter((p) => !answered.has(p.index));
        await this.remindApprovers(
          meeting,
          missing,
          new Date(wait.deadline),
          expires,
          `${once}:v${meeting.minutesVersion}`,
        );
        return;
      }
      case "meeting-held":
        await this.send(
          meeting,
          this.deps.messages.reminder(
            meeting,
            address(meeting.chair),
            "record-attendance",
            new Date(wait.deadline),
          ),
          once,
        );
        return;
      default:
        return;
    }
  }

  /** Reminds each attendee who has not answered the current minutes version, with a fresh reply link. */
  private async remindApprovers(
    meeting: Meeting,
    missing: Invitee[],
    dueBy: Date,
    linkExpires: Date,
    /** The batch: which reminder this is (a timer, an escalation rung), so each goes out once. */
    once: string,
  ) {
    await this.sendAll(
      meeting,
      missing.map((p) =>
        this.deps.messages.reminder(
          meeting,
          address(p),
          "approval",
          dueBy,
          this.deps.replies.link(meeting.id, p.index, "approval", meeting.minutesVersion, linkExpires),
        ),
      ),
      { once },
    );
  }

  /**
   * An answer to the invitation (or the report request): 1. the question must still be open (the
   * meeting not held, the invitation not superseded by a reschedule); 2. reports that came with it
   * are stored with the meeting; 3. the answer is recorded; 4. a key agency that cannot attend is
   * asked for its written report (seed 001).
   */
  async recordAttendanceAnswer(
    meetingId: string,
    person: number,
    answer: "attending" | "declined" | "apologies" | "apologies-with-report",
    note: string | undefined,
    via: string,
    options: {
      /** The meeting as the caller just read it (the reply desk); read here when absent. */
      known?: Meeting;
      /** The token's question; without one (a chair's tool) the answer is taken while the meeting is not held. */
      question?: Question;
      /** Written reports that came with the answer (documents only: see domain/email/report-attachment.ts). */
      reports?: ReportDocument[];
    } = {},
  ): Promise<{ recorded: true; message: string } | ClosedAnswer> {
    const { known } = options;
    const meeting = known?.id === meetingId ? known : await this.deps.store.getMeeting(meetingId);
    const invitee = [meeting.chair, ...meeting.invitees].find((p) => p.index === person);
    if (!invitee) throw new LifecycleStateError(`person ${person} is not invited to meeting ${meetingId}`);
    const before: Answer | undefined = (await this.deps.store.listAnswers(meetingId)).find(
      (a) => a.index === person,
    );
    // The chair may have recorded attendance a moment ago (answers are written before the phase).
    const state = questionState(options.question ?? { purpose: "report", ref: 0 }, {
      ...meetingFacts(meeting),
      attendanceRecorded: before?.attendance === "attended" || before?.attendance === "absent",
    });
    if (!state.open) return closedAnswer(state.closed);
    const at = this.now().toISOString();
    const stored: ReportFile[] = [];
    for (const report of options.reports ?? []) {
      const digest = createHash("sha256").update(report.content).digest("hex").slice(0, 32);
      // The key names no person or file (keys appear in access logs); the same file twice is one blob.
      const blobKey = `documents/${meetingId}/reports/${person}/${digest}`;
      const contentType = (report.contentType.split(";")[0] ?? "").trim().toLowerCase().slice(0, 255);
      await this.deps.blobs.put(blobKey, report.content, contentType || "application/octet-stream");
      stored.push({
        filename: safeFilename(report.filename),
        contentType: contentType || "application/octet-stream",
        size: report.content.length,
        blobKey,
        receivedAt: at,
      });
    }
    const reports = [
      ...(before?.reports ?? []),
      ...stored.filter((r) => !before?.reports?.some((b) => b.blobKey === r.blobKey)),
    ];
    // A report already on file still counts when a later answer comes without one.
    const hasReport = answer === "apologies-with-report" || reports.length > 0;
    await this.deps.store.putAnswer(meetingId, {
      index: person,
      attendance: answer,
      note,
      reportReceived: hasReport,
      invitedSequence: before?.invitedSequence,
      ...(reports.length > 0 ? { reports } : {}),
      at,
    });
    await this.deps.store.appendAudits([
      this.auditEvent(meetingId, invitee.email, `answer:${answer}`, via),
      ...stored.map((r) =>
        this.auditEvent(meetingId, invitee.email, "report-received", via, {
          person,
          blobKey: r.blobKey,
          contentType: r.contentType,
          size: r.size,
        }),
      ),
    ]);
    if ((answer === "apologies" || answer === "declined") && invitee.keyAgency && !hasReport) {
      // A key agency that cannot attend owes a written or verbal report (seed 001, "Preparation").
      const reply = this.deps.replies.link(
        meeting.id,
        person,
        "report",
        0,
        new Date(new Date(meeting.start).getTime() + day),
      );
      await this.send(meeting, this.deps.messages.reportRequest(meeting, invitee, reply));
      return { recorded: true, message: "apologies recorded; a written report has been requested" };
    }
    return {
      recorded: true,
      message:
        stored.length > 0 ? `${answer} recorded with ${stored.length} report(s)` : `${answer} recorded`,
    };
  }

  /**
   * A reply to a question that is closed changed nothing: audited, and an email reply is answered
   * automatically, saying so and what to do (the reply desk has refused auto-replies and bounces
   * before this, so it never answers one).
   */
  async answerClosedQuestion(
    meeting: Meeting,
    person: Invitee,
    question: Question,
    closed: QuestionClosed,
    via: string,
    channel: "email" | "page",
  ): Promise<void> {
    await this.audit(meeting.id, person.email, "reply-closed", via, {
      purpose: question.purpose,
      ref: question.ref,
      reason: closed.reason,
    });
    if (channel === "email")
      await this.send(meeting, this.deps.messages.replyNotApplied(meeting, address(person), closed));
  }

  /** Cancels a meeting: everyone gets a calendar CANCEL; every waiting token fails with MeetingCancelled. */
  async cancel(meetingId: string, reason: string | undefined, actor: string, via: string): Promise<void> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    if (meeting.phase === "closed" || meeting.phase === "cancelled") {
      throw new LifecycleStateError(`meeting ${meetingId} is ${meeting.phase}`);
    }
    // The reason is kept with the phase, so a restart can finish what this began (finishCancellation).
    const cancelled = await this.deps.store.saveMeeting({
      ...meeting,
      phase: "cancelled",
      sequence: meeting.sequence + 1,
      cancelReason: reason,
      updatedAt: this.now().toISOString(),
    });
    await this.audit(meetingId, actor, "phase:cancelled", via, { reason: reason ? "given" : "none" });
    await this.finishCancellation(cancelled);
  }

  /**
   * A cancelled meeting's remaining work: the calendar CANCEL to everyone not yet sent it, every
   * waiting token failed with MeetingCancelled, and the meeting off the in-flight list (once no
   * action is open). Run by cancel, and again by a restart that finds a cancelled meeting in flight.
   */
  async finishCancellation(known: Meeting | string): Promise<void> {
    const meeting = typeof known === "string" ? await this.deps.store.getMeeting(known) : known;
    if (meeting.phase !== "cancelled")
      throw new LifecycleStateError(`meeting ${meeting.id} is ${meeting.phase}, not cancelled`);
    await this.sendAll(
      meeting,
      [meeting.chair, ...meeting.invitees].map((invitee) =>
        this.deps.messages.cancellation(
          meeting,
          invitee,
          meeting.cancelReason,
          // The last invitation's reply link (cancel raised the sequence by one): the organizer
          // address the calendar entry holds.
          this.deps.replies.link(
            meeting.id,
            invitee.index,
            "invitation",
            Math.max(0, meeting.sequence - 1),
            new Date(new Date(meeting.end).getTime() + day),
          ),
        ),
      ),
      { once: `cancellation-s${meeting.sequence}` },
    );
    for (const purpose of ["meeting-held", "transcript", "approval", "resume"] as const) {
      const wait = await this.deps.store.getWait(meeting.id, purpose, 0);
      if (wait?.status === "waiting")
        await this.failWait(meeting.id, wait, workflowErrors.cancelled, "cancelled");
    }
    await this.endInFlightIfDone(meeting);
  }

  /**
   * Reschedules a meeting not yet held: the calendar SEQUENCE is raised and everyone gets an
   * updated invitation (same UID) with a fresh reply address; earlier answers are kept.
   */
  async reschedule(
    meetingId: string,
    start: Date,
    end: Date,
    actor: string,
    via: string,
  ): Promise<{ sequence: number }> {
    const meeting = await this.deps.store.getMeeting(meetingId);
    if (meeting.phase !== "invite" && meeting.phase !== "await-meeting") {
      throw new LifecycleStateError(
        `meeting ${meetingId} is at ${meeting.phase}; only a meeting not yet held can be rescheduled`,
      );
    }
    if (!(end > start)) throw new LifecycleStateError("the meeting must end after it starts");
    const saved = await this.deps.store.saveMeeting({
      ...meeting,
      start: start.toISOString(),
      end: end.toISOString(),
      sequence: meeting.sequence + 1,
      updatedAt: this.now().toISOString(),
    });
    await this.audit(meetingId, actor, "rescheduled", via, { sequence: saved.sequence });
    await this.sendInvitations(meetingId);
    // The attendance wait keeps its token; its deadline follows the new date.
    const wait = await this.deps.store.getWait(meetingId, "meeting-held", 0);
    if (wait?.status === "waiting") {
      const plan = planWait(
        "meeting-held",
        wait.level,
        { meeting: saved, now: this.now() },
        this.deps.settings,
      );
      await this.deps.store.deleteTimersFor(meetingId, "meeting-held", 0);
      const moved: Wait = {
        ...wait,
        deadline: plan.deadline.toISOString(),
        reminders: plan.reminders.map((r) => r.toISOString()),
      };
      await this.deps.store.putWait(meetingId, moved);
      await this.deps.store.putTimers(waitTimers(meetingId, moved));
    }
    return { sequence: saved.sequence };
  }
}

export class LifecycleStateError extends Error {
  override name = "LifecycleStateError";
}
