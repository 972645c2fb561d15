import { describe, expect, it } from "vitest";
import { influenceCues } from "../../../domain/minutes/cues.ts";

const influences = (sentence: string) => influenceCues.some((cue) => cue.test(sentence));

describe("how the child's views shaped decisions (seed 001, 'How is the child's voice taken into account?')", () => {
  it.each([
    "His views shaped the decision to keep him at his school whatever placement is chosen.",
    "Her wishes have informed where contact will take place.",
    "We have taken his views into account in the plan.",
    "The plan reflects her wishes about seeing her grandmother.",
  ])("recognises %s", (sentence) => {
    expect(influences(sentence)).toBe(true);
  });

  it("does not take a plain report of the child's views as their influence", () => {
    expect(influences("He said he wants to stay at his school.")).toBe(false);
  });
});
