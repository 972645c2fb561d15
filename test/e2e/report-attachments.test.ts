/**
 * Apologies with attachments (issue 16, finding 7), as real MIME through the reply desk on the
 * embedded runtime: only a document is a written report; it is stored with the meeting and
 * recorded on the invitee's answer and the audit.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import type { Invitee, Meeting } from "../../domain/lifecycle/model.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "./support.ts";

const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.runtime.close();
});

/** A fixture reply, addressed from `person` to the reply address of the email they answer. */
async function fixtureReply(name: string, person: Invitee, replyAddress: string): Promise<Buffer> {
  const text = await readFile(join("test/fixtures/emails", name), "utf8");
  return Buffer.from(text.replaceAll("{{FROM}}", person.email).replaceAll("{{REPLY_TO}}", replyAddress));
}

async function keyAgencyInvited(
  t: TestRuntime,
): Promise<{ meeting: Meeting; person: Invitee; replyAddress: string }> {
  const { meeting } = await t.runtime.startMeeting(await demoInput());
  const person = meeting.invitees.find((p) => p.keyAgency);
  if (!person) throw new Error("the demo meeting has no key agency");
  const replyAddress = t.mailer.latest(meeting.id, "invitation", person.email)?.replyTo?.email;
  if (!replyAddress) throw new Error("no invitation reply address");
  return { meeting, person, replyAddress };
}

describe("a written report is a document attached to the apologies", () => {
  it("asks for the report when Outlook's apologies carry only a signature logo and the decline's invite.ics", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting, person, replyAddress } = await keyAgencyInvited(t);
    const raw = await fixtureReply("outlook-decline-signature-logo.eml", person, replyAddress);

    const outcome = await applyRawReply(t.runtime.replyDesk(), raw);
    await t.runtime.settle();

    expect(outcome).toMatchObject({ status: "applied", intent: "apologies" });
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === person.index);
    expect(answer).toMatchObject({ attendance: "apologies", reportReceived: false });
    expect(answer?.reports).toBeUndefined();
    expect(t.mailer.latest(meeting.id, "report-request", person.email)).toBeDefined();
    const audit = await t.runtime.store.listAudit(meeting.id);
    expect(audit.some((e) => e.what === "report-received")).toBe(false);
  }, 60_000);

  it("files the PDF sent in answer to the report request, after apologies without one", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting, person, replyAddress } = await keyAgencyInvited(t);
    await applyRawReply(
      t.runtime.replyDesk(),
      await fixtureReply("outlook-decline-signature-logo.eml", person, replyAddress),
    );
    await t.runtime.settle();
    const request = t.mailer.latest(meeting.id, "report-request", person.email)?.replyTo?.email;
    if (!request) throw new Error("no report request");

    const raw = await fixtureReply("thunderbird-apologies-pdf-report.eml", person, request);
    const outcome = await applyRawReply(t.runtime.replyDesk(), raw);
    await t.runtime.settle();

    expect(outcome).toMatchObject({ status: "applied", intent: "apologies" });
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === person.index);
    expect(answer).toMatchObject({ attendance: "apologies-with-report", reportReceived: true });
    expect(answer?.reports?.map((r) => r.filename)).toEqual(["gp-report.pdf"]);
    const reportRequests = t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "report-request");
    expect(reportRequests).toHaveLength(1);
    // The report reaches the chair, attached as it came (seed 001), once.
    const toChair = t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "report-received");
    expect(toChair.map((e) => e.to[0]?.email)).toEqual([meeting.chair.email]);
    expect(toChair[0]?.attachments?.map((a) => [a.filename, a.contentType])).toEqual([
      ["gp-report.pdf", "application/pdf"],
    ]);
    expect(toChair[0]?.subject).toContain("Written report from");
    await applyRawReply(
      t.runtime.replyDesk(),
      await fixtureReply("thunderbird-apologies-pdf-report.eml", person, request),
    );
    await t.runtime.settle();
    expect(t.mailer.forMeeting(meeting.id).filter((e) => e.kind === "report-received")).toHaveLength(1);
  }, 60_000);

  it("chases a key agency's report not yet sent, before the meeting, with its report reply address", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting, person, replyAddress } = await keyAgencyInvited(t);
    await applyRawReply(
      t.runtime.replyDesk(),
      await fixtureReply("outlook-decline-signature-logo.eml", person, replyAddress),
    );
    await t.runtime.settle();
    await t.runtime.advanceTo(new Date(new Date(meeting.start).getTime() - 2 * 3_600_000));
    const chased = t.mailer
      .forMeeting(meeting.id)
      .filter((e) => e.kind === "reminder" && e.to[0]?.email === person.email);
    expect(chased).toHaveLength(1);
    expect(chased[0]?.subject).toContain("Reminder: written report");
    expect(chased[0]?.replyTo?.email).toMatch(/^reply\+/);
  }, 60_000);

  it("records apologies with the report when a PDF is attached, and stores the PDF to read back", async () => {
    // A data folder on disk: the report is read back from the runtime's own blob store.
    const dataDir = await mkdtemp(join(tmpdir(), "convene-report-"));
    const t = await startTestRuntime({ dataDir, memory: false });
    open.push(t);
    const { meeting, person, replyAddress } = await keyAgencyInvited(t);
    const raw = await fixtureReply("thunderbird-apologies-pdf-report.eml", person, replyAddress);
    const pdf = (await simpleParser(raw)).attachments[0]?.content;
    if (!pdf) throw new Error("the fixture has no PDF");
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const outcome = await applyRawReply(t.runtime.replyDesk(), raw);
    await t.runtime.settle();

    expect(outcome).toMatchObject({ status: "applied", intent: "apologies" });
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === person.index);
    expect(answer).toMatchObject({ attendance: "apologies-with-report", reportReceived: true });
    expect(answer?.reports).toHaveLength(1);
    const [report] = answer?.reports ?? [];
    expect(report).toMatchObject({
      filename: "gp-report.pdf",
      contentType: "application/pdf",
      size: pdf.length,
    });
    // The key names the meeting and person by id, never the file's name.
    expect(report?.blobKey).toMatch(
      new RegExp(`^documents/${meeting.id}/reports/${person.index}/[0-9a-f]{32}$`),
    );
    const stored = await t.runtime.deps.blobs.get(report?.blobKey ?? "");
    expect(stored && Buffer.from(stored).equals(pdf)).toBe(true);
    expect(t.mailer.latest(meeting.id, "report-request", person.email)).toBeUndefined();
    const received = (await t.runtime.store.listAudit(meeting.id)).filter(
      (e) => e.what === "report-received",
    );
    expect(received.map((e) => e.detail)).toEqual([
      { person: person.index, blobKey: report?.blobKey, contentType: "application/pdf", size: pdf.length },
    ]);
  }, 60_000);
});
