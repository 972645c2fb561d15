/**
 * The MeetingStore port in memory, for the use cases' unit tests (milliseconds, no database). It
 * keeps the port's contracts that use cases rely on — a meeting's optimistic version, a wait closed
 * only with its token, a timer or retention item claimed once, an inbound key recorded once, every
 * item parsed by its schema on the way in — and nothing of DynamoDB's layout. The real store is
 * tested against dynalite and DynamoDB Local (test/integration/store).
 */

import { keptDays } from "../../../adapters/dynamo/meeting-store.ts";
import type { IdempotencyRecord } from "../../../domain/lifecycle/create-meeting.ts";
import {
  type Action,
  type Answer,
  type Approval,
  type AuditEvent,
  actionSchema,
  answerSchema,
  approvalSchema,
  auditEventSchema,
  type Meeting,
  type MinutesVersion,
  meetingSchema,
  minutesVersionSchema,
  type SendRecord,
  sendRecordSchema,
  type Timer,
  timerSchema,
  type Wait,
  waitSchema,
} from "../../../domain/lifecycle/model.ts";
import type { Phase, WaitPurpose } from "../../../domain/lifecycle/phases.ts";
import {
  type ChildMeeting,
  ConflictError,
  type MeetingRecords,
  type MeetingStore,
  NotFoundError,
  type RetentionItem,
} from "../../../domain/ports/store.ts";

const clone = <T>(value: T): T => structuredClone(value);

export class MemoryMeetingStore implements MeetingStore {
  readonly meetings = new Map<string, Meeting>();
  readonly answers = new Map<string, Map<number, Answer>>();
  readonly minutes = new Map<string, Map<number, MinutesVersion>>();
  readonly approvals = new Map<string, Map<string, Approval>>();
  readonly actions = new Map<string, Map<number, Action>>();
  readonly waits = new Map<string, Map<string, Wait>>();
  readonly timers = new Map<string, Timer>();
  readonly audit: AuditEvent[] = [];
  /** Inbound message keys, with when each was first seen. */
  readonly inbound = new Map<string, string>();
  readonly undeliverable = new Map<string, string>();
  readonly retention = new Map<string, RetentionItem>();
  readonly inFlight = new Set<string>();
  readonly sends = new Map<string, Map<string, SendRecord>>();
  /**
   * As the table: the child's and the authority's lists of meetings, each entry written when the
   * meeting is created (keyed by its start then) and deleted with its records by the start it has
   * then; a reschedule does not move them.
   */
  readonly childListings = new Map<string, Map<string, ChildMeeting>>();
  readonly authorityListings = new Map<string, Map<string, ChildMeeting>>();
  /** API requests' idempotency keys (create-meeting.ts), by scope and key. */
  readonly idempotency = new Map<string, IdempotencyRecord>();
  sweptUntil: string | undefined;

  private of<K, V>(map: Map<string, Map<K, V>>, id: string): Map<K, V> {
    let inner = map.get(id);
    if (!inner) {
      inner = new Map();
      map.set(id, inner);
    }
    return inner;
  }

