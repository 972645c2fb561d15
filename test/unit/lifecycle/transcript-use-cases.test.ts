/**
 * From transcript to minutes out for approval, over in-memory ports (issue 10: every use case has
 * unit tests that run in milliseconds): transcription started and a transcript arriving
 * (transcribe.ts), an upload checked before anything is stored (upload-transcript.ts), the first
 * draft (draft.ts), the approval requests (request-approvals.ts), the chair naming speakers
 * (name-speakers.ts), supplying what blocks finalising (supply-sections.ts) and editing the draft
 * (edit-minutes.ts), and an address that bounces (undeliverable.ts). The minutes port and the
 * transcript importer are the real ones (pure document work).
 */
import { describe, expect, it } from "vitest";
import { importTranscript } from "../../../adapters/transcript/import.ts";
import { draftMinutes } from "../../../domain/lifecycle/draft.ts";
import { editMinutes } from "../../../domain/lifecycle/edit-minutes.ts";
import { LifecycleStateError } from "../../../domain/lifecycle/kernel.ts";
import type { Invitee, Meeting } from "../../../domain/lifecycle/model.ts";
import { mapSpeakers, unnamedSpeakers } from "../../../domain/lifecycle/name-speakers.ts";
import type { Phase } from "../../../domain/lifecycle/phases.ts";
import { requestApprovals } from "../../../domain/lifecycle/request-approvals.ts";
import { supplyMissingSections } from "../../../domain/lifecycle/supply-sections.ts";
import { startTranscription, transcriptArrived } from "../../../domain/lifecycle/transcribe.ts";
import { addressUndeliverable } from "../../../domain/lifecycle/undeliverable.ts";
import { uploadTranscript } from "../../../domain/lifecycle/upload-transcript.ts";
import { ConflictError, NotFoundError } from "../../../domain/ports/store.ts";
import { kernelFixture } from "./kernel-fixture.ts";
import { minutesPort, transcript, transcriptWithoutViews, vtt } from "./minutes-fixture.ts";
import { testMeeting } from "./support.ts";

const person = (index: number, name: string, email: string, extra: Partial<Invitee> = {}): Invitee => ({
  index,
  name,
  email,
  role: "senco",
  agency: "Oakfield Primary",
  keyAgency: false,
  observer: false,
  family: false,
  ...extra,
});

/** The transcript with one speaker Teams could not name. */
const withUnnamed = `${transcript}
00:00:51.000 --> 00:00:58.000
<v spk_0>I can offer the family a nurture group place.
`;

/** A meeting held on 1 July 2026: the chair, Mark, Aisha (attended) and Sam Parent (apologies) and an observer (attended). */
async function held(phase: Phase, extra: Partial<Meeting> = {}, now = "2026-07-01T12:00:00Z") {
  const jobs: Array<{ meetingId: string; token: string }> = [];
  const f = kernelFixture(new Date(now), {
    minutes: minutesPort,
    transcription: {
      start: async (meeting, token) => {
        jobs.push({ meetingId: meeting.id, token });
        return "waiting-for-upload";
      },
    },
  });
  const meeting = await f.add(
    testMeeting({
      id: "mtranscriptaaaaa",
      phase,
      minutesVersion: 0,
      actionCount: 0,
      version: 0,
      invitees: [
        person(1, "Mark Bell", "mark@school.example.org"),
        person(2, "Dr Aisha Karim", "aisha@camhs.example.org", { role: "camhs", agency: "CAMHS" }),
        person(3, "Sam Parent", "sam@example.org", { role: "parent", agency: "Family", family: true }),
        person(4, "Olive Observer", "olive@example.org", { role: "iro", agency: "QA", observer: true }),
      ],
      ...extra,
    }),
  );
  for (const [index, attendance] of [
    [0, "attended"],
    [1, "attended"],
    [2, "attended"],
    [3, "apologies"],
    [4, "attended"],
  ] as const)
    await f.store.putAnswer(meeting.id, { index, attendance, reportReceived: false, at: meeting.end });
  return { ...f, meeting, jobs };
}

