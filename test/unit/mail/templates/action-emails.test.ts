import { describe, expect, it } from "vitest";
import {
  actionDatesToConfirmEmail,
  actionReassignedEmail,
  actionRedatedEmail,
  actionReminderEmail,
  escalationEmail,
  moreTimeAskedEmail,
  moreTimeReceivedEmail,
  moreTimeRefusedEmail,
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

const actionText = `Refer to CAMHS for ${hostile}`;

describe("the action reminder", () => {
  const reminder = (overdue: boolean) =>
    actionReminderEmail({
      ctx,
      meeting,
      recipient,
      reply,
      action: {
        number: 2,
        action: actionText,
        timescale: "2 weeks",
        dueDate: "Friday 18 July 2025",
        notes: "<i>urgent</i>",
      },
      overdue,
    });

  it("says in its subject which action it reminds about", () => {
    expectSubject(reminder(false), "Action 2 reminder: Professionals Meeting, ref CH-1042");
    expectKind(reminder(false), "action-reminder");
  });

  it("shows the action as details rows, escaped, and asks for Done with a note", () => {
    const email = reminder(false);
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, `Action 2, agreed at the ${meetingLine}, is due on Friday 18 July 2025:`);
    expect(email.text).toContain(`Action: ${actionText}\nTimescale: 2 weeks\nNotes: <i>urgent</i>`);
    expect(email.html).toMatch(/<th [^>]*>Notes<\/th><td>&lt;i&gt;urgent&lt;\/i&gt;<\/td>/);
    expectAnswerAsked(
      email,
      "When it is complete, reply \u201cDone\u201d with a short note of what was done",
    );
  });

  it("says an overdue action is overdue, in the subject and the body", () => {
    const email = reminder(true);
    expectSubject(email, "Action 2 overdue");
    expectInBoth(email, "was due on Friday 18 July 2025 and is overdue");
  });
});

describe("each rung of an action's escalation", () => {
  const lineManager = { name: "Lee Manager", email: "lee@school.example.sch.uk" };
  const serviceManager = { name: "Sue Service", email: "sue@exampleshire.gov.uk" };
  const escalate = (to: { name: string; email: string }, level: number) =>
    escalationEmail({
      ctx,
      meeting,
      recipient: to,
      subject: { name: hostile, role: "Teacher", agency: "Hill School" },
      overdue: `Action 2: ${actionText}\nIt was due on Friday 18 July 2025 and is not recorded as done.`,
      level,
      reason: "action-overdue",
      actionText,
    });

  it("names the action and its owner in the subject, on one line", () => {
    const email = escalate(lineManager, 1);
    expectSubject(
      email,
      /^OFFICIAL-SENSITIVE: Action overdue: Refer to CAMHS for Jo .*\(ref CH-1042\) — owner Jo <script>/,
    );
    expectKind(email, "escalation");
  });

  it("tells the owner's line manager (rung 1) whose action is overdue, and to tell the chair the outcome", () => {
    const email = escalate(lineManager, 1);
    expectAddressedTo(email, lineManager);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      "This is an escalation (level 1) under your agency's escalation policy.",
      `This action, owned by ${hostile} (Teacher, Hill School), is overdue; it was agreed at the ${meetingLine}:`,
      "It was due on Friday 18 July 2025 and is not recorded as done.",
      "Please follow this up and let the chair, Sam Chair, know the outcome.",
    );
    expect(email.cc).toEqual([{ name: "Sam Chair", email: "sam.chair@exampleshire.gov.uk" }]);
    expect(email.replyTo).toBeUndefined();
  });

  it("tells the chair (rung 2) to follow it up, without telling the chair to tell themselves", () => {
    const email = escalate(meeting.chair, 2);
    expectInBoth(email, "This is an escalation (level 2)", "Please follow this up.");
    expect(email.text).not.toContain("let the chair");
  });

  it("tells the service manager (rung 3) the level it has reached", () => {
    const email = escalate(serviceManager, 3);
    expectAddressedTo(email, serviceManager);
    expectInBoth(email, "This is an escalation (level 3)");
  });
});

