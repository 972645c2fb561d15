import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SesMailer } from "#adapters/aws/ses-mailer.ts";
import { OutboxMailer } from "#adapters/local/outbox-mailer.ts";
import { type SmtpInbound, startSmtpInbound } from "#adapters/local/smtp-inbound.ts";
import {
  cancellationEmail,
  type MailContext,
  type MeetingInfo,
  reviewScheduledEmail,
} from "#adapters/mail/templates.ts";

const ctx: MailContext = {
  authorityName: "Exampleshire County Council",
  from: { name: "Exampleshire Convene", email: "convene@exampleshire.gov.uk" },
  baseUrl: "http://127.0.0.1:8080",
};
const meeting: MeetingInfo = {
  meetingId: "k5xq2a7bmn3pr4st",
  typeName: "Care Planning Meeting",
  childReference: "CH-77",
  start: new Date("2025-12-04T14:00:00Z"),
  end: new Date("2025-12-04T15:00:00Z"),
  chair: { name: "Sam Chair", email: "sam.chair@exampleshire.gov.uk" },
};
const recipient = { name: "Jo Bloggs", email: "jo@school.example.sch.uk" };
const reviewFacts = {
  typeName: "Review Professionals Meeting",
  when: "Tuesday 28 April 2026, 10:00",
  basis: "agreed" as const,
  latest: null,
  late: false,
  movedOffHoliday: false,
  actions: 2,
  openActions: 1,
};

let dir: string;
let servers: SmtpInbound[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "convene-outbox-"));
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await rm(dir, { recursive: true, force: true });
});

async function smtp(onMessage: Parameters<typeof startSmtpInbound>[0]["onMessage"], maxBytes?: number) {
  const server = await startSmtpInbound({ port: 0, onMessage, ...(maxBytes ? { maxBytes } : {}) });
  servers.push(server);
  return server;
}

describe("OutboxMailer", () => {
  it("writes each email as <timestamp>-<kind>-<n>.eml, atomically, readable MIME", async () => {
    const mailer = new OutboxMailer(dir, undefined, { now: () => new Date("2025-12-01T09:30:00.123Z") });
    const first = await mailer.send(reviewScheduledEmail({ ctx, meeting, recipient, review: reviewFacts }));
    const second = await mailer.send(
      cancellationEmail({ ctx, meeting, recipient, attendees: [recipient], sequence: 1, stamp: new Date() }),
    );
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([
      "20251201T093000123Z-cancellation-2.eml",
      "20251201T093000123Z-review-scheduled-1.eml",
    ]);
    expect(first.location).toBe(join(dir, "20251201T093000123Z-review-scheduled-1.eml"));
    const parsed = await simpleParser(await readFile(second.location));
    expect(parsed.messageId).toBe(`<${second.messageId}>`);
    expect(parsed.subject).toContain("Cancelled: Care Planning Meeting, ref CH-77");
    expect(parsed.date?.toISOString()).toBe("2025-12-01T09:30:00.000Z");
  });

  it("never overwrites an earlier .eml after a restart: numbering carries on from the folder", async () => {
    const at = { now: () => new Date("2025-12-01T09:30:00.123Z") };
    const email = reviewScheduledEmail({ ctx, meeting, recipient, review: reviewFacts });
    const before = await new OutboxMailer(dir, undefined, at).send(email);
    const evidence = await readFile(before.location);
    // A new process on the same folder, its clock at the same instant (a virtual clock after a kill).
    const after = await new OutboxMailer(dir, undefined, at).send(email);
    expect(after.location).not.toBe(before.location);
    expect(await readFile(before.location)).toEqual(evidence);
    expect((await readdir(dir)).sort()).toEqual([
      "20251201T093000123Z-review-scheduled-1.eml",
      "20251201T093000123Z-review-scheduled-2.eml",
    ]);
  });

  it("writes an email whose Message-ID it already holds only once, across a restart", async () => {
    const email = {
      ...reviewScheduledEmail({ ctx, meeting, recipient, review: reviewFacts }),
      messageId: "3f1c0a9e5b7d4c2a@exampleshire.gov.uk",
    };
    const first = await new OutboxMailer(dir).send(email);
    // Killed after writing it, before the copy was marked sent: the restart sends it again.
    const again = await new OutboxMailer(dir).send(email);
    expect(again).toEqual(first);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain("jo@");
    expect((await simpleParser(await readFile(first.location))).messageId).toBe(`<${email.messageId}>`);
  });

  it("relays a copy over SMTP, and keeps the file when the relay is down", async () => {
    const received: { raw: Buffer; to: string[] }[] = [];
    const relay = await smtp((raw, envelope) => {
      received.push({ raw, to: envelope.to });
    });
    const mailer = new OutboxMailer(dir, { host: "127.0.0.1", port: relay.port });
    const sent = await mailer.send(reviewScheduledEmail({ ctx, meeting, recipient, review: reviewFacts }));
    mailer.close();
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(["jo@school.example.sch.uk"]);
    expect((await simpleParser(received[0]?.raw ?? "")).messageId).toBe(`<${sent.messageId}>`);

    const errors: string[] = [];
    const down = new OutboxMailer(
      dir,
      { host: "127.0.0.1", port: 1 },
      { onRelayError: (e) => errors.push(e.message) },
    );
    const kept = await down.send(reviewScheduledEmail({ ctx, meeting, recipient, review: reviewFacts }));
    down.close();
    expect(errors).toHaveLength(1);
    expect((await readFile(kept.location)).length).toBeGreaterThan(500);
  });
});

