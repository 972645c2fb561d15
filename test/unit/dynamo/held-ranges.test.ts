/**
 * A meeting's answers, approvals and actions as the embedded runtime's store holds them once read
 * whole (held-ranges.ts): true while its own writes keep them so.
 */
import { describe, expect, it } from "vitest";
import type { FlatItem } from "../../../adapters/dynamo/flat-table.ts";
import { HeldRanges } from "../../../adapters/dynamo/held-ranges.ts";

const pk = "MEETING#m1";
const rec = (sk: string, body = "{}"): FlatItem => ({ pk, sk, body });
const sks = (items: FlatItem[] | undefined) => items?.map((i) => i.sk);

describe("the ranges its only writer holds", () => {
  it("answers a range inside one it read whole, and nothing outside it", () => {
    const held = new HeldRanges();
    expect(held.get(pk, "ANSWER#", "ANSWER#\uffff")).toBeUndefined();
    held.begin(pk, "ANSWER#", "APPROVAL#\uffff").finish([rec("APPROVAL#0001#0001"), rec("ANSWER#0001")]);
    expect(sks(held.get(pk, "ANSWER#", "ANSWER#\uffff"))).toEqual(["ANSWER#0001"]);
    expect(sks(held.get(pk, "APPROVAL#0001#", "APPROVAL#0001#\uffff"))).toEqual(["APPROVAL#0001#0001"]);
    expect(held.get(pk, "ACTION#", "ACTION#\uffff")).toBeUndefined();
    expect(held.get("MEETING#m2", "ANSWER#", "ANSWER#\uffff")).toBeUndefined();
  });

  it("follows its own puts and deletes in order, a put again replacing the record", () => {
    const held = new HeldRanges();
    held.begin(pk, "ANSWER#", "ANSWER#\uffff").finish([rec("ANSWER#0002")]);
    held.put(rec("ANSWER#0003"));
    held.put(rec("ANSWER#0001"));
    held.put(rec("ANSWER#0002", '{"attendance":"apologies"}'));
    held.put(rec("ACTION#0001"));
    expect(sks(held.get(pk, "ANSWER#", "ANSWER#\uffff"))).toEqual([
      "ANSWER#0001",
      "ANSWER#0002",
      "ANSWER#0003",
    ]);
    expect(held.get(pk, "ANSWER#0002", "ANSWER#0002")?.[0]?.body).toBe('{"attendance":"apologies"}');
    held.deleted(rec("ANSWER#0001"));
    expect(sks(held.get(pk, "ANSWER#", "ANSWER#\uffff"))).toEqual(["ANSWER#0002", "ANSWER#0003"]);
  });

  it("reads a range again after a write into it whose outcome is unknown", () => {
    const held = new HeldRanges();
    held.begin(pk, "ANSWER#", "ANSWER#\uffff").finish([]);
    held.unknown(rec("ANSWER#0001"));
    expect(held.get(pk, "ANSWER#", "ANSWER#\uffff")).toBeUndefined();
  });

  it("replays over a read the writes answered while it ran, and keeps nothing if one's outcome was unknown", () => {
    const held = new HeldRanges();
    const read = held.begin(pk, "ANSWER#", "ANSWER#\uffff");
    held.put(rec("ANSWER#0002"));
    held.deleted(rec("ANSWER#0001"));
    read.finish([rec("ANSWER#0001")]);
    expect(sks(held.get(pk, "ANSWER#", "ANSWER#\uffff"))).toEqual(["ANSWER#0002"]);
    const again = new HeldRanges();
    const second = again.begin(pk, "ANSWER#", "ANSWER#\uffff");
    again.unknown(rec("ANSWER#0003"));
    second.finish([]);
    expect(again.get(pk, "ANSWER#", "ANSWER#\uffff")).toBeUndefined();
  });

  it("holds at most its bound, the least recently used meeting's ranges let go first", () => {
    // Each meeting's range below is 346 characters: three fit in 1,200, four do not.
    const held = new HeldRanges({ maxChars: 1_200 });
    const of = (n: number) => `MEETING#m${n}`;
    for (let n = 0; n < 3; n++)
      held
        .begin(of(n), "ANSWER#", "ANSWER#\uffff")
        .finish([{ pk: of(n), sk: "ANSWER#0001", body: "x".repeat(300) }]);
    expect(held.get(of(0), "ANSWER#", "ANSWER#\uffff")).toHaveLength(1);
    held
      .begin(of(3), "ANSWER#", "ANSWER#\uffff")
      .finish([{ pk: of(3), sk: "ANSWER#0001", body: "x".repeat(300) }]);
    expect(held.size.chars).toBeLessThanOrEqual(1_200);
    expect(held.get(of(1), "ANSWER#", "ANSWER#\uffff")).toBeUndefined();
    expect(held.get(of(0), "ANSWER#", "ANSWER#\uffff")).toHaveLength(1);
    // A held meeting growing past the bound lets the others go, never its own true records.
    for (let i = 2; i < 5; i++) held.put({ pk: of(0), sk: `ANSWER#000${i}`, body: "y".repeat(150) });
    expect(held.size.chars).toBeLessThanOrEqual(1_200);
    expect(held.get(of(2), "ANSWER#", "ANSWER#\uffff")).toBeUndefined();
    expect(held.get(of(0), "ANSWER#", "ANSWER#\uffff")?.map((i) => i.sk)).toEqual([
      "ANSWER#0001",
      "ANSWER#0002",
      "ANSWER#0003",
      "ANSWER#0004",
    ]);
  });

  it("gives copies, so a caller changing one changes nothing held", () => {
    const held = new HeldRanges();
    held.begin(pk, "ANSWER#", "ANSWER#\uffff").finish([rec("ANSWER#0001")]);
    const got = held.get(pk, "ANSWER#", "ANSWER#\uffff")?.[0] as FlatItem;
    got.body = "changed";
    expect(held.get(pk, "ANSWER#", "ANSWER#\uffff")?.[0]?.body).toBe("{}");
  });
});