const wait = (purpose: "transcript" | "approval", token: string) => ({
  purpose,
  ref: 0,
  token,
  status: "waiting" as const,
  level: 0,
  deadline: "2026-07-08T16:00:00.000Z",
  reminders: [],
  registeredAt: "2026-07-01T12:00:00.000Z",
});

/** Stores the transcript as arrived, then drafts version 1 and moves to agree-minutes with an approval wait. */
async function drafted(text = transcript, extra: Partial<Meeting> = {}) {
  const f = await held("transcribe", extra);
  await transcriptArrived(f.k, f.meeting.id, vtt(text).bytes, "meeting.vtt", "upload");
  await draftMinutes(f.k, f.meeting.id);
  const meeting = await f.store.setPhase(f.meeting.id, "agree-minutes", "2026-07-01T13:00:00.000Z");
  await f.store.putWait(meeting.id, wait("approval", "approval-token"));
  f.sent.length = 0;
  f.workflow.length = 0;
  return { ...f, meeting };
}

const successes = (f: { workflow: Array<{ call: string; args: unknown[] }> }) =>
  f.workflow.filter((w) => w.call === "sendTaskSuccess").map((w) => w.args);

describe("transcription", () => {
  it("moves a held meeting to transcribe, registers the transcript wait with its timers, starts the job and audits it", async () => {
    const f = await held("await-meeting");
    expect(await startTranscription(f.k, { meetingId: f.meeting.id, taskToken: "tx-token" })).toEqual({
      status: "waiting-for-upload",
    });
    expect((await f.store.getMeeting(f.meeting.id)).phase).toBe("transcribe");
    const registered = await f.store.getWait(f.meeting.id, "transcript", 0);
    expect(registered).toMatchObject({ token: "tx-token", status: "waiting", level: 0 });
    expect(
      [...f.store.timers.values()].some((t) => t.purpose === "transcript" && t.kind === "deadline"),
    ).toBe(true);
    expect(f.jobs).toEqual([{ meetingId: f.meeting.id, token: "tx-token" }]);
    expect((await f.store.listAudit(f.meeting.id)).map((e) => e.what)).toEqual(
      expect.arrayContaining(["phase:transcribe", "wait:transcript", "transcription:waiting-for-upload"]),
    );
  });

  it("run again with a new token (a retry), keeps the phase and the wait's deadline, and takes the new token", async () => {
    const f = await held("await-meeting");
    await startTranscription(f.k, { meetingId: f.meeting.id, taskToken: "tx-token" });
    const first = await f.store.getWait(f.meeting.id, "transcript", 0);
    f.clock.now = new Date("2026-07-01T12:05:00Z");
    await startTranscription(f.k, { meetingId: f.meeting.id, taskToken: "tx-token-2" });
    const again = await f.store.getWait(f.meeting.id, "transcript", 0);
    expect(again).toMatchObject({ token: "tx-token-2", deadline: first?.deadline, level: 0 });
    expect((await f.store.listAudit(f.meeting.id)).filter((e) => e.what === "phase:transcribe")).toHaveLength(
      1,
    );
  });

  it("stores an arriving transcript as the meeting's latest and completes the wait with its file name", async () => {
    const f = await held("transcribe");
    await f.store.putWait(f.meeting.id, wait("transcript", "tx-token"));
    await transcriptArrived(f.k, f.meeting.id, vtt(transcript).bytes, "meeting.vtt", "upload");
    expect(await f.k.latestTranscript(f.meeting.id)).toEqual({
      bytes: vtt(transcript).bytes,
      filename: "meeting.vtt",
    });
    expect(successes(f)).toEqual([["tx-token", { filename: "meeting.vtt" }]]);
    expect((await f.store.getWait(f.meeting.id, "transcript", 0))?.status).toBe("completed");
    expect(
      (await f.store.listAudit(f.meeting.id)).find((e) => e.what === "transcript-stored")?.detail,
    ).toEqual({
      bytes: vtt(transcript).bytes.length,
    });
  });
});

