import { readFile } from "node:fs/promises";
import type { Context } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { replyTo } from "../../../adapters/local/demo-scenario.ts";
import { reschedule } from "../../../domain/lifecycle/reschedule.ts";
import { build as buildInbound } from "../../../functions/inbound-email/handler.ts";
import { build as buildFeedback } from "../../../functions/ses-feedback/handler.ts";
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

/** The SES Lambda event of the fixture, pointed at this message and these verdicts. */
async function sesEvent(
  messageId: string,
  recipient: string,
  verdicts: Partial<Record<"spam" | "virus" | "spf" | "dkim" | "dmarc", string>>,
) {
  const event = JSON.parse(await readFile("test/fixtures/emails/ses-lambda-event.json", "utf8"));
  const ses = event.Records[0].ses;
  ses.mail.messageId = messageId;
  ses.receipt.recipients = [recipient];
  for (const [k, v] of Object.entries(verdicts)) ses.receipt[`${k}Verdict`] = { status: v };
  return event;
}

describe("the SES handlers against the embedded services", () => {
  it("applies an SES-delivered reply only when its verdicts pass, reading the raw message from the inbound-mail store", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const person = meeting.invitees[0];
    const invitation = t.mailer.latest(meeting.id, "invitation", person?.email ?? "");
    if (!person || !invitation?.replyTo) throw new Error("no invitation");
    const raw = await replyTo(invitation, person, "Yes, I will attend.");
    await t.runtime.deps.blobs.put("inbound-mail/inbound/msg-1", new Uint8Array(raw), "message/rfc822");
    await t.runtime.deps.blobs.put("inbound-mail/inbound/msg-2", new Uint8Array(raw), "message/rfc822");
    const handler = buildInbound(t.runtime.deps);

    const spam = await handler(await sesEvent("msg-1", invitation.replyTo.email, { spam: "FAIL" }), context);
    expect(spam).toMatchObject({ status: "refused", reason: "receipt-refused" });
    let answers = await t.runtime.store.listAnswers(meeting.id);
    expect(answers.find((a) => a.index === person.index)?.attendance).toBe("not-responded");

    const ok = await handler(await sesEvent("msg-2", invitation.replyTo.email, {}), context);
    expect(ok).toMatchObject({ status: "applied" });
    answers = await t.runtime.store.listAnswers(meeting.id);
    expect(answers.find((a) => a.index === person.index)?.attendance).toBe("attending");
    // SES may deliver the same message twice: one effect only.
    expect(await handler(await sesEvent("msg-2", invitation.replyTo.email, {}), context)).toMatchObject({
      status: "duplicate",
    });
  }, 60_000);

  it("refuses an SES reply whose only pass is SPF for an attacker's envelope sender, audits it and answers nobody", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const person = meeting.invitees[0];
    const invitation = t.mailer.latest(meeting.id, "invitation", person?.email ?? "");
    if (!person || !invitation?.replyTo) throw new Error("no invitation");
    const reply = await replyTo(invitation, person, "Yes, I will attend.");
    // As SES stores it: its Return-Path and Authentication-Results on top of the sender's message.
    const stored = Buffer.concat([
      Buffer.from(
        "Return-Path: <bounce@attacker.example>\r\n" +
          "Authentication-Results: amazonses.com; spf=pass (spfCheck: domain of attacker.example designates 203.0.113.9 as permitted sender) client-ip=203.0.113.9; envelope-from=bounce@attacker.example; helo=mail.attacker.example; dkim=none; dmarc=none header.from=" +
          `${person.email.split("@")[1]};\r\n`,
      ),
      reply,
    ]);
    await t.runtime.deps.blobs.put("inbound-mail/inbound/forged", new Uint8Array(stored), "message/rfc822");
    const event = await sesEvent("forged", invitation.replyTo.email, {
      dmarc: "GRAY",
      spf: "PASS",
      dkim: "GRAY",
    });
    event.Records[0].ses.mail.source = "bounce@attacker.example";
    const sent = t.mailer.sent.length;

    const result = await buildInbound(t.runtime.deps)(event, context);
    expect(result).toEqual({ status: "refused", reason: "receipt-refused" });
    const answers = await t.runtime.store.listAnswers(meeting.id);
    expect(answers.find((a) => a.index === person.index)?.attendance).toBe("not-responded");
    const audit = (await t.runtime.store.listAudit(meeting.id)).filter((e) => e.what === "reply-refused");
    expect(audit.map((e) => e.detail)).toEqual([
      { reason: "receipt-refused", detail: "no DMARC policy; SPF PASS not aligned with the From domain" },
    ]);
    expect(t.mailer.sent.length).toBe(sent);
  }, 60_000);

  it("refuses a stored SES message that is not an email instead of failing (so Lambda does not retry it)", async () => {
    const t = await startTestRuntime();
    open.push(t);
    await t.runtime.deps.blobs.put(
      "inbound-mail/inbound/junk",
      new Uint8Array(Buffer.from('{"not": "an email"}')),
      "message/rfc822",
    );
    const event = await sesEvent("junk", "reply+abc@reply.example", {});
    expect(await buildInbound(t.runtime.deps)(event, context)).toEqual({
      status: "refused",
      reason: "not-an-email",
    });
  }, 60_000);

  it("marks a permanently bounced address undeliverable, alerts the chair, and sends it nothing more", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const bounced = meeting.invitees[2]?.email ?? "";
    const event = JSON.parse(await readFile("test/fixtures/emails/ses-bounce.json", "utf8"));
    event.bounce.bouncedRecipients = [
      {
        emailAddress: bounced,
        status: "5.1.1",
        action: "failed",
        diagnosticCode: "smtp; 550 5.1.1 user unknown",
      },
    ];
    for (const h of event.mail.headers) if (h.name === "X-Convene-Meeting") h.value = meeting.id;
    const result = await buildFeedback(t.runtime.deps)(event, context);
    expect(result).toEqual({ marked: 1 });
    expect(await t.runtime.store.isUndeliverable(bounced)).toBe(true);
    const alert = t.mailer.sent.find((e) => e.kind === "undeliverable-alert");
    expect(alert?.to.map((a) => a.email)).toEqual([meeting.chair.email]);
    // A reschedule re-sends invitations: none goes to the bounced address.
    const before = t.mailer.sent.length;
    await reschedule(
      t.runtime.kernel,
      meeting.id,
      new Date("2026-03-11T10:00:00Z"),
      new Date("2026-03-11T11:30:00Z"),
      "chair",
      "test",
    );
    const updates = t.mailer.sent.slice(before).filter((e) => e.kind === "invitation-update");
    expect(updates.some((e) => e.to.some((a) => a.email === bounced))).toBe(false);
    expect(updates).toHaveLength(9);
  }, 60_000);
});
