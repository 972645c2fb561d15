/**
 * The Minutes port: drafting from a transcript, rendering, and the facts the lifecycle needs from
 * a set of minutes. Implemented over domain/minutes (deterministic drafter, agreement rules) and
 * adapters/documents (DOCX, PDF).
 */

import type { Answer, Meeting } from "../lifecycle/model.ts";
import type { Minutes } from "../minutes/model.ts";
import type { AgreementNames } from "../minutes/render.ts";
import type { MinutesDocuments } from "./messages.ts";

export interface DraftedAction {
  number: number;
  action: string;
  timescale: string;
  dueDate: string;
  responsible: { name?: string; role?: string; department?: string; email?: string };
  notes: string;
  /** The meeting gave no date: `dueDate` is a provisional one until the chair sets it (issue 13). */
  dateToConfirm?: boolean;
}

export interface MinutesPort {
  /** Drafts minutes (an opaque, schema-valid object) from a transcript's raw bytes. */
  draft(
    meeting: Meeting,
    answers: Answer[],
    transcript: { bytes: Uint8Array; filename: string } | undefined,
  ): Promise<Minutes>;
  /** Speaker labels of a transcript that name no attendee (after `meeting.speakerMap`). */
  unnamedSpeakers(meeting: Meeting, transcript: { bytes: Uint8Array; filename: string }): Promise<string[]>;
  /** sha256 of the canonical form: a version's identity. */
  hash(minutes: Minutes): string;
  /**
   * The minutes as a document model, text and Word, marked DRAFT with their version and hash; the
   * `final` copies are marked FINAL and come as PDF too (drafts go out for comment as Word only).
   */
  render(
    meeting: Meeting,
    minutes: Minutes,
    copy: "professional" | "family",
    options?: { final?: boolean; agreement?: AgreementNames },
  ): Promise<MinutesDocuments>;
  actions(minutes: Minutes): DraftedAction[];
  /** Reasons the minutes cannot be finalised (empty when they can), e.g. no child's views (seed 001). */
  /** What stops the agreed minutes being finalised, for the meeting's type (domain/minutes/blockers.ts). */
  finaliseBlockers(minutes: Minutes, typeId: string): string[];
  /** The chair's reply supplying missing sections: the amended minutes and which sections it filled. */
  supplySections(minutes: Minutes, typeId: string, body: string): { minutes: Minutes; supplied: string[] };
  /** A new version with a change the chair accepted. */
  amend(minutes: Minutes, change: { by: string; text: string }): Minutes;
  nextReviewDate(minutes: Minutes): string | undefined;
  /** Case-note text for the child's record (seed 002, section e). */
  caseNote(meeting: Meeting, minutes: Minutes, version: number): string;
}

/** Stored blobs (transcripts, documents): S3 in the cloud, a folder locally. */
export interface BlobStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  /** Deletes every blob whose key starts with `prefix` (e.g. `transcripts/<meeting>/`); how many went. */
  deletePrefix(prefix: string): Promise<number>;
}

/** Starts turning a meeting's recording into a transcript; completes the task token when done. */
export interface TranscriptionPort {
  start(meeting: Meeting, taskToken: string): Promise<"started" | "imported" | "waiting-for-upload">;
}
