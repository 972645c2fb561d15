/**
 * What the embedded runtime's store holds of the items it read by key (held-items.ts): true while
 * its own writes keep it so, and let go whenever a write's outcome is not known.
 */
import { describe, expect, it } from "vitest";
import type { FlatItem } from "../../../adapters/dynamo/flat-table.ts";
import { HeldItems } from "../../../adapters/dynamo/held-items.ts";

const key = { pk: "MEETING#m1", sk: "META" };
const meeting = (ver: number): FlatItem => ({ ...key, ver, body: `{"version":${ver}}` });

describe("the items its only writer holds", () => {
  it("holds nothing it has not read", () => {
    const held = new HeldItems();
    expect(held.get(key)).toBeUndefined();
    // A write of a key it does not hold does not make it held (audit events are never read by key).
    held.wrote(key, meeting(1));
    expect(held.get(key)).toBeUndefined();
  });

  it("holds what a read found, or found absent, and follows its own writes of it", () => {
    const held = new HeldItems();
    held.learn(key, meeting(1), held.mark(key));
    expect(held.get(key)).toEqual(meeting(1));
    held.wrote(key, meeting(2));
    expect(held.get(key)).toEqual(meeting(2));
    held.wrote(key, null);
    expect(held.get(key)).toBeNull();
    const other = { pk: "MEETING#m1", sk: "WAIT#approval#1" };
    held.learn(other, null, held.mark(other));
    expect(held.get(other)).toBeNull();
  });

  it("does not learn from a read during which a write of that key was answered (it may hold the old value)", () => {
    const held = new HeldItems();
    const mark = held.mark(key);
    held.wrote(key, meeting(2));
    held.learn(key, meeting(1), mark);
    expect(held.get(key)).toBeUndefined();
  });

  it("lets go of an item whose write's outcome is unknown (a condition refused, an error, an update in place)", () => {
    const held = new HeldItems();
    held.learn(key, meeting(1), held.mark(key));
    held.wrote(key, undefined);
    expect(held.get(key)).toBeUndefined();
  });

  it("learns nothing from a read that failed, and a later read of the key learns again", () => {
    const held = new HeldItems();
    const failed = held.mark(key);
    held.abandon(failed);
    expect(held.get(key)).toBeUndefined();
    held.learn(key, meeting(3), held.mark(key));
    expect(held.get(key)).toEqual(meeting(3));
  });

  it("keeps a read in flight stale only for the write that overlapped it, not for reads begun after", () => {
    const held = new HeldItems();
    const first = held.mark(key);
    held.wrote(key, meeting(2));
    const second = held.mark(key);
    held.learn(key, meeting(1), first);
    expect(held.get(key)).toBeUndefined();
    held.learn(key, meeting(2), second);
    expect(held.get(key)).toEqual(meeting(2));
  });

  it("holds at most its bound, letting the least recently used go first (to be read again)", () => {
    const held = new HeldItems({ maxChars: 1_000 });
    const keyN = (n: number) => ({ pk: `MEETING#m${n}`, sk: "META" });
    const item = (n: number): FlatItem => ({ ...keyN(n), ver: 1, body: "x".repeat(200) });
    for (let n = 0; n < 3; n++) held.learn(keyN(n), item(n), held.mark(keyN(n)));
    expect(held.get(keyN(0))).toEqual(item(0)); // m0 used: m1 is now the least recently used
    for (let n = 3; n < 5; n++) held.learn(keyN(n), item(n), held.mark(keyN(n)));
    expect(held.size.chars).toBeLessThanOrEqual(1_000);
    expect(held.get(keyN(1))).toBeUndefined();
    expect(held.get(keyN(0))).toEqual(item(0));
    expect(held.get(keyN(4))).toEqual(item(4));
    // Let go, then written by this store: not held until read again (a write alone never holds).
    held.wrote(keyN(1), item(1));
    expect(held.get(keyN(1))).toBeUndefined();
  });

  it("gives a copy, so a caller changing it changes nothing held", () => {
    const held = new HeldItems();
    held.learn(key, meeting(1), held.mark(key));
    const got = held.get(key) as FlatItem;
    got.ver = 99;
    expect(held.get(key)).toEqual(meeting(1));
  });
});