describe("uploading a transcript", () => {
  const upload = (meetingId: string, bytes: Uint8Array, filename = "meeting.vtt") => ({
    meetingId,
    bytes,
    filename,
    via: "workspace",
  });

  it("parses, stores and hands on a good file, answering what it found", async () => {
    const f = await held("transcribe");
    await f.store.putWait(f.meeting.id, wait("transcript", "tx-token"));
    const summary = await uploadTranscript(
      f.k,
      importTranscript,
      upload(f.meeting.id, vtt(transcript).bytes),
    );
    expect(summary).toMatchObject({ speakers: 3, segments: 5 });
    expect(f.blobs.blobs.has(`transcripts/${f.meeting.id}/meeting.vtt`)).toBe(true);
    expect(successes(f)).toEqual([["tx-token", { filename: "meeting.vtt" }]]);
  });

  it("refuses a file that does not parse, storing nothing and leaving the wait open", async () => {
    const f = await held("transcribe");
    await f.store.putWait(f.meeting.id, wait("transcript", "tx-token"));
    await expect(
      uploadTranscript(
        f.k,
        importTranscript,
        upload(f.meeting.id, new Uint8Array([0xc3, 0x28, 0xa0]), "x.vtt"),
      ),
    ).rejects.toThrow(/x\.vtt: not text/);
    expect(f.blobs.blobs.size).toBe(0);
    expect((await f.store.getWait(f.meeting.id, "transcript", 0))?.status).toBe("waiting");
    expect(f.workflow).toEqual([]);
  });

  it("refuses a transcript once the minutes are drafted, and for a meeting that does not exist", async () => {
    const f = await held("agree-minutes");
    await expect(
      uploadTranscript(f.k, importTranscript, upload(f.meeting.id, vtt(transcript).bytes)),
    ).rejects.toBeInstanceOf(LifecycleStateError);
    await expect(
      uploadTranscript(f.k, importTranscript, upload("mnosuchmeetingaa", vtt(transcript).bytes)),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(f.blobs.blobs.size).toBe(0);
  });
});

describe("the first draft", () => {
  it("drafts version 1 from the latest transcript and the answers, hashed, stored and audited", async () => {
    const f = await held("transcribe");
    await transcriptArrived(f.k, f.meeting.id, vtt(transcript).bytes, "meeting.vtt", "upload");
    const { version, hash } = await draftMinutes(f.k, f.meeting.id);
    expect(version).toBe(1);
    const stored = await f.store.getMinutesVersion(f.meeting.id, 1);
    expect(stored).toMatchObject({ hash, createdBy: "drafter" });
    expect(minutesPort.hash(stored.minutes)).toBe(hash);
    expect(minutesPort.actions(stored.minutes).map((a) => a.responsible.name)).toEqual([
      "Mark Bell",
      "Dr Aisha Karim",
    ]);
    expect(await f.store.getMeeting(f.meeting.id)).toMatchObject({
      minutesVersion: 1,
      phase: "draft-minutes",
    });
    expect((await f.store.listAudit(f.meeting.id)).map((e) => e.what)).toEqual(
      expect.arrayContaining(["minutes-drafted", "phase:draft-minutes"]),
    );
  });

  it("drafts from the type's template when no transcript came", async () => {
    const f = await held("transcribe");
    await draftMinutes(f.k, f.meeting.id);
    const stored = await f.store.getMinutesVersion(f.meeting.id, 1);
    expect(stored.minutes.actions).toEqual([]);
    expect(stored.minutes.decisions).toEqual([]);
  });

  it("run again after a crash between storing version 1 and recording it on the meeting, goes on with the stored version", async () => {
    const f = await held("transcribe");
    const minutes = await minutesPort.draft(f.meeting, [], undefined);
    // The first attempt stored the version, then stopped before the meeting was saved.
    await f.store.putMinutesVersion(f.meeting.id, {
      version: 1,
      hash: minutesPort.hash(minutes),
      minutes,
      createdAt: "2026-07-01T12:00:00.000Z",
      createdBy: "drafter",
    });
    expect(await draftMinutes(f.k, f.meeting.id)).toEqual({ version: 1, hash: minutesPort.hash(minutes) });
    expect(await f.store.getMeeting(f.meeting.id)).toMatchObject({
      minutesVersion: 1,
      phase: "draft-minutes",
    });
    expect((await f.store.listAudit(f.meeting.id)).map((e) => e.what)).toContain("minutes-drafted");
  });

  it("run again, keeps the version it drafted", async () => {
    const f = await held("transcribe");
    const first = await draftMinutes(f.k, f.meeting.id);
    await transcriptArrived(f.k, f.meeting.id, vtt(transcript).bytes, "late.vtt", "upload");
    expect(await draftMinutes(f.k, f.meeting.id)).toEqual(first);
    expect(f.store.minutes.get(f.meeting.id)?.size).toBe(1);
  });
});

describe("asking for approval", () => {
  it("sends the draft to each attendee who must agree (not the absent, not observers), with their own link and the working-day answer-by date, once per version", async () => {
    const f = await drafted();
    const { version, requested } = await requestApprovals(f.k, f.meeting.id);
    expect({ version, requested }).toEqual({ version: 1, requested: 3 });
    expect(f.sent.map((e) => [e.kind, e.to[0]?.email])).toEqual([
      ["approval-request", "chair@example.org"],
      ["approval-request", "mark@school.example.org"],
      ["approval-request", "aisha@camhs.example.org"],
    ]);
    expect(new Set(f.sent.map((e) => e.replyTo?.email)).size).toBe(3);
    expect(f.sent[0]?.attachments?.some((a) => a.filename.endsWith(".docx"))).toBe(true);
    // Three working days from Wednesday 1 July: Monday 6 July.
    expect(f.sent[1]?.text).toMatch(/6 July 2026/);
    await requestApprovals(f.k, f.meeting.id);
    expect(f.sent).toHaveLength(3);
  });

  it("asks only those who have not answered this version, and the chair to name the speakers no one is", async () => {
    const f = await drafted(withUnnamed);
    await f.store.putApproval(f.meeting.id, {
      version: 1,
      index: 1,
      response: "approve",
      at: "2026-07-01T13:00:00.000Z",
    });
    const { requested } = await requestApprovals(f.k, f.meeting.id);
    expect(requested).toBe(2);
    expect(f.sent.map((e) => e.to[0]?.email)).toEqual(["chair@example.org", "aisha@camhs.example.org"]);
    expect(f.sent[0]?.text).toContain("spk_0");
    expect(f.sent[1]?.text).not.toContain("spk_0");
  });

  it("asks the chair alone where the type's record is the chair's to finalise", async () => {
    const f = await drafted(transcript, { minutesAgreedBy: "chair" });
    expect((await requestApprovals(f.k, f.meeting.id)).requested).toBe(1);
    expect(f.sent.map((e) => e.to[0]?.email)).toEqual(["chair@example.org"]);
  });

  it("moves a freshly drafted meeting to agree-minutes", async () => {
    const f = await held("transcribe");
    await draftMinutes(f.k, f.meeting.id);
    await requestApprovals(f.k, f.meeting.id);
    expect((await f.store.getMeeting(f.meeting.id)).phase).toBe("agree-minutes");
  });
});

describe("naming the transcript's speakers", () => {
  it("lists the labels that name nobody invited", async () => {
    const f = await drafted(withUnnamed);
    expect(await unnamedSpeakers(f.k, f.meeting.id)).toEqual(["spk_0"]);
    const g = await held("transcribe");
    expect(await unnamedSpeakers(g.k, g.meeting.id)).toEqual([]);
  });

  it("refuses a name not invited, or outside agreeing the minutes, changing nothing", async () => {
    const f = await drafted(withUnnamed);
    await expect(mapSpeakers(f.k, f.meeting.id, { spk_0: "Someone Else" }, "email")).rejects.toThrow(
      /"Someone Else" is not invited to this meeting \(for spk_0\)/,
    );
    const g = await held("transcribe");
    await expect(mapSpeakers(g.k, g.meeting.id, { spk_0: "Mark Bell" }, "email")).rejects.toBeInstanceOf(
      LifecycleStateError,
    );
    expect((await f.store.getMeeting(f.meeting.id)).minutesVersion).toBe(1);
    expect((await f.store.getMeeting(f.meeting.id)).speakerMap).toBeUndefined();
  });

  it("drafts again with the names (any letter case) as a new version that goes back out for approval", async () => {
    const f = await drafted(withUnnamed);
    expect(await mapSpeakers(f.k, f.meeting.id, { spk_0: "  olive observer " }, "email")).toEqual({
      version: 2,
    });
    const meeting = await f.store.getMeeting(f.meeting.id);
    expect(meeting).toMatchObject({ minutesVersion: 2, speakerMap: { spk_0: "Olive Observer" } });
    expect(await unnamedSpeakers(f.k, f.meeting.id)).toEqual([]);
    expect(JSON.stringify((await f.store.getMinutesVersion(f.meeting.id, 2)).minutes)).toContain(
      "Olive Observer",
    );
    expect(successes(f)).toEqual([["approval-token", { outcome: "new-version", version: 2 }]]);
    expect((await f.store.listAudit(f.meeting.id)).find((e) => e.what === "speakers-named")?.detail).toEqual({
      version: 2,
      labels: ["spk_0"],
    });
  });
});

describe("supplying what blocks finalising", () => {
  it("a reply supplying the child's views and a contingency plan makes a new version, back out for approval", async () => {
    const f = await drafted(transcriptWithoutViews);
    const before = await f.store.getMinutesVersion(f.meeting.id, 1);
    expect(minutesPort.finaliseBlockers(before.minutes, f.meeting.typeId).length).toBeGreaterThan(0);
    const result = await supplyMissingSections(
      f.k,
      f.meeting,
      1,
      "Child's views: Jay wants to stay at Oakfield.\n\nContingency plan: an early review if attendance falls.",
      "email",
    );
    expect(result?.recorded).toBe(true);
    expect(result?.message).toMatch(/version 2 goes out for approval/);
    const next = await f.store.getMinutesVersion(f.meeting.id, 2);
    expect(JSON.stringify(next.minutes)).toContain("Jay wants to stay at Oakfield.");
    expect(minutesPort.finaliseBlockers(next.minutes, f.meeting.typeId)).toEqual([]);
    expect(successes(f)).toEqual([["approval-token", { outcome: "new-version", version: 2 }]]);
    expect((await f.store.listAudit(f.meeting.id)).map((e) => e.what)).toContain("minutes-sections-supplied");
  });

  it("is not a supply when nothing blocks, or the reply supplies no missing section: nothing stored", async () => {
    const f = await drafted(transcript);
    expect(
      await supplyMissingSections(f.k, f.meeting, 1, "Child's views: more words.", "email"),
    ).toBeUndefined();
    const g = await drafted(transcriptWithoutViews);
    expect(
      await supplyMissingSections(g.k, g.meeting, 1, "Looks fine to me, thanks.", "email"),
    ).toBeUndefined();
    expect(f.store.minutes.get(f.meeting.id)?.size).toBe(1);
    expect(g.store.minutes.get(g.meeting.id)?.size).toBe(1);
    expect(g.workflow).toEqual([]);
  });
});

describe("editing the draft", () => {
  it("refuses outside agreeing the minutes, and an edit of a version no longer current (naming the current one)", async () => {
    const f = await held("transcribe");
    await expect(
      editMinutes(f.k, f.meeting.id, 1, { purpose: "x" }, "chair@example.org", "page"),
    ).rejects.toBeInstanceOf(LifecycleStateError);
    const g = await drafted();
    await editMinutes(
      g.k,
      g.meeting.id,
      1,
      { purpose: "Jay's attendance and health." },
      "chair@example.org",
      "page",
    );
    const stale = editMinutes(g.k, g.meeting.id, 1, { purpose: "Another edit" }, "chair@example.org", "page");
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toThrow(/version 2 is current/);
    expect(g.store.minutes.get(g.meeting.id)?.size).toBe(2);
  });

  it("an edit that changes nothing stores nothing", async () => {
    const f = await drafted();
    const current = (await f.store.getMinutesVersion(f.meeting.id, 1)).minutes;
    const result = await editMinutes(
      f.k,
      f.meeting.id,
      1,
      { decisions: current.decisions.map((d) => d.text).join("\n") },
      "chair@example.org",
      "page",
    );
    expect(result).toEqual({ version: 1, changed: [] });
    expect(f.store.minutes.get(f.meeting.id)?.size).toBe(1);
    expect(f.workflow).toEqual([]);
  });

  it("an edit makes a new version, audited with the sections changed and by whom, back out for approval", async () => {
    const f = await drafted();
    const result = await editMinutes(
      f.k,
      f.meeting.id,
      1,
      { keyPoints: "Attendance is at 82 percent.\nThe CAMHS assessment is booked." },
      "chair@example.org",
      "page",
    );
    expect(result).toEqual({ version: 2, changed: ["key-points"] });
    expect((await f.store.getMinutesVersion(f.meeting.id, 2)).minutes.keyPoints.map((p) => p.text)).toEqual([
      "Attendance is at 82 percent.",
      "The CAMHS assessment is booked.",
    ]);
    expect((await f.store.listAudit(f.meeting.id)).find((e) => e.what === "minutes-edited")?.detail).toEqual({
      version: 2,
      sections: ["key-points"],
      by: "chair@example.org",
    });
    expect(successes(f)).toEqual([["approval-token", { outcome: "new-version", version: 2 }]]);
  });
});

describe("an address that bounces", () => {
  it("a permanent bounce marks the address (any case) and the chair is told", async () => {
    const f = await held("await-meeting");
    await addressUndeliverable(
      f.k,
      "Mark@School.example.org",
      "bounce",
      true,
      f.meeting.id,
      "550 no such user",
    );
    expect(await f.store.isUndeliverable("mark@school.example.org")).toBe(true);
    expect(f.store.undeliverable.get("mark@school.example.org")).toBe("bounce: 550 no such user");
    expect(f.sent.map((e) => [e.kind, e.to[0]?.email])).toEqual([
      ["undeliverable-alert", "chair@example.org"],
    ]);
    expect(f.sent[0]?.text).toContain("Mark@School.example.org");
    expect((await f.store.listAudit(f.meeting.id)).map((e) => [e.what, e.detail])).toEqual([
      ["undeliverable:bounce", { permanent: true }],
    ]);
  });

  it("a transient bounce marks nothing but the chair still hears; a meeting gone by retention needs no alert", async () => {
    const f = await held("await-meeting");
    await addressUndeliverable(f.k, "mark@school.example.org", "bounce", false, f.meeting.id, "mailbox full");
    expect(await f.store.isUndeliverable("mark@school.example.org")).toBe(false);
    expect(f.sent).toHaveLength(1);
    await addressUndeliverable(f.k, "gone@example.org", "complaint", true, "mgonebyretention", "abuse");
    await addressUndeliverable(f.k, "nomeeting@example.org", "bounce", true, undefined, "550");
    expect(await f.store.isUndeliverable("gone@example.org")).toBe(true);
    expect(await f.store.isUndeliverable("nomeeting@example.org")).toBe(true);
    expect(f.sent).toHaveLength(1);
  });
});
