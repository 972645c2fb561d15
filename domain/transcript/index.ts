/**
 * Transcripts in: one normalized model (issue 5, section 1) and the pure importers that fill it.
 * @example
 * ```ts
 * import { parseTranscriptText, mapSpeakers } from "#domain/transcript/index.ts";
 * const t = parseTranscriptText({ text, filename: "meeting.vtt" });
 * const named = mapSpeakers(t, { spk_0: "Asha Patel" });
 * ```
 */
export {
  detectTextFormat,
  type ImportFormat,
  importFormatSchema,
  importFormats,
  parseDocxParagraphs,
  parseTranscriptText,
} from "./import.ts";
export {
  buildTranscript,
  mapSpeakers,
  type Segment,
  segmentSchema,
  speakerName,
  type Transcript,
  TranscriptFormatError,
  type TranscriptSource,
  transcriptDuration,
  transcriptSchema,
  transcriptSources,
  unknownSpeaker,
} from "./model.ts";
export { clockToSeconds, secondsToClock, secondsToMark } from "./timestamps.ts";
export { parseTranscribeJson, transcribeKind } from "./transcribe.ts";
export { normalizeTeamsTimings, parseVtt } from "./vtt.ts";
