/**
 * Amazon Transcribe output: batch transcription JSON in both speaker layouts (the older
 * `results.speaker_labels.segments[].items[]`, and `speaker_label` on each item), and Transcribe
 * Call Analytics JSON (`Transcript[]` of turns with `ParticipantRole` and millisecond offsets).
 * Masked words (`***`, vocabulary filtering) and redacted ones (`[PII]`) are kept as written.
 */
import { type ZodError, z } from "zod";
import {
  buildTranscript,
  type Segment,
  type Transcript,
  TranscriptFormatError,
  unknownSpeaker,
} from "./model.ts";

const seconds = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'expected seconds as a decimal string, e.g. "4.87"')
  .transform(Number);

const itemSchema = z.object({
  type: z.enum(["pronunciation", "punctuation"]),
  alternatives: z
    .array(z.object({ content: z.string() }).loose())
    .min(1, "expected at least one alternative"),
  start_time: seconds.optional(),
  end_time: seconds.optional(),
  speaker_label: z.string().optional(),
});

const batchSchema = z.object({
  status: z.string().optional(),
  results: z.object({
    items: z.array(itemSchema),
    speaker_labels: z
      .object({
        segments: z.array(
          z.object({
            start_time: seconds,
            end_time: seconds,
            speaker_label: z.string(),
            items: z.array(z.object({ start_time: seconds, speaker_label: z.string() }).loose()).optional(),
          }),
        ),
      })
      .optional(),
  }),
});

const callAnalyticsSchema = z.object({
  JobStatus: z.string().optional(),
  Transcript: z.array(
    z.object({
      ParticipantRole: z.string().min(1),
      Content: z.string(),
      BeginOffsetMillis: z.number().min(0),
      EndOffsetMillis: z.number().min(0),
    }),
  ),
});

/** Longest a segment may grow before it is cut at the next sentence end, in seconds. */
const maxSegmentSeconds = 30;
/** A pause this long between one speaker's words starts a new segment, in seconds. */
const pauseSeconds = 2;

/** Which Transcribe layout a parsed JSON value is, if any. */
export function transcribeKind(json: unknown): "transcribe" | "transcribe-call-analytics" | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const o = json as Record<string, unknown>;
  if (Array.isArray(o.Transcript)) return "transcribe-call-analytics";
  if (typeof o.results === "object" && o.results !== null) return "transcribe";
  return undefined;
}

/**
 * Parses Amazon Transcribe batch or Call Analytics output (already parsed from JSON).
 * @throws TranscriptFormatError naming `file`, the JSON path and what was expected.
 */
export function parseTranscribeJson(json: unknown, file: string): Transcript {
  const kind = transcribeKind(json);
  if (kind === "transcribe-call-analytics") return parseCallAnalytics(json, file);
  if (kind === "transcribe") return parseBatch(json, file);
  const o = (typeof json === "object" && json !== null ? json : {}) as Record<string, unknown>;
  if ("TranscriptionJob" in o || "CallAnalyticsJob" in o) {
    throw new TranscriptFormatError(
      `${file}: this is a Transcribe job description, not its transcript (fetch the JSON at TranscriptFileUri)`,
    );
  }
  throw new TranscriptFormatError(
    `${file}: JSON, but not Amazon Transcribe output (expected "results.items" for a batch job or "Transcript" for Call Analytics)`,
  );
}

function parseBatch(json: unknown, file: string): Transcript {
  const parsed = batchSchema.safeParse(json);
  if (!parsed.success) throw schemaError(file, parsed.error);
  const { status, results } = parsed.data;
  if (status !== undefined && status !== "COMPLETED") {
    throw new TranscriptFormatError(`${file}: status: the job is ${status} (expected COMPLETED output)`);
  }
  // Older layout: speakers only in speaker_labels, keyed by each word's start time.
  const byStart = new Map<number, string>();
  const spans = results.speaker_labels?.segments ?? [];
  for (const seg of spans)
    for (const item of seg.items ?? []) byStart.set(item.start_time, item.speaker_label);
  const speakerOf = (item: z.infer<typeof itemSchema>): string => {
    if (item.speaker_label) return item.speaker_label;
    const start = item.start_time;
    if (start === undefined) return unknownSpeaker;
    return (
      byStart.get(start) ??
      spans.find((s) => start >= s.start_time && start < s.end_time)?.speaker_label ??
      unknownSpeaker
    );
  };

  const segments: Segment[] = [];
  let open: Segment | undefined;
  results.items.forEach((item, index) => {
    const content = item.alternatives[0]?.content ?? "";
    if (item.type === "punctuation") {
      if (open) open.text += content;
      return;
    }
    const { start_time: start, end_time: end } = item;
    if (start === undefined || end === undefined) {
      throw new TranscriptFormatError(
        `${file}: results.items[${index}]: a pronunciation item needs start_time and end_time (expected seconds as strings)`,
      );
    }
    const speaker = speakerOf(item);
    const sentenceEnded = open !== undefined && /[.?!]$/.test(open.text);
    const cut =
      !open ||
      open.speaker !== speaker ||
      start - open.end > pauseSeconds ||
      (sentenceEnded && start - open.start > maxSegmentSeconds);
    if (cut) {
      open = { speaker, start, end, text: content };
      segments.push(open);
    } else if (open) {
      open.text += ` ${content}`;
      open.end = Math.max(open.end, end);
    }
  });
  return buildTranscript("transcribe", segments, file);
}

function parseCallAnalytics(json: unknown, file: string): Transcript {
  const parsed = callAnalyticsSchema.safeParse(json);
  if (!parsed.success) throw schemaError(file, parsed.error);
  const { JobStatus, Transcript } = parsed.data;
  if (JobStatus !== undefined && JobStatus !== "COMPLETED") {
    throw new TranscriptFormatError(
      `${file}: JobStatus: the job is ${JobStatus} (expected COMPLETED output)`,
    );
  }
  const segments = Transcript.map((turn) => ({
    speaker: turn.ParticipantRole,
    start: turn.BeginOffsetMillis / 1000,
    end: Math.max(turn.EndOffsetMillis, turn.BeginOffsetMillis) / 1000,
    text: turn.Content,
  }));
  return buildTranscript("transcribe-call-analytics", segments, file);
}

/** One line naming the first problem's JSON path, e.g. `results.items[3].alternatives`. */
function schemaError(file: string, error: ZodError): TranscriptFormatError {
  const issue = error.issues[0];
  const path = (issue?.path ?? [])
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
  return new TranscriptFormatError(
    `${file}: ${path || "(top level)"}: ${issue?.message ?? "unexpected shape"}`,
  );
}
