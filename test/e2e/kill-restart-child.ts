/**
 * The child process of kill-restart.test.ts (run with `node --import tsx`, from the repository
 * root): the embedded runtime on an on-disk data folder, the demo authority, a virtual clock from
 * the demo's start, the real outbox. It resumes what was in flight, then drives the seed 000
 * meeting on from wherever it is: each step does only what has not happened yet, so the same steps
 * run again after a kill carry the meeting on. CONVENE_FAULT_KILL_AFTER (see
 * adapters/local/fault-injection.ts) kills it with SIGKILL at the point the test chose.
 *
 * Usage: kill-restart-child.ts DATA_DIR STEP...; steps: `clock`, `resume`, `start`, `held`,
 * `approve`, `cancel`, `advance:<duration>`, `report`. Each prints one JSON line: `{"step": ..., ...}`.
 */

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { parseClockDuration } from "../../adapters/local/clocks.ts";
import { demoStart, replyTo } from "../../adapters/local/demo-scenario.ts";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import { LocalRuntime } from "../../adapters/local/runtime.ts";
import { cancel } from "../../domain/lifecycle/cancel.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import type { OutgoingEmail } from "../../domain/ports/mailer.ts";

const [dataDir, ...steps] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: kill-restart-child.ts DATA_DIR STEP...");
const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

const runtime = await LocalRuntime.start({ dataDir, virtualStart: demoStart });
// The meeting's id is kept beside the data before the meeting is stored, so a kill while it
// starts still leaves the next run knowing which meeting to drive (the review meeting is another).
const idFile = join(dataDir, "test-meeting-id");
const newId = runtime.deps.newMeetingId;
runtime.deps.newMeetingId = () => {
  const id = newId();
  if (!existsSync(idFile)) writeFileSync(idFile, id);
  return id;
};
const meetingId = () => (existsSync(idFile) ? readFileSync(idFile, "utf8") : undefined);

interface OutboxEmail {
  file: string;
  kind: string;
  to: string[];
  messageId: string;
  date: string;
  subject: string;
  text: string;
  replyTo?: string;
  meetingId: string;
}

async function outbox(): Promise<OutboxEmail[]> {
  const files = (await readdir(runtime.outboxDir)).filter((f) => f.endsWith(".eml")).sort();
  const emails: OutboxEmail[] = [];
  for (const file of files) {
    const mail = await simpleParser(await readFile(join(runtime.outboxDir, file)));
    const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
    emails.push({
      file,
      kind: String(mail.headers.get("x-convene-kind") ?? ""),
      meetingId: String(mail.headers.get("x-convene-meeting") ?? ""),
      to,
      messageId: mail.messageId ?? "",
      date: mail.date?.toISOString() ?? "",
      subject: mail.subject ?? "",
      text: mail.text ?? "",
      replyTo: mail.replyTo?.value[0]?.address,
    });
  }
  return emails;
}

for (const step of steps) {
  const id = meetingId();
  if (step === "clock") {
    const dates = (await outbox()).map((e) => e.date).sort();
    out({ step, now: runtime.clock.now().toISOString(), newestEmail: dates.at(-1) ?? null });
  } else if (step === "resume") {
    out({ step, ...(await runtime.resume()) });
  } else if (step === "start") {
    if (!id) {
      await runtime.startMeeting(
        JSON.parse(await readFile("examples/demo/professionals-meeting.json", "utf8")),
      );
    }
    out({ step, started: !id });
  } else if (step === "held") {
    const meeting = id ? await runtime.store.getMeeting(id) : undefined;
    if (meeting?.phase === "await-meeting") {
      // Transcripts come by upload only; uploading again after a kill just stores it again.
      await runtime.uploadTranscript(
        meeting.id,
        await readFile("examples/demo/professionals-meeting.vtt"),
        "professionals-meeting.vtt",
      );
      await runtime.advanceTo(new Date(new Date(meeting.end).getTime() + 60_000));
      await recordMeetingHeld(
        runtime.kernel,
        meeting.id,
        [meeting.chair, ...meeting.invitees].map((p) => ({ index: p.index, attended: true })),
        meeting.chair.email,
        "test",
      );
      await runtime.settle();
    }
    out({ step, held: meeting?.phase === "await-meeting" });
  } else if (step === "approve") {
    let replies = 0;
    const meeting = id ? await runtime.store.getMeeting(id) : undefined;
    if (meeting && meeting.minutesVersion > 0) {
      const answered = new Set(
        (await runtime.store.listApprovals(meeting.id, meeting.minutesVersion)).map((a) => a.index),
      );
      const desk = runtime.replyDesk();
      for (const email of (await outbox()).filter((e) => e.kind === "approval-request")) {
        const person = [meeting.chair, ...meeting.invitees].find(
          (p) => p.email.toLowerCase() === email.to[0],
        );
        if (!person || answered.has(person.index) || !email.replyTo) continue;
        answered.add(person.index);
        const original = {
          kind: "approval-request",
          from: { name: "Convene", email: "convene@demo.convene.local" },
          replyTo: { email: email.replyTo },
          subject: email.subject,
          text: email.text,
        } as OutgoingEmail;
        await applyRawReply(desk, await replyTo(original, person, "Approved, no changes."));
        await runtime.settle();
        replies++;
      }
    }
    out({ step, replies });
  } else if (step === "cancel") {
    const meeting = id ? await runtime.store.getMeeting(id) : undefined;
    const cancelling = meeting !== undefined && meeting.phase !== "cancelled" && meeting.phase !== "closed";
    if (meeting && cancelling) {
      await cancel(runtime.kernel, meeting.id, "The family has moved out of the area.", "chair", "test");
      await runtime.settle();
    }
    out({ step, cancelled: cancelling });
  } else if (step.startsWith("advance:")) {
    out({ step, now: (await runtime.advance(parseClockDuration(step.slice(8)))).toISOString() });
  } else if (step === "report") {
    if (!id) throw new Error("no meeting to report on");
    const audit = await runtime.store.listAudit(id);
    out({
      step,
      id,
      phase: (await runtime.store.getMeeting(id)).phase,
      actions: (await runtime.store.listActions(id)).map((a) => ({ number: a.number, status: a.status })),
      approvals: (
        await runtime.store.listApprovals(id, (await runtime.store.getMeeting(id)).minutesVersion)
      ).map((a) => ({ index: a.index, response: a.response })),
      files: (await readdir(runtime.outboxDir)).filter((f) => f.endsWith(".eml")).sort(),
      // Escalations keep their text: it names the action, which tells two to the same person apart.
      outbox: (await outbox()).map(({ kind, to, messageId, subject, text, meetingId }) => ({
        kind,
        meetingId,
        to,
        messageId,
        subject,
        text: kind === "escalation" ? text : "",
      })),
      audit: audit.map((e) => ({ what: e.what, detail: e.detail })),
      inFlight: await runtime.store.listInFlight(),
    });
  } else {
    throw new Error(`unknown step ${step}`);
  }
}
await runtime.close();
process.exit(0);