  async createMeeting(meeting: Meeting): Promise<void> {
    if (this.meetings.has(meeting.id)) throw new ConflictError(`meeting ${meeting.id} exists already`);
    const parsed = meetingSchema.parse(clone(meeting));
    this.meetings.set(meeting.id, parsed);
    this.inFlight.add(meeting.id);
    const listed = { id: parsed.id, typeId: parsed.typeId, start: parsed.start };
    for (const partition of this.listingsOf(parsed))
      partition.set(`MEETING#${parsed.start}#${parsed.id}`, listed);
  }
  /** A meeting's two list partitions, as the table has them: the child's and the authority's. */
  private listingsOf(meeting: Pick<Meeting, "authorityId" | "child">): Map<string, ChildMeeting>[] {
    return [
      this.of(this.childListings, `${meeting.authorityId}#${meeting.child.reference}`),
      this.of(this.authorityListings, meeting.authorityId),
    ];
  }
  async getMeeting(id: string): Promise<Meeting> {
    const meeting = this.meetings.get(id);
    if (!meeting) throw new NotFoundError(`no meeting ${id}`);
    return clone(meeting);
  }
  async getMeetingWith(
    id: string,
    also: { wait?: { purpose: WaitPurpose; ref: number }; action?: number },
  ): Promise<{ meeting: Meeting; wait?: Wait; action?: Action }> {
    const meeting = await this.getMeeting(id);
    const wait = also.wait ? await this.getWait(id, also.wait.purpose, also.wait.ref) : undefined;
    const action = also.action === undefined ? undefined : this.of(this.actions, id).get(also.action);
    return { meeting, ...(wait ? { wait } : {}), ...(action ? { action: clone(action) } : {}) };
  }
  async putRecords(meetingId: string, records: MeetingRecords): Promise<void> {
    // Checked before any is written, like the real store.
    const answers = (records.answers ?? []).map((a) => answerSchema.parse(clone(a)));
    const approvals = (records.approvals ?? []).map((a) => approvalSchema.parse(clone(a)));
    const actions = (records.actions ?? []).map((a) => actionSchema.parse(clone(a)));
    const waits = (records.waits ?? []).map((w) => waitSchema.parse(clone(w)));
    const timers = (records.timers ?? []).map((t) =>
      timerSchema.parse({ ...clone(t), arm: `a${++this.armed}` }),
    );
    const sends = (records.sends ?? []).map((r) =>
      sendRecordSchema.parse({ ...clone(r), recipient: r.recipient.toLowerCase() }),
    );
    const events = (records.events ?? []).map((e) => auditEventSchema.parse(clone(e)));
    this.removeTimers(records.removeTimers ?? []);
    for (const a of answers) this.of(this.answers, meetingId).set(a.index, a);
    for (const a of approvals) this.of(this.approvals, meetingId).set(`${a.version}#${a.index}`, a);
    for (const a of actions) this.of(this.actions, meetingId).set(a.number, a);
    for (const w of waits) this.of(this.waits, meetingId).set(`${w.purpose}#${w.ref}`, w);
    for (const t of timers) this.timers.set(this.timerKey(t), t);
    for (const r of sends) this.of(this.sends, meetingId).set(`${r.batch}#${r.recipient}`, r);
    this.audit.push(...events);
  }
  async saveMeeting(meeting: Meeting): Promise<Meeting> {
    const stored = this.meetings.get(meeting.id);
    if (!stored) throw new NotFoundError(`no meeting ${meeting.id}`);
    if (stored.version !== meeting.version) throw new ConflictError(`meeting ${meeting.id} changed`);
    const saved = meetingSchema.parse({ ...clone(meeting), version: meeting.version + 1 });
    this.meetings.set(meeting.id, saved);
    if (saved.phase === "closed" && saved.actionCount === 0) this.inFlight.delete(saved.id);
    return clone(saved);
  }
  async setPhase(id: string, phase: Phase, at: string): Promise<Meeting> {
    const meeting = await this.getMeeting(id);
    return this.saveMeeting({ ...meeting, phase, updatedAt: at });
  }

  async putAnswer(meetingId: string, answer: Answer): Promise<void> {
    this.of(this.answers, meetingId).set(answer.index, answerSchema.parse(clone(answer)));
  }
  async putAnswers(meetingId: string, answers: Answer[]): Promise<void> {
    const parsed = answers.map((a) => answerSchema.parse(clone(a)));
    for (const a of parsed) this.of(this.answers, meetingId).set(a.index, a);
  }
  async listAnswers(meetingId: string): Promise<Answer[]> {
    return [...this.of(this.answers, meetingId).values()].sort((a, b) => a.index - b.index).map(clone);
  }

