/**
 * The TranscriptionPort on Amazon Transcribe: a batch job per meeting with speaker diarization,
 * British English, PII redaction per authority and the domain's custom vocabulary. The job name
 * carries the meeting id; the transcription-events function resumes the workflow on completion.
 */
import {
  BadRequestException,
  CreateVocabularyCommand,
  GetVocabularyCommand,
  NotFoundException,
  StartTranscriptionJobCommand,
  type TranscribeClient,
} from "@aws-sdk/client-transcribe";
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
  /** The authority's domain words (SENCo, CAMHS, EHCP, IRO, Part 25…). */
  vocabulary: string[];
  maxSpeakers: number;
}

/**
 * Custom-vocabulary phrases as Transcribe takes them in a list: words joined by hyphens, letters and
 * apostrophes only (digits must be spelled out, so "Part 25" becomes "Part-twenty-five").
 */
export function vocabularyPhrases(words: string[]): string[] {
  const numbers: Record<string, string> = {
    "25": "twenty-five",
    "47": "forty-seven",
    "17": "seventeen",
    "31": "thirty-one",
  };
  const out = new Set<string>();
  for (const word of words) {
    const phrase = word
      .trim()
      .split(/\s+/)
      .map((part) => numbers[part] ?? part)
      .join("-");
    if (/^[A-Za-z][A-Za-z'.-]*$/.test(phrase) && phrase.length <= 256) out.add(phrase);
  }
  return [...out];
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

  /**
   * The vocabulary's name when it is ready; creates it the first time (it takes minutes to build, so
   * that meeting is transcribed without it) and never fails a job over it.
   */
  private async readyVocabulary(s: TranscribeSettings): Promise<string | undefined> {
    const phrases = vocabularyPhrases(s.vocabulary);
    if (!s.vocabularyName || phrases.length === 0) return undefined;
    try {
      const found = await this.client.send(new GetVocabularyCommand({ VocabularyName: s.vocabularyName }));
      return found.VocabularyState === "READY" ? s.vocabularyName : undefined;
    } catch (error) {
      if (!(error instanceof NotFoundException || error instanceof BadRequestException)) throw error;
      await this.client.send(
        new CreateVocabularyCommand({
          VocabularyName: s.vocabularyName,
          LanguageCode: s.languageCode as never,
          Phrases: phrases,
        }),
      );
      return undefined;
    }
  }

  async start(meeting: Meeting): Promise<"started" | "imported" | "waiting-for-upload"> {
    const s = this.settings();
    const vocabularyName = await this.readyVocabulary(s);
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
          VocabularyName: vocabularyName,
        },
        ContentRedaction: s.piiRedaction ? { RedactionType: "PII", RedactionOutput: "redacted" } : undefined,
        Tags: [{ Key: "convene:meeting", Value: meeting.id }],
      }),
    );
    return "started";
  }
}
