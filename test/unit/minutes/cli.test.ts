import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { minutesSchema } from "#domain/minutes/index.ts";
import { captureIo, UsageError } from "../../../cli/io.ts";
import { minutesCommand } from "../../../cli/minutes.ts";
import { examples } from "./helpers.ts";

const meetingFile = `${examples}meeting-professionals.json`;
const transcriptFile = `${examples}transcript-professionals.vtt`;

describe("convene minutes draft", () => {
  it("prints the draft minutes as JSON and writes the DOCX", async () => {
    const dir = await mkdtemp(join(tmpdir(), "convene-minutes-"));
    const docx = join(dir, "out.docx");
    const io = captureIo();
    const code = await minutesCommand(
      ["draft", "--meeting", meetingFile, "--transcript", transcriptFile, "--docx", docx],
      io,
    );
    expect(code).toBe(0);
    const minutes = minutesSchema.parse(JSON.parse(io.stdout()));
    expect(minutes.agendaItems).toHaveLength(8);
    expect(minutes.actions.length).toBeGreaterThan(5);
    expect(io.stderr()).toBe("");
    const { value } = await mammoth.extractRawText({ buffer: await readFile(docx) });
    expect(value).toContain(minutes.header.title);
  });

  it("notes on stderr what the draft lacks before it can be final", async () => {
    const dir = await mkdtemp(join(tmpdir(), "convene-minutes-"));
    const t = join(dir, "t.vtt");
    await writeFile(
      t,
      "WEBVTT\n\n00:00:01.000 --> 00:00:05.000\n<v Priya Shah>Hello all, quick update only.</v>\n",
    );
    const io = captureIo();
    await minutesCommand(["draft", "--meeting", meetingFile, "--transcript", t], io);
    expect(io.stderr()).toMatch(/note: childs-views/);
    expect(io.stderr()).toMatch(/note: contingency-plan/);
  });

  it("names the file and field of a bad meeting file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "convene-minutes-"));
    const bad = join(dir, "meeting.json");
    await writeFile(
      bad,
      JSON.stringify({ ...JSON.parse(await readFile(meetingFile, "utf8")), date: "2026-02-30" }),
    );
    const run = minutesCommand(["draft", "--meeting", bad, "--transcript", transcriptFile], captureIo());
    await expect(run).rejects.toThrow(UsageError);
    await expect(
      minutesCommand(["draft", "--meeting", bad, "--transcript", transcriptFile], captureIo()),
    ).rejects.toThrow(/meeting\.json: date: expected a real calendar date/);
  });

  it("requires --meeting and --transcript", async () => {
    await expect(minutesCommand(["draft", "--meeting", meetingFile], captureIo())).rejects.toThrow(
      /usage: convene minutes draft/,
    );
    await expect(minutesCommand(["publish"], captureIo())).rejects.toThrow(/unknown subcommand 'publish'/);
  });
});
