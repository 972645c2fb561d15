/**
 * Issue 12: no reply is dropped without an answer. An authentic reply that cannot be used (no
 * reply code, a colleague answering from their own address, a code that has expired) changes
 * nothing and is answered, once per message and at most once a day per sender; automatic mail and
 * mail the receipt checks refuse is never answered (its From may be forged).
 */
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyTo } from "../../adapters/local/demo-scenario.ts";
import { applyRawReply, inboundMessage } from "../../adapters/local/inbound.ts";
import { parseInboundEmail } from "../../adapters/mail/parse-inbound.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "./support.ts";

const colleague = { name: "Jo Deputy", email: "jo.deputy@oakfield-primary.example.org" };

describe("replies that cannot be used are answered, never dropped silently", () => {
  let t: TestRuntime;
  let meeting: Meeting;
  const refusals = () => t.mailer.sent.filter((e) => e.kind === "reply-refused");

  beforeAll(async () => {
    t = await startTestRuntime();
    ({ meeting } = await t.runtime.startMeeting(await demoInput()));
    await t.runtime.settle();
  }, 60_000);
  afterAll(async () => {
    await t?.runtime.close();
  });

  it("a colleague answering from their own address is told only the invitee can answer; nothing is recorded", async () => {
    const mark = meeting.invitees.find((p) => p.name === "Mark Bell");
    const invitation = mark && t.mailer.latest(meeting.id, "invitation", mark.email);
    if (!mark || !invitation) throw new Error("Mark Bell was not invited");
    const outcome = await applyRawReply(
      t.runtime.replyDesk(),
      await replyTo(invitation, colleague, "Mark is away; I will attend for the school."),
    );
    expect(outcome).toMatchObject({ status: "refused", reason: "wrong-sender" });
    expect(refusals().map((e) => e.to[0]?.email)).toEqual([colleague.email]);
    const words = refusals()[0]?.text ?? "";
    expect(words).toContain("only they can answer it from their own address");
    // It names no meeting, child or person: the sender is not invited.
    expect(words).not.toMatch(/C-104233|Mark Bell|Priya|Professionals Meeting/);
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === mark.index);
    expect(answer?.attendance).toBe("not-responded");
  });

  it("the same sender again the same day is not answered twice (no mail loop), and the same message never", async () => {
    const mark = meeting.invitees.find((p) => p.name === "Mark Bell");
    const invitation = mark && t.mailer.latest(meeting.id, "invitation", mark.email);
    if (!invitation) throw new Error("no invitation");
    const raw = await replyTo(invitation, colleague, "Sorry, again: I will attend for Mark.");
    await applyRawReply(t.runtime.replyDesk(), raw);
    await applyRawReply(t.runtime.replyDesk(), raw);
    expect(refusals()).toHaveLength(1);
  });

  it("an email with no reply code is answered with what to do instead", async () => {
    const raw = await new MailComposer({
      from: { name: "Dr Helen Ward", address: "helen.ward@riverside-surgery.example.org" },
      to: "convene@reply.demo.convene.local",
      subject: "Meeting next week",
      text: "Hello, can I attend the meeting for C-104233?",
    })
      .compile()
      .build();
    const outcome = await applyRawReply(t.runtime.replyDesk(), raw);
    expect(outcome).toMatchObject({ status: "refused", reason: "no-token" });
    const answer = refusals().find((e) => e.to[0]?.email === "helen.ward@riverside-surgery.example.org");
    expect(answer?.text).toContain("it was not a reply to one of our emails");
  });

  it("automatic mail is never answered", async () => {
    const raw = await new MailComposer({
      from: { name: "Out of office", address: "someone.else@example.org" },
      to: "convene@reply.demo.convene.local",
      subject: "Automatic reply: Meeting",
      text: "I am out of the office until Monday.",
      headers: { "Auto-Submitted": "auto-replied" },
    })
      .compile()
      .build();
    await applyRawReply(t.runtime.replyDesk(), raw);
    expect(refusals().filter((e) => e.to[0]?.email === "someone.else@example.org")).toEqual([]);
  });

  it("mail the receipt checks refuse is never answered: its From may be forged", async () => {
    const raw = await new MailComposer({
      from: { name: "Forged", address: "victim@example.org" },
      to: "convene@reply.demo.convene.local",
      subject: "Hello",
      text: "Hello",
    })
      .compile()
      .build();
    const parsed = await parseInboundEmail(raw);
    const outcome = await t.runtime
      .replyDesk()
      .applyEmail(inboundMessage(parsed, raw, []), { accepted: false, reason: "SPF fail" });
    expect(outcome).toMatchObject({ status: "refused", reason: "receipt-refused" });
    expect(refusals().filter((e) => e.to[0]?.email === "victim@example.org")).toEqual([]);
  });
});
