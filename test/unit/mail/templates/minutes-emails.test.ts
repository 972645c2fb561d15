import { describe, expect, it } from "vitest";
import {
  approvalRequestEmail,
  changeRejectedEmail,
  changeRequestEmail,
  escalationEmail,
  finalMinutesEmail,
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

const minutesText = `1. Introductions\nEveryone present.\n\n2. Updates from ${hostile}`;

describe("the approval request", () => {
  const email = approvalRequestEmail({
    ctx,
    meeting,
    recipient,
    reply,
    version: 2,
    minutesText,
    dueBy: "Friday 11 July 2025",
  });

  it("says in its subject the minutes are for approval, and which version", () => {
    expectSubject(email, "Minutes for approval (v2): Professionals Meeting, ref CH-1042");
    expectKind(email, "approval-request");
  });

  it("asks the attendee to approve or say what to change by the deadline", () => {
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, `The draft minutes (version 2) of the ${meetingLine} are below for your approval.`);
    expectAnswerAsked(email, "Please answer by Friday 11 July 2025.");
    expectInBoth(email, "Reply \u201cApproved\u201d if the minutes are accurate");
  });

  it("quotes the draft after the answer, its paragraphs kept and escaped", () => {
    expect(email.text).toContain(`Draft minutes:\n${minutesText}`);
    expect(email.text.indexOf("Or answer online")).toBeLessThan(email.text.indexOf("Draft minutes:"));
    expect(email.html).toContain(
      "<p>1. Introductions<br>Everyone present.</p>\n<p>2. Updates from Jo &lt;script&gt;",
    );
    expect(email.html).toMatch(/<blockquote [^>]*><p>1\. Introductions/);
  });

  it("asks the chair in bold to name the speakers the transcript could not", () => {
    const chair = approvalRequestEmail({
      ctx,
      meeting,
      recipient: meeting.chair,
      reply,
      version: 1,
      minutesText,
      dueBy: "Friday 11 July 2025",
      speakersToName: ["spk_0", "spk_1"],
      attendeeNames: ["Dr Aisha Karim"],
    });
    expectInBoth(
      chair,
      "The transcript has speakers Convene could not name: spk_0, spk_1.",
      "spk_0 = Dr Aisha Karim",
    );
    expect(chair.html).toMatch(/<p><strong>The transcript has speakers/);
  });

  it("calls the record by its own name where it is not minutes", () => {
    const plan = approvalRequestEmail({
      ctx,
      meeting: { ...meeting, recordName: "Child and Family Progress Plan" },
      recipient,
      reply,
      version: 1,
      minutesText,
      dueBy: "Friday 11 July 2025",
    });
    expectSubject(plan, "Child and Family Progress Plan for approval (v1)");
    expectInBoth(plan, "The draft Child and Family Progress Plan (version 1) of the");
    expectInBoth(plan, "is below for your approval.");
  });

  it("carries the draft's attachments", () => {
    const attached = approvalRequestEmail({
      ctx,
      meeting,
      recipient,
      reply,
      version: 1,
      minutesText,
      dueBy: "Friday 11 July 2025",
      attachments: [
        { filename: "draft.docx", contentType: "application/octet-stream", content: new Uint8Array([1]) },
      ],
    });
    expect(attached.attachments?.map((a) => a.filename)).toEqual(["draft.docx"]);
  });
});

describe("the change request to the chair", () => {
  const email = changeRequestEmail({
    ctx,
    meeting,
    recipient: meeting.chair,
    reply,
    from: { name: hostile, role: "Teacher", agency: "Hill School" },
    version: 2,
    changes: "Item 3 should read <b>this</b>.",
  });

  it("says in its subject who asked for a change and that the chair is asked to accept or reject it", () => {
    expectSubject(email, `Change to the minutes asked for by ${hostile} (v2): accept or reject`);
    expectSubject(email, "ref CH-1042");
    expectKind(email, "change-request");
  });

  it("quotes the change, escaped, says who asked and what deciding does", () => {
    expectAddressedTo(email, meeting.chair);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      `${hostile} (Teacher, Hill School) asks for a change to version 2 of the minutes of the ${meetingLine}:`,
      "Item 3 should read <b>this</b>.",
      "The minutes cannot be agreed until you decide.",
    );
    expect(email.html).not.toContain("<b>this</b>");
  });

  it("asks the chair to answer by reply (Accept, or Reject: reason) on the chair's own token, or online", () => {
    expectAnswerAsked(
      email,
      "Reply \u201cAccept\u201d to make the change, or \u201cReject:\u201d followed by your reason.",
    );
  });
});

