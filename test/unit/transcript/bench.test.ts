import { describe, expect, it } from "vitest";
import { parseVtt, transcriptDuration } from "#domain/transcript/index.ts";
import { generateBenchTranscript, runTranscriptBench } from "../../../bench/transcript-bench.ts";

describe("transcript benchmark (issue 5)", () => {
  it("generates the same 90-minute transcript for the same seed", () => {
    const a = generateBenchTranscript({ seed: 1 });
    expect(generateBenchTranscript({ seed: 1 }).vtt).toBe(a.vtt);
    expect(generateBenchTranscript({ seed: 2 }).vtt).not.toBe(a.vtt);
    const minutes = transcriptDuration(parseVtt(a.vtt, "bench.vtt")) / 60;
    expect(minutes).toBeGreaterThan(85);
    expect(minutes).toBeLessThan(95);
  });

  // The 5 s target is measured by `npm run bench`, not here: this checks the workload is the one the issue names.
  it("imports and drafts a 90-minute, 12-speaker, ~15,000-word transcript", async () => {
    const r = await runTranscriptBench();
    expect(r.speakers).toBe(12);
    expect(r.words).toBeGreaterThanOrEqual(15_000);
    expect(r.importMs).toBeGreaterThan(0);
    expect(r.draftMs).toBeGreaterThan(0);
  });
});
