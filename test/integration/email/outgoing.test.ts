import { simpleParser } from "mailparser";
import mammoth from "mammoth";
import ical from "node-ical";
import { describe, expect, it } from "vitest";
import { toRawMime } from "#adapters/mail/mime.ts";
import {
  actionReminderEmail,
  approvalRequestEmail,
  cancellationEmail,
  escalationEmail,
  finalMinutesEmail,
  helpEmail,
  invitationEmail,
  type MailContext,
  type MeetingInfo,
  recordAttendanceEmail,
  reminderEmail,
  reportRequestEmail,
  reviewScheduledEmail,
  subjectPrefix,
  undeliverableAlertEmail,
} from "#adapters/mail/templates.ts";
import { fillAgenda, type MeetingAgenda, professionalsMeetingAgenda } from "#domain/catalog/index.ts";
import { replyAddress, signReplyToken } from "#domain/email/reply-token.ts";
import type { OutgoingEmail } from "#domain/ports/mailer.ts";

const secret = "test-secret-0123456789abcdef";
const ctx: MailContext = {
  authorityName: "Exampleshire County Council",
  from: { name: "Exampleshire Convene", email: "convene@exampleshire.gov.uk" },
  baseUrl: "https://answers.exampleshire.gov.uk/",
};
// A hostile name and free text, to prove escaping; the child is only ever a reference.
const hostile = `Jo <script>alert("x")</script> O'Neil & Co`;
const meeting: MeetingInfo = {
  meetingId: "k5xq2a7bmn3pr4st",
  typeName: "Professionals Meeting",
  childReference: "CH-1042",
  // 10:00 BST: the calendar must say 10:00 Europe/London, not 09:00.
  start: new Date("2025-07-03T09:00:00Z"),
  end: new Date("2025-07-03T10:30:00Z"),
  onlineLink: "https://teams.example/meet/123",
  chair: { name: "Sam Chair", email: "sam.chair@exampleshire.gov.uk" },
};
const recipient = { name: hostile, email: "jo@school.example.sch.uk" };
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
const token = signReplyToken(
  {
    meetingId: meeting.meetingId,
    person: 1,
    purpose: "invitation",
    ref: 0,
    expiresAt: new Date("2025-07-10T00:00:00Z"),
  },
  secret,
);
const reply = { token, replyTo: replyAddress(token, "reply.exampleshire.gov.uk") };
const attendees = [recipient, { name: "Dr A. Health", email: "a.health@nhs.example" }];
/** An agenda of one section whose items are `items`. */
const agendaOf = (...items: string[]): MeetingAgenda => ({
  title: "",
  lines: [],
  sections: [{ heading: "Agenda", items: items.map((text) => ({ text })) }],
});

async function roundTrip(email: OutgoingEmail) {
  const raw = await toRawMime(email, {
    messageId: "fixed@exampleshire.gov.uk",
    date: new Date("2025-06-01T08:00:00Z"),
  });
  return { raw, parsed: await simpleParser(raw) };
}

function vevent(text: string) {
  const data = ical.sync.parseICS(text);
  const event = Object.values(data).find((v) => v?.type === "VEVENT");
  if (event?.type !== "VEVENT") throw new Error("no VEVENT");
  return event;
}

