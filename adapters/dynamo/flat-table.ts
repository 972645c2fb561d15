/**
 * FlatTable: the few DynamoDB calls the meeting store makes, on the plain DynamoDB client, for
 * items whose attributes are all strings or numbers (each record is one JSON string attribute; see
 * meeting-store.ts). Marshalling such items is a line each way, so the store needs no document
 * client, and the client may cache each command's resolved middleware (`cacheMiddleware`), which
 * the document client forbids.
 */
import {
  type AttributeValue,
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { HeldItems } from "./held-items.ts";

export type FlatValue = string | number;
export type FlatItem = Record<string, FlatValue>;

export function toAttributes(values: Record<string, FlatValue | undefined>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out[name] = typeof value === "number" ? { N: String(value) } : { S: value };
  }
  return out;
}

export function fromAttributes(attributes: Record<string, AttributeValue>): FlatItem {
  const out: FlatItem = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value.S !== undefined) out[name] = value.S;
    else if (value.N !== undefined) out[name] = Number(value.N);
    else {
      const key = [attributes.pk?.S, attributes.sk?.S].filter(Boolean).join(" ");
      throw new Error(
        `item ${key || "(no key)"}: attribute ${name} is neither a string nor a number (an item in another layout, e.g. written by an older Convene)`,
      );
    }
  }
  return out;
}

export interface FlatQuery {
  index?: string;
  keyCondition: string;
  values: Record<string, FlatValue>;
  consistent?: boolean;
  limit?: number;
  start?: FlatItem;
}

export interface WriteObserver {
  put(item: FlatItem, ok: boolean): void;
  deleted(key: FlatItem, ok: boolean): void;
}

export class FlatTable {
  constructor(
    private readonly client: DynamoDBClient,
    readonly name: string,
    /**
     * Sees each write once it has been answered: a put or delete that succeeded, or one that
     * failed (a condition refused, an error: its outcome for that item is unknown). After, not
     * before: a write that lands after a query has read is seen after that query was sent. The
     * meeting store watches what falls due (meeting-store.ts, index-heads.ts).
     */
    private readonly observer?: WriteObserver,
    /** Only for the table's sole writer: what it has read by key, kept true by its writes (held-items.ts). */
    private readonly held?: HeldItems,
  ) {}

  async get(key: FlatItem, consistent = true): Promise<FlatItem | undefined> {
    const known = this.held?.get(key);
    if (known !== undefined) return known ?? undefined;
    const mark = this.held?.mark(key);
    let item: FlatItem | undefined;
    try {
      const out = await this.client.send(
        new GetItemCommand({ TableName: this.name, Key: toAttributes(key), ConsistentRead: consistent }),
      );
      item = out.Item ? fromAttributes(out.Item) : undefined;
    } catch (error) {
      if (mark) this.held?.abandon(mark);
      throw error;
    }
    if (mark) this.held?.learn(key, item ?? null, mark);
    return item;
  }

