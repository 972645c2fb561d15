/**
 * `convene transcript import FILE [--format auto|vtt|transcribe|text|docx]` prints the transcript
 * in the normalized model as JSON: `{ "source", "speakers": [...], "segments": [{ "speaker",
 * "start", "end", "text" }] }`, segments in time order, text without markup. An unreadable,
 * unrecognized or broken file exits 2 with one line on stderr, naming the file and what was expected.
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { importTranscript } from "#adapters/transcript/import.ts";
import { importFormatSchema, type Transcript, TranscriptFormatError } from "#domain/transcript/index.ts";
import { type Command, UsageError } from "./io.ts";

const usage = "usage: convene transcript import FILE [--format auto|vtt|transcribe|text|docx]";

/** Reads and imports a transcript file, turning every input problem into a UsageError. */
export async function loadTranscriptFile(path: string, format: string | undefined): Promise<Transcript> {
  const chosen = importFormatSchema.safeParse(format ?? "auto");
  if (!chosen.success) throw new UsageError(`--format: ${chosen.error.issues[0]?.message}`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${path}: cannot read the file (${code === "ENOENT" ? "no such file" : (code ?? "error")})`,
    );
  }
  try {
    return await importTranscript({ bytes, filename: path }, chosen.data);
  } catch (error) {
    if (error instanceof TranscriptFormatError) throw new UsageError(error.message);
    throw error;
  }
}

export const transcriptCommand: Command = async (argv, io) => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(
      `${error instanceof Error ? error.message : String(error)}\n${usage}`.split("\n")[0] ?? usage,
    );
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(usage);
    return 0;
  }
  const [sub, file, ...extra] = positionals;
  if (sub !== "import") throw new UsageError(sub ? `unknown subcommand '${sub}' (${usage})` : usage);
  if (!file || extra.length > 0) throw new UsageError(usage);
  const transcript = await loadTranscriptFile(file, values.format);
  io.out(
    JSON.stringify(
      { source: transcript.source, speakers: transcript.speakers, segments: transcript.segments },
      null,
      2,
    ),
  );
  return 0;
};

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
}
