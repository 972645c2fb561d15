import { describe, expect, it } from "vitest";
import {
  cancellationEmail,
  invitationEmail,
  planOverriddenEmail,
  recordAttendanceEmail,
  reminderEmail,
  reportReceivedEmail,
  reportRequestEmail,
  reviewScheduledEmail,
} from "#adapters/mail/templates.ts";
import {
  answerUrl,
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

const agenda = {
  title: "Professionals Meeting Agenda re CH-1042",
  lines: [],
  sections: [
    {
      heading: "Updates",
      guidance: "Each agency in turn.",
      items: [
        { text: "Introductions" },
        { text: "Allocated social worker's update", subItems: ["Services offered", "Risks"] },
      ],
    },
    { heading: "Plan", items: [{ text: "Actions" }] },
  ],
};

const invitation = (sequence: number, extra: { replyBy?: string } = {}) =>
  invitationEmail({
    ctx,
    meeting,
    recipient,
    reply,
    agenda,
    preReading: [`Chronology ${hostile}`],
    attendees: [recipient],
    sequence,
    stamp: new Date("2025-06-01T08:00:00Z"),
    agendaDocx: new Uint8Array([1, 2, 3]),
    ...extra,
  });

describe("the invitation", () => {
  it("says in its subject it is an invitation to the meeting, by type, case reference and date", async () => {
    const email = await invitation(0);
    expect(email.subject).toBe(
      "OFFICIAL-SENSITIVE: Invitation: Professionals Meeting, ref CH-1042, 3 Jul 2025",
    );
    expectKind(email, "invitation");
  });

  it("invites the recipient by name, with the meeting's details in both parts", async () => {
    const email = await invitation(0);
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      "You are invited to a Professionals Meeting.",
      "CH-1042",
      "Thursday 3 July 2025, 10:00 (10:00\u201311:30)",
      "Sam Chair",
      `Chronology ${hostile}`,
    );
    expect(email.text).toContain("Case reference: CH-1042\nWhen: Thursday 3 July 2025, 10:00");
    expect(email.text).toContain("Online meeting: https://teams.example/meet/123");
    expect(email.html).toContain(
      '<a href="https://teams.example/meet/123">https://teams.example/meet/123</a>',
    );
  });

  it("asks them to attend or send apologies by the reply-by day", async () => {
    const email = await invitation(0, { replyBy: "Monday 30 June 2025" });
    expectAnswerAsked(email, "Please answer by Monday 30 June 2025.");
    expectInBoth(email, "Yes, I will attend", "Apologies");
  });

  it("numbers the agenda once per section, sub-items lettered, under each section's heading", async () => {
    const email = await invitation(0);
    expect(email.text).toContain("Agenda:\nProfessionals Meeting Agenda re CH-1042");
    expect(email.text).toContain(
      "Updates\nEach agency in turn.\n\n1. Introductions\n2. Allocated social worker's update\n   a. Services offered\n   b. Risks",
    );
    expect(email.text).toContain("Plan\n1. Actions");
    expect(email.html).toContain("<p><strong>Professionals Meeting Agenda re CH-1042</strong></p>");
    expect(email.html).toContain(
      '<ol><li>Introductions</li><li>Allocated social worker&#39;s update<ol type="a"><li>Services offered</li><li>Risks</li></ol></li></ol>',
    );
    expect(email.html).toContain('<h3 style="font-size:15px">Plan</h3>');
    expect(email.html).not.toMatch(/<li>\d+\./);
  });

  it("says an agenda with nothing on it is none set", async () => {
    const email = await invitationEmail({
      ctx,
      meeting,
      recipient,
      reply,
      agenda: { title: "", lines: [], sections: [] },
      preReading: [],
      attendees: [recipient],
      sequence: 0,
      stamp: new Date("2025-06-01T08:00:00Z"),
      agendaDocx: new Uint8Array([1]),
    });
    expect(email.text).toContain("Agenda:\nNone set.");
    expect(email.text).toContain("Pre-reading:\nNone.");
    expect(email.html).toContain("<p>None set.</p>");
  });

  it("attaches the agenda as Word and carries the calendar request", async () => {
    const email = await invitation(0);
    expect(email.attachments?.map((a) => a.filename)).toEqual(["agenda-CH-1042.docx"]);
    expect(email.calendar?.method).toBe("REQUEST");
    expect(email.calendar?.content.replace(/\r\n[ \t]/g, "")).toContain(`Answer: ${answerUrl}`);
    expectInBoth(email, "The agenda is attached as a Word document, and a calendar entry is included.");
  });

  it("says an update replaces the earlier invitation, in the subject and the body", async () => {
    const email = await invitation(2);
    expectKind(email, "invitation-update");
    expectSubject(email, "Updated invitation: Professionals Meeting, ref CH-1042");
    expectInBoth(
      email,
      "The Professionals Meeting has changed. The details below replace the earlier invitation.",
    );
    expect(email.text.split("\n")[2]).toBe("Updated invitation: Professionals Meeting");
  });
});

