import { describe, expect, it } from "vitest";
import {
  closedQuestionWords,
  helpEmail,
  replyNotAppliedEmail,
  replyRefusedEmail,
  undeliverableAlertEmail,
} from "#adapters/mail/templates.ts";
import {
  ctx,
  expectAddressedTo,
  expectAnswerAsked,
  expectInBoth,
  expectKind,
  expectMarkedTopAndBottom,
  expectSubject,
  hostile,
  meeting,
  meetingLine,
  recipient,
  reply,
} from "./fixtures.ts";

describe("the undeliverable alert", () => {
  const alert = (kind: "bounce" | "complaint", permanent: boolean) =>
    undeliverableAlertEmail({
      ctx,
      meeting,
      address: `<x>${hostile}@school.example`,
      kind,
      permanent,
      emailKind: "invitation",
      detail: "550 <mailbox> unknown",
    });

  it("says in its subject an email could not be delivered, to the chair", () => {
    const email = alert("bounce", true);
    expectSubject(email, "Email could not be delivered: Professionals Meeting, ref CH-1042");
    expectKind(email, "undeliverable-alert");
    expectAddressedTo(email, meeting.chair);
  });

  it("names the address in bold, what happened to which email, and asks the chair to reach the person another way", () => {
    const email = alert("bounce", true);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      `cannot be delivered to (permanent bounce) (the invitation email) for the ${meetingLine}.`,
      "Details: 550 <mailbox> unknown",
      "Please contact the person another way and correct their address in the meeting.",
    );
    expect(email.text).toContain(`The address <x>${hostile}@school.example cannot be delivered to`);
    expect(email.html).toContain("The address <strong>&lt;x&gt;Jo &lt;script&gt;");
    expect(email.html).not.toContain("<x>");
  });

  it("tells a temporary bounce and a complaint apart", () => {
    expectInBoth(alert("bounce", false), "could not be delivered to for now (temporary bounce)");
    expectInBoth(alert("complaint", false), "marked Convene's email as spam");
  });
});

describe("the reply not applied", () => {
  const email = replyNotAppliedEmail({
    ctx,
    meeting,
    recipient,
    closed: { reason: "minutes-superseded", version: 3 },
  });

  it("says in its subject their reply was not recorded, with nothing to answer", () => {
    expectSubject(email, "Your reply was not recorded: Professionals Meeting, ref CH-1042");
    expectKind(email, "reply-not-applied");
    expect(email.replyTo).toBeUndefined();
  });

  it("heads the email with what happened and says what to do instead", () => {
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expect(email.text.split("\n")[2]).toBe("The minutes have been updated");
    expectInBoth(
      email,
      `Thank you for your reply about the ${meetingLine}.`,
      "The minutes have been updated to version 3, so your answer about an earlier version was not recorded.",
      "Please use the link in the email with version 3 of the minutes to answer.",
    );
  });

  it("gives the same words as the answer page, naming the chair", () => {
    const words = closedQuestionWords({ reason: "meeting-cancelled" }, { chair: hostile, when: "x" });
    const cancelled = replyNotAppliedEmail({
      ctx,
      meeting: { ...meeting, chair: { name: hostile, email: "c@x.example" } },
      recipient,
      closed: { reason: "meeting-cancelled" },
    });
    expectInBoth(cancelled, words.what, words.next);
    expect(cancelled.html).not.toContain("<script>");
  });
});

describe("the reply refused", () => {
  it("says the email was not recorded, naming no meeting, and what to do instead", () => {
    const email = replyRefusedEmail({ ctx, recipient, reason: "wrong-sender" });
    expect(email.subject).toBe("Exampleshire County Council: your email was not recorded");
    expectKind(email, "reply-refused");
    expect(email.meetingId).toBe("none");
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      "only they can answer it from their own address.",
      "This mailbox is not read by a person.",
    );
    expect(email.text).not.toContain("CH-1042");
    expect(email.text).not.toContain(meeting.typeName);
  });
});

describe("the help reply", () => {
  it("says it could not read the reply and lists the words it understands, with the answer page", () => {
    const email = helpEmail({ ctx, meeting, recipient, reply, purpose: "invitation" });
    expectSubject(email, "We could not read your reply: Professionals Meeting");
    expectKind(email, "help");
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, `Sorry, we could not tell what your email about the ${meetingLine} was answering.`);
    expect(email.text).toContain("- \u201cYes, I will attend\u201d\n- \u201cApologies\u201d");
    expect(email.html).toContain("<li>\u201cI cannot attend\u201d</li>");
    expectAnswerAsked(email, "Or answer with the buttons on the answer page.");
  });
});
