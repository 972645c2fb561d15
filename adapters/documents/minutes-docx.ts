/**
 * Minutes as a Word document (issue 5, section 5), laid out from the rendered professional or
 * family copy (domain/minutes/render.ts) by the one sectioned-document builder every Word file
 * uses: headings per section, the attendees table, the agreed-actions table with the four columns
 * of seed 000 (Action | Timescale | Responsible professional/department | Notes), and the
 * OFFICIAL-SENSITIVE marking on every page. The lifecycle and `convene minutes draft --docx` make
 * the same file.
 */
import {
  familyCopy,
  type Minutes,
  professionalCopy,
  type RenderedMinutes,
  type RenderOptions,
} from "#domain/minutes/index.ts";
import type { DocumentModel } from "#domain/ports/messages.ts";
import { buildSectionedDocx } from "../mail/agenda-docx.ts";

export interface DocumentOptions extends RenderOptions {
  copy?: "professional" | "family";
}

/**
 * Renders minutes to DOCX bytes.
 * @example await writeFile("minutes.docx", await minutesToDocx(minutes, { copy: "family" }))
 */
export async function minutesToDocx(minutes: Minutes, options: DocumentOptions = {}): Promise<Buffer> {
  const doc = options.copy === "family" ? familyCopy(minutes, options) : professionalCopy(minutes, options);
  return renderedToDocx(doc);
}

/** A rendered copy as the sectioned document model: the banners under the title, each section's blocks in order. */
export function renderedToSectioned(rendered: RenderedMinutes): DocumentModel {
  return {
    title: rendered.title,
    subtitle: rendered.banners,
    draft: rendered.status === "draft",
    sections: rendered.sections.map((s) => ({ heading: s.heading, blocks: s.blocks })),
  };
}

/** Lays out an already rendered copy. */
export function renderedToDocx(rendered: RenderedMinutes): Promise<Buffer> {
  return buildSectionedDocx(renderedToSectioned(rendered));
}