describe("the meeting-level escalations", () => {
  const cases = [
    ["meeting-not-recorded", "Attendance not recorded"],
    ["transcript-missing", "Transcript missing"],
    ["distribution-late", "Minutes sent out late"],
    ["handler-failure", "An automatic step keeps failing"],
    ["undeliverable", "Email could not be delivered"],
  ] as const;
  for (const [reason, label] of cases) {
    it(`says "${label}" in the subject and heading, and what slipped in the body`, () => {
      const email = escalationEmail({
        ctx,
        meeting,
        recipient: meeting.chair,
        subject: { name: "Sam Chair", role: "chair" },
        overdue: `What slipped: <${reason}>`,
        level: 1,
        reason,
      });
      expectSubject(email, `${label}: Professionals Meeting, ref CH-1042`);
      expect(email.text.split("\n")[2]).toBe(`${label}: Professionals Meeting`);
      expectAddressedTo(email, meeting.chair);
      expectMarkedTopAndBottom(email);
      expectInBoth(email, `${label}, for the ${meetingLine}:`, `What slipped: <${reason}>`);
    });
  }

  it("says an escalation with no reason needs attention, and what is overdue from whom", () => {
    const email = escalationEmail({
      ctx,
      meeting,
      recipient,
      subject: { name: "Dr A. Health", role: "GP" },
      overdue: "The report.",
      level: 1,
    });
    expectSubject(email, "Needs your attention: Professionals Meeting");
    expectInBoth(email, "The following is overdue from Dr A. Health (GP), agreed at the");
  });
});

describe("the new date for an action", () => {
  const redated = (withReply: boolean) =>
    actionRedatedEmail({
      ctx,
      meeting,
      recipient,
      ...(withReply ? { reply } : {}),
      action: { number: 4, action: actionText, owner: "Dr A. Health" },
      from: "Friday 18 July 2025",
      to: "Friday 1 August 2025",
      reason: "Waiting list <3 weeks>",
    });

  it("says the new date in its subject and shows was due, now due and why", () => {
    const email = redated(true);
    expectSubject(email, "Action 4: new date Friday 1 August 2025");
    expectKind(email, "action-redated");
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, "A new date has been agreed for action 4 (Dr A. Health)", "Waiting list <3 weeks>");
    expect(email.text).toContain(
      "Was due: Friday 18 July 2025\nNow due: Friday 1 August 2025\nWhy: Waiting list <3 weeks>",
    );
    expectAnswerAsked(email, "You will be reminded before the new date.");
  });

  it("tells the chair's copy the owner has been told, with nothing to answer", () => {
    const email = redated(false);
    expect(email.replyTo).toBeUndefined();
    expectInBoth(email, "The owner has been told and will be reminded before the new date.");
    expect(email.text).not.toContain("Or answer online");
  });
});