describe("the cancellation", () => {
  const email = cancellationEmail({
    ctx,
    meeting,
    recipient,
    attendees: [recipient],
    sequence: 1,
    stamp: new Date("2025-06-20T08:00:00Z"),
    reason: `The hearing moved <b>forward</b>.\n\nSee ${hostile}.`,
  });

  it("says it is cancelled in the subject, asks nothing, and cancels the calendar entry", () => {
    expectSubject(email, "Cancelled: Professionals Meeting, ref CH-1042");
    expectKind(email, "cancellation");
    expect(email.replyTo).toBeUndefined();
    expect(email.calendar?.method).toBe("CANCEL");
  });

  it("names the recipient and quotes the reason, escaped, in both parts", () => {
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      "The Professionals Meeting below has been cancelled.",
      "The hearing moved <b>forward</b>.",
    );
    expect(email.text).toContain("Reason:\nThe hearing moved <b>forward</b>.\n\nSee");
    expect(email.html).not.toContain("<b>forward</b>");
  });
});

describe("the reminders", () => {
  const cases = [
    ["invitation", "Reminder: please reply", "We have not had your answer to the invitation."],
    ["approval", "Reminder: minutes for approval", "We have not had your approval of the draft minutes."],
    ["report", "Reminder: written report", "We have not had your agency's written report."],
  ] as const;
  for (const [about, label, ask] of cases) {
    it(`reminds about the ${about} in the subject and asks again for the answer by its day`, () => {
      const email = reminderEmail({ ctx, meeting, recipient, reply, about, dueBy: "Friday 4 July 2025" });
      expectSubject(email, `${label}: Professionals Meeting, ref CH-1042`);
      expectKind(email, "reminder");
      expectAddressedTo(email, recipient);
      expectMarkedTopAndBottom(email);
      expectInBoth(email, `${ask} It is about the ${meetingLine}.`);
      expectAnswerAsked(email, "Please reply to this email or answer online by Friday 4 July 2025.");
    });
  }
});

describe("the report request", () => {
  const email = reportRequestEmail({ ctx, meeting, recipient, reply, dueBy: "Wednesday 2 July 2025" });

  it("asks the key agency for its written report in the subject", () => {
    expectSubject(email, "Written report requested: Professionals Meeting");
    expectKind(email, "report-request");
  });

  it("thanks them for their apologies and lists what the report covers, in both parts", () => {
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, `Thank you for your apologies for the ${meetingLine}.`);
    expect(email.text).toContain(
      "- your agency's intervention since the last meeting\n- progress against the expected outcomes\n- any risk and unmet need",
    );
    expect(email.html).toContain("<ul><li>your agency&#39;s intervention since the last meeting</li>");
    expectAnswerAsked(
      email,
      "Please reply to this email with your report attached by Wednesday 2 July 2025.",
    );
  });
});

