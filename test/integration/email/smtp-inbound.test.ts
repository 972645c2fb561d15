/**
 * The local SMTP server as `convene start` wires it (applyRawReply with the SMTP envelope), driven
 * by a real SMTP client (nodemailer): permanent rejections are 5xx so the client gives up, and the
 * inbound rule judges the simulated verdicts as the cloud judges SES's.
 */
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyTo } from "#adapters/local/demo-scenario.ts";
import { applyRawReply } from "#adapters/local/inbound.ts";
import { type SmtpInbound, startSmtpInbound } from "#adapters/local/smtp-inbound.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "../../e2e/support.ts";

let t: TestRuntime;
let smtp: SmtpInbound;

beforeAll(async () => {
  t = await startTestRuntime();
  const desk = t.runtime.replyDesk();
  smtp = await startSmtpInbound({
    port: 0,
    onMessage: async (raw, envelope) => {
      await applyRawReply(desk, raw, envelope.to, envelope.from);
      await t.runtime.settle();
    },
  });
});
afterAll(async () => {
  await smtp?.close();
  await t?.runtime.close();
});

async function send(
  raw: string | Buffer,
  from = "jo@school.example.sch.uk",
  to = "reply+abc@reply.localhost",
) {
  const client = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, ignoreTLS: true });
  try {
    return await client.sendMail({ envelope: { from, to: [to] }, raw });
  } finally {
    client.close();
  }
}

const head =
  "From: Jo Bloggs <jo@school.example.sch.uk>\r\nTo: reply+abc@reply.localhost\r\nSubject: RE: x\r\n";

describe("the local SMTP server", () => {
  it("answers 554 with the reason for MIME nested 3000 deep, so the client does not retry", async () => {
    let raw = head;
    let close = "";
    for (let i = 0; i < 3000; i++) {
      raw += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
      close = `\r\n--b${i}--\r\n${close}`;
    }
    await expect(send(`${raw}Content-Type: text/plain\r\n\r\nYes${close}`)).rejects.toMatchObject({
      responseCode: 554,
      response: expect.stringMatching(/^554 not accepted: MIME parts are nested more than 50 deep$/),
    });
  });

  it("answers 554 for 20,000 header fields and for a body that is not an email", async () => {
    const fields = Array.from({ length: 20_000 }, (_, i) => `X-Filler-${i}: v`).join("\r\n");
    await expect(send(`${head}${fields}\r\n\r\nYes\r\n`)).rejects.toMatchObject({
      responseCode: 554,
      response: expect.stringMatching(/header fields in one header section$/),
    });
    await expect(send('{"meeting": "abc", "answer": "yes"}\r\n')).rejects.toMatchObject({
      responseCode: 554,
      response: expect.stringMatching(/^554 not an email: /),
    });
  });

  it("receives a reply whose envelope sender is another organization, refuses it, audits it and answers nobody", async () => {
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const person = meeting.invitees[0];
    const invitation = person && t.mailer.latest(meeting.id, "invitation", person.email);
    if (!person || !invitation?.replyTo) throw new Error("no invitation");
    const raw = await replyTo(invitation, person, "Yes, I will attend.");
    const sentBefore = t.mailer.sent.length;

    // The SMTP transaction succeeds (as SES accepts before the rule runs): nothing to retry.
    const forged = await send(raw, "bounce@attacker.example", invitation.replyTo.email);
    expect(forged.response).toMatch(/^250/);
    const answers = await t.runtime.store.listAnswers(meeting.id);
    expect(answers.find((a) => a.index === person.index)?.attendance).toBe("not-responded");
    const refused = (await t.runtime.store.listAudit(meeting.id)).filter((e) => e.what === "reply-refused");
    expect(refused.map((e) => e.detail)).toEqual([
      { reason: "receipt-refused", detail: "no DMARC policy; SPF PASS not aligned with the From domain" },
    ]);
    expect(JSON.stringify(refused)).not.toContain(person.email);
    // A forged sender must not get mail: nothing was sent to anyone.
    expect(t.mailer.sent.length).toBe(sentBefore);

    // The same reply with the invitee's own envelope sender is applied.
    await send(
      Buffer.from(
        raw.toString("latin1").replace(/^Message-ID: <[^>]*>/im, "Message-ID: <aligned@example>"),
        "latin1",
      ),
      person.email,
      invitation.replyTo.email,
    );
    const after = await t.runtime.store.listAnswers(meeting.id);
    expect(after.find((a) => a.index === person.index)?.attendance).toBe("attending");
  });
});
