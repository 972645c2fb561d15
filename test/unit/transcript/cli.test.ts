import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureIo, UsageError } from "../../../cli/io.ts";
import { transcriptCommand } from "../../../cli/transcript.ts";
import { fixtures } from "./helpers.ts";

describe("convene transcript import", () => {
  it("prints source, speakers and time-ordered segments without markup", async () => {
    const io = captureIo();
    const code = await transcriptCommand(["import", `${fixtures}teams-legacy-endjin.txt`], io);
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout());
    expect(Object.keys(out)).toEqual(["source", "speakers", "segments"]);
    expect(out.source).toBe("teams-legacy");
    const starts = out.segments.map((s: { start: number }) => s.start);
    expect(starts).toEqual([...starts].sort((a: number, b: number) => a - b));
    expect(Object.keys(out.segments[0])).toEqual(["speaker", "start", "end", "text"]);
  });

  it("honours --format", async () => {
    const io = captureIo();
    await transcriptCommand(
      ["import", `${fixtures}transcribe-call-analytics-awsdocs.json`, "--format", "transcribe"],
      io,
    );
    expect(JSON.parse(io.stdout()).source).toBe("transcribe-call-analytics");
  });

  it("turns a broken file into a one-line usage error naming it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "convene-transcript-"));
    const file = join(dir, "broken.vtt");
    await writeFile(file, "WEBVTT\n\n00:00:0x.000 --> 00:00:01.000\nhello\n");
    const run = transcriptCommand(["import", file], captureIo());
    await expect(run).rejects.toThrow(UsageError);
    await expect(transcriptCommand(["import", file], captureIo())).rejects.toThrow(/broken\.vtt: line 3/);
  });

  it("rejects a missing file, an unknown format and a missing argument", async () => {
    await expect(transcriptCommand(["import", "/nonexistent/x.vtt"], captureIo())).rejects.toThrow(
      /no such file/,
    );
    await expect(transcriptCommand(["import", "x.vtt", "--format", "srt"], captureIo())).rejects.toThrow(
      /--format: expected one of/,
    );
    await expect(transcriptCommand(["import"], captureIo())).rejects.toThrow(
      /usage: convene transcript import/,
    );
  });
});
