import { simpleParser } from "mailparser";
import { describe, expect, it } from "vitest";
import { toRawMime } from "#adapters/mail/mime.ts";
import {
  type MailContext,
  type MeetingInfo,
  replyNotAppliedEmail,
  subjectPrefix,
} from "#adapters/mail/templates.ts";
import type { QuestionClosed } from "#domain/email/open-question.ts";

const ctx: MailContext = {
  authorityName: "Exampleshire County Council",
  from: { name: "Exampleshire Convene", email: "convene@exampleshire.gov.uk" },
  baseUrl: "https://answers.exampleshire.gov.uk/",
};
const meeting: MeetingInfo = {
  meetingId: "k5xq2a7bmn3pr4st",
  typeName: "Professionals Meeting",
  childReference: "CH-1042",
  start: new Date("2025-07-03T09:00:00Z"),
  end: new Date("2025-07-03T10:30:00Z"),
  chair: { name: `Sam <b>Chair</b> & Co`, email: "sam.chair@exampleshire.gov.uk" },
};
const recipient = { name: "Jo Bloggs", email: "jo@school.example.sch.uk" };

async function sent(closed: QuestionClosed) {
  const email = replyNotAppliedEmail({ ctx, meeting, recipient, closed });
  return { email, parsed: await simpleParser(await toRawMime(email)) };
}

describe("the automatic answer to a reply whose question is closed", () => {
  it("says the minutes moved on and which version's email to use, with no reply address", async () => {
    const { email, parsed } = await sent({ reason: "minutes-superseded", version: 3 });
    expect(email.kind).toBe("reply-not-applied");
    expect(parsed.subject).toBe(
      `${subjectPrefix}Your reply was not recorded: Professionals Meeting, ref CH-1042, 3 Jul 2025`,
    );
    expect(parsed.replyTo).toBeUndefined();
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(parsed.text).toContain("updated to version 3");
    expect(parsed.text).toContain("use the link in the email with version 3");
  });

  it("tells a late answer to the invitation that the meeting was held and to contact the chair, escaped", async () => {
    const { parsed } = await sent({ reason: "meeting-held" });
    expect(parsed.text).toContain("already been held");
    expect(parsed.text).toContain("contact Sam <b>Chair</b> & Co directly");
    expect(parsed.html).toContain("Sam &lt;b&gt;Chair&lt;/b&gt; &amp; Co");
    expect(parsed.html).not.toContain("<b>Chair</b>");
  });
});
