/**
 * The inbound rule (issue 16, finding 8), table-driven over real MIME as SES stores it (its own
 * headers prepended to the sender's) and a real SES Lambda notification, so the From field, the
 * Authentication-Results header and the DKIM signatures are read the way the handler reads them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decideLocalReceipt } from "#adapters/local/inbound.ts";
import { parseAuthenticationResults } from "#adapters/mail/authentication-results.ts";
import { parseInboundEmail } from "#adapters/mail/parse-inbound.ts";
import {
  decideReceipt,
  messageFromSesHeaders,
  parseSesNotification,
  type VerdictStatus,
} from "#adapters/mail/ses-receipt.ts";

const invitee = "jo.bloggs@exampleshire.gov.uk";
const replyAddress = "reply+abcdefgh@reply.exampleshire.gov.uk";

type Check = "spam" | "virus" | "spf" | "dkim" | "dmarc";

interface Row {
  name: string;
  /** SES's verdicts; unset ones are PASS, "missing" leaves the field out. */
  verdicts?: Partial<Record<Check, VerdictStatus | "missing">>;
  /** The envelope MAIL FROM (notification `mail.source`, SES's Return-Path). */
  envelopeFrom?: string;
  /** SES's Authentication-Results value (topmost); null for none. */
  sesAuthResults?: string | null;
  /** The sender's own headers, below SES's. */
  senderHeaders?: string[];
  /** `d=` of each DKIM-Signature in the message. */
  signatures?: string[];
  /** The From header field lines. */
  from?: string[];
  accepted: boolean;
  reason: string | RegExp;
}

const sesAr = (spf: string, dkim: string, dmarc: string) =>
  `amazonses.com; spf=${spf} (spfCheck: domain checked) client-ip=203.0.113.9; envelope-from=${spf.split(" ")[1] ?? ""}; helo=mail.example; ${dkim}; ${dmarc};`;

function storedMessage(row: Row): string {
  const envelopeFrom = row.envelopeFrom ?? invitee;
  const ar =
    row.sesAuthResults === undefined
      ? `amazonses.com; spf=pass (spfCheck: domain of exampleshire.gov.uk designates 203.0.113.9 as permitted sender) client-ip=203.0.113.9; envelope-from=${envelopeFrom}; helo=mail.exampleshire.gov.uk; dkim=pass header.i=@exampleshire.gov.uk; dmarc=pass header.from=exampleshire.gov.uk;`
      : row.sesAuthResults;
  return [
    // What SES prepends (docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-examples.html).
    `Return-Path: <${envelopeFrom}>`,
    `Received: from mail.example (mail.example [203.0.113.9]) by inbound-smtp.eu-west-2.amazonaws.com with SMTP id m1 for ${replyAddress}; Mon, 02 Mar 2026 09:00:00 +0000 (UTC)`,
    "X-SES-Spam-Verdict: PASS",
    "X-SES-Virus-Verdict: PASS",
    ...(ar === null ? [] : [`Authentication-Results: ${ar}`]),
    "X-SES-RECEIPT: AEFBQUFBQUFBQUFFexample",
    "X-SES-DKIM-SIGNATURE: a=rsa-sha256; q=dns/txt; b=abc=; c=relaxed/simple; s=ses; d=amazonses.com; t=1; v=1; bh=abc=; h=From:To;",
    // What the sender wrote.
    ...(row.senderHeaders ?? []),
    ...(row.signatures ?? ["exampleshire.gov.uk"]).map(
      (d) =>
        `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${d}; s=s1; h=from:to:subject; bh=abc=; b=def=`,
    ),
    ...(row.from ?? [`From: Jo Bloggs <${invitee}>`]),
    `To: Convene <${replyAddress}>`,
    "Subject: RE: OFFICIAL-SENSITIVE: Invitation",
    "Message-ID: <m1@exampleshire.gov.uk>",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "Yes, I will attend.",
    "",
  ].join("\r\n");
}

function notification(row: Row): unknown {
  const event = JSON.parse(
    readFileSync(new URL("../../fixtures/emails/ses-lambda-event.json", import.meta.url), "utf8"),
  );
  const ses = event.Records[0].ses;
  ses.mail.source = row.envelopeFrom ?? invitee;
  ses.receipt.recipients = [replyAddress];
  delete ses.receipt.dmarcPolicy;
  for (const check of ["spam", "virus", "spf", "dkim", "dmarc"] as const) {
    const status = row.verdicts?.[check] ?? "PASS";
    if (status === "missing") delete ses.receipt[`${check}Verdict`];
    else ses.receipt[`${check}Verdict`] = { status };
  }
  return event;
}

