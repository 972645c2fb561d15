/**
 * DocumentMinutes: the MinutesPort over the minutes domain (deterministic drafter, schema) and
 * the Word renderer. Drafting runs the same everywhere; the output is validated by the minutes
 * schema whichever drafter made it.
 */
import type { AuthorityConfig } from "../../domain/authority/index.ts";
import {
  agendaItemTexts,
  type Catalog,
  findMeetingType,
  minuteSectionsFor,
} from "../../domain/catalog/index.ts";
import { addWorkingDays } from "../../domain/clock/index.ts";
import type { Answer, Meeting } from "../../domain/lifecycle/model.ts";
import { dateTimeFormat, localDate } from "../../domain/lifecycle/time.ts";
import { hashMinutes } from "../../domain/minutes/agreement.ts";
import {
  applySuppliedSections,
  type BlockingSection,
  blockingSections,
  missingSections,
  parseSuppliedSections,
} from "../../domain/minutes/blockers.ts";
import { draftMinutes } from "../../domain/minutes/draft.ts";
import { meetingForMinutesSchema } from "../../domain/minutes/meeting.ts";
import { type Minutes, sectionIds } from "../../domain/minutes/model.ts";
import {
  type AgreementNames,
  caseNote,
  familyCopy,
  professionalCopy,
  renderText,
} from "../../domain/minutes/render.ts";
import type { MinutesDocuments } from "../../domain/ports/messages.ts";
import type { DraftedAction, MinutesPort } from "../../domain/ports/minutes.ts";
import type { Transcript } from "../../domain/transcript/index.ts";
import { GenerativeDrafter, type InvokeModel } from "../documents/bedrock-drafter.ts";
import { renderedToSectioned } from "../documents/minutes-docx.ts";
import { renderedToPdf } from "../documents/minutes-pdf.ts";
import { buildSectionedDocx } from "../mail/agenda-docx.ts";
import { importTranscript } from "../transcript/import.ts";

/** An action agreed without a timescale still gets a due date, for the chair to confirm: 10 working days. */
export const defaultActionWorkingDays = 10;

export class DocumentMinutes implements MinutesPort {
  constructor(
    private readonly catalog: Catalog,
    private readonly authority: AuthorityConfig,
    /** The model call of the generative drafter; used only when the authority switches it on. */
    private readonly generative?: InvokeModel,
  ) {}

  private forMinutes(meeting: Meeting, answers: Answer[]) {
    const byIndex = new Map(answers.map((a) => [a.index, a]));
    const people = [meeting.chair, ...meeting.invitees];
    const attended = (i: number) => byIndex.get(i)?.attendance === "attended" || i === meeting.chair.index;
    const roleName = (id: string) => this.catalog.roles.find((r) => r.id === id)?.name ?? id;
    const items = agendaItemTexts(meeting.agenda);
    const start = new Date(meeting.start);
    const time = dateTimeFormat("en-GB", {
      timeZone: this.authority.timezone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(start);
    return meetingForMinutesSchema.parse({
      type: meeting.typeId,
      title: meeting.typeName,
      child: { reference: meeting.child.reference },
      date: localDate(start, this.authority.timezone),
      time,
      nation: meeting.nation,
      onlineLink: meeting.onlineLink,
      transcribedBy: "Convene (transcript), checked by the chair",
      attendees: people
        .filter((p) => attended(p.index))
        .map((p) => ({
          name: p.name,
          role: roleName(p.role),
          agency: p.agency || undefined,
          email: p.email,
          chair: p.index === meeting.chair.index,
        })),
      apologies: people
        .filter((p) => !attended(p.index))
        .map((p) => ({
          name: p.name,
          role: roleName(p.role),
          agency: p.agency || undefined,
          email: p.email,
          writtenReport: byIndex.get(p.index)?.reportReceived ?? false,
        })),
      preReading: meeting.preReading.filter((d) => d.shared).map((d) => d.title),
      purpose: meeting.agenda.lines.find((l) => /^The purpose of this meeting/i.test(l)) ?? "",
      agenda: items.length > 0 ? items : ["Discussion"],
      // Sections the meeting type marks restricted are left out of the family copy.
      restrictedSections: this.restrictedSections(meeting.typeId),
      speakers: meeting.speakerMap ?? {},
      conveningNotes: [
        ...meeting.keyAgenciesNotInvited.map(
          (k) => `Key agency not invited: ${k.agency}. Rationale: ${k.rationale} (seed 001).`,
        ),
        ...meeting.overrides.map((o) =>
          o.kind === "key-agency-rationale"
            ? `Key agency not invited: ${o.problem.replace(/^key agency (.*) is not invited.*$/, "$1")}. Rationale: ${o.reason} (seed 001).`
            : `Convened although ${o.problem}. Reason given: ${o.reason}`,
        ),
      ],
    });
  }

  private restrictedSections(typeId: string): string[] {
    const type = findMeetingType(this.catalog, typeId);
    const ids = new Set<string>(sectionIds);
    return type
      ? minuteSectionsFor(type)
          .filter((s) => s.restricted && ids.has(s.id))
          .map((s) => s.id)
      : [];
  }

  async draft(
    meeting: Meeting,
    answers: Answer[],
    transcript: { bytes: Uint8Array; filename: string } | undefined,
  ) {
    const input = this.forMinutes(meeting, answers);
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
    return imported.speakers.filter((label) => {
      const mapped = meeting.speakerMap?.[label] ?? label;
      return !names.has(mapped.toLowerCase());
    });
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
      buildSectionedDocx(document),
      options.final ? renderedToPdf(rendered) : undefined,
    ]);
    return {
      document,
      text: renderText(rendered),
      docx: new Uint8Array(docx),
      ...(pdf ? { pdf: new Uint8Array(pdf) } : {}),
    };
  }

  actions(minutes: Minutes): DraftedAction[] {
    return minutes.actions.map((a) => ({
      number: a.number,
      action: a.action,
      timescale: a.timescale.text,
      dueDate:
        a.timescale.dueDate ??
        addWorkingDays(minutes.header.date, defaultActionWorkingDays, this.authority.nation),
      responsible: a.responsible,
      notes: a.timescale.dueDate
        ? a.notes
        : `${a.notes} (no date given: ${defaultActionWorkingDays} working days, chair to confirm)`.trim(),
    }));
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
    const type = findMeetingType(this.catalog, typeId);
    // An unknown type keeps the Good Practice Guide's rule (seed 001).
    return type ? blockingSections(type) : ["childs-views", "contingency-plan"];
  }

  amend(minutes: Minutes, change: { by: string; text: string }): Minutes {
    return {
      ...minutes,
      keyPoints: [
        ...minutes.keyPoints,
        { text: `Amendment agreed by the chair (asked for by the ${change.by}): ${change.text}` },
      ],
    };
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
