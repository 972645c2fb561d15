/**
 * The MeetingStore port: the lifecycle's persistence. One DynamoDB single-table implementation
 * serves the cloud and the embedded runtime (dynalite); every conditional write is a single-item
 * write (dynalite has no transactions); unconditional records of a meeting go in batches (putRecords).
 */
import type {
  Action,
  Answer,
  Approval,
  AuditEvent,
  Meeting,
  MinutesVersion,
  SendRecord,
  Timer,
  Wait,
} from "../lifecycle/model.ts";
import type { Phase, WaitPurpose } from "../lifecycle/phases.ts";

/** A conditional write lost a race, or the item was not there. */
export class ConflictError extends Error {
  override name = "ConflictError";
}
export class NotFoundError extends Error {
  override name = "NotFoundError";
}

/** What retention removes of a meeting, and when: its transcripts and recordings, or the whole record. */
export interface RetentionItem {
  meetingId: string;
  what: "transcripts" | "record";
  dueAt: string;
}

/** A meeting as the child's list holds it. */
export interface ChildMeeting {
  id: string;
  typeId: string;
  start: string;
}

/**
 * Records of one meeting written together, unconditionally, in batched writes (25 items a request):
 * what a step records besides the meeting itself (whose writes are conditional on its version).
 * Every record is checked before any is written. `removeTimers` are deleted by key (a wait's
 * timers follow from the wait: kernel.ts waitTimers); a timer both removed and put is put.
 */
export interface MeetingRecords {
  answers?: Answer[];
  approvals?: Approval[];
  actions?: Action[];
  waits?: Wait[];
  timers?: Timer[];
  removeTimers?: Timer[];
  sends?: SendRecord[];
  events?: AuditEvent[];
}

export interface MeetingStore {
  createMeeting(meeting: Meeting): Promise<void>;
  getMeeting(id: string): Promise<Meeting>;
  /**
   * A meeting with, in the same batched read, one of its waits and one of its actions (each absent
   * when not asked for or not stored).
   * @throws NotFoundError when the meeting is not stored.
   */
  getMeetingWith(
    id: string,
    also: { wait?: { purpose: WaitPurpose; ref: number }; action?: number },
  ): Promise<{ meeting: Meeting; wait?: Wait; action?: Action }>;
  /** Writes `records` of a meeting in batches (see MeetingRecords). */
  putRecords(meetingId: string, records: MeetingRecords): Promise<void>;
  /**
   * Conditional on `meeting.version`; stores version + 1 and returns the stored meeting. A meeting
   * saved as closed with no actions leaves the in-flight list; a closed meeting with actions (its
   * trackers are still running) and a cancelled one (its cancellations may not all be out) stay on
   * it until `endInFlight`.
   */
  saveMeeting(meeting: Meeting): Promise<Meeting>;
  setPhase(id: string, phase: Phase, at: string): Promise<Meeting>;

  putAnswer(meetingId: string, answer: Answer): Promise<void>;
  /** Several answers in one batched write; every one is checked before any is written. */
  putAnswers(meetingId: string, answers: Answer[]): Promise<void>;
  listAnswers(meetingId: string): Promise<Answer[]>;

  /**
   * Fails with ConflictError when the version exists already. With a `fence` (the meeting's lock
   * version the writer read), the item records it; `replace` overwrites an existing version only
   * when it was written under a lower fence (ConflictError otherwise): a version orphaned by a
   * crash between storing it and the meeting recording it is replaced after the writer has fenced
   * the meeting (saved it, so a writer still in flight with the orphan fails its own save).
   */
  putMinutesVersion(
    meetingId: string,
    version: MinutesVersion,
    fence?: { meetingVersion: number; replace?: boolean },
  ): Promise<void>;
  getMinutesVersion(meetingId: string, version: number): Promise<MinutesVersion>;
  putApproval(meetingId: string, approval: Approval): Promise<void>;
  listApprovals(meetingId: string, version: number): Promise<Approval[]>;
  /** The meeting's answers and the responses to minutes `version`, in one read. */
  answersAndApprovals(
    meetingId: string,
    version: number,
  ): Promise<{ answers: Answer[]; approvals: Approval[] }>;

  putAction(meetingId: string, action: Action): Promise<void>;
  getAction(meetingId: string, number: number): Promise<Action>;
  listActions(meetingId: string): Promise<Action[]>;

  putWait(meetingId: string, wait: Wait): Promise<void>;
  getWait(meetingId: string, purpose: WaitPurpose, ref: number): Promise<Wait | undefined>;
  /** Moves a wait from `waiting` to `status` only if it still holds `token`; false when it did not. */
  closeWait(
    meetingId: string,
    purpose: WaitPurpose,
    ref: number,
    token: string,
    status: "completed" | "expired" | "failed",
    at: string,
  ): Promise<boolean>;