const gray = { dmarc: "GRAY" } as const;

const rows: Row[] = [
  { name: "accepts a reply whose DMARC passes", accepted: true, reason: "DMARC PASS" },
  {
    name: "refuses an SPF pass for an attacker's Return-Path when the From domain has no DMARC policy",
    verdicts: { ...gray, spf: "PASS", dkim: "GRAY" },
    envelopeFrom: "bounce@attacker.example",
    sesAuthResults: sesAr(
      "pass bounce@attacker.example",
      "dkim=none",
      "dmarc=none header.from=exampleshire.gov.uk",
    ),
    signatures: [],
    accepted: false,
    reason: "no DMARC policy; SPF PASS not aligned with the From domain",
  },
  {
    name: "refuses a DKIM pass signed d=attacker.example when the From domain has no DMARC policy",
    verdicts: { ...gray, spf: "FAIL", dkim: "PASS" },
    envelopeFrom: "bounce@attacker.example",
    sesAuthResults: sesAr(
      "fail bounce@attacker.example",
      "dkim=pass header.i=@attacker.example",
      "dmarc=none header.from=exampleshire.gov.uk",
    ),
    signatures: ["attacker.example"],
    accepted: false,
    reason: "no DMARC policy; DKIM PASS not aligned with the From domain",
  },
  {
    name: "accepts an SPF pass from a subdomain of the From domain's organization (relaxed alignment)",
    verdicts: { ...gray, spf: "PASS", dkim: "GRAY" },
    envelopeFrom: "bounces@mail.exampleshire.gov.uk",
    sesAuthResults: sesAr(
      "pass bounces@mail.exampleshire.gov.uk",
      "dkim=none",
      "dmarc=none header.from=exampleshire.gov.uk",
    ),
    signatures: [],
    accepted: true,
    reason: "no DMARC policy; SPF PASS aligned with the From domain",
  },
  {
    name: "accepts a DKIM pass signed by a subdomain of the From domain's organization",
    verdicts: { ...gray, spf: "FAIL", dkim: "PASS" },
    envelopeFrom: "bounce@attacker.example",
    sesAuthResults: sesAr(
      "fail bounce@attacker.example",
      "dkim=pass header.i=@news.exampleshire.gov.uk",
      "dmarc=none header.from=exampleshire.gov.uk",
    ),
    signatures: ["news.exampleshire.gov.uk"],
    accepted: true,
    reason: "no DMARC policy; DKIM PASS aligned with the From domain",
  },
  {
    name: "refuses an SPF pass for another council under the same public suffix (gov.uk is not one organization)",
    verdicts: { ...gray, spf: "PASS", dkim: "GRAY" },
    envelopeFrom: "bounce@attacker.gov.uk",
    sesAuthResults: sesAr(
      "pass bounce@attacker.gov.uk",
      "dkim=none",
      "dmarc=none header.from=exampleshire.gov.uk",
    ),
    signatures: [],
    accepted: false,
    reason: "no DMARC policy; SPF PASS not aligned with the From domain",
  },
  {
    name: "refuses a DKIM pass that only the sender's own Authentication-Results header claims for the From domain",
    verdicts: { ...gray, spf: "FAIL", dkim: "PASS" },
    envelopeFrom: "bounce@attacker.example",
    sesAuthResults: sesAr(
      "fail bounce@attacker.example",
      "dkim=pass header.i=@attacker.example",
      "dmarc=none header.from=exampleshire.gov.uk",
    ),
    senderHeaders: ["Authentication-Results: amazonses.com; dkim=pass header.d=exampleshire.gov.uk"],
    signatures: ["attacker.example", "exampleshire.gov.uk"],
    accepted: false,
    reason: "no DMARC policy; DKIM PASS not aligned with the From domain",
  },
  {
    name: "refuses a DKIM pass without SES's header when two signatures could be the one that passed",
    verdicts: { ...gray, spf: "FAIL", dkim: "PASS" },
    envelopeFrom: "bounce@attacker.example",
    sesAuthResults: null,
    signatures: ["attacker.example", "exampleshire.gov.uk"],
    accepted: false,
    reason: "no DMARC policy; DKIM PASS not aligned with the From domain",
  },
  {
    name: "accepts a DKIM pass without SES's header when the message carries one aligned signature",
    verdicts: { ...gray, spf: "FAIL", dkim: "PASS" },
    envelopeFrom: "bounce@attacker.example",
    sesAuthResults: null,
    signatures: ["exampleshire.gov.uk"],
    accepted: true,
    reason: "no DMARC policy; DKIM PASS aligned with the From domain",
  },
  {
    name: "refuses a DMARC pass that SES evaluated for another From domain than the one read",
    sesAuthResults: sesAr(
      "pass a@attacker.example",
      "dkim=pass header.i=@attacker.example",
      "dmarc=pass header.from=attacker.example",
    ),
    accepted: false,
    reason: "DMARC was evaluated for another From domain than the one read",
  },
  {
    name: "refuses a virus verdict PROCESSING_FAILED even when DMARC passes",
    verdicts: { virus: "PROCESSING_FAILED" },
    accepted: false,
    reason: "virus verdict PROCESSING_FAILED",
  },
  {
    name: "refuses a spam verdict GRAY even when DMARC passes",
    verdicts: { spam: "GRAY" },
    accepted: false,
    reason: "spam verdict GRAY",
  },
  {
    name: "refuses a message with no virus verdict",
    verdicts: { virus: "missing" },
    accepted: false,
    reason: "no virus verdict",
  },
  {
    name: "refuses a message with no spam verdict",
    verdicts: { spam: "missing" },
    accepted: false,
    reason: "no spam verdict",
  },
  {
    name: "refuses a message with no DMARC verdict",
    verdicts: { dmarc: "missing" },
    accepted: false,
    reason: "no DMARC verdict",
  },
  {
    name: "refuses DMARC FAIL whatever SPF and DKIM say",
    verdicts: { dmarc: "FAIL" },
    accepted: false,
    reason: "DMARC FAIL",
  },
  {
    name: "refuses two From headers even when DMARC passes",
    from: [`From: Jo Bloggs <${invitee}>`, "From: Someone <someone@attacker.example>"],
    accepted: false,
    reason: "2 From headers (exactly one is allowed)",
  },
  {
    name: "refuses a From with two mailboxes even when DMARC passes",
    from: [`From: Jo Bloggs <${invitee}>, someone@attacker.example`],
    accepted: false,
    reason: "From names 2 mailboxes (exactly one is allowed)",
  },
  {
    name: "refuses a From in group syntax even when it holds one mailbox",
    from: [`From: Exampleshire team: Jo Bloggs <${invitee}>;`],
    accepted: false,
    reason: "From uses group syntax (one mailbox is allowed)",
  },
  {
    name: "refuses a message with no From header",
    from: [],
    accepted: false,
    reason: "no From header",
  },
];

