/**
 * DynamoMeetingStore: the MeetingStore port on one DynamoDB table (see table-design.ts). The same
 * class serves the cloud and the embedded runtime (a DynamoDB client pointed at dynalite).
 * Every conditional write is a single-item write; unconditional records of a meeting go in batched
 * writes (putRecords); reads are GetItem, BatchGetItem or Query, never Scan.
 */
import { randomUUID } from "node:crypto";
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import { z } from "zod";
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
} from "../../domain/lifecycle/model.ts";
import type { Phase, WaitPurpose } from "../../domain/lifecycle/phases.ts";
import { monthsBetween } from "../../domain/lifecycle/time.ts";
import {
  type ChildMeeting,
  ConflictError,
  type MeetingRecords,
  type MeetingStore,
  NotFoundError,
  type RetentionItem,
  type TimerLookahead,
} from "../../domain/ports/store.ts";
import { type FlatItem, type FlatQuery, FlatTable } from "./flat-table.ts";
import { HeldItems } from "./held-items.ts";
import { HeldRanges } from "./held-ranges.ts";
import { IndexHeads } from "./index-heads.ts";
import { tableDesign } from "./table-design.ts";

/**
 * Each item keeps its record as one JSON string attribute, `body`: a string costs far less to
 * marshal, send and validate than a deep attribute map, and nothing queries inside a record. What
 * a condition or the GSI needs is copied to an attribute of its own (`ver` of a meeting; `st`, `tk`
 * and `completedAt` of a wait; the timer keys).
 */
const body = "body";

/** A stored record: the JSON body, with a wait's status attributes (changed in place by closeWait) over it. */
function decode(item: FlatItem): Record<string, unknown> {
  const text = item[body];
  if (typeof text !== "string") {
    throw new StoredItemError(
      `item ${item.pk} ${item.sk} has no "${body}" attribute: it was written by an older Convene (records were attribute maps); a local .convene/ folder from before can be deleted`,
    );
  }
  const record = JSON.parse(text) as Record<string, unknown>;
  if (typeof item.st === "string") record.status = item.st;
  if (typeof item.completedAt === "string") record.completedAt = item.completedAt;
  return record;
}

/** A record as an item: its keys, its JSON body, and any attributes a condition or the GSI needs. */
function encode(pk: string, sk: string, record: unknown, extra: FlatItem = {}): FlatItem {
  return { pk, sk, [body]: JSON.stringify(record), ...extra };
}

/**
 * How long the items that only guard against repeats are kept (days): an inbound message's key for
 * longer than any reply link it could carry is valid (an invitation's lasts until its meeting, at
 * most two years ahead, has ended; an approval's 60 days), an API request's Idempotency-Key 30 days.
 */
export const keptDays = { inbound: 800, idempotencyKey: 30 } as const;

/**
 * The attributes of an item that expires: DynamoDB TTL's epoch seconds (the cloud deletes it), and
 * an entry on the timers index by its expiry month (the retention sweep deletes it, on the embedded
 * runtime too, where dynalite has no TTL).
 */
function expiring(pk: string, sk: string, from: string, days: number): FlatItem {
  const at = new Date(Date.parse(from) + days * 86_400_000).toISOString();
  return {
    [tableDesign.ttlAttribute]: Math.floor(Date.parse(at) / 1000),
    gsi1pk: `EXPIRE#${at.slice(0, 7)}`,
    gsi1sk: `${at}#${pk}#${sk}`,
  };
}

/** What an idempotency key was first used for: the request's fingerprint and what it created. */
export const idempotencyRecordSchema = z.object({
  fingerprint: z.string(),
  meetingId: z.string(),
  at: z.string(),
});
export type IdempotencyRecord = z.infer<typeof idempotencyRecordSchema>;
const idempotencyPk = (scope: string, key: string) => `IDEMPOTENCY#${scope}#${key}`;

/** An item in the table is not in the layout this version reads. */
export class StoredItemError extends Error {
  override name = "StoredItemError";
}

/** Orders audit events written by this process within the same millisecond. */
let auditSequence = 0;
const pad = (n: number) => String(n).padStart(4, "0");
const meetingPk = (id: string) => `MEETING#${id}`;
/** A child's meetings, by authority and case reference. */
const childPk = (authorityId: string, reference: string) => `CHILD#${authorityId}#${reference}`;
const authorityPk = (authorityId: string) => `MEETINGS#${authorityId}`;
/** A meeting's two listings at a start: the child's list and the authority's. */
const listingKeys = (meeting: Pick<Meeting, "id" | "authorityId" | "child">, start: string) =>
  [childPk(meeting.authorityId, meeting.child.reference), authorityPk(meeting.authorityId)].map((pk) => ({
    pk,
    sk: `MEETING#${start}#${meeting.id}`,
  }));
