/**
 * Transcript importers under generated input (issue 15, section 2): any bytes, and real files
 * truncated, spliced, padded with garbage or flipped, give a transcript or one TranscriptFormatError
 * naming the file, never another exception; and whatever imports drafts minutes without one (the
 * example meeting's agenda and people, with a speaker mapping beside the labels).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importTranscript } from "#adapters/transcript/import.ts";
import { draftMinutes } from "#domain/minutes/index.ts";
import { importFormats, TranscriptFormatError } from "#domain/transcript/index.ts";
import { exampleMeeting } from "../unit/minutes/helpers.ts";
import { check, mutated, tally } from "./harness.ts";

const meeting = { ...(await exampleMeeting()), speakers: { spk_0: "Priya Shah" } };

const folder = path.resolve(import.meta.dirname, "../fixtures/transcripts");
const samples = [
  ...readdirSync(folder)
    .filter((f) => !f.endsWith(".md"))
    .map((f) => readFileSync(path.join(folder, f), "utf8")),
  readFileSync(path.resolve(import.meta.dirname, "../../examples/transcript-professionals.vtt"), "utf8"),
];

async function outcome(
  input: Parameters<typeof importTranscript>[0],
  format: (typeof importFormats)[number],
) {
  try {
    const transcript = await importTranscript(input, format);
    expect(Array.isArray(transcript.segments)).toBe(true);
    // Drafting takes whatever imported, labels and all.
    const minutes = draftMinutes({ meeting, transcript });
    expect(Array.isArray(minutes.actions)).toBe(true);
    return "imported";
  } catch (error) {
    // One clear error, naming the file it was given.
    expect(error).toBeInstanceOf(TranscriptFormatError);
    expect((error as Error).message.startsWith("upload.bin:")).toBe(true);
    expect((error as Error).message).not.toContain("\n    at ");
    return `refused: ${(error as Error).message.replace(/^upload\.bin: /, "").slice(0, 40)}`;
  }
}

describe("transcript importers under generated input", () => {
  it("import or refuse real transcripts made almost right", async () => {
    await check(
      fc.asyncProperty(
        fc.constantFrom(...samples).chain(mutated),
        fc.constantFrom(...importFormats),
        async (text, format) => {
          tally("transcript text", await outcome({ text, filename: "upload.bin" }, format));
        },
      ),
    );
  });

  it("import or refuse any bytes, including ones that look like a DOCX (ZIP) file", async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.uint8Array({ maxLength: 400 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b])),
      fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.from([0xff, 0xfe, ...b])),
    );
    await check(
      fc.asyncProperty(bytes, fc.constantFrom(...importFormats), async (b, format) => {
        tally("transcript bytes", await outcome({ bytes: b, filename: "upload.bin" }, format));
      }),
    );
  });
});
