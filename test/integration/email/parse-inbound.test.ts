import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reportsAmong } from "#adapters/local/inbound.ts";
import { InboundEmailError, parseInboundEmail } from "#adapters/mail/parse-inbound.ts";
import { classifyIntent } from "#domain/email/classify-intent.ts";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/emails/${name}`, import.meta.url));

// Real replies from public test suites (see test/fixtures/emails/README.md).
const clients: [file: string, client: string, from: string, subject: string, fresh: string][] = [
  ["talon-outlook.eml", "Outlook (From/Sent/To header block, ISO-8859-1)", "me@example.com", "Test", "Hello"],
  ["talon-gmail.eml", "Gmail (On … wrote:)", "xxx@gmail.com", "Re: Test", "Hello"],
  ["talon-apple-mail.eml", "Apple Mail (> On … wrote:)", "adam@tictail.com", "Re: Hello there", "Hello"],
  [
    "talon-android.eml",
    "Android (attribution in Russian, base64 UTF-8)",
    "bob@example.com",
    "Re: Test",
    "Hello",
  ],
  ["talon-yahoo.eml", "Yahoo (----- Original Message -----)", "xxx@yahoo.com", "Re: Test", "Hello"],
  ["talon-hotmail.eml", "Hotmail (> quoted headers)", "xxx@hotmail.com", "RE: Test", "Hello"],
];

describe("parseInboundEmail on real client replies", () => {
  for (const [file, client, from, subject, fresh] of clients) {
    it(`takes the fresh text out of a ${client} reply`, async () => {
      const email = await parseInboundEmail(fixture(file));
      expect(email.from?.email).toBe(from);
      expect(email.subject).toBe(subject);
      expect(email.fresh).toBe(fresh);
      expect(email.automatic).toBe(false);
    });
  }

  it("derives text from HTML-only Outlook mail (quoted-printable) and strips its header block", async () => {
    const email = await parseInboundEmail(fixture("outlook2010-html-only-qp.eml"));
    expect(email.text).toContain("From: Foo [mailto:foo@bar.com]");
    expect(email.text).toContain("Hello! How are you?");
    expect(email.fresh).toBe("Hi. I am fine.\n\nThanks,\n\nAlex");
    expect(email.messageId).toBe("000001cabcde$0f1e2d30$2d3c4b5a@bar.com");
    expect(email.date).toBe("2000-01-01T09:15:00.000Z");
  });

  it("decodes ISO-8859-1 quoted-printable text and headers, and lists attachments (Outlook 2000)", async () => {
    const email = await parseInboundEmail(fixture("thunderbird-outlook2000-latin1-qp.eml"));
    expect(email.fresh).toBe("Die Hasen und die Fr\u00f6sche");
    expect(email.to).toEqual([{ name: "Heinz M\u00fcller", email: "mueller@example.com" }]);
    expect(email.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ["blueball2.png", "image/png"],
      ["greenball.png", "image/png"],
      ["redball.png", "image/png"],
    ]);
    expect(email.attachments.every((a) => a.size > 100)).toBe(true);
  });

  it("returns each part's bytes, disposition and Content-ID, so a signature logo and a decline's calendar are told from a report (Outlook)", async () => {
    const email = await parseInboundEmail(fixture("outlook-decline-signature-logo.eml"));
    expect(email.fresh).toBe(
      "Apologies, I cannot attend.\n\nDr Helen Ward\nGP Partner | Riverside Surgery\n[cid:logo.png@01DCAA1F.3B4C5D60]",
    );
    expect(
      email.attachments.map((a) => [
        a.filename,
        a.named,
        a.contentType,
        a.disposition,
        a.contentId,
        a.related,
      ]),
    ).toEqual([
      ["logo.png", true, "image/png", "inline", "logo.png@01DCAA1F.3B4C5D60", true],
      ["attachment", false, "text/calendar", undefined, undefined, false],
      ["invite.ics", true, "application/ics", "attachment", undefined, false],
    ]);
    expect(
      Buffer.from(email.attachments[0]?.content ?? [])
        .subarray(1, 4)
        .toString("latin1"),
    ).toBe("PNG");
    expect(Buffer.from(email.attachments[2]?.content ?? []).toString("utf8")).toContain("PARTSTAT=DECLINED");
    expect(reportsAmong(email.attachments)).toEqual([]);
  });

  it("returns an attached PDF's bytes as a report (Thunderbird)", async () => {
    const email = await parseInboundEmail(fixture("thunderbird-apologies-pdf-report.eml"));
    const [pdf] = email.attachments;
    expect(pdf).toMatchObject({
      filename: "gp-report.pdf",
      contentType: "application/pdf",
      disposition: "attachment",
    });
    expect(pdf?.content.length).toBe(pdf?.size);
    expect(reportsAmong(email.attachments).map((r) => [r.filename, r.contentType, r.content.length])).toEqual(
      [["gp-report.pdf", "application/pdf", pdf?.size]],
    );
  });

  it("decodes a windows-1251 base64 body and an encoded-word subject", async () => {
    const email = await parseInboundEmail(fixture("thunderbird-windows-1251-base64.eml"));
    expect(email.subject).toBe("\u0410\u043b\u0444\u0430\u0432\u0438\u0442");
    expect(email.fresh).toBe("\u0412\u043e\u043f\u0440\u043e\u0441");
  });

  it("never counts words that appear only in quoted text (Gmail quote of an invitation)", async () => {
    const raw = [
      "From: Jo Bloggs <jo@school.example.sch.uk>",
      "To: reply+abc@reply.example.gov.uk",
      "Subject: Re: OFFICIAL-SENSITIVE: Invitation",
      "Message-ID: <quoted-only@mail.gmail.com>",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "Could you send the venue address please?",
      "",
      "On Mon, 1 Dec 2025 at 09:00, Convene <noreply@council.example> wrote:",
      "> Please reply to say whether you will attend: for example \u201cYes, I will attend\u201d.",
      "> Happy to attend? Reply yes.",
      "",
    ].join("\r\n");
    const email = await parseInboundEmail(raw);
    expect(email.fresh).toBe("Could you send the venue address please?");
    expect(classifyIntent(email.fresh, { purpose: "invitation", hasAttachments: false }).intent).toBe(
      "unknown",
    );
    expect(classifyIntent(email.text, { purpose: "invitation", hasAttachments: false }).intent).toBe(
      "accept",
    );
  });

  it("flags out-of-office auto-replies and keeps the verdict headers", async () => {
    const raw = [
      "From: jo@school.example.sch.uk",
      "To: reply+abc@reply.example.gov.uk",
      "Delivered-To: reply+abc@reply.example.gov.uk",
      "Subject: Automatic reply: Invitation",
      "Auto-Submitted: auto-replied",
      "Authentication-Results: mx.example; dmarc=pass header.from=school.example.sch.uk",
      "",
      "I am on annual leave until Monday.",
      "",
    ].join("\r\n");
    const email = await parseInboundEmail(raw);
    expect(email.automatic).toBe(true);
    expect(email.deliveredTo).toEqual(["reply+abc@reply.example.gov.uk"]);
    expect(email.headers["authentication-results"]).toContain("dmarc=pass");
  });

  it("throws one clear line for input that is not an email", async () => {
    for (const bad of ["", "   \n", "hello world\n", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0])]) {
      const error = await parseInboundEmail(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InboundEmailError);
      expect((error as Error).message).not.toContain("\n");
    }
  });
});
