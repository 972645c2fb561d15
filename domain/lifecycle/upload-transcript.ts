/**
 * Upload a transcript (the workspace's meeting page, the local API): a file the chair has.
 *
 * 1. The meeting exists (else NotFoundError).
 * 2. Its minutes are not drafted yet: a transcript is used only until the first draft.
 * 3. The file parses (VTT, Teams DOCX, Amazon Transcribe JSON or text) before anything is stored:
 *    a bad file is refused with what is wrong, and the meeting is unchanged.
 * 4. It is stored with the meeting and the workflow's transcript wait, if any, completes.
 */
import type { Transcript } from "../transcript/model.ts";
import { type LifecycleKernel, LifecycleStateError } from "./kernel.ts";
import type { Meeting } from "./model.ts";
import { transcriptArrived } from "./transcribe.ts";

/** Where an uploaded transcript is still used: until the first draft of the minutes. */
export const transcriptPhases: ReadonlySet<Meeting["phase"]> = new Set<Meeting["phase"]>([
  "convene",
  "invite",
  "await-meeting",
  "transcribe",
  "draft-minutes",
]);

export interface TranscriptUpload {
  meetingId: string;
  bytes: Uint8Array;
  filename: string;
  via: string;
}

export interface TranscriptSummary {
  source: string;
  speakers: number;
  segments: number;
}

/**
 * @param parse the transcript importer (an adapter: it reads DOCX); throws naming what is wrong.
 * @throws NotFoundError, LifecycleStateError, or the importer's format error.
 */
export async function uploadTranscript(
  k: LifecycleKernel,
  parse: (file: { bytes: Uint8Array; filename: string }) => Promise<Transcript>,
  upload: TranscriptUpload,
): Promise<TranscriptSummary> {
  const meeting = await k.deps.store.getMeeting(upload.meetingId);
  if (!transcriptPhases.has(meeting.phase))
    throw new LifecycleStateError(
      `meeting is at ${meeting.phase}: a transcript is taken only until the minutes are drafted`,
    );
  const transcript = await parse({ bytes: upload.bytes, filename: upload.filename });
  await transcriptArrived(k, meeting.id, upload.bytes, upload.filename, upload.via);
  return {
    source: transcript.source,
    speakers: transcript.speakers.length,
    segments: transcript.segments.length,
  };
}
