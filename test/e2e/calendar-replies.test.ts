/**
 * Calendar answers (issue 12, item 4): Outlook, Google Calendar and Apple Calendar send an iTIP
 * METHOD:REPLY to the calendar entry's ORGANIZER. The organizer is the invitee's own signed reply
 * address, so the answer gets the same sender and token checks as any reply and is recorded as
 * their attendance, with the client's comment as the note. Real MIME through the reply desk on the
 * embedded runtime; fixtures in test/fixtures/emails (README lists their shapes).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ical from "node-ical";
import { afterEach, describe, expect, it } from "vitest";
import { applyRawReply } from "../../adapters/local/inbound.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "./support.ts";

const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.runtime.close();
});

const email = "aisha.karim@camhs.example.org";

async function invited(t: TestRuntime) {
  const { meeting } = await t.runtime.startMeeting(await demoInput());
  const person = meeting.invitees.find((p) => p.email === email);
  if (!person) throw new Error(`${email} is not invited in the demo`);
  const invitation = t.mailer.latest(meeting.id, "invitation", email);
  const vevent = Object.values(ical.sync.parseICS(invitation?.calendar?.content ?? "")).find(
    (c) => c?.type === "VEVENT",
  ) as unknown as { uid: string; organizer: { val: string; params: { CN: string } } };
  return { meeting, person, invitation, vevent };
}

async function fixture(name: string, from: string, organizer: string, uid: string): Promise<Buffer> {
  const text = await readFile(join("test/fixtures/emails", name), "utf8");
  return Buffer.from(
    text.replaceAll("{{FROM}}", from).replaceAll("{{REPLY_TO}}", organizer).replaceAll("{{UID}}", uid),
  );
}

describe("calendar Accept / Tentative / Decline recorded as attendance", () => {
  it("makes the invitee's own reply address the ORGANIZER, shown as the authority's Convene", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { invitation, vevent } = await invited(t);
    expect(vevent.organizer.val.replace(/^mailto:/i, "")).toBe(invitation?.replyTo?.email);
    expect(vevent.organizer.params.CN).toMatch(/Convene|Demo/);
  });

  it.each([
    ["outlook-itip-accepted.eml", "attending", /I will join online/],
    ["google-itip-declined.eml", "apologies", /Clinic that morning, my report will follow/],
    ["apple-itip-tentative.eml", "attending", /^Tentative$/],
  ])("records %s as %s, with the client's comment", async (name, attendance, note) => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting, person, vevent } = await invited(t);
    const organizer = vevent.organizer.val.replace(/^mailto:/i, "");
    const outcome = await applyRawReply(
      t.runtime.replyDesk(),
      await fixture(name, email, organizer, vevent.uid),
    );
    await t.runtime.settle();
    expect(outcome.status).toBe("applied");
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === person.index);
    expect(answer?.attendance).toBe(attendance);
    expect(answer?.note ?? "").toMatch(note);
  });

  it("refuses a calendar answer from someone other than the invitee, and records nothing", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting, person, vevent } = await invited(t);
    const organizer = vevent.organizer.val.replace(/^mailto:/i, "");
    const raw = await fixture(
      "outlook-itip-accepted.eml",
      "someone.else@camhs.example.org",
      organizer,
      vevent.uid,
    );
    const outcome = await applyRawReply(t.runtime.replyDesk(), raw);
    expect(outcome.status).toBe("refused");
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === person.index);
    expect(answer?.attendance).toBe("not-responded");
  });
});
