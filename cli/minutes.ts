/**
 * `convene minutes draft --meeting MEETING.json --transcript FILE [--format F] [--docx OUT.docx]
 * [--pdf OUT.pdf] [--family]` drafts the minutes with the deterministic drafter and prints them as
 * JSON; optionally writes the document (professional copy, or the family copy with --family).
 * What the draft still lacks before it can be final (the child's views, a contingency plan) goes
 * to stderr as notes. Bad files or arguments exit 2 with one line on stderr.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { minutesToDocx } from "#adapters/documents/minutes-docx.ts";
import { minutesToPdf } from "#adapters/documents/minutes-pdf.ts";
import { loadCatalog } from "#domain/catalog/index.ts";
import { blockingFor } from "#domain/lifecycle/minutes-rules.ts";
import { missingSections } from "#domain/minutes/blockers.ts";
import {
  DeterministicDrafter,
  type MeetingForMinutes,
  MinutesValidationError,
  meetingForMinutesSchema,
} from "#domain/minutes/index.ts";
import { mapSpeakers } from "#domain/transcript/index.ts";
import { type Command, UsageError } from "./io.ts";
import { loadTranscriptFile } from "./transcript.ts";

const usage =
  "usage: convene minutes draft --meeting MEETING.json --transcript FILE [--format auto|vtt|transcribe|text|docx] " +
  "[--docx OUT.docx] [--pdf OUT.pdf] [--family]";

/** Reads and validates a MEETING.json, naming the file and field on any problem. */
export async function loadMeetingFile(path: string): Promise<MeetingForMinutes> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${path}: cannot read the file (${code === "ENOENT" ? "no such file" : (code ?? "error")})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = meetingForMinutesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${path}: ${issue?.path.join(".") || "(top level)"}: ${issue?.message}`);
  }
  return parsed.data;
}

export const minutesCommand: Command = async (argv, io) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const [sub, ...extra] = positionals;
  if (sub !== "draft") throw new UsageError(sub ? `unknown subcommand '${sub}' (${usage})` : usage);
  if (extra.length > 0 || !values.meeting || !values.transcript) throw new UsageError(usage);

  const meeting = await loadMeetingFile(values.meeting);
  const transcript = mapSpeakers(
    await loadTranscriptFile(values.transcript, values.format),
    meeting.speakers,
  );
  let minutes: Awaited<ReturnType<DeterministicDrafter["draft"]>>;
  try {
    minutes = await new DeterministicDrafter().draft({ meeting, transcript });
  } catch (error) {
    if (error instanceof MinutesValidationError) throw new UsageError(error.message);
    throw error;
  }
  const copy = values.family ? "family" : "professional";
  if (values.docx) await writeFile(values.docx, await minutesToDocx(minutes, { copy, status: "draft" }));
  if (values.pdf) await writeFile(values.pdf, await minutesToPdf(minutes, { copy, status: "draft" }));
  io.out(JSON.stringify(minutes, null, 2));
  // What would stop these minutes being finalised, by the meeting type's rule (the lifecycle's).
  for (const missing of missingSections(minutes, blockingFor(loadCatalog(), meeting.type)))
    io.err(`note: ${missing.section}: ${missing.reason}`);
  return 0;
};

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      meeting: { type: "string" },
      transcript: { type: "string" },
      format: { type: "string" },
      docx: { type: "string" },
      pdf: { type: "string" },
      family: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
