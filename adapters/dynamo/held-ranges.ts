/**
 * Ranges of a meeting's records (e.g. its answers and its approvals, `ANSWER#` to `APPROVAL#~`)
 * that a sole writer of the table has read whole, kept true by its own writes, so the same range,
 * or one inside it, is answered without a request: the embedded runtime reads a meeting's answers
 * at each of them and after each write of one. In the cloud every read is a Query.
 *
 * Kept as held-items.ts keeps single items: a put that succeeded lands in the ranges holding its
 * key, a delete leaves them, a write whose outcome is unknown drops the ranges it may touch, and a
 * read in flight replays over what it read the writes answered while it ran.
 *
 * Bounded like held-items.ts: at most `maxChars` characters, the least recently used meeting's
 * ranges let go first (to be read again).
 */
import { LRUCache } from "lru-cache";
import type { FlatItem } from "./flat-table.ts";
import { charsOf } from "./held-items.ts";

interface Range {
  from: string;
  to: string;
  /** By sort key, in order. */
  items: FlatItem[];
}

type Change = { kind: "put"; item: FlatItem } | { kind: "delete"; sk: string } | { kind: "unknown" };

const inside = (range: { from: string; to: string }, sk: string) => range.from <= sk && sk <= range.to;

/** The default bound: 16 million characters (a demo lifecycle's two meetings hold ~8,000). */
export const defaultHeldRangeChars = 16_000_000;

const charsOfRanges = (ranges: Range[], pk: string) => {
  let chars = pk.length;
  for (const range of ranges) {
    chars += range.from.length + range.to.length;
    for (const item of range.items) chars += charsOf(item);
  }
  return chars;
};

export class HeldRanges {
  /** By partition key: after a change in place, `set` again so its size is counted again. */
  private readonly ranges: LRUCache<string, Range[]>;
  private readonly reading = new Set<{ pk: string; from: string; to: string; changes: Change[] }>();

  constructor(options: { maxChars?: number } = {}) {
    this.ranges = new LRUCache({
      maxSize: options.maxChars ?? defaultHeldRangeChars,
      sizeCalculation: charsOfRanges,
    });
  }

  /** How many meetings' ranges are held, and their characters (for tests and benches). */
  get size(): { partitions: number; chars: number } {
    return { partitions: this.ranges.size, chars: this.ranges.calculatedSize };
  }

  /** The items of `pk` with from <= sk <= to, when a held range covers it; else undefined. */
  get(pk: string, from: string, to: string): FlatItem[] | undefined {
    const range = this.ranges.get(pk)?.find((r) => r.from <= from && to <= r.to);
    return range?.items.filter((item) => inside({ from, to }, String(item.sk))).map((item) => ({ ...item }));
  }

  /** Starts a read of a whole range; `finish` it with every item the query gave (all pages). */
  begin(pk: string, from: string, to: string): { finish(items: FlatItem[]): void; abandon(): void } {
    const read = { pk, from, to, changes: [] as Change[] };
    this.reading.add(read);
    return {
      finish: (items) => {
        this.reading.delete(read);
        if (read.changes.some((c) => c.kind === "unknown")) return;
        const range: Range = {
          from,
          to,
          items: [...items].sort((a, b) => (String(a.sk) < String(b.sk) ? -1 : 1)),
        };
        const held = (this.ranges.get(pk) ?? []).filter((r) => !(from <= r.from && r.to <= to));
        held.push(range);
        this.ranges.set(pk, held);
        for (const change of read.changes)
          if (change.kind === "put") this.put(change.item);
          else if (change.kind === "delete") this.deleted({ pk, sk: change.sk });
      },
      abandon: () => {
        this.reading.delete(read);
      },
    };
  }

  /** An item this store has written (a put answered without error). */
  put(item: FlatItem): void {
    const pk = String(item.pk);
    const sk = String(item.sk);
    for (const read of this.reading)
      if (read.pk === pk && inside(read, sk)) read.changes.push({ kind: "put", item });
    const held = this.ranges.get(pk);
    if (!held) return;
    for (const range of held) {
      if (!inside(range, sk)) continue;
      const i = range.items.findIndex((kept) => String(kept.sk) >= sk);
      if (i < 0) range.items.push({ ...item });
      else if (String(range.items[i]?.sk) === sk) range.items[i] = { ...item };
      else range.items.splice(i, 0, { ...item });
    }
    this.ranges.set(pk, held);
  }

  /** An item this store has deleted (a delete answered without error). */
  deleted(key: FlatItem): void {
    const pk = String(key.pk);
    const sk = String(key.sk);
    for (const read of this.reading)
      if (read.pk === pk && inside(read, sk)) read.changes.push({ kind: "delete", sk });
    const held = this.ranges.get(pk);
    if (!held) return;
    for (const range of held) {
      const i = range.items.findIndex((kept) => String(kept.sk) === sk);
      if (i >= 0) range.items.splice(i, 1);
    }
    this.ranges.set(pk, held);
  }

  /** A write of `key` whose outcome is unknown: the ranges that may hold it are read again. */
  unknown(key: FlatItem): void {
    const pk = String(key.pk);
    const sk = String(key.sk);
    for (const read of this.reading)
      if (read.pk === pk && inside(read, sk)) read.changes.push({ kind: "unknown" });
    const held = this.ranges.get(pk);
    if (!held) return;
    const kept = held.filter((r) => !inside(r, sk));
    if (kept.length > 0) this.ranges.set(pk, kept);
    else this.ranges.delete(pk);
  }
}
