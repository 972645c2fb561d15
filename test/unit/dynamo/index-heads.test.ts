/**
 * What the embedded runtime's store holds of the timers index (index-heads.ts): answered from
 * memory only while its own writes keep it true, and read again when a write's outcome is unknown.
 */
import { describe, expect, it } from "vitest";
import type { FlatItem } from "../../../adapters/dynamo/flat-table.ts";
import { IndexHeads } from "../../../adapters/dynamo/index-heads.ts";

const item = (sk: string, due: string): FlatItem => ({
  pk: "MEETING#m1",
  sk,
  gsi1pk: "DUE#2026-07",
  gsi1sk: `${due}#${sk}`,
  body: "{}",
});
const at = (day: number) => `2026-07-${String(day).padStart(2, "0")}T09:00:00.000Z`;
const upTo = (day: number) => `${at(day)}#~`;
const sks = (items: FlatItem[] | undefined) => items?.map((i) => i.sk);

describe("the timers index as its only writer holds it", () => {
  it("knows nothing of a bucket it has not read", () => {
    const heads = new IndexHeads();
    expect(heads.due("DUE#2026-07", upTo(10))).toBeUndefined();
    expect(heads.first("DUE#2026-07", upTo(1), upTo(10))).toBeUndefined();
  });

  it("answers inside the head it read, and not past its last item when the bucket had more", () => {
    const heads = new IndexHeads();
    heads.begin("DUE#2026-07").finish([item("T#a", at(3)), item("T#b", at(8))], false);
    expect(sks(heads.due("DUE#2026-07", upTo(5)))).toEqual(["T#a"]);
    expect(heads.due("DUE#2026-07", upTo(9))).toBeUndefined();
    expect(heads.first("DUE#2026-07", upTo(3), upTo(20))?.item?.sk).toBe("T#b");
    expect(heads.first("DUE#2026-07", upTo(8), upTo(20))).toBeUndefined();
  });

  it("holds the whole bucket when the read reached its end, with what it writes later, in time order", () => {
    const heads = new IndexHeads();
    heads.begin("DUE#2026-07").finish([item("T#a", at(3))], true);
    heads.put(item("T#c", at(20)));
    heads.put(item("T#b", at(10)));
    expect(sks(heads.due("DUE#2026-07", upTo(31)))).toEqual(["T#a", "T#b", "T#c"]);
    expect(heads.first("DUE#2026-07", upTo(20), upTo(31))).toEqual({});
  });

  it("moves a timer written again under the same key to its new instant", () => {
    const heads = new IndexHeads();
    heads.begin("DUE#2026-07").finish([item("T#a", at(3)), item("T#b", at(5))], true);
    heads.put(item("T#a", at(9)));
    expect(sks(heads.due("DUE#2026-07", upTo(31)))).toEqual(["T#b", "T#a"]);
  });

  it("forgets what it deleted", () => {
    const heads = new IndexHeads();
    heads.begin("DUE#2026-07").finish([item("T#a", at(3)), item("T#b", at(5))], true);
    heads.deleted({ pk: "MEETING#m1", sk: "T#a" });
    expect(sks(heads.due("DUE#2026-07", upTo(31)))).toEqual(["T#b"]);
  });

  it("reads the bucket again after a write whose outcome is unknown", () => {
    const heads = new IndexHeads();
    heads.begin("DUE#2026-07").finish([item("T#a", at(3))], true);
    heads.unknown({ pk: "MEETING#m1", sk: "T#a" });
    expect(heads.due("DUE#2026-07", upTo(31))).toBeUndefined();
    heads.begin("DUE#2026-07").finish([item("T#a", at(3))], true);
    heads.unknown(item("T#z", at(4)), "DUE#2026-07");
    expect(heads.due("DUE#2026-07", upTo(31))).toBeUndefined();
  });

  it("replays over a read the writes answered while it ran (the page may or may not hold them)", () => {
    const heads = new IndexHeads();
    const read = heads.begin("DUE#2026-07");
    heads.put(item("T#new", at(4)));
    heads.deleted({ pk: "MEETING#m1", sk: "T#gone" });
    // The page was read before the put landed and after the delete did not yet.
    read.finish([item("T#a", at(3)), item("T#gone", at(6))], true);
    expect(sks(heads.due("DUE#2026-07", upTo(31)))).toEqual(["T#a", "T#new"]);
  });

  it("keeps nothing from a read during which a write's outcome became unknown", () => {
    const heads = new IndexHeads();
    const read = heads.begin("DUE#2026-07");
    heads.unknown(item("T#x", at(4)), "DUE#2026-07");
    read.finish([item("T#a", at(3))], true);
    expect(heads.due("DUE#2026-07", upTo(31))).toBeUndefined();
  });
});