/** The listings' items: ids only, the meeting is read for what it shows. */
const listingItems = (meeting: Pick<Meeting, "id" | "authorityId" | "child" | "typeId" | "start">) =>
  listingKeys(meeting, meeting.start).map(({ pk, sk }) =>
    encode(pk, sk, { id: meeting.id, typeId: meeting.typeId, start: meeting.start }),
  );
const childMeetingSchema = z.object({ id: z.string(), typeId: z.string(), start: z.string() });
const retentionItemSchema = z.object({
  meetingId: z.string(),
  what: z.enum(["transcripts", "record"]),
  dueAt: z.string(),
});
/** Undeliverable status is kept per address, whatever its case. */
const addressPk = (email: string) => `ADDRESS#${email.toLowerCase()}`;
/** A timer's key names its wait (purpose and ref), so two waits' timers at one instant never collide. */
const timerKey = (t: Pick<Timer, "dueAt" | "id" | "purpose" | "ref">) =>
  `${t.dueAt}#${t.purpose}#${t.ref}#${t.id}`;
const timerSk = (t: Pick<Timer, "dueAt" | "id" | "purpose" | "ref">) => `TIMER#${timerKey(t)}`;
/** A recipient's copy of a batch of emails (see SendRecord). */
const sendSk = (batch: string, recipient: string) => `SEND#${batch}#${recipient.toLowerCase()}`;
const waitSk = (purpose: WaitPurpose, ref: number) => `WAIT#${purpose}#${pad(ref)}`;
const actionSk = (number: number) => `ACTION#${pad(number)}`;
const approvalSk = (a: Pick<Approval, "version" | "index">) => `APPROVAL#${pad(a.version)}#${pad(a.index)}`;

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof Error && error.name === "ConditionalCheckFailedException")
  );
}

/** Creates the table with its GSI if it does not exist (the embedded runtime and tests). */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [
          { AttributeName: tableDesign.partitionKey, KeyType: "HASH" },
          { AttributeName: tableDesign.sortKey, KeyType: "RANGE" },
        ],
        AttributeDefinitions: [
          { AttributeName: tableDesign.partitionKey, AttributeType: "S" },
          { AttributeName: tableDesign.sortKey, AttributeType: "S" },
          { AttributeName: tableDesign.timersIndex.partitionKey, AttributeType: "S" },
          { AttributeName: tableDesign.timersIndex.sortKey, AttributeType: "S" },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: tableDesign.timersIndex.name,
            KeySchema: [
              { AttributeName: tableDesign.timersIndex.partitionKey, KeyType: "HASH" },
              { AttributeName: tableDesign.timersIndex.sortKey, KeyType: "RANGE" },
            ],
            Projection: { ProjectionType: "ALL" },
          },
        ],
      }),
    );
  } catch (error) {
    if (
      !(
        error instanceof ResourceInUseException ||
        (error instanceof Error && error.name === "ResourceInUseException")
      )
    )
      throw error;
  }
  // A new table is CREATING for a moment (seconds on AWS): wait until it is ACTIVE.
  for (let attempt = 0; ; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === "ACTIVE") return;
    if (attempt >= 200)
      throw new Error(`table ${tableName} is still ${Table?.TableStatus} after ${attempt} checks`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 5 * 2 ** Math.min(attempt, 8))));
  }
}

/** The records a sole writer holds a meeting's range of once read (not its audit, read rarely and long). */
const heldPrefixes = ["ANSWER#", "APPROVAL#", "ACTION#"];

/** How many items of a timers-index bucket a sole writer reads, and holds, at a time. */
const headSize = 100;

export class DynamoMeetingStore implements MeetingStore, TimerLookahead {
  private readonly table: FlatTable;
  private earliestDue: string | undefined;
  /**
   * Only with `soleWriter`: what this store has read of each timers-index bucket's head, kept true
   * by its own writes (index-heads.ts), so a sweep or a search for the next timer inside it needs
   * no request.
   */
  private readonly heads: IndexHeads | undefined;
  /** Only with `soleWriter`: a meeting's answers, approvals and actions it has read whole (held-ranges.ts). */
  private readonly ranges: HeldRanges | undefined;
  /** Only with `soleWriter`: the items it has read by key (held-items.ts). */
  private readonly held: HeldItems | undefined;

  /** What a sole writer holds in memory (undefined for any other store). */
  get heldSize(): { items: number; itemChars: number; rangeChars: number } | undefined {
    if (!this.held || !this.ranges) return undefined;
    return {
      items: this.held.size.items,
      itemChars: this.held.size.chars,
      rangeChars: this.ranges.size.chars,
    };
  }

