/**
 * The invitation as the lifecycle sends it (adapters/messages/email-messages.ts), through real MIME
 * and a Word reader: seed 000's agenda lists who is invited with their email addresses and the
 * agreed pre-reading, filled from the meeting, once.
 */
import { simpleParser } from "mailparser";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { toRawMime } from "#adapters/mail/mime.ts";
import { EmailMessages } from "#adapters/messages/email-messages.ts";
import { fillAgenda, professionalsMeetingAgenda } from "#domain/catalog/index.ts";
import type { Invitee } from "#domain/lifecycle/model.ts";
import { testInvitee as invitee, testMeeting, testSettings } from "../../unit/lifecycle/support.ts";

describe("the invitation's agenda lists the meeting's own people and pre-reading (seed 000)", () => {
  it("names every invitee with role, agency and email under 'Attendees & email addresses', and the shared pre-reading once", async () => {
    const filled = fillAgenda(professionalsMeetingAgenda, {
      child: "CH-1",
      date: "Wednesday 1 July 2026",
      time: "10:00",
    });
    const meeting = testMeeting({
      agenda: { title: filled.title, lines: filled.lines, sections: filled.sections },
      invitees: [
        invitee(1, {
          name: "Dr Helen Ward",
          role: "gp",
          agency: "Riverside Surgery",
          email: "helen@surgery.example",
        }),
        invitee(2, {
          name: "Mark Bell",
          role: "senco",
          agency: "Oakfield Primary",
          email: "senco@oakfield.example",
        }),
      ],
      preReading: [
        { title: "Parent 'All About Me' document", court: false, shared: true },
        { title: "Cognitive assessment (court bundle)", court: true, shared: false },
      ],
      phase: "invite",
    });
    const messages = new EmailMessages(
      { authorityName: testSettings.name, from: testSettings.email.from, baseUrl: "http://127.0.0.1:8787" },
      () => new Date("2026-06-20T09:00:00Z"),
    );
    const email = await messages.invitation(meeting, meeting.invitees[1] as Invitee, {
      token: "t",
      address: "reply+t@reply.example.org",
      pageUrl: "http://127.0.0.1:8787/a/t",
    });
    const parsed = await simpleParser(
      await toRawMime(email, { messageId: "x@example.org", date: new Date() }),
    );
    const docx = parsed.attachments.find((a) => a.filename?.endsWith(".docx"));
    const word = (await mammoth.extractRawText({ buffer: docx?.content as Buffer })).value;
    for (const [where, text] of [
      ["text", parsed.text ?? ""],
      ["word", word],
    ] as const) {
      const attendees = text.slice(text.indexOf("Attendees & email addresses"), text.indexOf("Apologies"));
      expect(attendees, where).toContain("Chris Chair \u2013 Chair");
      expect(attendees, where).toContain(
        "Dr Helen Ward \u2013 GP, Riverside Surgery \u2013 helen@surgery.example",
      );
      expect(attendees, where).toContain(
        "Mark Bell \u2013 SENCo, Oakfield Primary \u2013 senco@oakfield.example",
      );
      expect(attendees.indexOf("Chris Chair"), where).toBeLessThan(attendees.indexOf("Dr Helen Ward"));
      // Shared pre-reading listed once, in the agenda; a court document held back is not listed.
      expect(text.split("Parent 'All About Me' document").length - 1, where).toBe(1);
      expect(text, where).not.toContain("Cognitive assessment");
    }
    expect(parsed.html).toContain("Dr Helen Ward \u2013 GP, Riverside Surgery \u2013 helen@surgery.example");
  });
});
