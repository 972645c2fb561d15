/**
 * DynamoMeetingStore: the MeetingStore port on one DynamoDB table (see table-design.ts). The same
 * class serves the cloud and the embedded runtime (a DynamoDB client pointed at dynalite).
 * Every write is a single-item conditional write; reads are GetItem or Query, never Scan.
 */
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { z } from "zod";
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
  type Timer,
  timerSchema,
  type Wait,
  waitSchema,
} from "../../domain/lifecycle/model.ts";
import type { Phase, WaitPurpose } from "../../domain/lifecycle/phases.ts";
import { monthsBetween } from "../../domain/lifecycle/time.ts";
import {
  ConflictError,
  type MeetingStore,
  NotFoundError,
  type TimerLookahead,
} from "../../domain/ports/store.ts";
import { tableDesign } from "./table-design.ts";

/** Orders audit events written by this process within the same millisecond. */
let auditSequence = 0;
const pad = (n: number) => String(n).padStart(4, "0");
const meetingPk = (id: string) => `MEETING#${id}`;
/** A timer's key names its wait (purpose and ref), so two waits' timers at one instant never collide. */
const timerKey = (t: Pick<Timer, "dueAt" | "id" | "purpose" | "ref">) =>
  `${t.dueAt}#${t.purpose}#${t.ref}#${t.id}`;
const timerSk = (t: Pick<Timer, "dueAt" | "id" | "purpose" | "ref">) => `TIMER#${timerKey(t)}`;

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

