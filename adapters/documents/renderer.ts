/**
 * The Renderer: the CPU-heavy byte-making behind the emails, as one seam: raw MIME (nodemailer's
 * MailComposer), Word documents (docx) and PDF minutes (pdf-lib). The in-thread renderer is the
 * default everywhere, and the only one the Lambdas use (one invocation at a time, nothing to run
 * beside it). The embedded runtime can opt into a worker-thread pool that runs these same
 * functions off the main thread (adapters/local/render-pool.ts).
 */
import type { RenderedMinutes } from "#domain/minutes/index.ts";
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import {
  type AgendaDocument,
  buildAgendaDocx,
  buildSectionedDocx,
  type SectionedDocument,
} from "../mail/agenda-docx.ts";
import { type RawMimeOptions, toRawMime } from "../mail/mime.ts";
import { renderedToPdf } from "./minutes-pdf.ts";

export interface Renderer {
  /** toRawMime (adapters/mail/mime.ts). */
  rawMime(email: OutgoingEmail, options?: RawMimeOptions): Promise<Buffer>;
  /** buildSectionedDocx (adapters/mail/agenda-docx.ts). */
  sectionedDocx(doc: SectionedDocument): Promise<Buffer>;
  /** buildAgendaDocx (adapters/mail/agenda-docx.ts). */
  agendaDocx(agenda: AgendaDocument): Promise<Buffer>;
  /** renderedToPdf (adapters/documents/minutes-pdf.ts). */
  minutesPdf(rendered: RenderedMinutes): Promise<Buffer>;
}

/** Everything on the calling thread. */
export const inThreadRenderer: Renderer = {
  rawMime: (email, options) => toRawMime(email, options),
  sectionedDocx: buildSectionedDocx,
  agendaDocx: buildAgendaDocx,
  minutesPdf: renderedToPdf,
};