describe("startSmtpInbound", () => {
  it("receives a reply sent by a real SMTP client on loopback", async () => {
    const got: Buffer[] = [];
    const server = await smtp((raw) => {
      got.push(raw);
    });
    const client = nodemailer.createTransport({
      host: "127.0.0.1",
      port: server.port,
      secure: false,
      ignoreTLS: true,
    });
    await client.sendMail({
      from: "Jo Bloggs <jo@school.example.sch.uk>",
      to: "reply+abc@reply.localhost",
      subject: "Re: Invitation",
      text: "Yes, I'll be there\n\nOn Mon, 1 Dec 2025, Convene wrote:\n> Please reply",
      messageId: "<smtp-test@school.example.sch.uk>",
    });
    client.close();
    expect(got).toHaveLength(1);
    const parsed = await simpleParser(got[0] ?? "");
    expect(parsed.messageId).toBe("<smtp-test@school.example.sch.uk>");
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : "").toBe("reply+abc@reply.localhost");
  });

  it("tells the client when a message is refused or too large, so it is not lost silently", async () => {
    const failing = await smtp(() => {
      throw new Error("store unavailable");
    });
    const client = nodemailer.createTransport({ host: "127.0.0.1", port: failing.port, ignoreTLS: true });
    await expect(client.sendMail({ from: "a@b.c", to: "d@e.f", text: "hi" })).rejects.toThrow(
      /451.*store unavailable/,
    );
    client.close();

    const small = await smtp(() => undefined, 1024);
    const client2 = nodemailer.createTransport({ host: "127.0.0.1", port: small.port, ignoreTLS: true });
    await expect(client2.sendMail({ from: "a@b.c", to: "d@e.f", text: "x".repeat(5000) })).rejects.toThrow(
      /552/,
    );
    client2.close();
  });

  it("listens on loopback only", async () => {
    await expect(
      startSmtpInbound({ port: 0, host: "0.0.0.0" as "127.0.0.1", onMessage: () => undefined }),
    ).rejects.toThrow(/loopback only/);
  });
});

describe("SesMailer", () => {
  it("sends the raw MIME through SES v2 with the configuration set and id tags", async () => {
    const requests: { body: string; target: string }[] = [];
    // The real SDK client (serialisation, signing, retries, parsing) with the HTTP call served locally.
    const client = new SESv2Client({
      region: "eu-west-2",
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
      requestHandler: {
        handle: async (request: { body: string; path: string }) => {
          requests.push({ body: request.body, target: request.path });
          return {
            response: {
              statusCode: 200,
              headers: { "content-type": "application/json" },
              body: Buffer.from(JSON.stringify({ MessageId: "0102018c-ses-id" })),
            },
          };
        },
      } as never,
    });
    const mailer = new SesMailer(client, "convene-events");
    const sent = await mailer.send(reviewScheduledEmail({ ctx, meeting, recipient, review: reviewFacts }));
    expect(sent.location).toBe("0102018c-ses-id");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.target).toBe("/v2/email/outbound-emails");
    const body = JSON.parse(requests[0]?.body ?? "{}");
    expect(body.ConfigurationSetName).toBe("convene-events");
    expect(body.Destination.ToAddresses).toEqual(["jo@school.example.sch.uk"]);
    expect(body.EmailTags).toEqual([
      { Name: "kind", Value: "review-scheduled" },
      { Name: "meeting", Value: "k5xq2a7bmn3pr4st" },
    ]);
    const parsed = await simpleParser(Buffer.from(body.Content.Raw.Data, "base64"));
    expect(parsed.messageId).toBe(`<${sent.messageId}>`);
    expect(parsed.subject).toContain("Review convened for");
  });
});