  async put(item: FlatItem, condition?: { expression: string; values?: Record<string, FlatValue> }) {
    let ok = false;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.name,
          Item: toAttributes(item),
          ConditionExpression: condition?.expression,
          ExpressionAttributeValues: condition?.values ? toAttributes(condition.values) : undefined,
        }),
      );
      ok = true;
    } finally {
      this.held?.wrote(item, ok ? item : undefined);
      this.observer?.put(item, ok);
    }
  }

  /**
   * A conditional UpdateItem. `sets`: the attributes a successful update sets (its SET of plain
   * values), so a sole writer holding the item holds it changed; without it the item is read again.
   */
  async update(
    key: FlatItem,
    update: string,
    condition: string,
    values: Record<string, FlatValue>,
    sets?: FlatItem,
  ) {
    let ok = false;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.name,
          Key: toAttributes(key),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeValues: toAttributes(values),
        }),
      );
      ok = true;
    } finally {
      const before = ok && sets ? this.held?.get(key) : undefined;
      this.held?.wrote(key, before ? { ...before, ...sets } : undefined);
    }
  }

  async delete(key: FlatItem, condition?: string, values?: Record<string, FlatValue>) {
    let ok = false;
    try {
      await this.client.send(
        new DeleteItemCommand({
          TableName: this.name,
          Key: toAttributes(key),
          ConditionExpression: condition,
          ...(values ? { ExpressionAttributeValues: toAttributes(values) } : {}),
        }),
      );
      ok = true;
    } finally {
      this.held?.wrote(key, ok ? null : undefined);
      this.observer?.deleted(key, ok);
    }
  }

  async query(input: FlatQuery): Promise<{ items: FlatItem[]; last?: FlatItem }> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.name,
        IndexName: input.index,
        KeyConditionExpression: input.keyCondition,
        ExpressionAttributeValues: toAttributes(input.values),
        ConsistentRead: input.consistent,
        Limit: input.limit,
        ExclusiveStartKey: input.start ? toAttributes(input.start) : undefined,
      }),
    );
    return {
      items: (out.Items ?? []).map(fromAttributes),
      last: out.LastEvaluatedKey ? fromAttributes(out.LastEvaluatedKey) : undefined,
    };
  }

  /** Every page of a query. */
  async queryAll(input: Omit<FlatQuery, "start">): Promise<FlatItem[]> {
    const items: FlatItem[] = [];
    let start: FlatItem | undefined;
    do {
      const page = await this.query({ ...input, start });
      items.push(...page.items);
      start = page.last;
    } while (start);
    return items;
  }

  /** Puts up to 25 items at a time, retrying what DynamoDB leaves unprocessed with backoff. */
  putAll(items: FlatItem[]): Promise<void> {
    return this.writeAll(items, []);
  }

  /** Deletes up to 25 keys at a time, retrying what DynamoDB leaves unprocessed with backoff. */
  deleteAll(keys: FlatItem[]): Promise<void> {
    return this.writeAll([], keys);
  }

  /**
   * Puts, then deletes, 25 a request (a request may hold both), retrying what DynamoDB leaves
   * unprocessed with backoff. No key may appear twice (DynamoDB refuses the request).
   */
  async writeAll(puts: FlatItem[], deletes: FlatItem[]): Promise<void> {
    const requests = [
      ...puts.map((item) => ({ PutRequest: { Item: toAttributes(item) } })),
      ...deletes.map((key) => ({ DeleteRequest: { Key: toAttributes(key) } })),
    ];
    let ok = false;
    try {
      for (let i = 0; i < requests.length; i += 25) {
        await untilProcessed("written", requests.slice(i, i + 25), async (batch) => {
          const out = await this.client.send(
            new BatchWriteItemCommand({ RequestItems: { [this.name]: batch } }),
          );
          return (out.UnprocessedItems?.[this.name] ?? []) as typeof batch;
        });
      }
      ok = true;
    } finally {
      if (this.held) {
        for (const item of puts) this.held.wrote(item, ok ? item : undefined);
        for (const key of deletes) this.held.wrote(key, ok ? null : undefined);
      }
      if (this.observer) {
        for (const item of puts) this.observer.put(item, ok);
        for (const key of deletes) this.observer.deleted(key, ok);
      }
    }
  }

  /** Reads up to 100 keys at a time (consistently), retrying what DynamoDB leaves unprocessed. */
  async getAll(keys: FlatItem[]): Promise<FlatItem[]> {
    const found: FlatItem[] = [];
    const held = this.held;
    const unread: FlatItem[] = [];
    for (const key of keys) {
      const known = held?.get(key);
      if (known === undefined) unread.push(key);
      else if (known) found.push(known);
    }
    const marks = held ? unread.map((key) => held.mark(key)) : [];
    const read: FlatItem[] = [];
    try {
      for (let i = 0; i < unread.length; i += 100) {
        await untilProcessed("read", unread.slice(i, i + 100).map(toAttributes), async (batch) => {
          const out = await this.client.send(
            new BatchGetItemCommand({ RequestItems: { [this.name]: { Keys: batch, ConsistentRead: true } } }),
          );
          for (const item of out.Responses?.[this.name] ?? []) read.push(fromAttributes(item));
          return out.UnprocessedKeys?.[this.name]?.Keys ?? [];
        });
      }
    } catch (error) {
      for (const mark of marks) held?.abandon(mark);
      throw error;
    }
    if (held) {
      const byKey = new Map(read.map((item) => [`${item.pk}\n${item.sk}`, item]));
      for (const [i, key] of unread.entries()) {
        const mark = marks[i];
        if (mark) held.learn(key, byKey.get(`${key.pk}\n${key.sk}`) ?? null, mark);
      }
    }
    return [...found, ...read];
  }
}

/** Sends a batch, then what DynamoDB left unprocessed, with backoff; fails after nine attempts. */
async function untilProcessed<T>(
  what: string,
  first: T[],
  send: (batch: T[]) => Promise<T[]>,
): Promise<void> {
  let batch = first;
  for (let attempt = 0; batch.length > 0; attempt++) {
    batch = await send(batch);
    if (batch.length > 0 && attempt >= 8)
      throw new Error(`${batch.length} items were not ${what} after ${attempt + 1} attempts`);
    if (batch.length > 0) await pause(attempt);
  }
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