  /** The fence each stored version was written under (the Dynamo store's `mv` attribute). */
  private readonly minutesFences = new Map<string, number>();
  async putMinutesVersion(
    meetingId: string,
    version: MinutesVersion,
    fence?: { meetingVersion: number; replace?: boolean },
  ): Promise<void> {
    const versions = this.of(this.minutes, meetingId);
    const key = `${meetingId}#${version.version}`;
    if (versions.has(version.version)) {
      const before = this.minutesFences.get(key);
      if (!fence?.replace || (before !== undefined && before >= fence.meetingVersion))
        throw new ConflictError(`version ${version.version} exists`);
    }
    versions.set(version.version, minutesVersionSchema.parse(clone(version)));
    if (fence) this.minutesFences.set(key, fence.meetingVersion);
    else this.minutesFences.delete(key);
  }
  async getMinutesVersion(meetingId: string, version: number): Promise<MinutesVersion> {
    const found = this.of(this.minutes, meetingId).get(version);
    if (!found) throw new NotFoundError(`no minutes version ${version}`);
    return clone(found);
  }
  async putApproval(meetingId: string, approval: Approval): Promise<void> {
    this.of(this.approvals, meetingId).set(
      `${approval.version}#${approval.index}`,
      approvalSchema.parse(clone(approval)),
    );
  }
  async listApprovals(meetingId: string, version: number): Promise<Approval[]> {
    return [...this.of(this.approvals, meetingId).values()]
      .filter((a) => a.version === version)
      .sort((a, b) => a.index - b.index)
      .map(clone);
  }

  async answersAndApprovals(
    meetingId: string,
    version: number,
  ): Promise<{ answers: Answer[]; approvals: Approval[] }> {
    return {
      answers: await this.listAnswers(meetingId),
      approvals: await this.listApprovals(meetingId, version),
    };
  }

  async putAction(meetingId: string, action: Action): Promise<void> {
    this.of(this.actions, meetingId).set(action.number, actionSchema.parse(clone(action)));
  }
  async getAction(meetingId: string, number: number): Promise<Action> {
    const action = this.of(this.actions, meetingId).get(number);
    if (!action) throw new NotFoundError(`no action ${number}`);
    return clone(action);
  }
  async listActions(meetingId: string): Promise<Action[]> {
    return [...this.of(this.actions, meetingId).values()].sort((a, b) => a.number - b.number).map(clone);
  }

  async putWait(meetingId: string, wait: Wait): Promise<void> {
    this.of(this.waits, meetingId).set(`${wait.purpose}#${wait.ref}`, waitSchema.parse(clone(wait)));
  }
  async getWait(meetingId: string, purpose: WaitPurpose, ref: number): Promise<Wait | undefined> {
    const wait = this.of(this.waits, meetingId).get(`${purpose}#${ref}`);
    return wait ? clone(wait) : undefined;
  }
  async closeWait(
    meetingId: string,
    purpose: WaitPurpose,
    ref: number,
    token: string,
    status: "completed" | "expired" | "failed",
    at: string,
  ): Promise<boolean> {
    const wait = this.of(this.waits, meetingId).get(`${purpose}#${ref}`);
    if (!wait || wait.status !== "waiting" || wait.token !== token) return false;
    this.of(this.waits, meetingId).set(`${purpose}#${ref}`, { ...wait, status, completedAt: at });
    return true;
  }

