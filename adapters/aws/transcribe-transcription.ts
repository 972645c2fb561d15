/**
 * The TranscriptionPort on Amazon Transcribe: a batch job per meeting with speaker diarization,
 * British English, PII redaction per authority and the domain's custom vocabulary. The job name
 * carries the meeting id; the transcription-events function resumes the workflow on completion.
 */
import { StartTranscriptionJobCommand, type TranscribeClient } from "@aws-sdk/client-transcribe";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import type { TranscriptionPort } from "../../domain/ports/minutes.ts";

export interface TranscribeSettings {
  jobPrefix: string;
  recordingsBucket: string;
  transcriptsBucket: string;
  kmsKeyArn?: string;
  languageCode: string;
  piiRedaction: boolean;
  vocabularyName?: string;
  maxSpeakers: number;
}

/** Job names: `<prefix><meetingId>-<n>`; the meeting id is recovered from the name. */
export function meetingIdFromJobName(prefix: string, jobName: string): string | undefined {
  if (!jobName.startsWith(prefix)) return undefined;
  return /^([a-z2-7]{16})(-\d+)?$/.exec(jobName.slice(prefix.length))?.[1];
}

export class TranscribeTranscription implements TranscriptionPort {
  constructor(
    private readonly client: TranscribeClient,
    private readonly settings: () => TranscribeSettings,
    private readonly now: () => Date,
  ) {}

  async start(meeting: Meeting): Promise<"started" | "imported" | "waiting-for-upload"> {
    const s = this.settings();
    await this.client.send(
      new StartTranscriptionJobCommand({
        TranscriptionJobName: `${s.jobPrefix}${meeting.id}-${this.now().getTime()}`,
        LanguageCode: s.languageCode as never,
        Media: { MediaFileUri: `s3://${s.recordingsBucket}/recordings/${meeting.id}` },
        OutputBucketName: s.transcriptsBucket,
        OutputKey: `${meeting.id}/transcribe.json`,
        OutputEncryptionKMSKeyId: s.kmsKeyArn,
        Settings: {
          ShowSpeakerLabels: true,
          MaxSpeakerLabels: Math.min(30, Math.max(2, s.maxSpeakers)),
          VocabularyName: s.vocabularyName,
        },
        ContentRedaction: s.piiRedaction ? { RedactionType: "PII", RedactionOutput: "redacted" } : undefined,
        Tags: [{ Key: "convene:meeting", Value: meeting.id }],
      }),
    );
    return "started";
  }
}
