import { describe, expect, it } from "vitest";
import { parseTranscriptText, TranscriptFormatError } from "#domain/transcript/index.ts";
import { fixtureText } from "./helpers.ts";

describe("Teams' older exports with no WEBVTT header (endjin/TeamsTranscript sample)", () => {
  it("reads timing line, speaker line and words, with no blank lines between cues", async () => {
    const t = parseTranscriptText({
      text: await fixtureText("teams-legacy-endjin.txt"),
      filename: "legacy.txt",
    });
    expect(t.source).toBe("teams-legacy");
    expect(t.speakers).toEqual(["Jane Doe", "John Doe"]);
    expect(t.segments).toHaveLength(7);
    expect(t.segments[0]).toEqual({
      speaker: "Jane Doe",
      start: 0,
      end: 1.25,
      text: "Hi I'm Jane Doe, CEO.",
    });
    expect(t.segments.at(-1)).toMatchObject({ speaker: "Jane Doe", start: 10.69, end: 11.51 });
  });

  it("reads '0:0:2.90' as 2.090 s and '0:0:7.80' as 7.080 s (Teams' unpadded milliseconds)", async () => {
    const t = parseTranscriptText({
      text: await fixtureText("teams-legacy-endjin.txt"),
      filename: "legacy.txt",
    });
    expect(t.segments.find((s) => s.text.startsWith("Hi, I'm John"))?.start).toBe(2.09);
    expect(t.segments.find((s) => s.text.startsWith("And the turbulence"))?.start).toBe(7.08);
  });

  it("names the line of a cue that ends before it starts", () => {
    expect(() =>
      parseTranscriptText({
        text: "0:0:0.0 --> 0:0:1.0\nA\nhi\n0:0:1.0 --> 0:0:0.5\nB\nno",
        filename: "x.txt",
      }),
    ).toThrow(/x\.txt: line 4: cue ends before it starts/);
  });
});

describe("plain text transcripts", () => {
  it("reads 'Name: text' lines, continuation lines and estimated times in order", () => {
    const t = parseTranscriptText({
      text: "Asha Patel: Good morning everyone.\nTom Reid: Morning. I have an update\non the referral.\nAsha Patel: Thanks Tom.",
      filename: "notes.txt",
    });
    expect(t.source).toBe("text");
    expect(t.segments.map((s) => [s.speaker, s.text])).toEqual([
      ["Asha Patel", "Good morning everyone."],
      ["Tom Reid", "Morning. I have an update on the referral."],
      ["Asha Patel", "Thanks Tom."],
    ]);
    for (let i = 1; i < t.segments.length; i++) {
      expect(t.segments[i]?.start).toBeGreaterThanOrEqual(t.segments[i - 1]?.end ?? 0);
    }
  });

  it("uses timestamps written before the name", () => {
    const t = parseTranscriptText({
      text: "[00:01:05] Asha: Hello there.\n[00:01:09] Tom: Hi.",
      filename: "t.txt",
    });
    expect(t.segments.map((s) => s.start)).toEqual([65, 69]);
  });

  it("reads Teams' DOCX speaker-heading layout when saved as text", () => {
    const t = parseTranscriptText({
      text: "Review meeting\nJane Doe   0:03\nHello everyone.\nJohn Smith   1:05\nThanks Jane.",
      filename: "h.txt",
    });
    expect(t.segments).toEqual([
      { speaker: "Jane Doe", start: 3, end: 65, text: "Hello everyone." },
      { speaker: "John Smith", start: 65, end: 65.8, text: "Thanks Jane." },
    ]);
  });

  it("rejects text that names no speaker, saying which formats are expected", () => {
    const run = () => parseTranscriptText({ text: "just some notes\nwith no speakers", filename: "n.txt" });
    expect(run).toThrow(TranscriptFormatError);
    expect(run).toThrow(/n\.txt: not a recognized transcript \(expected WebVTT/);
  });
});