describe("the change decision to the requester", () => {
  const email = changeRejectedEmail({
    ctx,
    meeting,
    recipient,
    reply,
    version: 2,
    changes: "Item 3 should read <i>that</i>.",
    reason: `It was said. ${hostile}`,
  });

  it("says in its subject their change was not accepted", () => {
    expectSubject(email, "Your change to the minutes was not accepted: Professionals Meeting");
    expectKind(email, "change-decision");
  });

  it("quotes their change and the chair's reason, says the minutes stand, and offers to approve", () => {
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      `The chair, Sam Chair, did not accept the change you asked for to version 2 of the minutes of the ${meetingLine}:`,
      "Item 3 should read <i>that</i>.",
      "The chair's reason:",
      `It was said. ${hostile}`,
      "If you still disagree, your agency's escalation policy applies",
    );
    expectAnswerAsked(email, "you can reply \u201cApproved\u201d");
  });

  it("leaves out the reason where the chair gave none", () => {
    const bare = changeRejectedEmail({ ctx, meeting, recipient, reply, version: 2, changes: "Item 3." });
    expect(bare.text).not.toContain("The chair's reason");
    expect(bare.html).not.toContain("The chair&#39;s reason");
  });
});

describe("the deemed-agreement confirmation", () => {
  const email = escalationEmail({
    ctx,
    meeting,
    recipient: meeting.chair,
    subject: { name: "Sam Chair", role: "chair" },
    overdue:
      "Minutes version 2: no answer yet from Dr A. Health (GP).\nReply APPROVE to confirm the minutes as agreed by those who have not answered, or chase them.",
    level: 1,
    reason: "approvals-overdue",
    reply,
  });

  it("says in its subject the answers to the minutes are overdue", () => {
    expectSubject(email, "Answers to the minutes overdue: Professionals Meeting, ref CH-1042");
  });

  it("names who has not answered and asks the chair to reply APPROVE, on their own reply address", () => {
    expectAddressedTo(email, meeting.chair);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, "no answer yet from Dr A. Health (GP).", "Reply APPROVE to confirm the minutes");
    expectAnswerAsked(email, "Reply to this email, or answer on the page.");
  });
});

describe("the minutes that cannot be finalised", () => {
  const email = escalationEmail({
    ctx,
    meeting,
    recipient: { name: "Tess Manager", email: "tess@exampleshire.gov.uk" },
    subject: { name: "Sam Chair", role: "chair" },
    overdue:
      "The agreed minutes have no child's views.\nReply with the section: \u201cChild's views: \u2026\u201d",
    level: 2,
    reason: "minutes-blocked",
    reply,
  });

  it("says in its subject the minutes cannot be finalised, and what is missing in the body", () => {
    expectSubject(email, "Minutes cannot be finalised: Professionals Meeting");
    expectInBoth(email, "The agreed minutes have no child's views.", "Reply with the section");
    expectAnswerAsked(email, "Reply to this email, or answer on the page.");
    expect(email.cc).toEqual([{ name: "Sam Chair", email: "sam.chair@exampleshire.gov.uk" }]);
  });
});

describe("the final minutes", () => {
  it("says in its subject the minutes are agreed, and attaches them as Word to file", async () => {
    const email = await finalMinutesEmail({
      ctx,
      meeting,
      recipient,
      minutes: { title: "Minutes", sections: [] },
      version: 3,
      docx: new Uint8Array([1, 2]),
    });
    expectSubject(email, "Agreed minutes: Professionals Meeting, ref CH-1042");
    expectKind(email, "final-minutes");
    expect(email.replyTo).toBeUndefined();
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      `The agreed minutes (version 3) of the ${meetingLine} are attached as a Word document. Please file them on your agency's record for the child.`,
    );
    expect(email.attachments?.map((a) => a.filename)).toEqual(["minutes-CH-1042-v3.docx"]);
  });

  it("says a plan is both the plan and the record of the meeting", async () => {
    const email = await finalMinutesEmail({
      ctx,
      meeting: { ...meeting, recordName: "Child and Family Progress Plan" },
      recipient,
      minutes: { title: "Plan", sections: [] },
      version: 1,
      docx: new Uint8Array([1]),
    });
    expectSubject(email, "Agreed Child and Family Progress Plan");
    expectInBoth(email, "it is both the plan and the record of the meeting");
  });
});
