/**
 * DocumentMinutes: the MinutesPort over the minutes domain (deterministic drafter, schema) and
 * the Word renderer. Drafting runs the same everywhere; the output is validated by the minutes
 * schema whichever drafter made it.
 */
import type { AuthorityConfig } from "../../domain/authority/index.ts";
import type { Catalog } from "../../domain/catalog/index.ts";
import {
  amendMinutes,
  blockingFor,
  minutesInputFor,
  trackedActionsOf,
} from "../../domain/lifecycle/minutes-rules.ts";
import type { Answer, Meeting } from "../../domain/lifecycle/model.ts";
import {
  applySuppliedSections,
  type BlockingSection,
  missingSections,
  parseSuppliedSections,
} from "../../domain/minutes/blockers.ts";
import { draftMinutes } from "../../domain/minutes/draft.ts";
import { hashMinutes } from "../../domain/minutes/hash.ts";
import type { Minutes } from "../../domain/minutes/model.ts";
import {
  type AgreementNames,
  caseNote,
  familyCopy,
  professionalCopy,
  renderText,
} from "../../domain/minutes/render.ts";
import type { MinutesDocuments } from "../../domain/ports/messages.ts";
import type { DraftedAction, MinutesPort } from "../../domain/ports/minutes.ts";
import { speakerName, type Transcript } from "../../domain/transcript/index.ts";
import { GenerativeDrafter, type InvokeModel } from "../documents/bedrock-drafter.ts";
import { renderedToSectioned } from "../documents/minutes-docx.ts";
import { inThreadRenderer, type Renderer } from "../documents/renderer.ts";
import { importTranscript } from "../transcript/import.ts";

export class DocumentMinutes implements MinutesPort {
  constructor(
    private readonly catalog: Catalog,
    private readonly authority: AuthorityConfig,
    /** The model call of the generative drafter; used only when the authority switches it on. */
    private readonly generative?: InvokeModel,
    /** Lays out the Word files and PDFs (a RenderPool on the embedded runtime); default in-thread. */
    private readonly renderer: Renderer = inThreadRenderer,
  ) {}

  async draft(
    meeting: Meeting,
    answers: Answer[],
    transcript: { bytes: Uint8Array; filename: string } | undefined,
  ) {
    const input = minutesInputFor(meeting, answers, this.catalog, this.authority.timezone);
    const imported: Transcript = transcript
      ? await importTranscript({ bytes: transcript.bytes, filename: transcript.filename })
      : { source: "text", speakers: [], segments: [] };
    // The generative drafter, switched on per authority, passes the same validation and is marked machine-drafted.
    if (this.authority.drafting.generative.enabled && this.generative && imported.segments.length > 0) {
      return new GenerativeDrafter(this.generative).draft({ meeting: input, transcript: imported });
    }
    return draftMinutes({ meeting: input, transcript: imported });
  }

  async unnamedSpeakers(
    meeting: Meeting,
    transcript: { bytes: Uint8Array; filename: string },
  ): Promise<string[]> {
    const imported = await importTranscript({ bytes: transcript.bytes, filename: transcript.filename });
    const names = new Set([meeting.chair, ...meeting.invitees].map((p) => p.name.toLowerCase()));
    return imported.speakers.filter(
      (label) => !names.has(speakerName(meeting.speakerMap ?? {}, label).toLowerCase()),
    );
  }

  hash(minutes: Minutes): string {
    return hashMinutes(minutes);
  }

  async render(
    meeting: Meeting,
    minutes: Minutes,
    copy: "professional" | "family",
    options: { final?: boolean; agreement?: AgreementNames } = {},
  ): Promise<MinutesDocuments> {
    // One rendering (domain/minutes/render.ts) for the text, the Word file and the PDF.
    const renderOptions = {
      status: options.final ? ("final" as const) : ("draft" as const),
      version: meeting.minutesVersion,
      hash: hashMinutes(minutes),
      ...(options.agreement ? { agreement: options.agreement } : {}),
    };
    const rendered =
      copy === "family" ? familyCopy(minutes, renderOptions) : professionalCopy(minutes, renderOptions);
    const document = renderedToSectioned(rendered);
    const [docx, pdf] = await Promise.all([
      this.renderer.sectionedDocx(document),
      options.final ? this.renderer.minutesPdf(rendered) : undefined,
    ]);
    return {
      document,
      text: renderText(rendered),
      docx: new Uint8Array(docx),
      ...(pdf ? { pdf: new Uint8Array(pdf) } : {}),
    };
  }

  actions(minutes: Minutes): DraftedAction[] {
    return trackedActionsOf(minutes, this.authority.nation);
  }

  finaliseBlockers(minutes: Minutes, typeId: string): string[] {
    // Which sections block is the meeting type's (catalog), the check the minutes domain's (seed 001).
    return missingSections(minutes, this.blocking(typeId)).map((b) => `${b.section}: ${b.reason}`);
  }

  supplySections(minutes: Minutes, typeId: string, body: string): { minutes: Minutes; supplied: string[] } {
    const missing = missingSections(minutes, this.blocking(typeId)).map((b) => b.section);
    const supplied = parseSuppliedSections(body, missing);
    return { minutes: applySuppliedSections(minutes, supplied), supplied: Object.keys(supplied) };
  }

  private blocking(typeId: string): BlockingSection[] {
    return blockingFor(this.catalog, typeId);
  }

  amend(minutes: Minutes, change: { by: string; text: string }): Minutes {
    return amendMinutes(minutes, change);
  }

  nextReviewDate(minutes: Minutes): string | undefined {
    return minutes.nextReview.date;
  }

  caseNote(_meeting: Meeting, minutes: Minutes, version: number): string {
    // Held, and where the minutes are (seed 002, section e): the minutes domain's one wording.
    return caseNote(minutes, {
      documentName: `minutes-v${version}.docx`,
      version,
      hash: hashMinutes(minutes),
    });
  }
}