  constructor(
    client: DynamoDBClient,
    tableName: string,
    /**
     * `soleWriter`: this store is the only writer of its table (the embedded runtime, which holds
     * the data folder's lock), so what it has read of the timers index stays true until it writes.
     * `heldChars`: with it, at most that many characters of items, and as many of ranges, are held
     * (else held-items.ts's and held-ranges.ts's defaults); the least recently used are read again.
     */
    options: { soleWriter?: boolean; heldChars?: number } = {},
  ) {
    const bound = options.heldChars === undefined ? {} : { maxChars: options.heldChars };
    const heads = options.soleWriter ? new IndexHeads() : undefined;
    const ranges = options.soleWriter ? new HeldRanges(bound) : undefined;
    this.held = options.soleWriter ? new HeldItems(bound) : undefined;
    this.heads = heads;
    this.ranges = ranges;
    this.table = new FlatTable(
      client,
      tableName,
      {
        put: (item, ok) => {
          // Every item on the timers index (a timer, a retention item, an expiring key) has its due
          // instant first in gsi1sk: the earliest written is remembered (earliestDueWritten).
          const due = item.gsi1sk;
          if (typeof due === "string") {
            const at = due.slice(0, due.indexOf("#"));
            if (this.earliestDue === undefined || at < this.earliestDue) this.earliestDue = at;
          }
          if (!heads || !ranges) return;
          if (ok) {
            heads.put(item);
            ranges.put(item);
          } else {
            heads.unknown(item, item.gsi1pk === undefined ? undefined : String(item.gsi1pk));
            ranges.unknown(item);
          }
        },
        deleted: (key, ok) => {
          if (!heads || !ranges) return;
          if (ok) {
            heads.deleted(key);
            ranges.deleted(key);
          } else {
            heads.unknown(key);
            ranges.unknown(key);
          }
        },
      },
      this.held,
    );
  }

  /**
   * The items of a timers-index bucket due at or before `upTo`, in time order. A sole writer
   * answers from the bucket's head when it reaches `upTo`, and else reads the head (100 items):
   * when it holds an item after `upTo`, or the bucket's end, that page is the whole answer.
   */
  private async dueIn(bucket: string, upTo: string): Promise<FlatItem[]> {
    const index = tableDesign.timersIndex.name;
    const upToKey = `${upTo}#~`;
    if (this.heads) {
      const known = this.heads.due(bucket, upToKey);
      if (known) return known;
      const read = this.heads.begin(bucket);
      let head: { items: FlatItem[]; last?: FlatItem };
      try {
        head = await this.table.query({
          index,
          keyCondition: "gsi1pk = :bucket",
          values: { ":bucket": bucket },
          limit: headSize,
        });
      } catch (error) {
        read.abandon();
        throw error;
      }
      read.finish(head.items, !head.last);
      const due = head.items.filter((item) => String(item.gsi1sk) <= upToKey);
      if (due.length < head.items.length || !head.last) return due;
      // More than a page due: the rest by the exact query, from where the head stopped.
      const rest: FlatItem[] = [];
      let start: FlatItem | undefined = head.last;
      while (start) {
        const page = await this.table.query({
          index,
          keyCondition: "gsi1pk = :bucket AND gsi1sk <= :upTo",
          values: { ":bucket": bucket, ":upTo": upToKey },
          start,
        });
        rest.push(...page.items);
        start = page.last;
      }
      return [...due, ...rest];
    }
    return this.table.queryAll({
      index,
      keyCondition: "gsi1pk = :bucket AND gsi1sk <= :upTo",
      values: { ":bucket": bucket, ":upTo": upToKey },
    });
  }

  /**
   * The earliest instant at which something written through this store since `forgetDueWritten`
   * falls due (a timer, a retention item, an expiring key). The embedded runtime, the only writer
   * of its table, uses it to skip a sweep that could find nothing new.
   */
  earliestDueWritten(): string | undefined {
    return this.earliestDue;
  }

  forgetDueWritten(): void {
    this.earliestDue = undefined;
  }

  private async get<T>(pk: string, sk: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const item = await this.table.get({ pk, sk });
    return item ? schema.parse(decode(item)) : undefined;
  }

  private put(pk: string, sk: string, data: unknown, options: { ifAbsent?: boolean; extra?: FlatItem } = {}) {
    return this.putItem(encode(pk, sk, data, options.extra), options.ifAbsent);
  }