describe("more time for an action", () => {
  it("asks the team manager in its subject, naming the owner, quotes the request and links the page to agree a date", () => {
    const email = moreTimeAskedEmail({
      ctx,
      meeting,
      recipient,
      action: { number: 4, action: actionText, owner: "Dr A. Health", due: "Friday 18 July 2025" },
      text: "I need until <b>August</b>.",
      proposed: "Friday 1 August 2025",
      link: "https://answers.exampleshire.gov.uk/team/action/k5/4",
    });
    expectSubject(email, "More time asked for action 4 — owner Dr A. Health");
    expectKind(email, "more-time-asked");
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, "Dr A. Health asks for more time for action 4", "I need until <b>August</b>.");
    expect(email.text).toContain("Due: Friday 18 July 2025\nDate asked for: Friday 1 August 2025");
    expect(email.text).toContain("sign in to Convene: https://answers.exampleshire.gov.uk/team/action/k5/4");
    expect(email.html).toContain(
      '<a href="https://answers.exampleshire.gov.uk/team/action/k5/4">https://answers.exampleshire.gov.uk/team/action/k5/4</a>',
    );
  });

  it("tells the owner their request reached the team manager and the date stands", () => {
    const email = moreTimeReceivedEmail({
      ctx,
      meeting,
      recipient,
      action: { number: 4, action: actionText, due: "Friday 18 July 2025" },
      teamManager: "Tess Manager",
    });
    expectSubject(email, "Action 4: your request for more time was received");
    expectKind(email, "more-time-received");
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, "has gone to Tess Manager, the team manager.", "still due on Friday 18 July 2025");
  });

  it("tells the owner more time was not agreed, quotes the reason, and still asks for Done", () => {
    const email = moreTimeRefusedEmail({
      ctx,
      meeting,
      recipient,
      reply,
      action: { number: 4, action: actionText, due: "Friday 18 July 2025" },
      reason: "The child needs it <now>.",
    });
    expectSubject(email, "Action 4: more time not agreed");
    expectKind(email, "more-time-refused");
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      "was not agreed. It is still due on Friday 18 July 2025.",
      "The child needs it <now>.",
    );
    expectAnswerAsked(email, "When it is complete, reply \u201cDone\u201d");
  });
});

describe("the actions with no date", () => {
  const email = actionDatesToConfirmEmail({
    ctx,
    meeting,
    recipient: meeting.chair,
    actions: [
      {
        number: 1,
        action: actionText,
        provisional: "Thursday 17 July 2025",
        link: "https://answers.exampleshire.gov.uk/team/action/k5/1",
      },
      {
        number: 3,
        action: "Visit",
        provisional: "Thursday 17 July 2025",
        link: "https://answers.exampleshire.gov.uk/team/action/k5/3",
      },
    ],
  });

  it("asks the chair in its subject to set the dates, counting them", () => {
    expectSubject(email, "Set the date of 2 actions agreed without one");
    expectKind(email, "action-dates-to-confirm");
  });

  it("shows each action with its provisional date and a link to set it", () => {
    expectAddressedTo(email, meeting.chair);
    expectMarkedTopAndBottom(email);
    expectInBoth(email, "2 actions agreed at the", actionText);
    expect(email.text).toContain(
      "Action 3: Visit\nProvisional date: Thursday 17 July 2025\nSet the date: https://answers.exampleshire.gov.uk/team/action/k5/3",
    );
    expect(email.html).toContain(
      '<a href="https://answers.exampleshire.gov.uk/team/action/k5/1">Set the date</a>',
    );
  });
});

describe("the action given to someone else", () => {
  const reassigned = (withReply: boolean) =>
    actionReassignedEmail({
      ctx,
      meeting,
      recipient,
      ...(withReply ? { reply } : {}),
      action: { number: 5, action: actionText, due: "Friday 18 July 2025" },
      from: "Dr A. Health",
      to: "Nurse B",
      reason: "Moved team",
    });

  it("tells the new owner in its subject the action is now theirs, and asks for Done", () => {
    const email = reassigned(true);
    expectSubject(email, "Action 5 is now yours");
    expectKind(email, "action-reassigned");
    expectAddressedTo(email, recipient);
    expectMarkedTopAndBottom(email);
    expectInBoth(
      email,
      "is now yours (it was Dr A. Health's). It is due on Friday 18 July 2025.",
      "Moved team",
    );
    expectAnswerAsked(email, "or ask for more time.");
  });

  it("tells the previous owner whom it was given to, with nothing to answer", () => {
    const email = reassigned(false);
    expectSubject(email, "Action 5 given to Nurse B");
    expectInBoth(email, "is no longer yours: it has been given to Nurse B.");
    expect(email.replyTo).toBeUndefined();
    expect(email.html).not.toContain("Answer online");
  });
});