describe("invitation email", () => {
  it("carries the marking, reference and date in the subject, never the name, and the signed Reply-To", async () => {
    const email = await invitationEmail({
      ctx,
      meeting,
      recipient,
      reply,
      agenda: agendaOf("Introductions", `Concerns raised by ${hostile}`),
      preReading: ["Child \u201cAll About Me\u201d", "Chronology"],
      attendees,
      sequence: 0,
      stamp: new Date("2025-06-01T08:00:00Z"),
    });
    const { parsed, raw } = await roundTrip(email);
    expect(parsed.subject).toBe(`${subjectPrefix}Invitation: Professionals Meeting, ref CH-1042, 3 Jul 2025`);
    expect(parsed.replyTo?.value[0]?.address).toBe(reply.replyTo);
    expect(parsed.messageId).toBe("<fixed@exampleshire.gov.uk>");
    expect(parsed.headers.get("x-convene-kind")).toBe("invitation");
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated");
    expect(raw.toString("latin1")).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw.toString("latin1")).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    // Escaped in HTML, plain in text; the page link is per token.
    expect(parsed.html).not.toContain("<script>");
    expect(parsed.html).toContain("Jo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Neil &amp; Co");
    expect(parsed.text).toContain(`Dear ${hostile},`);
    expect(parsed.text).toContain(`https://answers.exampleshire.gov.uk/r/${token}`);
    expect(parsed.text).toContain("Thursday 3 July 2025, 10:00 (10:00\u201311:30)");
    expect(parsed.text).toContain("Online meeting: https://teams.example/meet/123");
    expect(parsed.text).toContain("1. Introductions");
    expect(parsed.text).toContain("- Chronology");
  });

  it("attaches an .ics that an independent parser reads back: REQUEST, UID, SEQUENCE, organizer, attendees, London time", async () => {
    const email = await invitationEmail({
      ctx,
      meeting,
      recipient,
      reply,
      agenda: agendaOf("Introductions"),
      preReading: [],
      attendees,
      sequence: 0,
      stamp: new Date("2025-06-01T08:00:00Z"),
    });
    const { parsed } = await roundTrip(email);
    const ics = parsed.attachments.find((a) => a.filename === "invite.ics");
    expect(ics?.contentType).toBe("application/ics");
    const text = ics?.content.toString("utf8") ?? "";
    expect(text).toContain("METHOD:REQUEST");
    expect(text).toContain("DTSTART;TZID=Europe/London:20250703T100000");
    expect(text).toContain("BEGIN:VTIMEZONE");
    const event = vevent(text);
    expect(event.uid).toBe(`${meeting.meetingId}@convene`);
    expect(Number(event.sequence)).toBe(0);
    expect(event.start.toISOString()).toBe("2025-07-03T09:00:00.000Z");
    expect(event.end?.toISOString()).toBe("2025-07-03T10:30:00.000Z");
    expect(String(event.summary)).toBe("Professionals Meeting (ref CH-1042)");
    // Calendar answers go to the authority's Convene address, not the chair's mailbox.
    const organizer = event.organizer as unknown as { val: string; params: Record<string, string> };
    // The organizer is the recipient's own signed reply address (calendar answers go there).
    expect(organizer.val).toBe(`mailto:${email.replyTo?.email}`);
    expect(organizer.val).toMatch(/^mailto:reply\+/);
    expect(organizer.params.CN).toBe("Exampleshire Convene");
    const people = ([] as { val: string; params: Record<string, string> }[]).concat(
      event.attendee as unknown as { val: string; params: Record<string, string> }[],
    );
    expect(people.map((p) => p.val.toLowerCase())).toEqual([
      "mailto:jo@school.example.sch.uk",
      "mailto:a.health@nhs.example",
    ]);
    expect(people.every((p) => String(p.params.RSVP) === "TRUE" || String(p.params.RSVP) === "true")).toBe(
      true,
    );
    expect(people[0]?.params.CN).not.toContain('"');
  });

  it("attaches the agenda as a Word document that Word-reading software can read", async () => {
    const email = await invitationEmail({
      ctx,
      meeting,
      recipient,
      reply,
      agenda: agendaOf("Introductions", "Child's views and how they are gathered"),
      preReading: ["Chronology"],
      attendees,
      sequence: 0,
      stamp: new Date("2025-06-01T08:00:00Z"),
    });
    const { parsed } = await roundTrip(email);
    const docx = parsed.attachments.find((a) => a.filename === "agenda-CH-1042.docx");
    expect(docx?.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const bytes = docx?.content ?? Buffer.alloc(0);
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    // The marking sits in the page header and footer, which text extraction leaves out.
    expect(bytes.includes("word/header1.xml")).toBe(true);
    expect(bytes.includes("word/footer1.xml")).toBe(true);
    expect(value).toContain("Agenda: Professionals Meeting");
    expect(value).toContain("2. Child's views and how they are gathered");
    expect(value).toContain("Chronology");
    expect(value).toContain("https://teams.example/meet/123");
  });

  it("numbers the seed 000 agenda once, sub-items lettered, in the text, HTML, calendar entry and Word agenda", async () => {
    const filled = fillAgenda(professionalsMeetingAgenda, {
      child: "CH-1042",
      date: "Thursday 3 July 2025",
      time: "10:00",
      link: "https://teams.example/meet/123",
      transcriber: "Sam Chair",
    });
    const agenda = { title: filled.title, lines: filled.lines, sections: filled.sections };
    const email = await invitationEmail({
      ctx,
      meeting,
      recipient,
      reply,
      agenda,
      preReading: [],
      attendees: [meeting.chair, ...attendees],
      sequence: 0,
      stamp: new Date("2025-06-01T08:00:00Z"),
    });
    const { parsed } = await roundTrip(email);
    const ics = parsed.attachments.find((a) => a.filename === "invite.ics")?.content.toString("utf8") ?? "";
    const docx = parsed.attachments.find((a) => a.filename?.endsWith(".docx"));
    const word = (await mammoth.extractRawText({ buffer: docx?.content as Buffer })).value;
    const description = String(vevent(ics).description);
    const doubleNumbered = /\d+\.\s+\d+\.\s/;
    for (const [where, text] of [
      ["text", parsed.text ?? ""],
      ["calendar", description],
      ["word", word],
    ] as const) {
      expect(text, where).not.toMatch(doubleNumbered);
      expect(text, where).toMatch(/(^|\n)\s*1\. Allocated social worker to provide an update/);
      expect(text, where).toMatch(/(^|\n)\s*a\. Any services\/support offered/);
      expect(text, where).toContain("Professionals Meeting Agenda re CH-1042");
    }
    // HTML: ordered lists do the numbering, the item text carries none.
    expect(parsed.html).toMatch(/<ol><li>Allocated social worker/);
    expect(parsed.html).toMatch(/<ol type="a"><li>Any services\/support offered/);
    expect(parsed.html).not.toMatch(/<li>\d+\./);
    // The chair is the meeting's chair in the calendar entry, not its organizer.
    const chair = ([] as { val: string; params: Record<string, string> }[])
      .concat(vevent(ics).attendee as unknown as { val: string; params: Record<string, string> }[])
      .find((p) => p.val.toLowerCase() === "mailto:sam.chair@exampleshire.gov.uk");
    expect(chair?.params.ROLE).toBe("CHAIR");
  });

  it("sends a reschedule as an update with a raised SEQUENCE and the same UID", async () => {
    const moved = {
      ...meeting,
      start: new Date("2025-12-04T14:00:00Z"),
      end: new Date("2025-12-04T15:00:00Z"),
    };
    const email = await invitationEmail({
      ctx,
      meeting: moved,
      recipient,
      reply,
      agenda: agendaOf("Introductions"),
      preReading: [],
      attendees,
      sequence: 1,
      stamp: new Date("2025-11-20T08:00:00Z"),
    });
    expect(email.kind).toBe("invitation-update");
    expect(email.subject).toContain("Updated invitation");
    const event = vevent(email.calendar?.content ?? "");
    expect(event.uid).toBe(`${meeting.meetingId}@convene`);
    expect(Number(event.sequence)).toBe(1);
    // Winter: 14:00 UTC is 14:00 in London.
    expect(email.calendar?.content).toContain("DTSTART;TZID=Europe/London:20251204T140000");
    expect(event.start.toISOString()).toBe("2025-12-04T14:00:00.000Z");
  });
});