  /** One item; `ifAbsent` refuses to overwrite (ConflictError). */
  private async putItem(item: FlatItem, ifAbsent = false) {
    try {
      await this.table.put(item, ifAbsent ? { expression: "attribute_not_exists(pk)" } : undefined);
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`${item.pk} ${item.sk} exists already`);
      throw error;
    }
  }

  private async query<T>(input: Omit<FlatQuery, "start">, schema: z.ZodType<T>): Promise<T[]> {
    return (await this.table.queryAll(input)).map((item) => schema.parse(decode(item)));
  }

  /**
   * The items of `pk` with from <= sk <= to: held by a sole writer once read whole (its answers,
   * approvals and actions), else one Query.
   */
  private async range(pk: string, from: string, to: string): Promise<FlatItem[]> {
    const query = () =>
      this.table.queryAll({
        keyCondition: "pk = :pk AND sk BETWEEN :from AND :to",
        values: { ":pk": pk, ":from": from, ":to": to },
        consistent: true,
      });
    if (!this.ranges) return query();
    const known = this.ranges.get(pk, from, to);
    if (known) return known;
    const read = this.ranges.begin(pk, from, to);
    try {
      const items = await query();
      read.finish(items);
      return items;
    } catch (error) {
      read.abandon();
      throw error;
    }
  }

  private async queryPrefix<T>(pk: string, prefix: string, schema: z.ZodType<T>): Promise<T[]> {
    if (this.ranges && heldPrefixes.some((held) => prefix.startsWith(held)))
      return (await this.range(pk, prefix, `${prefix}\uffff`)).map((item) => schema.parse(decode(item)));
    return this.query(
      {
        keyCondition: "pk = :pk AND begins_with(sk, :prefix)",
        values: { ":pk": pk, ":prefix": prefix },
        consistent: true,
      },
      schema,
    );
  }

  async createMeeting(meeting: Meeting): Promise<void> {
    await this.put(meetingPk(meeting.id), "META", meeting, {
      ifAbsent: true,
      extra: { ver: meeting.version },
    });
    // Once the meeting is stored (conditionally), its listings in one batched write: in flight; the
    // child's list, the child's meetings in the order they are held (no name, the case reference);
    // the authority's list (the workspace's pages).
    await this.table.putAll([
      encode("INFLIGHT", meetingPk(meeting.id), { id: meeting.id }),
      ...listingItems(meeting),
    ]);
  }

  async authorityMeetings(authorityId: string): Promise<ChildMeeting[]> {
    const items = await this.table.queryAll({
      keyCondition: "pk = :pk",
      values: { ":pk": authorityPk(authorityId) },
    });
    return items.map((item) => childMeetingSchema.parse(decode(item)));
  }

  async putRetention(item: RetentionItem): Promise<void> {
    await this.put(meetingPk(item.meetingId), `RETAIN#${item.what}`, item, {
      extra: {
        gsi1pk: `RETAIN#${item.dueAt.slice(0, 7)}`,
        gsi1sk: `${item.dueAt}#${item.meetingId}#${item.what}`,
      },
    });
  }

  async dueRetention(month: string, upTo: string): Promise<RetentionItem[]> {
    return (await this.dueIn(`RETAIN#${month}`, upTo)).map((item) => retentionItemSchema.parse(decode(item)));
  }

  async claimRetention(item: RetentionItem): Promise<boolean> {
    try {
      await this.table.delete(
        { pk: meetingPk(item.meetingId), sk: `RETAIN#${item.what}` },
        "attribute_exists(pk)",
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async deleteMeetingRecords(
    meeting: Pick<Meeting, "id" | "authorityId" | "child" | "start">,
  ): Promise<number> {
    const items = await this.table.queryAll({
      keyCondition: "pk = :pk",
      values: { ":pk": meetingPk(meeting.id) },
    });
    await this.table.deleteAll([
      ...items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })),
      ...listingKeys(meeting, meeting.start),
      { pk: "INFLIGHT", sk: meetingPk(meeting.id) },
    ]);
    return items.length;
  }

  async childMeetings(authorityId: string, reference: string): Promise<ChildMeeting[]> {
    const items = await this.table.queryAll({
      keyCondition: "pk = :pk",
      values: { ":pk": childPk(authorityId, reference) },
    });
    return items.map((item) => childMeetingSchema.parse(decode(item)));
  }

  async moveListings(
    meeting: Pick<Meeting, "id" | "authorityId" | "child" | "typeId" | "start">,
    from: string,
  ): Promise<void> {
    if (from === meeting.start) return;
    // The new entries first: a crash in between leaves the meeting listed twice, never unlisted.
    await this.table.putAll(listingItems(meeting));
    await this.table.deleteAll(listingKeys(meeting, from));
  }

  async getMeeting(id: string): Promise<Meeting> {
    const meeting = await this.get(meetingPk(id), "META", meetingSchema);
    if (!meeting) throw new NotFoundError(`no meeting ${id}`);
    return meeting;
  }

  async getMeetingWith(
    id: string,
    also: { wait?: { purpose: WaitPurpose; ref: number }; action?: number },
  ): Promise<{ meeting: Meeting; wait?: Wait; action?: Action }> {
    if (!also.wait && also.action === undefined) return { meeting: await this.getMeeting(id) };
    const pk = meetingPk(id);
    const wantWait = also.wait ? waitSk(also.wait.purpose, also.wait.ref) : undefined;
    const wantAction = also.action === undefined ? undefined : actionSk(also.action);
    const items = await this.table.getAll([
      { pk, sk: "META" },
      ...(wantWait ? [{ pk, sk: wantWait }] : []),
      ...(wantAction ? [{ pk, sk: wantAction }] : []),
    ]);
    const bySk = new Map(items.map((item) => [String(item.sk), item]));
    const meetingItem = bySk.get("META");
    if (!meetingItem) throw new NotFoundError(`no meeting ${id}`);
    const waitItem = wantWait ? bySk.get(wantWait) : undefined;
    const actionItem = wantAction ? bySk.get(wantAction) : undefined;
    return {
      meeting: meetingSchema.parse(decode(meetingItem)),
      ...(waitItem ? { wait: waitSchema.parse(decode(waitItem)) } : {}),
      ...(actionItem ? { action: actionSchema.parse(decode(actionItem)) } : {}),
    };
  }

  async putRecords(meetingId: string, records: MeetingRecords): Promise<void> {
    const pk = meetingPk(meetingId);
    // Every record is checked (parsed) before any is written.
    const puts: FlatItem[] = [
      ...(records.answers ?? []).map((a) => this.answerItem(meetingId, a)),
      ...(records.approvals ?? []).map((a) => encode(pk, approvalSk(a), approvalSchema.parse(a))),
      ...(records.actions ?? []).map((a) => encode(pk, actionSk(a.number), actionSchema.parse(a))),
      ...(records.waits ?? []).map((w) => this.waitItem(meetingId, w)),
      ...(records.timers ?? []).map((t) => this.timerItem(t)),
      ...(records.sends ?? []).map((r) => this.sendItem(meetingId, r)),
      ...(records.events ?? []).map((e) => this.auditItem(e)),
    ];
    const key = (item: FlatItem) => `${item.pk}\n${item.sk}`;
    const put = new Set(puts.map(key));
    const deletes = new Map<string, FlatItem>();
    for (const t of records.removeTimers ?? []) {
      const item = { pk: meetingPk(t.meetingId), sk: timerSk(t) };
      if (!put.has(key(item))) deletes.set(key(item), item);
    }
    await this.table.writeAll(puts, [...deletes.values()]);
  }

  async saveMeeting(meeting: Meeting): Promise<Meeting> {
    const next = { ...meeting, version: meeting.version + 1 };
    try {
      await this.table.put(encode(meetingPk(meeting.id), "META", next, { ver: next.version }), {
        expression: "ver = :version",
        values: { ":version": meeting.version },
      });
    } catch (error) {
      if (isConditionFailure(error))
        throw new ConflictError(`meeting ${meeting.id} changed since it was read`);
      throw error;
    }
    // A closed meeting's action trackers still run, and a cancelled one's cancellations may not all
    // be out: they stay in flight until the lifecycle says so (endInFlight).
    if (next.phase === "closed" && next.actionCount === 0) {
      await this.endInFlight(meeting.id);
    }
    return next;
  }

  async setPhase(id: string, phase: Phase, at: string): Promise<Meeting> {
    for (let attempt = 0; ; attempt++) {
      const meeting = await this.getMeeting(id);
      try {
        return await this.saveMeeting({ ...meeting, phase, updatedAt: at });
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= 4) throw error;
      }
    }
  }

  private answerItem(meetingId: string, answer: Answer): FlatItem {
    const parsed = answerSchema.parse(answer);
    return encode(meetingPk(meetingId), `ANSWER#${pad(parsed.index)}`, parsed);
  }

  async putAnswer(meetingId: string, answer: Answer): Promise<void> {
    await this.putItem(this.answerItem(meetingId, answer));
  }

  async putAnswers(meetingId: string, answers: Answer[]): Promise<void> {
    // Every answer is checked before any is written.
    await this.table.putAll(answers.map((a) => this.answerItem(meetingId, a)));
  }

  listAnswers(meetingId: string): Promise<Answer[]> {
    return this.queryPrefix(meetingPk(meetingId), "ANSWER#", answerSchema);
  }

  async putMinutesVersion(
    meetingId: string,
    version: MinutesVersion,
    fence?: { meetingVersion: number; replace?: boolean },
  ): Promise<void> {
    // `mv`: the meeting's lock version the writer read (or fenced); a replacement needs a higher one.
    const extra: FlatItem = fence ? { mv: fence.meetingVersion } : {};
    const item = encode(meetingPk(meetingId), `MINUTES#${pad(version.version)}`, version, extra);
    if (!fence?.replace) return this.putItem(item, true);
    try {
      await this.table.put(item, {
        expression: "attribute_not_exists(mv) OR mv < :fence",
        values: { ":fence": fence.meetingVersion },
      });
    } catch (error) {
      if (isConditionFailure(error))
        throw new ConflictError(
          `minutes version ${version.version} of meeting ${meetingId} was replaced since it was read`,
        );
      throw error;
    }
  }

  async getMinutesVersion(meetingId: string, version: number): Promise<MinutesVersion> {
    const found = await this.get(meetingPk(meetingId), `MINUTES#${pad(version)}`, minutesVersionSchema);
    if (!found) throw new NotFoundError(`no minutes version ${version} for meeting ${meetingId}`);
    return found;
  }

  async putApproval(meetingId: string, approval: Approval): Promise<void> {
    await this.put(meetingPk(meetingId), approvalSk(approval), approval);
  }

  listApprovals(meetingId: string, version: number): Promise<Approval[]> {
    return this.queryPrefix(meetingPk(meetingId), `APPROVAL#${pad(version)}#`, approvalSchema);
  }

  async answersAndApprovals(
    meetingId: string,
    version: number,
  ): Promise<{ answers: Answer[]; approvals: Approval[] }> {
    // ANSWER# and APPROVAL# sort next to each other: one range holds the answers and the
    // responses to every version up to this one.
    // A sole writer holds every version's responses, so the next version's read needs no request.
    const items = await this.range(
      meetingPk(meetingId),
      "ANSWER#",
      this.ranges ? "APPROVAL#\uffff" : `APPROVAL#${pad(version)}#~`,
    );
    const answers: Answer[] = [];
    const approvals: Approval[] = [];
    const ofVersion = `APPROVAL#${pad(version)}#`;
    for (const item of items) {
      const sk = String(item.sk);
      if (sk.startsWith("ANSWER#")) answers.push(answerSchema.parse(decode(item)));
      else if (sk.startsWith(ofVersion)) approvals.push(approvalSchema.parse(decode(item)));
    }
    return { answers, approvals };
  }

  async putAction(meetingId: string, action: Action): Promise<void> {
    await this.put(meetingPk(meetingId), actionSk(action.number), actionSchema.parse(action));
  }

  async getAction(meetingId: string, number: number): Promise<Action> {
    const found = await this.get(meetingPk(meetingId), actionSk(number), actionSchema);
    if (!found) throw new NotFoundError(`no action ${number} for meeting ${meetingId}`);
    return found;
  }

  listActions(meetingId: string): Promise<Action[]> {
    return this.queryPrefix(meetingPk(meetingId), "ACTION#", actionSchema);
  }

  /** Status and token are attributes of their own: closeWait changes them with one conditional update. */
  private waitItem(meetingId: string, wait: Wait): FlatItem {
    const parsed = waitSchema.parse(wait);
    return encode(meetingPk(meetingId), waitSk(parsed.purpose, parsed.ref), parsed, {
      st: parsed.status,
      tk: parsed.token,
      ...(parsed.completedAt ? { completedAt: parsed.completedAt } : {}),
    });
  }

  async putWait(meetingId: string, wait: Wait): Promise<void> {
    await this.putItem(this.waitItem(meetingId, wait));
  }

  getWait(meetingId: string, purpose: WaitPurpose, ref: number): Promise<Wait | undefined> {
    return this.get(meetingPk(meetingId), waitSk(purpose, ref), waitSchema);
  }

  async closeWait(
    meetingId: string,
    purpose: WaitPurpose,
    ref: number,
    token: string,
    status: "completed" | "expired" | "failed",
    at: string,
  ): Promise<boolean> {
    try {
      await this.table.update(
        { pk: meetingPk(meetingId), sk: waitSk(purpose, ref) },
        "SET st = :status, completedAt = :at",
        "st = :waiting AND tk = :token",
        { ":status": status, ":at": at, ":waiting": "waiting", ":token": token },
        { st: status, completedAt: at },
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** A timer's item: its record, and the GSI keys the sweeper queries by (month bucket, due time). */
  private timerItem(timer: Timer): FlatItem {
    // Each write of a timer gets its own arm, so claimTimer removes only the write it read.
    const arm = randomUUID().slice(0, 13);
    const parsed = timerSchema.parse({ ...timer, arm });
    return encode(meetingPk(parsed.meetingId), timerSk(parsed), parsed, {
      [tableDesign.timersIndex.partitionKey]: `DUE#${parsed.dueAt.slice(0, 7)}`,
      [tableDesign.timersIndex.sortKey]: timerKey(parsed),
      arm,
    });
  }

  async putTimer(timer: Timer): Promise<void> {
    await this.putItem(this.timerItem(timer));
  }

  async putTimers(timers: Timer[]): Promise<void> {
    // Every timer is checked before any is written.
    await this.table.putAll(timers.map((t) => this.timerItem(t)));
  }

  async dueTimers(month: string, upTo: string): Promise<Timer[]> {
    return (await this.dueIn(`DUE#${month}`, upTo)).map((item) => timerSchema.parse(decode(item)));
  }

  async nextTimer(after: string, upTo: string): Promise<string | undefined> {
    for (const month of monthsBetween(after, upTo)) {
      // What a sole writer holds of the bucket's head may decide it without a read.
      const known = this.heads?.first(`DUE#${month}`, `${after}#~`, `${upTo}#~`);
      if (known) {
        if (known.item) return String(known.item.gsi1sk).split("#")[0] as string;
        continue;
      }
      const out = await this.table.query({
        index: tableDesign.timersIndex.name,
        keyCondition: "gsi1pk = :month AND gsi1sk BETWEEN :after AND :upTo",
        values: { ":month": `DUE#${month}`, ":after": `${after}#~`, ":upTo": `${upTo}#~` },
        limit: 1,
      });
      const first = out.items[0];
      if (first) return String(first.gsi1sk).split("#")[0] as string;
    }
    return undefined;
  }

  async claimTimer(timer: Timer): Promise<boolean> {
    try {
      // Only the write that was read: a timer written again since (a wait re-armed with the same
      // deadline) has another arm and stays for the next sweep.
      await this.table.delete(
        { pk: meetingPk(timer.meetingId), sk: timerSk(timer) },
        timer.arm ? "arm = :arm" : "attribute_exists(pk)",
        timer.arm ? { ":arm": timer.arm } : undefined,
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async deleteTimers(timers: Timer[]): Promise<void> {
    const keys = new Map(timers.map((t) => [`${t.meetingId}\n${timerSk(t)}`, t]));
    await this.table.deleteAll(
      [...keys.values()].map((t) => ({ pk: meetingPk(t.meetingId), sk: timerSk(t) })),
    );
  }

  async deleteTimersFor(meetingId: string, purpose: WaitPurpose, ref: number): Promise<void> {
    const timers = await this.queryPrefix(meetingPk(meetingId), "TIMER#", timerSchema);
    for (const timer of timers) {
      if (timer.purpose === purpose && timer.ref === ref) await this.claimTimer(timer);
    }
  }

  /** Sort key: time, then a suffix so two events in the same millisecond never overwrite. */
  private auditItem(event: AuditEvent): FlatItem {
    const parsed = auditEventSchema.parse(event);
    auditSequence = (auditSequence + 1) % 1_679_616;
    const suffix = `${auditSequence.toString(36).padStart(4, "0")}${Math.random().toString(36).slice(2, 6)}`;
    return encode(meetingPk(parsed.meetingId), `AUDIT#${parsed.at}#${suffix}`, parsed);
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    await this.putItem(this.auditItem(event), true);
  }

  async appendAudits(events: AuditEvent[]): Promise<void> {
    // Validate every event before writing any, so a bad one leaves nothing half-written.
    await this.table.putAll(events.map((e) => this.auditItem(e)));
  }

  listAudit(meetingId: string): Promise<AuditEvent[]> {
    return this.queryPrefix(meetingPk(meetingId), "AUDIT#", auditEventSchema);
  }

  async recordInbound(key: string, at: string): Promise<boolean> {
    try {
      await this.put(
        `INBOUND#${key}`,
        "INBOUND",
        { at },
        {
          ifAbsent: true,
          extra: expiring(`INBOUND#${key}`, "INBOUND", at, keptDays.inbound),
        },
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async markUndeliverable(email: string, reason: string, at: string): Promise<void> {
    await this.put(addressPk(email), "STATUS", { undeliverable: true, reason, at });
  }

  async removeExpired(month: string, upTo: string): Promise<number> {
    const items = await this.dueIn(`EXPIRE#${month}`, upTo);
    await this.table.deleteAll(items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
    return items.length;
  }

  async clearUndeliverable(email: string): Promise<void> {
    await this.table.deleteAll([{ pk: addressPk(email), sk: "STATUS" }]);
  }

  async redactAddressInLog(meetingId: string, email: string, replacement: string): Promise<number> {
    const pattern = new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
    const redact = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value).replace(pattern, replacement));
    const items = await this.table.queryAll({
      keyCondition: "pk = :pk",
      values: { ":pk": meetingPk(meetingId) },
    });
    const puts: FlatItem[] = [];
    const deletes: Array<{ pk: string; sk: string }> = [];
    for (const item of items) {
      const sk = String(item.sk);
      if (!sk.startsWith("AUDIT#") && !sk.startsWith("SEND#")) continue;
      const body = decode(item);
      pattern.lastIndex = 0;
      if (!pattern.test(JSON.stringify(body))) continue;
      if (sk.startsWith("AUDIT#")) {
        // Same key: the event keeps its place in the log.
        puts.push(encode(meetingPk(meetingId), sk, auditEventSchema.parse(redact(body))));
      } else {
        const record = sendRecordSchema.parse(redact(body));
        deletes.push({ pk: meetingPk(meetingId), sk });
        puts.push(encode(meetingPk(meetingId), sendSk(record.batch, record.recipient), record));
      }
    }
    await this.table.putAll(puts);
    await this.table.deleteAll(deletes);
    return puts.length;
  }

  async isUndeliverable(email: string): Promise<boolean> {
    return (await this.undeliverableAmong([email])).has(email.toLowerCase());
  }

  async undeliverableAmong(emails: string[]): Promise<Set<string>> {
    const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
    const items = await this.table.getAll(unique.map((e) => ({ pk: addressPk(e), sk: "STATUS" })));
    return new Set(
      items
        .filter((item) => decode(item).undeliverable === true)
        .map((item) => String(item.pk).slice(addressPk("").length)),
    );
  }

  async listInFlight(): Promise<string[]> {
    const out: string[] = [];
    for (const item of await this.table.queryAll({ keyCondition: "pk = :pk", values: { ":pk": "INFLIGHT" } }))
      out.push(String(decode(item).id));
    return out;
  }

  async endInFlight(meetingId: string): Promise<void> {
    await this.table.delete({ pk: "INFLIGHT", sk: meetingPk(meetingId) });
  }

  async resumeInFlight(meetingId: string): Promise<void> {
    await this.put("INFLIGHT", meetingPk(meetingId), { id: meetingId });
  }

  async sendState(
    meetingId: string,
    batch: string | undefined,
    emails: string[],
  ): Promise<{ undeliverable: Set<string>; sends: Map<string, SendRecord> }> {
    const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
    // Addresses and send records in one batched read.
    const items = await this.table.getAll([
      ...unique.map((e) => ({ pk: addressPk(e), sk: "STATUS" })),
      ...(batch ? unique.map((e) => ({ pk: meetingPk(meetingId), sk: sendSk(batch, e) })) : []),
    ]);
    const undeliverable = new Set<string>();
    const sends = new Map<string, SendRecord>();
    for (const item of items) {
      if (item.sk === "STATUS") {
        if (decode(item).undeliverable === true)
          undeliverable.add(String(item.pk).slice(addressPk("").length));
      } else {
        const record = sendRecordSchema.parse(decode(item));
        sends.set(record.recipient, record);
      }
    }
    return { undeliverable, sends };
  }

  private sendItem(meetingId: string, record: SendRecord): FlatItem {
    const parsed = sendRecordSchema.parse({ ...record, recipient: record.recipient.toLowerCase() });
    return encode(meetingPk(meetingId), sendSk(parsed.batch, parsed.recipient), parsed);
  }

  async putSends(meetingId: string, records: SendRecord[], events: AuditEvent[]): Promise<void> {
    await this.putRecords(meetingId, { sends: records, events });
  }

  async getSweptUntil(): Promise<string | undefined> {
    const item = await this.table.get({ pk: "SWEEPER", sk: "STATE" });
    const swept = item ? decode(item).sweptUntil : undefined;
    return typeof swept === "string" ? swept : undefined;
  }

  async setSweptUntil(at: string): Promise<void> {
    await this.put("SWEEPER", "STATE", { sweptUntil: at });
  }

  // Idempotency keys of API requests (POST /meetings' Idempotency-Key), kept with the meetings so a
  // retry after a restart still finds them.

  /** The record of an idempotency key, if it was used before. */
  getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.get(idempotencyPk(scope, key), "REQUEST", idempotencyRecordSchema);
  }

  /** Records a key's first use; false when the key is taken already (one conditional write). */
  async claimIdempotencyKey(scope: string, key: string, record: IdempotencyRecord): Promise<boolean> {
    try {
      await this.put(idempotencyPk(scope, key), "REQUEST", idempotencyRecordSchema.parse(record), {
        ifAbsent: true,
        extra: expiring(idempotencyPk(scope, key), "REQUEST", record.at, keptDays.idempotencyKey),
      });
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }
}