describe("the inbound rule on an SES-received message", () => {
  it.each(rows)("$name", async (row) => {
    const email = await parseInboundEmail(storedMessage(row));
    const decision = decideReceipt(parseSesNotification(notification(row)), email);
    expect(decision.accepted).toBe(row.accepted);
    if (typeof row.reason === "string") expect(decision.reason).toBe(row.reason);
    else expect(decision.reason).toMatch(row.reason);
  });

  it("names checks in its reasons, never an address or a domain", async () => {
    for (const row of rows) {
      const email = await parseInboundEmail(storedMessage(row));
      const { reason } = decideReceipt(parseSesNotification(notification(row)), email);
      expect(reason).not.toMatch(/@|attacker|exampleshire/);
    }
  });

  it("gives the reply desk no From address when the rule could not pick exactly one", async () => {
    const two = await parseInboundEmail(
      storedMessage({
        name: "",
        from: [`From: ${invitee}`, "From: x@attacker.example"],
        accepted: false,
        reason: "",
      }),
    );
    expect(two.from).toBeUndefined();
    expect(two.fromField).toMatchObject({ fields: 2 });
  });
});

describe("the inbound rule on a notification read without its message", () => {
  const judged = (headers: Array<{ name: string; value: string }>, truncated = false) => {
    const inbound = parseSesNotification(notification({ name: "", accepted: true, reason: "" }));
    const mail = { ...inbound.mail, headers, headersTruncated: truncated };
    return decideReceipt({ ...inbound, mail }, messageFromSesHeaders(mail)).reason;
  };

  it("reads From from SES's header list with the same one-mailbox rule", () => {
    expect(judged([{ name: "From", value: `Jo <${invitee}>` }])).toBe("DMARC PASS");
    expect(
      judged([
        { name: "From", value: invitee },
        { name: "From", value: "x@attacker.example" },
      ]),
    ).toBe("2 From headers (exactly one is allowed)");
    expect(judged([{ name: "From", value: `${invitee}, x@attacker.example` }])).toBe(
      "From names 2 mailboxes (exactly one is allowed)",
    );
    expect(judged([{ name: "From", value: `team: ${invitee};` }])).toBe(
      "From uses group syntax (one mailbox is allowed)",
    );
    // Truncated headers could hide a second From field.
    expect(judged([{ name: "From", value: invitee }], true)).toBe("no From header");
  });
});

