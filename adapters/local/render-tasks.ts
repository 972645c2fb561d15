/**
 * What a render-pool worker thread does (loaded by render-worker.mjs): one task, run with the
 * in-thread renderer, its bytes handed back by transfer rather than copy.
 */
import { move } from "piscina";
import { inThreadRenderer } from "#adapters/documents/renderer.ts";
import type { AgendaDocument, SectionedDocument } from "#adapters/mail/agenda-docx.ts";
import type { RawMimeOptions } from "#adapters/mail/mime.ts";
import { type RenderedMinutes, sectionIds } from "#domain/minutes/index.ts";
import type { OutgoingEmail } from "#domain/ports/mailer.ts";

/** A task as it crosses the thread boundary (structured clone: plain data, Dates, Uint8Arrays). */
export type RenderTask =
  | { kind: "rawMime"; email: OutgoingEmail; options: RawMimeOptions }
  | { kind: "sectionedDocx"; doc: SectionedDocument }
  | { kind: "agendaDocx"; agenda: AgendaDocument }
  | { kind: "minutesPdf"; rendered: RenderedMinutes }
  /**
   * Renders a small sample of each kind `rounds` times: answers once the worker has loaded and
   * compiled its renderers, so a new pool's first emails do not run on cold code.
   */
  | { kind: "warm"; rounds: number };

function rendered(task: Exclude<RenderTask, { kind: "warm" }>): Promise<Buffer> {
  switch (task.kind) {
    case "rawMime":
      return inThreadRenderer.rawMime(task.email, task.options);
    case "sectionedDocx":
      return inThreadRenderer.sectionedDocx(task.doc);
    case "agendaDocx":
      return inThreadRenderer.agendaDocx(task.agenda);
    case "minutesPdf":
      return inThreadRenderer.minutesPdf(task.rendered);
  }
}

const sampleAgenda: AgendaDocument = {
  typeName: "Sample meeting",
  childReference: "SAMPLE-1",
  when: "Monday 1 January 2024, 10:00",
  chair: "Sample Chair",
  agenda: {
    title: "Sample",
    lines: ["A line"],
    sections: [{ heading: "Items", items: [{ text: "An item" }] }],
  },
  preReading: ["A document"],
  attendees: [{ name: "A Person", role: "A role" }],
};

const sampleMinutes: RenderedMinutes = {
  title: "Sample minutes",
  copy: "professional",
  status: "draft",
  banners: ["DRAFT"],
  sections: [
    {
      id: sectionIds[0],
      heading: "A section",
      blocks: [
        { kind: "paragraph", text: "A paragraph." },
        { kind: "bullets", items: ["A point"] },
        { kind: "table", columns: ["A", "B"], rows: [["1", "2"]] },
      ],
    },
  ],
};

async function warmOnce(): Promise<void> {
  const [docx, pdf] = await Promise.all([
    inThreadRenderer.agendaDocx(sampleAgenda),
    inThreadRenderer.minutesPdf(sampleMinutes),
  ]);
  await inThreadRenderer.rawMime({
    kind: "invitation",
    meetingId: "sample",
    from: { name: "Sample", email: "sample@convene.invalid" },
    to: [{ name: "Sample", email: "someone@convene.invalid" }],
    subject: "Sample",
    text: "Sample",
    html: "<p>Sample</p>",
    calendar: { method: "REQUEST", content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" },
    attachments: [
      { filename: "agenda.docx", contentType: "application/octet-stream", content: docx },
      { filename: "minutes.pdf", contentType: "application/pdf", content: pdf },
    ],
  });
}

/** Runs one task. The bytes go back in an ArrayBuffer of their own, moved to the caller. */
export async function render(task: RenderTask): Promise<unknown> {
  if (task.kind === "warm") {
    for (let i = 0; i < task.rounds; i++) await warmOnce();
    return "warm";
  }
  const bytes = await rendered(task);
  // A small Buffer may be a slice of Node's shared pool: never transfer that, transfer a copy.
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  return move(own);
}