describe("cancellation email", () => {
  it("carries METHOD:CANCEL for the same UID with a raised SEQUENCE", async () => {
    const email = cancellationEmail({
      ctx,
      meeting,
      recipient,
      attendees,
      sequence: 2,
      stamp: new Date("2025-06-20T08:00:00Z"),
      reason: "The hearing moved <b>forward</b>.",
    });
    const { raw, parsed } = await roundTrip(email);
    expect(raw.toString("latin1")).toMatch(/method=CANCEL/i);
    const ics = parsed.attachments.find((a) => a.filename === "invite.ics")?.content.toString("utf8") ?? "";
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain("STATUS:CANCELLED");
    const event = vevent(ics);
    expect(event.uid).toBe(`${meeting.meetingId}@convene`);
    expect(Number(event.sequence)).toBe(2);
    expect(parsed.html).toContain("The hearing moved &lt;b&gt;forward&lt;/b&gt;.");
  });
});

describe("the other kinds", () => {
  const approvalToken = signReplyToken(
    {
      meetingId: meeting.meetingId,
      person: 1,
      purpose: "approval",
      ref: 3,
      expiresAt: new Date("2025-08-01T00:00:00Z"),
    },
    secret,
  );
  const approvalReply = {
    token: approvalToken,
    replyTo: replyAddress(approvalToken, "reply.exampleshire.gov.uk"),
  };

  it("each has the marking, the reference, no raw markup from free text, and a text alternative", async () => {
    const note = "<img src=x onerror=alert(1)> & more";
    const emails: OutgoingEmail[] = [
      approvalRequestEmail({
        ctx,
        meeting,
        recipient,
        reply: approvalReply,
        version: 3,
        minutesText: `1. ${note}\n\n2. Next`,
        dueBy: "Friday 11 July 2025",
      }),
      reminderEmail({
        ctx,
        meeting,
        recipient,
        reply: approvalReply,
        about: "approval",
        dueBy: "Friday 11 July 2025",
      }),
      escalationEmail({
        ctx,
        meeting,
        recipient: { name: "Line Manager", email: "lm@school.example.sch.uk" },
        subject: { name: hostile, role: "SENCo", agency: "School" },
        overdue: `Action 2: ${note}`,
        level: 1,
      }),
      actionReminderEmail({
        ctx,
        meeting,
        recipient,
        reply,
        action: { number: 2, action: note, timescale: "2 weeks", dueDate: "17 July 2025", notes: note },
        overdue: true,
      }),
      reportRequestEmail({ ctx, meeting, recipient, reply, dueBy: "Wednesday 2 July 2025" }),
      helpEmail({ ctx, meeting, recipient, reply, purpose: "invitation" }),
      undeliverableAlertEmail({
        ctx,
        meeting,
        address: "x<y>@example.com",
        kind: "bounce",
        permanent: true,
        emailKind: "invitation",
        detail: note,
      }),
      reviewScheduledEmail({ ctx, meeting, recipient, review: reviewFacts }),
    ];
    const kinds = new Set<string>();
    for (const email of emails) {
      kinds.add(email.kind);
      expect(email.subject.startsWith(subjectPrefix), email.kind).toBe(true);
      expect(email.subject, email.kind).toContain("ref CH-1042");
      expect(email.html, email.kind).not.toMatch(/<img|<script/);
      expect(email.text.length, email.kind).toBeGreaterThan(50);
      const { parsed } = await roundTrip(email);
      expect(parsed.text, email.kind).toContain("OFFICIAL-SENSITIVE");
    }
    expect(kinds.size).toBe(emails.length);
  });

  it("asks a key agency for a report covering intervention, progress and risk (seed 001, key agency not represented)", () => {
    const email = reportRequestEmail({ ctx, meeting, recipient, reply, dueBy: "Wednesday 2 July 2025" });
    expect(email.text).toContain("your agency's intervention since the last meeting");
    expect(email.text).toContain("progress against the expected outcomes");
    expect(email.text).toContain("any risk and unmet need");
  });

  it("escalates to the line manager with the chair copied (seed 001, escalation policy)", () => {
    const email = escalationEmail({
      ctx,
      meeting,
      recipient: { name: "Line Manager", email: "lm@school.example.sch.uk" },
      subject: { name: "Jo", role: "SENCo" },
      overdue: "Action 2",
      level: 1,
    });
    expect(email.to[0]?.email).toBe("lm@school.example.sch.uk");
    expect(email.cc?.[0]?.email).toBe(meeting.chair.email);
  });

  it("prompts the chair to record who attended, as a prompt (not an escalation, nothing overdue), with the meeting's page", () => {
    const email = recordAttendanceEmail({
      ctx: { ...ctx, baseUrl: "https://convene.exampleshire.gov.uk/reply" },
      meeting,
      recipient: { name: "Sam Chair", email: "sam.chair@exampleshire.gov.uk" },
      dueBy: "Friday 4 July 2025",
    });
    expect(email.kind).toBe("attendance-prompt");
    expect(email.subject).toBe(
      `${subjectPrefix}Record who attended: Professionals Meeting, ref CH-1042, 3 Jul 2025`,
    );
    expect(email.text).toContain("Please record who attended by Friday 4 July 2025");
    expect(email.text).toContain("https://convene.exampleshire.gov.uk/reply/meeting/k5xq2a7bmn3pr4st");
    expect(email.text).not.toMatch(/escalation|level 0|overdue/i);
    expect(email.html).toContain('href="https://convene.exampleshire.gov.uk/reply/meeting/k5xq2a7bmn3pr4st"');
    expect(email.replyTo).toBeUndefined();
  });

  it("alerts the chair about an undeliverable address", () => {
    const email = undeliverableAlertEmail({
      ctx,
      meeting,
      address: "gone@example.com",
      kind: "complaint",
      permanent: true,
    });
    expect(email.to).toEqual([{ name: meeting.chair.name, email: meeting.chair.email }]);
    expect(email.text).toContain("gone@example.com marked Convene's email as spam");
  });

  it("attaches the agreed minutes as a Word document", async () => {
    const email = await finalMinutesEmail({
      ctx,
      meeting,
      recipient,
      version: 4,
      minutes: {
        title: "Minutes: Professionals Meeting",
        subtitle: ["Case reference CH-1042"],
        sections: [
          { heading: "Decisions", bullets: ["Refer to CAMHS"] },
          {
            heading: "Agreed actions",
            table: {
              columns: ["Action", "Timescale", "Responsible professional/department", "Notes"],
              rows: [["Refer to CAMHS", "2 weeks", "GP", ""]],
            },
          },
        ],
      },
    });
    const { parsed } = await roundTrip(email);
    const docx = parsed.attachments.find((a) => a.filename === "minutes-CH-1042-v4.docx");
    const { value } = await mammoth.extractRawText({ buffer: docx?.content ?? Buffer.alloc(0) });
    expect(value).toContain("Responsible professional/department");
    expect(value).toContain("Refer to CAMHS");
  });
});

describe("toRawMime", () => {
  it("refuses custom headers that would override the composer's", async () => {
    const email = reviewScheduledEmail({ ctx, meeting, recipient, review: reviewFacts });
    await expect(toRawMime({ ...email, headers: { Subject: "x" } })).rejects.toThrow(/set by the composer/);
  });
});
