/** A minutes version's identity (domain/minutes/hash.ts): its content, not its key order. */
import { describe, expect, it } from "vitest";
import { canonicalJson, draftMinutes, hashMinutes } from "#domain/minutes/index.ts";
import type { Minutes } from "#domain/minutes/model.ts";
import { smallMeeting, vtt } from "./helpers.ts";

const minutes = draftMinutes({
  meeting: smallMeeting(),
  transcript: vtt([
    ["Chris Chair", "Welcome. Action: Mark Bell to share the attendance record by 15 July 2026."],
  ]),
});

describe("versions and content hashes", () => {
  it("hashes minutes by content: the same minutes, whatever the key order, hash the same", () => {
    const reordered = Object.fromEntries(Object.entries(minutes).reverse()) as Minutes;
    expect(hashMinutes(reordered)).toBe(hashMinutes(minutes));
    expect(hashMinutes({ ...minutes, purpose: "changed" })).not.toBe(hashMinutes(minutes));
    expect(hashMinutes(minutes)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("writes JSON with keys sorted at every level and undefined values left out", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: undefined }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[2,{"f":1}]},"b":1}',
    );
  });
});
