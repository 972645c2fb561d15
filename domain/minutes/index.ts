/**
 * Minutes (issue 5): the record's model, the drafting port and deterministic drafter, agreement by
 * attendees, and the renderings (professional copy, family copy, case note).
 * @example
 * ```ts
 * import { draftMinutes, meetingForMinutesSchema } from "#domain/minutes/index.ts";
 * const minutes = draftMinutes({ meeting: meetingForMinutesSchema.parse(json), transcript });
 * ```
 */

export {
  DeterministicDrafter,
  type DraftInput,
  type DraftingPort,
  draftMinutes,
  recordSections,
  validateDraft,
} from "./draft.ts";
export { canonicalJson, hashMinutes } from "./hash.ts";
export {
  chairOf,
  type MeetingForMinutes,
  type MeetingForMinutesInput,
  meetingForMinutesSchema,
  titleForType,
} from "./meeting.ts";
export {
  type Action,
  actionSchema,
  type Minutes,
  MinutesValidationError,
  minutesSchema,
  type SectionId,
  type SourceRef,
  sectionHeadings,
  sectionIdSchema,
  sectionIds,
} from "./model.ts";
export {
  actionColumns,
  type Block,
  caseNote,
  familyCopy,
  longDate,
  professionalCopy,
  type RenderedMinutes,
  type RenderedSection,
  type RenderOptions,
  renderText,
  shortDate,
  visibleSections,
} from "./render.ts";
export { findTimescale } from "./timescales.ts";
