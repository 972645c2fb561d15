import { describe, expect, it } from "vitest";
import { parseTranscribeJson, parseTranscriptText, TranscriptFormatError } from "#domain/transcript/index.ts";
import { fixtureText } from "./helpers.ts";

async function json(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fixtureText(name));
}

describe("Amazon Transcribe batch output (AWS documentation samples)", () => {
  it("reads the speaker_labels.segments layout, attaching punctuation to the word before", async () => {
    const t = parseTranscribeJson(await json("transcribe-speaker-segments-awsdocs.json"), "a.json");
    expect(t.source).toBe("transcribe");
    expect(t.segments).toEqual([{ speaker: "spk_0", start: 0.1, end: 1.21, text: "Professional answer." }]);
  });

  it("reads the layout with speaker_label on each item, one segment per speaker turn", async () => {
    const t = parseTranscribeJson(await json("transcribe-speaker-items-awsdocs.json"), "b.json");
    expect(t.speakers).toEqual(["spk_0", "spk_1"]);
    expect(t.segments.map((s) => s.text)).toEqual(["I've been on hold for an hour.", "Sorry about that."]);
  });

  it("needs only the per-item labels when speaker_labels is absent", async () => {
    const doc = await json("transcribe-speaker-items-awsdocs.json");
    delete (doc.results as Record<string, unknown>).speaker_labels;
    const t = parseTranscribeJson(doc, "c.json");
    expect(t.segments.map((s) => [s.speaker, s.start, s.end])).toEqual([
      ["spk_0", 4.87, 6.88],
      ["spk_1", 8.49, 9.24],
    ]);
  });

  it("keeps words masked by a vocabulary filter as ***", async () => {
    const t = parseTranscribeJson(await json("transcribe-masked-awsdocs.json"), "m.json");
    expect(t.segments[0]?.text).toBe("I've been on *** for an hour.");
  });

  it("keeps [PII] redactions as written", async () => {
    const t = parseTranscribeJson(await json("transcribe-pii-redacted-awsdocs.json"), "p.json");
    expect(t.segments.map((s) => s.text)).toEqual(["Good", "[PII]"]);
    expect(t.speakers).toEqual(["Unknown speaker"]);
  });

  it("refuses output of a job that did not complete", () => {
    expect(() => parseTranscribeJson({ status: "FAILED", results: { items: [] } }, "f.json")).toThrow(
      /f\.json: status: the job is FAILED/,
    );
  });

  it("names the JSON path of a malformed item", () => {
    const run = () =>
      parseTranscribeJson(
        { results: { items: [{ type: "pronunciation", start_time: "1.0", end_time: "1.2" }] } },
        "g.json",
      );
    expect(run).toThrow(TranscriptFormatError);
    expect(run).toThrow(/^g\.json: results\.items\[0\]\.alternatives: /);
  });

  it("explains that a job description is not the transcript", () => {
    expect(() => parseTranscribeJson({ TranscriptionJob: { TranscriptionJobName: "x" } }, "j.json")).toThrow(
      /job description, not its transcript/,
    );
  });
});

describe("Amazon Transcribe Call Analytics output (AWS documentation sample)", () => {
  it("reads turns with ParticipantRole and millisecond offsets, in time order", async () => {
    const t = parseTranscribeJson(await json("transcribe-call-analytics-awsdocs.json"), "tca.json");
    expect(t.source).toBe("transcribe-call-analytics");
    expect(t.speakers).toEqual(["CUSTOMER", "AGENT"]);
    expect(t.segments.map((s) => s.start)).toEqual([6.04, 12.04, 16.84]);
    expect(t.segments[2]?.text).toBe("Yeah, this is [PII].");
  });

  it("is detected automatically from the text", async () => {
    const t = parseTranscriptText({
      text: await fixtureText("transcribe-call-analytics-awsdocs.json"),
      filename: "x.json",
    });
    expect(t.source).toBe("transcribe-call-analytics");
  });

  it("reports invalid JSON once, with the parser's reason", () => {
    expect(() => parseTranscriptText({ text: '{"results": ', filename: "broken.json" })).toThrow(
      /^broken\.json: not valid JSON \(.+\); expected Amazon Transcribe output$/,
    );
  });
});
