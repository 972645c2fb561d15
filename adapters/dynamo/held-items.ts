/**
 * The items a sole writer of the table has read by key, held in memory and kept true by its own
 * writes, so reading one again needs no request: the embedded runtime (which holds the data
 * folder's lock, and whose one meeting store makes every write of the meeting records) reads a
 * meeting, a wait or an action many times in a lifecycle. In the cloud several Lambdas write the
 * table, and every read goes to DynamoDB.
 *
 * Held: what a GetItem or BatchGetItem found, or found absent, when no write of that key was
 * answered while the read ran (the read may have seen the value before or after it). A held key
 * follows each of this store's writes of it: a put that succeeded holds the item written, a delete
 * that succeeded holds it absent, and a write whose outcome is unknown (a condition refused, an
 * error) or that changed the item in place (UpdateItem) lets it go, to be read again.
 *
 * Bounded: at most `maxChars` characters of keys and attribute values are held (lru-cache, least
 * recently used let go first), so a runtime left running for a year holds its recent meetings, not
 * every one it has touched (about 90,000 characters per demo lifecycle, measured). Letting an item
 * go is always safe: it is read again. Only reads in flight are tracked per key, and only while
 * they run.
 */
import { LRUCache } from "lru-cache";
import type { FlatItem } from "./flat-table.ts";

const keyOf = (key: FlatItem) => `${key.pk}\n${key.sk}`;

/** Roughly the memory an item takes: the characters of its attribute values (8 for a number). */
export function charsOf(item: FlatItem | null): number {
  if (!item) return 1;
  let chars = 0;
  for (const value of Object.values(item))
    chars +=
      typeof value === "string" ? value.length : typeof value === "number" ? 8 : JSON.stringify(value).length;
  return chars;
}

/** A read in flight; stale once a write of its key was answered while it ran. */
export interface HeldRead {
  readonly key: string;
  stale: boolean;
}

/** The default bound: 64 million characters (a demo lifecycle's meeting and review hold ~90,000). */
export const defaultHeldChars = 64_000_000;

export class HeldItems {
  private readonly items: LRUCache<string, { item: FlatItem | null }>;
  private readonly reading = new Map<string, Set<HeldRead>>();

  constructor(options: { maxChars?: number } = {}) {
    this.items = new LRUCache({
      maxSize: options.maxChars ?? defaultHeldChars,
      sizeCalculation: (held, key) => key.length + charsOf(held.item),
    });
  }

  /** How many items are held, and their characters (for tests and benches). */
  get size(): { items: number; chars: number } {
    return { items: this.items.size, chars: this.items.calculatedSize };
  }

  /** The held item (null: held absent), or undefined when it must be read. */
  get(key: FlatItem): FlatItem | null | undefined {
    const held = this.items.get(keyOf(key));
    return held === undefined ? undefined : held.item && { ...held.item };
  }

  /** Before a read of `key`: what `learn` (or `abandon`, when the read failed) is given after it. */
  mark(key: FlatItem): HeldRead {
    const read: HeldRead = { key: keyOf(key), stale: false };
    const reads = this.reading.get(read.key);
    if (reads) reads.add(read);
    else this.reading.set(read.key, new Set([read]));
    return read;
  }

  /** What a read that began at `mark` found (null: nothing). */
  learn(key: FlatItem, item: FlatItem | null, read: HeldRead): void {
    this.abandon(read);
    if (read.stale || read.key !== keyOf(key)) return;
    this.items.set(read.key, { item: item && { ...item } });
  }

  /** A read that began at `mark` failed: it learns nothing. */
  abandon(read: HeldRead): void {
    const reads = this.reading.get(read.key);
    if (!reads) return;
    reads.delete(read);
    if (reads.size === 0) this.reading.delete(read.key);
  }

  /** A write of `key` answered: `item` written (null: deleted), or `undefined` when its outcome is unknown. */
  wrote(key: FlatItem, item: FlatItem | null | undefined): void {
    const k = keyOf(key);
    for (const read of this.reading.get(k) ?? []) read.stale = true;
    if (item === undefined) this.items.delete(k);
    else if (this.items.has(k)) this.items.set(k, { item: item && { ...item } });
  }
}
