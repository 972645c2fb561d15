/**
 * The MeetingStore port in memory, for the use cases' unit tests (milliseconds, no database). It
 * keeps the port's contracts that use cases rely on — a meeting's optimistic version, a wait closed
 * only with its token, a timer or retention item claimed once, an inbound key recorded once, every
 * item parsed by its schema on the way in — and nothing of DynamoDB's layout. The real store is
 * tested against dynalite and DynamoDB Local (test/integration/store).
 */
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
  readonly inbound = new Set<string>();
  readonly undeliverable = new Map<string, string>();
  readonly retention = new Map<string, RetentionItem>();
  readonly inFlight = new Set<string>();
  readonly sends = new Map<string, Map<string, SendRecord>>();
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
    this.meetings.set(meeting.id, meetingSchema.parse(clone(meeting)));
    this.inFlight.add(meeting.id);
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
    const timers = (records.timers ?? []).map((t) => timerSchema.parse(clone(t)));
    const sends = (records.sends ?? []).map((r) =>
      sendRecordSchema.parse({ ...clone(r), recipient: r.recipient.toLowerCase() }),
    );
    const events = (records.events ?? []).map((e) => auditEventSchema.parse(clone(e)));
    this.removeTimers(records.removeTimers ?? []);
    for (const a of answers) this.of(this.answers, meetingId).set(a.index, a);
    for (const a of approvals) this.of(this.approvals, meetingId).set(`${a.version}#${a.index}`, a);
    for (const a of actions) this.of(this.actions, meetingId).set(a.number, a);
    for (const w of waits) this.of(this.waits, meetingId).set(`${w.purpose}#${w.ref}`, w);
    for (const t of timers) this.timers.set(t.id, t);
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

  async putMinutesVersion(meetingId: string, version: MinutesVersion): Promise<void> {
    const versions = this.of(this.minutes, meetingId);
    if (versions.has(version.version)) throw new ConflictError(`version ${version.version} exists`);
    versions.set(version.version, minutesVersionSchema.parse(clone(version)));
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

  async putTimer(timer: Timer): Promise<void> {
    this.timers.set(timer.id, timerSchema.parse(clone(timer)));
  }
  async putTimers(timers: Timer[]): Promise<void> {
    for (const t of timers.map((x) => timerSchema.parse(clone(x)))) this.timers.set(t.id, t);
  }
  async dueTimers(month: string, upTo: string): Promise<Timer[]> {
    return [...this.timers.values()]
      .filter((t) => t.dueAt.slice(0, 7) === month && t.dueAt <= upTo)
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))
      .map(clone);
  }
  async claimTimer(timer: Timer): Promise<boolean> {
    return this.timers.delete(timer.id);
  }
  /** By key (meeting, wait, due time, id), as the real store deletes them. */
  private removeTimers(timers: Timer[]): void {
    for (const t of timers) {
      const stored = this.timers.get(t.id);
      if (
        stored?.meetingId === t.meetingId &&
        stored.purpose === t.purpose &&
        stored.ref === t.ref &&
        stored.dueAt === t.dueAt
      )
        this.timers.delete(t.id);
    }
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

  async recordInbound(key: string): Promise<boolean> {
    if (this.inbound.has(key)) return false;
    this.inbound.add(key);
    return true;
  }
  async markUndeliverable(email: string, reason: string): Promise<void> {
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
  async removeExpired(): Promise<number> {
    return 0;
  }

  async putRetention(item: RetentionItem): Promise<void> {
    this.retention.set(`${item.meetingId}#${item.what}`, clone(item));
  }
  async dueRetention(month: string, upTo: string): Promise<RetentionItem[]> {
    return [...this.retention.values()].filter((r) => r.dueAt.slice(0, 7) === month && r.dueAt <= upTo);
  }
  async claimRetention(item: RetentionItem): Promise<boolean> {
    return this.retention.delete(`${item.meetingId}#${item.what}`);
  }
  async deleteMeetingRecords(meeting: Pick<Meeting, "id">): Promise<number> {
    const existed = this.meetings.delete(meeting.id) ? 1 : 0;
    for (const map of [this.answers, this.minutes, this.approvals, this.actions, this.waits, this.sends])
      map.delete(meeting.id);
    this.inFlight.delete(meeting.id);
    return existed;
  }
  async childMeetings(authorityId: string, reference: string): Promise<ChildMeeting[]> {
    return [...this.meetings.values()]
      .filter((m) => m.authorityId === authorityId && m.child.reference === reference)
      .sort((a, b) => (a.start < b.start ? -1 : 1))
      .map((m) => ({ id: m.id, typeId: m.typeId, start: m.start }));
  }
  async authorityMeetings(authorityId: string): Promise<ChildMeeting[]> {
    return [...this.meetings.values()]
      .filter((m) => m.authorityId === authorityId)
      .map((m) => ({ id: m.id, typeId: m.typeId, start: m.start }));
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

  async getSweptUntil(): Promise<string | undefined> {
    return this.sweptUntil;
  }
  async setSweptUntil(at: string): Promise<void> {
    this.sweptUntil = at;
  }
}