describe("the inbound rule on the embedded runtime's simulated verdicts", () => {
  const plain = (headers: string[]) =>
    [...headers, `To: ${replyAddress}`, "Subject: RE: Invitation", "", "Yes, I will attend.", ""].join(
      "\r\n",
    );

  it("accepts a mail client's reply whose envelope sender is the From address", async () => {
    const email = await parseInboundEmail(plain([`From: Jo Bloggs <${invitee}>`]));
    expect(decideLocalReceipt(email, invitee)).toEqual({
      accepted: true,
      reason: "no DMARC policy; SPF PASS aligned with the From domain",
    });
    // Posted to /inbound or given to `convene mail reply`: no envelope, no Return-Path.
    expect(decideLocalReceipt(email).accepted).toBe(true);
  });

  it("refuses an envelope sender or Return-Path in another organization than the From domain", async () => {
    const email = await parseInboundEmail(plain([`From: Jo Bloggs <${invitee}>`]));
    expect(decideLocalReceipt(email, "bounce@attacker.example")).toEqual({
      accepted: false,
      reason: "no DMARC policy; SPF PASS not aligned with the From domain",
    });
    const delivered = await parseInboundEmail(
      plain(["Return-Path: <bounce@attacker.example>", `From: Jo Bloggs <${invitee}>`]),
    );
    expect(decideLocalReceipt(delivered).accepted).toBe(false);
  });

  it("refuses two From headers, two mailboxes and group syntax as the cloud does", async () => {
    for (const from of [
      [`From: ${invitee}`, "From: x@attacker.example"],
      [`From: ${invitee}, x@attacker.example`],
      [`From: team: ${invitee};`],
    ]) {
      const email = await parseInboundEmail(plain(from));
      expect(decideLocalReceipt(email, invitee).accepted).toBe(false);
    }
  });

  it("refuses a replayed SES message whose stored virus verdict is not PASS", async () => {
    const email = await parseInboundEmail(plain(["X-SES-Virus-Verdict: FAIL", `From: ${invitee}`]));
    expect(decideLocalReceipt(email, invitee)).toEqual({ accepted: false, reason: "virus verdict FAIL" });
  });
});

describe("parseAuthenticationResults", () => {
  it("reads SES's header, whose SPF properties follow as separate items", () => {
    const parsed = parseAuthenticationResults(
      "amazonses.com; spf=pass (spfCheck: domain of example.com designates 203.0.113.0 as permitted sender) client-ip=203.0.113.0; envelope-from=prvs=144d0cba42=sender@example.com; helo=smtp.example.com; dkim=pass header.i=@example.com; dmarc=none header.from=example.com;",
    );
    expect(parsed).toEqual({
      authservId: "amazonses.com",
      results: [
        {
          method: "spf",
          result: "pass",
          properties: {
            "client-ip": "203.0.113.0",
            "envelope-from": "prvs=144d0cba42=sender@example.com",
            helo: "smtp.example.com",
          },
        },
        { method: "dkim", result: "pass", properties: { "header.i": "@example.com" } },
        { method: "dmarc", result: "none", properties: { "header.from": "example.com" } },
      ],
    });
  });

  it("reads an RFC 8601 header with a version, comments and several results", () => {
    expect(
      parseAuthenticationResults(
        'mx.example.org 1; dkim=pass (good (nested) sig) header.d=example.com header.b="ab;cd"; spf=fail smtp.mailfrom=bad.example',
      ),
    ).toEqual({
      authservId: "mx.example.org",
      results: [
        { method: "dkim", result: "pass", properties: { "header.d": "example.com", "header.b": "ab;cd" } },
        { method: "spf", result: "fail", properties: { "smtp.mailfrom": "bad.example" } },
      ],
    });
    expect(parseAuthenticationResults("spf=pass smtp.mailfrom=x")).toBeUndefined();
  });
});
