/**
 * An answer to the invitation (or the report request):
 * 1. the question must still be open (the meeting not held, the invitation not superseded);
 * 2. reports that came with it are stored with the meeting;
 * 3. the answer is recorded and audited;
 * 4. a report that came is sent on to the chair, attached;
 * 5. a key agency that cannot attend is asked for its written report (seed 001).
 */

import { createHash } from "node:crypto";
import { type Question, questionState } from "../email/open-question.ts";
import {
  type ClosedAnswer,
  closedAnswer,
  day,
  type LifecycleKernel,
  LifecycleStateError,
  meetingFacts,
} from "./kernel.ts";
import type { Answer, Meeting, ReportFile } from "./model.ts";

/** A document that came with apologies, before it is stored. */
export interface ReportDocument {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** A file name fit to show: no path, no control characters, at most 255 characters. */
function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (clean || "report").slice(0, 255);
}

/**
 * An answer to the invitation (or the report request): 1. the question must still be open (the
 * meeting not held, the invitation not superseded by a reschedule); 2. reports that came with it
 * are stored with the meeting; 3. the answer is recorded; 4. a key agency that cannot attend is
 * asked for its written report (seed 001).
 */
export async function recordAttendanceAnswer(
  k: LifecycleKernel,
  meetingId: string,
  person: number,
  answer: "attending" | "declined" | "apologies" | "apologies-with-report",
  note: string | undefined,
  via: string,
  options: {
    /** The meeting as the caller just read it (the reply desk); read here when absent. */
    known?: Meeting;
    /** The token's question; without one (a chair's tool) the answer is taken while the meeting is not held. */
    question?: Question;
    /** Written reports that came with the answer (documents only: see domain/email/report-attachment.ts). */
    reports?: ReportDocument[];
  } = {},
): Promise<{ recorded: true; message: string } | ClosedAnswer> {
  const { known } = options;
  const meeting = known?.id === meetingId ? known : await k.deps.store.getMeeting(meetingId);
  const invitee = [meeting.chair, ...meeting.invitees].find((p) => p.index === person);
  if (!invitee) throw new LifecycleStateError(`person ${person} is not invited to meeting ${meetingId}`);
  const before: Answer | undefined = (await k.deps.store.listAnswers(meetingId)).find(
    (a) => a.index === person,
  );
  // The chair may have recorded attendance a moment ago (answers are written before the phase).
  const state = questionState(options.question ?? { purpose: "report", ref: 0 }, {
    ...meetingFacts(meeting),
    attendanceRecorded: before?.attendance === "attended" || before?.attendance === "absent",
  });
  if (!state.open) return closedAnswer(state.closed);
  const at = k.now().toISOString();
  // Each report that came, as filed, with its bytes (to send on to the chair).
  const received: Array<{ file: ReportFile; content: Uint8Array }> = [];
  for (const report of options.reports ?? []) {
    const digest = createHash("sha256").update(report.content).digest("hex").slice(0, 32);
    // The key names no person or file (keys appear in access logs); the same file twice is one blob.
    const blobKey = `documents/${meetingId}/reports/${person}/${digest}`;
    const contentType = (report.contentType.split(";")[0] ?? "").trim().toLowerCase().slice(0, 255);
    await k.deps.blobs.put(blobKey, report.content, contentType || "application/octet-stream");
    received.push({
      file: {
        filename: safeFilename(report.filename),
        contentType: contentType || "application/octet-stream",
        size: report.content.length,
        blobKey,
        receivedAt: at,
      },
      content: report.content,
    });
  }
  const stored = received.map((r) => r.file);
  const reports = [
    ...(before?.reports ?? []),
    ...stored.filter((r) => !before?.reports?.some((b) => b.blobKey === r.blobKey)),
  ];
  // A report already on file still counts when a later answer comes without one.
  const hasReport = answer === "apologies-with-report" || reports.length > 0;
  // The answer and its audit events in one batched write.
  await k.deps.store.putRecords(meetingId, {
    answers: [
      {
        index: person,
        attendance: answer,
        note,
        reportReceived: hasReport,
        invitedSequence: before?.invitedSequence,
        ...(reports.length > 0 ? { reports } : {}),
        at,
      },
    ],
    events: [
      k.auditEvent(meetingId, invitee.email, `answer:${answer}`, via),
      ...stored.map((r) =>
        k.auditEvent(meetingId, invitee.email, "report-received", via, {
          person,
          blobKey: r.blobKey,
          contentType: r.contentType,
          size: r.size,
        }),
      ),
    ],
  });
  // New reports reach the chair, attached as they came, once each (seed 001: the report informs the meeting).
  const fresh = received.filter((r) => !before?.reports?.some((b) => b.blobKey === r.file.blobKey));
  if (fresh.length > 0 && person !== meeting.chair.index)
    await k.send(
      meeting,
      k.deps.messages.reportReceived(
        meeting,
        invitee,
        fresh.map((r) => ({
          filename: r.file.filename,
          contentType: r.file.contentType,
          content: r.content,
        })),
      ),
      `report-received:p${person}:${stored.map((r) => r.blobKey.slice(-8)).join(",")}`,
    );
  if ((answer === "apologies" || answer === "declined") && invitee.keyAgency && !hasReport) {
    // A key agency that cannot attend owes a written or verbal report (seed 001, "Preparation").
    const reply = k.deps.replies.link(
      meeting.id,
      person,
      "report",
      0,
      new Date(new Date(meeting.start).getTime() + day),
    );
    // Once per person and meeting date: apologies sent again do not ask for the report again (the
    // chase before the meeting does that).
    await k.send(
      meeting,
      k.deps.messages.reportRequest(meeting, invitee, reply),
      `report-request:s${meeting.sequence}:p${person}`,
    );
    return { recorded: true, message: "apologies recorded; a written report has been requested" };
  }
  return {
    recorded: true,
    message: stored.length > 0 ? `${answer} recorded with ${stored.length} report(s)` : `${answer} recorded`,
  };
}