export class DynamoMeetingStore implements MeetingStore, TimerLookahead {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  private async get<T>(pk: string, sk: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }),
    );
    return out.Item ? schema.parse(out.Item.data) : undefined;
  }

  private async put(
    pk: string,
    sk: string,
    data: unknown,
    options: { ifAbsent?: boolean; extra?: object } = {},
  ) {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk, sk, data, ...options.extra },
          ConditionExpression: options.ifAbsent ? "attribute_not_exists(pk)" : undefined,
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`${pk} ${sk} exists already`);
      throw error;
    }
  }

  private async query<T>(input: Omit<QueryCommandInput, "TableName">, schema: z.ZodType<T>): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({ TableName: this.tableName, ...input, ExclusiveStartKey: start }),
      );
      for (const item of out.Items ?? []) items.push(schema.parse(item.data));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private queryPrefix<T>(pk: string, prefix: string, schema: z.ZodType<T>): Promise<T[]> {
    return this.query(
      {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": pk, ":prefix": prefix },
        ConsistentRead: true,
      },
      schema,
    );
  }

  async createMeeting(meeting: Meeting): Promise<void> {
    await this.put(meetingPk(meeting.id), "META", meeting, { ifAbsent: true });
    await this.put("INFLIGHT", meetingPk(meeting.id), { id: meeting.id });
  }

  async getMeeting(id: string): Promise<Meeting> {
    const meeting = await this.get(meetingPk(id), "META", meetingSchema);
    if (!meeting) throw new NotFoundError(`no meeting ${id}`);
    return meeting;
  }

  async saveMeeting(meeting: Meeting): Promise<Meeting> {
    const next = { ...meeting, version: meeting.version + 1 };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: meetingPk(meeting.id), sk: "META", data: next },
          ConditionExpression: "#data.#version = :version",
          ExpressionAttributeNames: { "#data": "data", "#version": "version" },
          ExpressionAttributeValues: { ":version": meeting.version },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new ConflictError(`meeting ${meeting.id} changed since it was read`);
      throw error;
    }
    if (next.phase === "closed" || next.phase === "cancelled") {
      await this.doc.send(
        new DeleteCommand({ TableName: this.tableName, Key: { pk: "INFLIGHT", sk: meetingPk(meeting.id) } }),
      );
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

  async putAnswer(meetingId: string, answer: Answer): Promise<void> {
    await this.put(meetingPk(meetingId), `ANSWER#${pad(answer.index)}`, answerSchema.parse(answer));
  }

  listAnswers(meetingId: string): Promise<Answer[]> {
    return this.queryPrefix(meetingPk(meetingId), "ANSWER#", answerSchema);
  }

  async putMinutesVersion(meetingId: string, version: MinutesVersion): Promise<void> {
    await this.put(meetingPk(meetingId), `MINUTES#${pad(version.version)}`, version, { ifAbsent: true });
  }

  async getMinutesVersion(meetingId: string, version: number): Promise<MinutesVersion> {
    const found = await this.get(meetingPk(meetingId), `MINUTES#${pad(version)}`, minutesVersionSchema);
    if (!found) throw new NotFoundError(`no minutes version ${version} for meeting ${meetingId}`);
    return found;
  }

  async putApproval(meetingId: string, approval: Approval): Promise<void> {
    await this.put(
      meetingPk(meetingId),
      `APPROVAL#${pad(approval.version)}#${pad(approval.index)}`,
      approval,
    );
  }

  listApprovals(meetingId: string, version: number): Promise<Approval[]> {
    return this.queryPrefix(meetingPk(meetingId), `APPROVAL#${pad(version)}#`, approvalSchema);
  }

  async putAction(meetingId: string, action: Action): Promise<void> {
    await this.put(meetingPk(meetingId), `ACTION#${pad(action.number)}`, actionSchema.parse(action));
  }

  async getAction(meetingId: string, number: number): Promise<Action> {
    const found = await this.get(meetingPk(meetingId), `ACTION#${pad(number)}`, actionSchema);
    if (!found) throw new NotFoundError(`no action ${number} for meeting ${meetingId}`);
    return found;
  }

  listActions(meetingId: string): Promise<Action[]> {
    return this.queryPrefix(meetingPk(meetingId), "ACTION#", actionSchema);
  }

  async putWait(meetingId: string, wait: Wait): Promise<void> {
    await this.put(meetingPk(meetingId), `WAIT#${wait.purpose}#${pad(wait.ref)}`, waitSchema.parse(wait));
  }

  getWait(meetingId: string, purpose: WaitPurpose, ref: number): Promise<Wait | undefined> {
    return this.get(meetingPk(meetingId), `WAIT#${purpose}#${pad(ref)}`, waitSchema);
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
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: meetingPk(meetingId), sk: `WAIT#${purpose}#${pad(ref)}` },
          UpdateExpression: "SET #data.#status = :status, #data.completedAt = :at",
          ConditionExpression: "#data.#status = :waiting AND #data.#token = :token",
          ExpressionAttributeNames: { "#data": "data", "#status": "status", "#token": "token" },
          ExpressionAttributeValues: { ":status": status, ":at": at, ":waiting": "waiting", ":token": token },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async putTimer(timer: Timer): Promise<void> {
    await this.put(meetingPk(timer.meetingId), timerSk(timer), timerSchema.parse(timer), {
      extra: {
        [tableDesign.timersIndex.partitionKey]: `DUE#${timer.dueAt.slice(0, 7)}`,
        [tableDesign.timersIndex.sortKey]: timerKey(timer),
      },
    });
  }

  dueTimers(month: string, upTo: string): Promise<Timer[]> {
    return this.query(
      {
        IndexName: tableDesign.timersIndex.name,
        KeyConditionExpression: "gsi1pk = :month AND gsi1sk <= :upTo",
        ExpressionAttributeValues: { ":month": `DUE#${month}`, ":upTo": `${upTo}#~` },
      },
      timerSchema,
    );
  }

  async nextTimer(after: string, upTo: string): Promise<string | undefined> {
    for (const month of monthsBetween(after, upTo)) {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: tableDesign.timersIndex.name,
          KeyConditionExpression: "gsi1pk = :month AND gsi1sk BETWEEN :after AND :upTo",
          ExpressionAttributeValues: {
            ":month": `DUE#${month}`,
            ":after": `${after}#~`,
            ":upTo": `${upTo}#~`,
          },
          Limit: 1,
        }),
      );
      const first = out.Items?.[0];
      if (first) return String(first.gsi1sk).split("#")[0] as string;
    }
    return undefined;
  }

  async claimTimer(timer: Timer): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: meetingPk(timer.meetingId), sk: timerSk(timer) },
          ConditionExpression: "attribute_exists(pk)",
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async deleteTimersFor(meetingId: string, purpose: WaitPurpose, ref: number): Promise<void> {
    const timers = await this.queryPrefix(meetingPk(meetingId), "TIMER#", timerSchema);
    for (const timer of timers) {
      if (timer.purpose === purpose && timer.ref === ref) await this.claimTimer(timer);
    }
  }

  /** Sort key: time, then a suffix so two events in the same millisecond never overwrite. */
  private auditItem(event: AuditEvent) {
    const parsed = auditEventSchema.parse(event);
    auditSequence = (auditSequence + 1) % 1_679_616;
    const suffix = `${auditSequence.toString(36).padStart(4, "0")}${Math.random().toString(36).slice(2, 6)}`;
    return { pk: meetingPk(event.meetingId), sk: `AUDIT#${parsed.at}#${suffix}`, data: parsed };
  }

  async appendAudit(event: AuditEvent): Promise<void> {
    const item = this.auditItem(event);
    await this.put(item.pk, item.sk, item.data, { ifAbsent: true });
  }

  async appendAudits(events: AuditEvent[]): Promise<void> {
    // Validate every event before writing any, so a bad one leaves nothing half-written.
    const items = events.map((e) => this.auditItem(e));
    for (let i = 0; i < items.length; i += 25) {
      let requests: Array<{ PutRequest?: { Item: Record<string, unknown> } }> = items
        .slice(i, i + 25)
        .map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const out = await this.doc.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }),
        );
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
        if (requests.length > 0 && attempt >= 8)
          throw new Error(`${requests.length} audit events were not written after ${attempt + 1} attempts`);
        if (requests.length > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 25));
      }
    }
  }

  listAudit(meetingId: string): Promise<AuditEvent[]> {
    return this.queryPrefix(meetingPk(meetingId), "AUDIT#", auditEventSchema);
  }

  async recordInbound(key: string, at: string): Promise<boolean> {
    try {
      await this.put(`INBOUND#${key}`, "INBOUND", { at }, { ifAbsent: true });
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  async markUndeliverable(email: string, reason: string, at: string): Promise<void> {
    await this.put(`ADDRESS#${email.toLowerCase()}`, "STATUS", { undeliverable: true, reason, at });
  }

  async isUndeliverable(email: string): Promise<boolean> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `ADDRESS#${email.toLowerCase()}`, sk: "STATUS" },
      }),
    );
    return out.Item?.data?.undeliverable === true;
  }

  async undeliverableAmong(emails: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
    for (let i = 0; i < unique.length; i += 100) {
      let keys: Array<Record<string, unknown>> = unique
        .slice(i, i + 100)
        .map((e) => ({ pk: `ADDRESS#${e}`, sk: "STATUS" }));
      for (let attempt = 0; keys.length > 0; attempt++) {
        const out = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.tableName] ?? []) {
          if (item.data?.undeliverable === true) found.add(String(item.pk).slice("ADDRESS#".length));
        }
        keys = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof keys;
        if (keys.length > 0 && attempt >= 8)
          throw new Error(`${keys.length} address checks were not read after ${attempt + 1} attempts`);
        if (keys.length > 0) await new Promise((r) => setTimeout(r, 2 ** attempt * 25));
      }
    }
    return found;
  }

  async listInFlight(): Promise<string[]> {
    const out: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": "INFLIGHT" },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) out.push(String(item.data.id));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async getSweptUntil(): Promise<string | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: "SWEEPER", sk: "STATE" },
        ConsistentRead: true,
      }),
    );
    return typeof out.Item?.data?.sweptUntil === "string" ? out.Item.data.sweptUntil : undefined;
  }

  async setSweptUntil(at: string): Promise<void> {
    await this.put("SWEEPER", "STATE", { sweptUntil: at });
  }
}
