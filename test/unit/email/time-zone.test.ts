import { describe, expect, it } from "vitest";
import {
  cancellationEmail,
  invitationEmail,
  type MailContext,
  type MeetingInfo,
} from "#adapters/mail/templates.ts";

const ctx: MailContext = {
  authorityName: "Test Council",
  from: { name: "Convene", email: "convene@example.org" },
  baseUrl: "https://convene.example.org",
};
const meeting = (timezone?: string): MeetingInfo => ({
  meetingId: "m1",
  typeName: "Professionals Meeting",
  childReference: "C-1",
  start: new Date("2026-03-10T09:00:00Z"),
  end: new Date("2026-03-10T10:30:00Z"),
  chair: { name: "Priya Shah", email: "priya@example.org" },
  ...(timezone ? { timezone } : {}),
});
const invite = (timezone?: string) =>
  invitationEmail({
    ctx,
    meeting: meeting(timezone),
    recipient: { name: "Jo", email: "jo@example.org" },
    reply: { token: "t", replyTo: "reply+t@reply.example.org" },
    agenda: { title: "", lines: [], sections: [] },
    preReading: [],
    attendees: [{ name: "Jo", email: "jo@example.org" }],
    sequence: 0,
    stamp: new Date("2026-03-01T09:00:00Z"),
  });

describe("every date and time an email shows is in the authority's time zone", () => {
  it("Europe/London by default: 09:00 UTC in March is 09:00, with London's VTIMEZONE", async () => {
    const email = await invite();
    expect(email.text).toContain("Tuesday 10 March 2026, 09:00");
    expect(email.text).toContain("09:00\u201310:30");
    expect(email.calendar?.content).toMatch(/DTSTART;TZID=Europe\/London:20260310T090000/);
  });

  it("another zone the authority sets: the words in that zone, the calendar entry in UTC", async () => {
    const email = await invite("Europe/Paris");
    expect(email.text).toContain("Tuesday 10 March 2026, 10:00");
    expect(email.text).toContain("10:00\u201311:30");
    expect(email.subject).toContain("10 Mar 2026");
    expect(email.calendar?.content).toMatch(/DTSTART:20260310T090000Z/);
    expect(email.calendar?.content).not.toContain("TZID=Europe/London");
  });

  it("a cancellation's calendar entry follows the same zone", () => {
    const email = cancellationEmail({
      ctx,
      meeting: meeting("Europe/Paris"),
      recipient: { name: "Jo", email: "jo@example.org" },
      attendees: [{ name: "Jo", email: "jo@example.org" }],
      sequence: 1,
      stamp: new Date("2026-03-01T09:00:00Z"),
    } as never);
    expect(email.calendar?.content).toMatch(/DTSTART:20260310T090000Z/);
  });
});
