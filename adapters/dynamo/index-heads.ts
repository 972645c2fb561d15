/**
 * What a sole writer of the table knows of the timers index (gsi1): per bucket (gsi1pk, e.g.
 * `DUE#2026-07`), every item from the bucket's start up to a bound (`until`, a gsi1sk; the whole
 * bucket when the read that found them reached its end), kept true by every put and delete this
 * store makes. A sweep, or the embedded runtime's search for its next timer, inside that bound is
 * answered without a request; outside it, or after a write whose outcome is unknown, the head is
 * read again.
 *
 * Only the embedded runtime uses it: it holds the data folder's lock, and every write of its table
 * goes through its one store (meeting-store.ts). In the cloud several Lambdas write the table and
 * the store reads the index every time.
 *
 * A read in flight collects the writes answered while it runs, and replays them over what it read:
 * a write answered during the read may or may not be in the page.
 */
import type { FlatItem } from "./flat-table.ts";

/** Sorts after every gsi1sk: a bound meaning "the whole bucket". */
const whole = "\uffff";

type Change = { kind: "put"; item: FlatItem } | { kind: "delete"; key: string } | { kind: "unknown" };

interface Head {
  until: string;
  /** In gsi1sk order (then by key, for items due at the same instant). */
  items: FlatItem[];
}

const keyOf = (item: FlatItem) => `${item.pk}\n${item.sk}`;
const sortKey = (item: FlatItem) => `${item.gsi1sk}\n${keyOf(item)}`;

export class IndexHeads {
  private readonly heads = new Map<string, Head>();
  /** The bucket of each item held, by its table key. */
  private readonly bucketOf = new Map<string, string>();
  private readonly reading = new Set<{ bucket: string; changes: Change[] }>();

  /** The held items of `bucket` with gsi1sk <= upTo, when the head reaches that far; else undefined. */
  due(bucket: string, upTo: string): FlatItem[] | undefined {
    const head = this.heads.get(bucket);
    if (!head || head.until < upTo) return undefined;
    const out: FlatItem[] = [];
    for (const item of head.items) {
      if (String(item.gsi1sk) > upTo) break;
      out.push(item);
    }
    return out;
  }

  /**
   * The first held item of `bucket` with after < gsi1sk <= upTo: `{ item }` (absent when there is
   * none in that range) when the head decides it, undefined when the index must be read.
   */
  first(bucket: string, after: string, upTo: string): { item?: FlatItem } | undefined {
    const head = this.heads.get(bucket);
    if (!head) return undefined;
    for (const item of head.items) {
      const at = String(item.gsi1sk);
      if (at <= after) continue;
      if (at > head.until) break;
      return at <= upTo ? { item } : {};
    }
    return head.until >= upTo ? {} : undefined;
  }

  /** Starts a read of a bucket's head; `finish` it with what the query gave. */
  begin(bucket: string): { finish(items: FlatItem[], complete: boolean): void; abandon(): void } {
    const read = { bucket, changes: [] as Change[] };
    this.reading.add(read);
    return {
      finish: (items, complete) => {
        this.reading.delete(read);
        if (read.changes.some((c) => c.kind === "unknown")) return this.drop(bucket);
        const last = items[items.length - 1];
        this.drop(bucket);
        const head: Head = { until: complete || !last ? whole : String(last.gsi1sk), items: [] };
        this.heads.set(bucket, head);
        for (const item of items) this.insert(head, bucket, item);
        for (const change of read.changes)
          if (change.kind === "put") this.put(change.item);
          else if (change.kind === "delete") this.removeKey(change.key);
      },
      abandon: () => {
        this.reading.delete(read);
      },
    };
  }

  /** An item this store has written (a put answered without error). */
  put(item: FlatItem): void {
    const key = keyOf(item);
    this.removeKey(key);
    const bucket = item.gsi1pk === undefined ? undefined : String(item.gsi1pk);
    if (bucket === undefined) return;
    for (const read of this.reading) if (read.bucket === bucket) read.changes.push({ kind: "put", item });
    const head = this.heads.get(bucket);
    if (head && String(item.gsi1sk) <= head.until) this.insert(head, bucket, item);
  }

  /** An item this store has deleted (a delete answered without error). */
  deleted(key: FlatItem): void {
    const k = `${key.pk}\n${key.sk}`;
    for (const read of this.reading) read.changes.push({ kind: "delete", key: k });
    this.removeKey(k);
  }

  /**
   * A write whose outcome is not known (it failed: a condition refused, or the request errored):
   * what is held of the buckets it may touch is read again. `bucket` when the item is on the index.
   */
  unknown(key: FlatItem, bucket?: string): void {
    const held = this.bucketOf.get(`${key.pk}\n${key.sk}`);
    for (const b of [held, bucket]) {
      if (b === undefined) continue;
      this.drop(b);
      for (const read of this.reading) if (read.bucket === b) read.changes.push({ kind: "unknown" });
    }
  }

  private insert(head: Head, bucket: string, item: FlatItem): void {
    const at = sortKey(item);
    let lo = 0;
    let hi = head.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortKey(head.items[mid] as FlatItem) < at) lo = mid + 1;
      else hi = mid;
    }
    head.items.splice(lo, 0, item);
    this.bucketOf.set(keyOf(item), bucket);
  }

  private removeKey(key: string): void {
    const bucket = this.bucketOf.get(key);
    if (bucket === undefined) return;
    this.bucketOf.delete(key);
    const head = this.heads.get(bucket);
    if (!head) return;
    const i = head.items.findIndex((item) => keyOf(item) === key);
    if (i >= 0) head.items.splice(i, 1);
  }

  private drop(bucket: string): void {
    const head = this.heads.get(bucket);
    if (!head) return;
    for (const item of head.items) this.bucketOf.delete(keyOf(item));
    this.heads.delete(bucket);
  }
}