  putTimer(timer: Timer): Promise<void>;
  /** Several timers in one batched write (a wait's reminders and deadline). */
  putTimers(timers: Timer[]): Promise<void>;
  /** Timers of `month` (YYYY-MM, UTC) due at or before `upTo`, in time order. */
  dueTimers(month: string, upTo: string): Promise<Timer[]>;
  /** Conditional delete: true only for the caller that removed it (so a timer fires once). */
  claimTimer(timer: Timer): Promise<boolean>;
  deleteTimersFor(meetingId: string, purpose: WaitPurpose, ref: number): Promise<void>;
  /** Removes timers by key, batched (a closed wait's timers: kernel.ts waitTimers); absent ones are no error. */
  deleteTimers(timers: Timer[]): Promise<void>;

  appendAudit(event: AuditEvent): Promise<void>;
  /** Several events at once (one batched write per 25); each keeps its own unique key. */
  appendAudits(events: AuditEvent[]): Promise<void>;
  listAudit(meetingId: string): Promise<AuditEvent[]>;

  /** Records an inbound message key once; false when it was recorded before (a replay). */
  recordInbound(key: string, at: string): Promise<boolean>;
  markUndeliverable(email: string, reason: string, at: string): Promise<void>;
  /**
   * Removes the items that expired in a month (UTC, YYYY-MM) up to `upTo`: inbound message keys and
   * API idempotency keys past their keeping time (DynamoDB TTL removes them in the cloud as well).
   */
  removeExpired(month: string, upTo: string): Promise<number>;
  /** Forgets that an address was undeliverable (erasure of the address). */
  clearUndeliverable(email: string): Promise<void>;
  /**
   * Erasure: replaces an address (any letter case) with `replacement` wherever a meeting's log
   * holds it — its audit events (actors and details) and its send records (rewritten under the
   * replacement's key). Returns how many items changed.
   */
  redactAddressInLog(meetingId: string, email: string, replacement: string): Promise<number>;
  isUndeliverable(email: string): Promise<boolean>;
  /** Which of `emails` are marked undeliverable (lower-cased), read in one batch. */
  undeliverableAmong(emails: string[]): Promise<Set<string>>;

  /** Schedules what retention removes of a meeting, and when (domain/lifecycle/retention.ts). */
  putRetention(item: RetentionItem): Promise<void>;
  /** Retention items due in a month (UTC, YYYY-MM) up to `upTo`, in time order. */
  dueRetention(month: string, upTo: string): Promise<RetentionItem[]>;
  /** Removes a retention item once it has acted (false when another sweep took it). */
  claimRetention(item: RetentionItem): Promise<boolean>;
  /** Deletes every item of a meeting (its record, people, minutes, actions, audit) and its listings. */
  deleteMeetingRecords(meeting: Pick<Meeting, "id" | "authorityId" | "child" | "start">): Promise<number>;
  /** A child's meetings in an authority, in the order they are held (the child's case reference). */
  childMeetings(authorityId: string, reference: string): Promise<ChildMeeting[]>;
  /** Every meeting of an authority (the workspace's lists), in the order first planned. */
  authorityMeetings(authorityId: string): Promise<ChildMeeting[]>;
  /**
   * A rescheduled meeting's listings (the child's and the authority's) moved from the start it
   * had to the one it has, so lists stay in the order held and retention finds them by the start.
   */
  moveListings(
    meeting: Pick<Meeting, "id" | "authorityId" | "child" | "typeId" | "start">,
    from: string,
  ): Promise<void>;
  /** Meetings whose lifecycle or action trackers are still running (what a restart resumes). */
  listInFlight(): Promise<string[]>;
  /** Takes a meeting off the in-flight list: its lifecycle and every tracker have finished. */
  endInFlight(meetingId: string): Promise<void>;
  /** Puts a meeting back on the in-flight list: a tracker started again (a slipped action's new date). */
  resumeInFlight(meetingId: string): Promise<void>;

  /**
   * Before a batch of emails: which of `emails` are undeliverable (lower-cased) and, when the batch
   * is named, the send records of its recipients, by address (lower case). One batched read.
   */
  sendState(
    meetingId: string,
    batch: string | undefined,
    emails: string[],
  ): Promise<{ undeliverable: Set<string>; sends: Map<string, SendRecord> }>;
  /** Writes send records (pending before a send, sent after) with audit events, batched (25 a request). */
  putSends(meetingId: string, records: SendRecord[], events: AuditEvent[]): Promise<void>;

  /** The sweeper's high-water mark (ISO instant). */
  getSweptUntil(): Promise<string | undefined>;
  setSweptUntil(at: string): Promise<void>;
}

/** The earliest timer due after `after` and at or before `upTo`, if any (for a virtual clock). */
export interface TimerLookahead {
  nextTimer(after: string, upTo: string): Promise<string | undefined>;
}
