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
 */
import type { FlatItem } from "./flat-table.ts";

const keyOf = (key: FlatItem) => `${key.pk}\n${key.sk}`;

export class HeldItems {
  private readonly items = new Map<string, FlatItem | null>();
  /** Writes answered per key since the process began (a read learns only if none came meanwhile). */
  private readonly writes = new Map<string, number>();

  /** The held item (null: held absent), or undefined when it must be read. */
  get(key: FlatItem): FlatItem | null | undefined {
    const held = this.items.get(keyOf(key));
    return held === undefined ? undefined : held && { ...held };
  }

  /** Before a read of `key`: what `learn` checks for writes answered meanwhile. */
  mark(key: FlatItem): number {
    return this.writes.get(keyOf(key)) ?? 0;
  }

  /** What a read that began at `mark` found (null: nothing). */
  learn(key: FlatItem, item: FlatItem | null, mark: number): void {
    const k = keyOf(key);
    if ((this.writes.get(k) ?? 0) !== mark) return;
    this.items.set(k, item && { ...item });
  }

  /** A write of `key` answered: `item` written (null: deleted), or `undefined` when its outcome is unknown. */
  wrote(key: FlatItem, item: FlatItem | null | undefined): void {
    const k = keyOf(key);
    this.writes.set(k, (this.writes.get(k) ?? 0) + 1);
    if (item === undefined) this.items.delete(k);
    else if (this.items.has(k)) this.items.set(k, item && { ...item });
  }
}