describe("the report received", () => {
  const email = reportReceivedEmail({
    ctx,
    meeting,
    recipient: meeting.chair,
    from: { name: hostile, role: "Designated Safeguarding Lead", agency: "Hill School" },
    reports: [{ filename: "report <1>.pdf", contentType: "application/pdf", content: new Uint8Array([1]) }],
  });

  it("tells the chair which agency sent a report, and attaches it as it came", () => {
    expectSubject(email, "Written report from Hill School");
    expectKind(email, "report-received");
    expectAddressedTo(email, meeting.chair);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      `${hostile} (Designated Safeguarding Lead, Hill School) sent a written report`,
      "It is attached",
    );
    expect(email.text).toContain("- report <1>.pdf");
    expect(email.html).toContain("<li>report &lt;1&gt;.pdf</li>");
    expect(email.attachments?.map((a) => a.filename)).toEqual(["report <1>.pdf"]);
  });
});

describe("the attendance prompt", () => {
  const email = recordAttendanceEmail({
    ctx,
    meeting,
    recipient: meeting.chair,
    dueBy: "Friday 4 July 2025",
  });

  it("asks the chair in its subject to record who attended", () => {
    expectSubject(email, "Record who attended: Professionals Meeting, ref CH-1042");
    expectKind(email, "attendance-prompt");
    expect(email.replyTo).toBeUndefined();
  });

  it("says the meeting has ended and links its page (one slash after the base URL) in both parts", () => {
    expectAddressedTo(email, meeting.chair);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, `The ${meetingLine} has ended. Please record who attended by Friday 4 July 2025`);
    const page = "https://answers.exampleshire.gov.uk/meeting/k5xq2a7bmn3pr4st";
    expect(email.text).toContain(`Record attendance: ${page}`);
    expect(email.html).toMatch(
      /<a href="https:\/\/answers.exampleshire.gov.uk\/meeting\/k5xq2a7bmn3pr4st"[^>]*>Record attendance<\/a>/,
    );
  });
});

describe("the plan overridden notice", () => {
  const email = planOverriddenEmail({
    ctx,
    meeting,
    recipient,
    overrides: [
      { problem: "The meeting is after its statutory date", reason: `Court ${hostile}` },
      { problem: "No police invited", reason: "No current involvement" },
    ],
  });

  it("says in its subject the meeting was convened against a rule", () => {
    expectSubject(email, "Convened against a rule: Professionals Meeting");
    expectKind(email, "plan-overridden");
  });

  it("lists each rule gone against with the reason under it, and asks nothing unless they disagree", () => {
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      "Sam Chair convened the",
      "breaks 2 rules",
      "Nothing is needed from you unless you disagree",
    );
    expect(email.text).toContain(
      `- The meeting is after its statutory date.\n  Reason given: Court ${hostile}\n- No police invited.\n  Reason given: No current involvement`,
    );
    expect(email.html).toContain("<li>No police invited.<br>Reason given: No current involvement</li>");
  });
});

describe("the review invitation", () => {
  const review = {
    typeName: "Review Professionals Meeting",
    when: "Tuesday 28 April 2026, 10:00",
    basis: "agreed-after-limit" as const,
    latest: "Friday 24 April 2026",
    late: false,
    movedOffHoliday: true,
    actions: 3,
    openActions: 1,
  };
  const email = reviewScheduledEmail({ ctx, meeting, recipient: meeting.chair, review });

  it("says in its subject the review is convened and when", () => {
    expectSubject(email, "Review convened for Tuesday 28 April 2026, 10:00: Professionals Meeting");
    expectKind(email, "review-scheduled");
  });

  it("says when the review is, why on that date, and what its agenda opens with", () => {
    expectAddressedTo(email, meeting.chair);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      `The review of the ${meetingLine} is convened: a Review Professionals Meeting on Tuesday 28 April 2026, 10:00.`,
      "so the review is on the last date it allows (Friday 24 April 2026).",
      "It was moved to the working day before a weekend or bank holiday.",
      "progress on the 3 actions agreed at this meeting (1 still open)",
    );
  });

  it("counts the CLA Reviews when they set the date", () => {
    const cla = reviewScheduledEmail({
      ctx,
      meeting,
      recipient: meeting.chair,
      review: {
        ...review,
        basis: "cadence",
        claReview: { date: "Monday 20 April 2026", required: 2, held: 1 },
      },
    });
    expectInBoth(
      cla,
      "At least 2 Care Planning Meetings must be held before the child's CLA Review on Monday 20 April 2026",
    );
  });
});
