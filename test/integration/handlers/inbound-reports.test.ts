/**
 * The cloud inbound handler (functions/inbound-email) on the embedded services: a written report
 * attached to apologies is filed with the meeting through the BlobStore port (the documents bucket
 * in the cloud, KMS-encrypted with the authority's key), and the sender of a reply to a closed
 * question is answered.
 */

import { readFile } from "node:fs/promises";
import type { Context } from "aws-lambda";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { replyTo } from "../../../adapters/local/demo-scenario.ts";
import { recordMeetingHeld } from "../../../domain/lifecycle/hold.ts";
import { build as buildInbound } from "../../../functions/inbound-email/handler.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "../../e2e/support.ts";

const context = {
  functionName: "test",
  awsRequestId: "req-1",
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;
const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.runtime.close();
});

/** The SES Lambda event of the fixture (every verdict PASS), for this stored message and recipient. */
async function sesEvent(messageId: string, recipient: string) {
  const event = JSON.parse(await readFile("test/fixtures/emails/ses-lambda-event.json", "utf8"));
  event.Records[0].ses.mail.messageId = messageId;
  event.Records[0].ses.receipt.recipients = [recipient];
  return event;
}

describe("the inbound-email handler", () => {
  it("files a PDF report that came with apologies and answers a reply to the invitation after the meeting", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const person = meeting.invitees.find((p) => p.keyAgency);
    const invitation = t.mailer.latest(meeting.id, "invitation", person?.email ?? "");
    if (!person || !invitation?.replyTo) throw new Error("no invitation to a key agency");
    const template = await readFile("test/fixtures/emails/thunderbird-apologies-pdf-report.eml", "utf8");
    const raw = Buffer.from(
      template.replaceAll("{{FROM}}", person.email).replaceAll("{{REPLY_TO}}", invitation.replyTo.email),
    );
    await t.runtime.deps.blobs.put("inbound-mail/inbound/report-1", new Uint8Array(raw), "message/rfc822");
    const handler = buildInbound(t.runtime.deps);

    expect(await handler(await sesEvent("report-1", invitation.replyTo.email), context)).toMatchObject({
      status: "applied",
    });
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === person.index);
    expect(answer?.attendance).toBe("apologies-with-report");
    const key = answer?.reports?.[0]?.blobKey ?? "";
    expect(key.startsWith(`documents/${meeting.id}/reports/`)).toBe(true);
    const pdf = (await simpleParser(raw)).attachments[0]?.content;
    const stored = await t.runtime.deps.blobs.get(key);
    expect(pdf && stored && Buffer.from(stored).equals(pdf)).toBe(true);

    // After the meeting is held, a second thought on the invitation changes nothing and is answered.
    await t.runtime.advance(new Date(meeting.end).getTime() - t.runtime.clock.now().getTime() + 60_000);
    await recordMeetingHeld(
      t.runtime.kernel,
      meeting.id,
      [meeting.chair, ...meeting.invitees].map((p) => ({
        index: p.index,
        attended: p.index !== person.index,
      })),
      meeting.chair.email,
      "test",
    );
    await t.runtime.settle();
    const late = await replyTo(invitation, person, "Actually I can attend after all.");
    await t.runtime.deps.blobs.put("inbound-mail/inbound/late-1", new Uint8Array(late), "message/rfc822");
    expect(await handler(await sesEvent("late-1", invitation.replyTo.email), context)).toMatchObject({
      status: "closed",
    });
    // Recording attendance keeps the report on the answer.
    const after = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === person.index);
    expect(after?.attendance).toBe("apologies-with-report");
    expect(after?.reports?.map((r) => r.blobKey)).toEqual([key]);
    expect(t.mailer.latest(meeting.id, "reply-not-applied", person.email)?.text).toContain(
      "already been held",
    );
  }, 60_000);
});
