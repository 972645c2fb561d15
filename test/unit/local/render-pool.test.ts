/**
 * The render pool (adapters/local/render-pool.ts): MIME and documents made on a worker thread mean
 * the same as those made in-thread, a worker's error reaches the caller as in-thread, and close()
 * ends every thread. The worker registers tsx itself, so this also shows it loads under vitest.
 */
import JSZip from "jszip";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderedToSectioned } from "#adapters/documents/minutes-docx.ts";
import { inThreadRenderer } from "#adapters/documents/renderer.ts";
import { RenderPool, renderPoolFromEnv } from "#adapters/local/render-pool.ts";
import { type AgendaDocument, buildAgendaDocx, buildSectionedDocx } from "#adapters/mail/agenda-docx.ts";
import { toRawMime } from "#adapters/mail/mime.ts";
import { invitationEmail } from "#adapters/mail/templates.ts";
import { draftMinutes, professionalCopy } from "#domain/minutes/index.ts";
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import { ctx, meeting, recipient, reply } from "../mail/templates/fixtures.ts";
import { exampleMeeting, exampleTranscript } from "../minutes/helpers.ts";

const agenda: AgendaDocument = {
  typeName: "Professionals Meeting",
  childReference: "CH-1042",
  when: "Thursday 3 July 2025, 10:00",
  chair: "Sam Chair",
  agenda: {
    title: "Professionals Meeting Agenda re CH-1042",
    lines: [],
    sections: [
      {
        heading: "Updates",
        guidance: "Each agency in turn.",
        items: [{ text: "Introductions" }, { text: "Social worker's update", subItems: ["Risks"] }],
      },
    ],
  },
  preReading: ["Chronology"],
  attendees: [{ name: "Jo O'Neil", role: "Teacher", agency: "School" }],
};

const fixed = { messageId: "fixed@exampleshire.gov.uk", date: new Date("2025-06-01T08:00:00Z") };

/** The MIME with its random multipart boundaries replaced by stable names. */
function normalized(raw: Buffer): string {
  let text = raw.toString("utf8");
  const boundaries = [...text.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((m) => m[1] as string);
  boundaries.forEach((b, i) => {
    text = text.split(b).join(`BOUNDARY-${i}`);
  });
  return text;
}

async function documentXml(docx: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file("word/document.xml");
  if (!file) throw new Error("no word/document.xml");
  return file.async("string");
}

let pool: RenderPool;
let invitation: OutgoingEmail;

beforeAll(async () => {
  pool = await RenderPool.start({ threads: 1, warmRounds: 1 });
  invitation = await invitationEmail({
    ctx,
    meeting,
    recipient,
    reply,
    agenda: agenda.agenda,
    preReading: agenda.preReading,
    attendees: [recipient],
    sequence: 0,
    stamp: new Date("2025-06-01T08:00:00Z"),
    agendaDocx: await buildAgendaDocx(agenda),
  });
});

afterAll(async () => {
  await pool.close();
});

describe("the render pool", () => {
  it("composes the same MIME as in-thread for a calendar invitation with a Word agenda", async () => {
    expect(invitation.calendar?.method).toBe("REQUEST");
    expect(invitation.attachments?.some((a) => a.filename.endsWith(".docx"))).toBe(true);
    const inThread = await toRawMime(invitation, fixed);
    const pooled = await pool.rawMime(invitation, fixed);
    expect(Buffer.isBuffer(pooled)).toBe(true);
    expect(normalized(pooled)).toBe(normalized(inThread));
    const [a, b] = await Promise.all([simpleParser(inThread), simpleParser(pooled)]);
    expect(b.subject).toBe(a.subject);
    expect(b.text).toBe(a.text);
    expect(b.html).toBe(a.html);
    expect(b.messageId).toBe("<fixed@exampleshire.gov.uk>");
    expect(b.attachments.map((x) => [x.filename, x.contentType, x.content.toString("base64")])).toEqual(
      a.attachments.map((x) => [x.filename, x.contentType, x.content.toString("base64")]),
    );
  });

  it("renders a Word agenda that is a valid zip with the same document.xml as in-thread", async () => {
    const [pooled, inThread] = await Promise.all([pool.agendaDocx(agenda), buildAgendaDocx(agenda)]);
    expect(Buffer.isBuffer(pooled)).toBe(true);
    const xml = await documentXml(pooled);
    expect(xml).toContain("Social worker&apos;s update");
    expect(xml).toBe(await documentXml(inThread));
  });

  it("renders the minutes in Word and PDF as in-thread", async () => {
    const minutes = draftMinutes({ meeting: await exampleMeeting(), transcript: await exampleTranscript() });
    const rendered = professionalCopy(minutes, { status: "final", version: 2 });
    const sectioned = renderedToSectioned(rendered);
    expect(await documentXml(await pool.sectionedDocx(sectioned))).toBe(
      await documentXml(await buildSectionedDocx(sectioned)),
    );
    const [pdf, reference] = await Promise.all([
      pool.minutesPdf(rendered),
      inThreadRenderer.minutesPdf(rendered),
    ]);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Only the creation and modification dates differ; the length does not.
    expect(pdf.byteLength).toBe(reference.byteLength);
  });

  it("rejects with the error the in-thread renderer throws", async () => {
    const bad = { ...invitation, headers: { Subject: "overridden" } };
    const failure = (error: unknown) => error as Error;
    const inThread = await toRawMime(bad).then(() => new Error("no error"), failure);
    const pooled = await pool.rawMime(bad).then(() => new Error("no error"), failure);
    expect(inThread).toBeInstanceOf(RangeError);
    expect(pooled).toBeInstanceOf(RangeError);
    expect(pooled.message).toBe(inThread.message);
    // The pool carries on after a failed task.
    expect((await pool.rawMime(invitation, fixed)).byteLength).toBeGreaterThan(0);
  });

  it("ends its threads on close, and refuses work after", async () => {
    const own = await RenderPool.start({ threads: 2, warmRounds: 1 });
    expect(own.liveThreads).toBe(2);
    await own.close();
    expect(own.liveThreads).toBe(0);
    await own.close();
    await expect(own.rawMime(invitation)).rejects.toThrow("render pool closed");
  });

  it("runs in-thread when CONVENE_RENDER_THREADS is 0, and refuses a setting that is not a number", async () => {
    expect(await renderPoolFromEnv({ CONVENE_RENDER_THREADS: "0" })).toBeUndefined();
    await expect(renderPoolFromEnv({ CONVENE_RENDER_THREADS: "two" })).rejects.toThrow(RangeError);
  });
});
