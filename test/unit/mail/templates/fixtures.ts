/** Shared data and expectations for the email template tests: a hostile name, to prove escaping. */
import { expect } from "vitest";
import { escapeHtml } from "#adapters/mail/html.ts";
import type { MailContext, MeetingInfo, Recipient, ReplyHandle } from "#adapters/mail/templates.ts";
import type { OutgoingEmail } from "#domain/ports/mailer.ts";

export const ctx: MailContext = {
  authorityName: "Exampleshire County Council",
  from: { name: "Exampleshire Convene", email: "convene@exampleshire.gov.uk" },
  baseUrl: "https://answers.exampleshire.gov.uk/",
};

export const hostile = `Jo <script>alert("x")</script> O'Neil & Co`;

export const meeting: MeetingInfo = {
  meetingId: "k5xq2a7bmn3pr4st",
  typeName: "Professionals Meeting",
  childReference: "CH-1042",
  // 10:00 BST.
  start: new Date("2025-07-03T09:00:00Z"),
  end: new Date("2025-07-03T10:30:00Z"),
  onlineLink: "https://teams.example/meet/123",
  chair: { name: "Sam Chair", email: "sam.chair@exampleshire.gov.uk" },
};

export const recipient: Recipient = { name: hostile, email: "jo@school.example.sch.uk" };

export const reply: ReplyHandle = { token: "tok123", replyTo: "r+tok123@reply.exampleshire.gov.uk" };

export const answerUrl = "https://answers.exampleshire.gov.uk/r/tok123";

/** "Professionals Meeting (case reference CH-1042) on Thursday 3 July 2025, 10:00" */
export const meetingLine = "Professionals Meeting (case reference CH-1042) on Thursday 3 July 2025, 10:00";

/** The subject is marked, names what the email is and the case reference, on one line. */
export function expectSubject(email: OutgoingEmail, says: string | RegExp): void {
  expect(email.subject.startsWith("OFFICIAL-SENSITIVE: ")).toBe(true);
  expect(email.subject).not.toMatch(/[\r\n]/);
  if (typeof says === "string") expect(email.subject).toContain(says);
  else expect(email.subject).toMatch(says);
}

/** The OFFICIAL-SENSITIVE marking opens and closes both parts; the footer names the authority. */
export function expectMarkedTopAndBottom(email: OutgoingEmail): void {
  const lines = email.text.trimEnd().split("\n");
  expect(lines[0]).toBe("OFFICIAL-SENSITIVE");
  expect(lines.at(-1)).toBe("OFFICIAL-SENSITIVE");
  expect(email.html).toMatch(/<body[^>]*>\s*<p [^>]*>OFFICIAL-SENSITIVE<\/p>/);
  expect(email.html).toMatch(/<p [^>]*>OFFICIAL-SENSITIVE<\/p>\s*<\/body><\/html>$/);
  const footer = "Sent by Convene for Exampleshire County Council.";
  expect(email.text).toContain(footer);
  expect(email.html).toContain(footer);
}

/** Each fact appears in the text as written and in the HTML escaped. */
export function expectInBoth(email: OutgoingEmail, ...facts: string[]): void {
  for (const fact of facts) {
    expect(email.text, `text: ${fact}`).toContain(fact);
    expect(email.html, `html: ${fact}`).toContain(escapeHtml(fact));
  }
}

/** The email is to the recipient and greets them by name in both parts; the HTML never carries the name as markup. */
export function expectAddressedTo(email: OutgoingEmail, to: Recipient): void {
  expect(email.to).toEqual([{ name: to.name, email: to.email }]);
  expectInBoth(email, `Dear ${to.name},`);
  expect(email.html).not.toContain("<script>");
}

/** The answer: the reply address as Reply-To, and the answer page in both parts. */
export function expectAnswerAsked(email: OutgoingEmail, how: string): void {
  expect(email.replyTo?.email).toBe(reply.replyTo);
  expectInBoth(email, how, answerUrl);
  expect(email.text).toContain(`Or answer online: ${answerUrl}`);
  expect(email.html).toMatch(new RegExp(`<a href="${answerUrl}"[^>]*>Answer online</a>`));
}

/** The email's kind in its X-Convene-Kind header, marked Auto-Submitted. */
export function expectKind(email: OutgoingEmail, kind: string): void {
  expect(email.kind).toBe(kind);
  expect(email.headers?.["X-Convene-Kind"]).toBe(kind);
  expect(email.headers?.["Auto-Submitted"]).toBe("auto-generated");
}