  private armed = 0;
  /** As the table: keyed by meeting, due time, wait and id; each write with its own arm. */
  private timerKey(t: Timer): string {
    return `${t.meetingId}#${t.dueAt}#${t.purpose}#${t.ref}#${t.id}`;
  }
  async putTimer(timer: Timer): Promise<void> {
    await this.putTimers([timer]);
  }
  async putTimers(timers: Timer[]): Promise<void> {
    const parsed = timers.map((x) => timerSchema.parse({ ...clone(x), arm: `a${++this.armed}` }));
    for (const t of parsed) this.timers.set(this.timerKey(t), t);
  }
  async dueTimers(month: string, upTo: string): Promise<Timer[]> {
    return [...this.timers.values()]
      .filter((t) => t.dueAt.slice(0, 7) === month && t.dueAt <= upTo)
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))
      .map(clone);
  }
  async claimTimer(timer: Timer): Promise<boolean> {
    const key = this.timerKey(timer);
    const stored = this.timers.get(key);
    if (!stored || (timer.arm !== undefined && stored.arm !== timer.arm)) return false;
    return this.timers.delete(key);
  }
  /** By key (meeting, wait, due time, id), as the real store deletes them. */
  private removeTimers(timers: Timer[]): void {
    for (const t of timers) this.timers.delete(this.timerKey(t));
  }
  async deleteTimers(timers: Timer[]): Promise<void> {
    this.removeTimers(timers);
  }
  async deleteTimersFor(meetingId: string, purpose: WaitPurpose, ref: number): Promise<void> {
    for (const [id, t] of this.timers)
      if (t.meetingId === meetingId && t.purpose === purpose && t.ref === ref) this.timers.delete(id);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    this.audit.push(auditEventSchema.parse(clone(event)));
  }
  async appendAudits(events: AuditEvent[]): Promise<void> {
    this.audit.push(...events.map((e) => auditEventSchema.parse(clone(e))));
  }
  async listAudit(meetingId: string): Promise<AuditEvent[]> {
    return this.audit
      .filter((e) => e.meetingId === meetingId)
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map(clone);
  }

  async recordInbound(key: string, at: string): Promise<boolean> {
    if (this.inbound.has(key)) return false;
    this.inbound.set(key, at);
    return true;
  }
  async markUndeliverable(email: string, reason: string, _at?: string): Promise<void> {
    this.undeliverable.set(email.toLowerCase(), reason);
  }
  async clearUndeliverable(email: string): Promise<void> {
    this.undeliverable.delete(email.toLowerCase());
  }
  async isUndeliverable(email: string): Promise<boolean> {
    return this.undeliverable.has(email.toLowerCase());
  }
  async undeliverableAmong(emails: string[]): Promise<Set<string>> {
    return new Set(emails.map((e) => e.toLowerCase()).filter((e) => this.undeliverable.has(e)));
  }
  async redactAddressInLog(meetingId: string, email: string, replacement: string): Promise<number> {
    const pattern = new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
    let changed = 0;
    for (const [i, e] of this.audit.entries()) {
      if (e.meetingId !== meetingId) continue;
      const text = JSON.stringify(e);
      if (!pattern.test(text)) continue;
      pattern.lastIndex = 0;
      this.audit[i] = auditEventSchema.parse(JSON.parse(text.replace(pattern, replacement)));
      changed++;
    }
    const sends = this.of(this.sends, meetingId);
    for (const [key, record] of [...sends]) {
      if (record.recipient !== email.toLowerCase()) continue;
      sends.delete(key);
      sends.set(`${record.batch}#${replacement}`, { ...record, recipient: replacement });
      changed++;
    }
    return changed;
  }
  /**
   * As the table: inbound keys and idempotency keys expire their keeping time after they were
   * first recorded, listed by the month they expire in; what is due by `upTo` is deleted.
   */
  async removeExpired(month: string, upTo: string): Promise<number> {
    const due = (from: string, days: number) => {
      const at = new Date(Date.parse(from) + days * 86_400_000).toISOString();
      return at.slice(0, 7) === month && at <= upTo;
    };
    let removed = 0;
    for (const [key, at] of this.inbound)
      if (due(at, keptDays.inbound)) {
        this.inbound.delete(key);
        removed++;
      }
    for (const [key, record] of this.idempotency)
      if (due(record.at, keptDays.idempotencyKey)) {
        this.idempotency.delete(key);
        removed++;
      }
    return removed;
  }

  async putRetention(item: RetentionItem): Promise<void> {
    this.retention.set(`${item.meetingId}#${item.what}`, clone(item));
  }
  /** As the table's index: in due order (then meeting, then what). */
  async dueRetention(month: string, upTo: string): Promise<RetentionItem[]> {
    const order = (r: RetentionItem) => `${r.dueAt}#${r.meetingId}#${r.what}`;
    return [...this.retention.values()]
      .filter((r) => r.dueAt.slice(0, 7) === month && r.dueAt <= upTo)
      .sort((a, b) => (order(a) < order(b) ? -1 : 1))
      .map(clone);
  }
  async claimRetention(item: RetentionItem): Promise<boolean> {
    return this.retention.delete(`${item.meetingId}#${item.what}`);
  }
  /** As the table: every item under the meeting's key goes — its audit, timers and retention items too. */
  async deleteMeetingRecords(
    meeting: Pick<Meeting, "id" | "authorityId" | "child" | "start">,
  ): Promise<number> {
    let removed = this.meetings.delete(meeting.id) ? 1 : 0;
    for (const map of [this.answers, this.minutes, this.approvals, this.actions, this.waits, this.sends]) {
      removed += map.get(meeting.id)?.size ?? 0;
      map.delete(meeting.id);
    }
    for (let i = this.audit.length - 1; i >= 0; i--)
      if (this.audit[i]?.meetingId === meeting.id) {
        this.audit.splice(i, 1);
        removed++;
      }
    for (const [key, t] of this.timers)
      if (t.meetingId === meeting.id) {
        this.timers.delete(key);
        removed++;
      }
    for (const [key, r] of this.retention)
      if (r.meetingId === meeting.id) {
        this.retention.delete(key);
        removed++;
      }
    this.inFlight.delete(meeting.id);
    for (const partition of this.listingsOf(meeting))
      partition.delete(`MEETING#${meeting.start}#${meeting.id}`);
    return removed;
  }
  /** A list partition in key order (the start as listed, then the id). */
  private listed(partition: Map<string, ChildMeeting> | undefined): ChildMeeting[] {
    return [...(partition ?? new Map<string, ChildMeeting>())]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, m]) => clone(m));
  }
  async moveListings(
    meeting: Pick<Meeting, "id" | "authorityId" | "child" | "typeId" | "start">,
    from: string,
  ): Promise<void> {
    const listed = { id: meeting.id, typeId: meeting.typeId, start: meeting.start };
    for (const partition of this.listingsOf(meeting)) {
      partition.delete(`MEETING#${from}#${meeting.id}`);
      partition.set(`MEETING#${meeting.start}#${meeting.id}`, listed);
    }
  }
  async childMeetings(authorityId: string, reference: string): Promise<ChildMeeting[]> {
    return this.listed(this.childListings.get(`${authorityId}#${reference}`));
  }
  async authorityMeetings(authorityId: string): Promise<ChildMeeting[]> {
    return this.listed(this.authorityListings.get(authorityId));
  }
  async listInFlight(): Promise<string[]> {
    return [...this.inFlight];
  }
  async endInFlight(meetingId: string): Promise<void> {
    this.inFlight.delete(meetingId);
  }
  async resumeInFlight(meetingId: string): Promise<void> {
    this.inFlight.add(meetingId);
  }

  async sendState(
    meetingId: string,
    batch: string | undefined,
    emails: string[],
  ): Promise<{ undeliverable: Set<string>; sends: Map<string, SendRecord> }> {
    const sends = new Map<string, SendRecord>();
    if (batch)
      for (const e of emails) {
        const record = this.of(this.sends, meetingId).get(`${batch}#${e.toLowerCase()}`);
        if (record) sends.set(e.toLowerCase(), clone(record));
      }
    return { undeliverable: await this.undeliverableAmong(emails), sends };
  }
  async putSends(meetingId: string, records: SendRecord[], events: AuditEvent[]): Promise<void> {
    const parsed = records.map((r) =>
      sendRecordSchema.parse({ ...clone(r), recipient: r.recipient.toLowerCase() }),
    );
    const audited = events.map((e) => auditEventSchema.parse(clone(e)));
    for (const r of parsed) this.of(this.sends, meetingId).set(`${r.batch}#${r.recipient}`, r);
    this.audit.push(...audited);
  }

  async getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const record = this.idempotency.get(`${scope}#${key}`);
    return record ? clone(record) : undefined;
  }
  /** One conditional write: false when the key is taken already. */
  async claimIdempotencyKey(scope: string, key: string, record: IdempotencyRecord): Promise<boolean> {
    if (this.idempotency.has(`${scope}#${key}`)) return false;
    this.idempotency.set(`${scope}#${key}`, clone(record));
    return true;
  }

  async getSweptUntil(): Promise<string | undefined> {
    return this.sweptUntil;
  }
  async setSweptUntil(at: string): Promise<void> {
    this.sweptUntil = at;
  }
}
