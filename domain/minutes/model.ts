/**
 * The record of a meeting (issue 5, section 3; spec domain.md section 4): the sections of the
 * minutes, in the order the seeds give them, as one zod schema every drafter's output must pass.
 */
import { z } from "zod";
import { isoDateSchema } from "#domain/clock/index.ts";

/**
 * Section ids, shared across the project (the meeting-type catalog uses the same ids). Order is
 * the order of the record: header, attendees, apologies, pre-reading and purpose from the
 * Professionals Meeting agenda (seed 000); the child's views, progress measures, contingency plan
 * and review date from the Good Practice Guide (seed 001, "Successful Multi-Agency Meetings").
 */
export const sectionIds = [
  "header",
  "attendees",
  "apologies",
  "pre-reading",
  "purpose",
  "agenda-items",
  "childs-views",
  "key-points",
  "decisions",
  "actions",
  "contingency-plan",
  "progress-measures",
  "next-review",
] as const;
export const sectionIdSchema = z.enum(sectionIds, {
  error: (issue) => `expected a section id (${sectionIds.join(", ")}), got ${JSON.stringify(issue.input)}`,
});
export type SectionId = z.infer<typeof sectionIdSchema>;

/** Headings as they appear in the documents. */
export const sectionHeadings: Record<SectionId, string> = {
  header: "Meeting details",
  attendees: "Attendees",
  apologies: "Apologies",
  "pre-reading": "Agreed pre-reading",
  purpose: "Purpose of meeting",
  "agenda-items": "Agenda items and discussion",
  "childs-views": "The child's views and how they shaped decisions",
  "key-points": "Summary of key points",
  decisions: "Decisions",
  actions: "Agreed actions",
  "contingency-plan": "Contingency plan",
  "progress-measures": "How progress will be measured",
  "next-review": "Next review",
};

/** Where in the recording something was said, in seconds. */
export const sourceRefSchema = z
  .object({ start: z.number().min(0), end: z.number().min(0) })
  .refine((r) => r.end >= r.start, { error: "expected end at or after start" });
export type SourceRef = z.infer<typeof sourceRefSchema>;

const text = z.string();
const nonEmpty = z.string().trim().min(1, "expected text");

export const attendeeEntrySchema = z.object({
  name: nonEmpty,
  role: nonEmpty,
  agency: z.string().optional(),
  email: z.string().optional(),
});

export const apologyEntrySchema = attendeeEntrySchema.extend({
  /** Sent a written report instead (seed 001, "What happens if a key agency will not be represented"). */
  writtenReport: z.boolean().optional(),
});

/** Agreed actions: Action | Timescale | Responsible professional/department | Notes (seed 000). */
export const actionSchema = z.object({
  number: z.number().int().min(1),
  action: nonEmpty,
  timescale: z.object({ text: text, dueDate: isoDateSchema.optional() }),
  responsible: z.object({
    name: z.string().optional(),
    role: z.string().optional(),
    department: z.string().optional(),
    email: z.string().optional(),
  }),
  notes: text,
  sourceRef: sourceRefSchema.optional(),
});
export type Action = z.infer<typeof actionSchema>;

const narrativeSchema = z.object({ text: text, sourceRefs: z.array(sourceRefSchema) });

export const minutesSchema = z.object({
  header: z.object({
    child: z.object({ reference: nonEmpty, name: z.string().optional() }),
    meetingType: nonEmpty,
    title: nonEmpty,
    date: isoDateSchema,
    time: z.string().regex(/^\d{2}:\d{2}$/, "expected HH:MM"),
    location: z.string().optional(),
    onlineLink: z.string().optional(),
    transcribedBy: z.string().optional(),
    chair: z.string().optional(),
  }),
  attendees: z.array(attendeeEntrySchema),
  apologies: z.array(apologyEntrySchema),
  preReading: z.array(nonEmpty),
  purpose: text,
  /** One per agenda item; `discussion` holds one point per line, `sourceRefs[i]` is line i's time. */
  agendaItems: z.array(
    z.object({
      number: z.number().int().min(1),
      title: nonEmpty,
      discussion: text,
      sourceRefs: z.array(sourceRefSchema),
    }),
  ),
  /** The child's views and how they influenced decisions, and why not if not acted on (seed 001). */
  childsViews: z.object({
    views: text,
    influence: text,
    notActedOnWhy: z.string().optional(),
    sourceRefs: z.array(sourceRefSchema),
  }),
  keyPoints: z.array(z.object({ text: nonEmpty, sourceRef: sourceRefSchema.optional() })),
  decisions: z.array(z.object({ text: nonEmpty, sourceRef: sourceRefSchema.optional() })),
  actions: z.array(actionSchema),
  /** What happens if progress is not made within the timescale (seed 001). */
  contingencyPlan: narrativeSchema,
  /** How progress is measured, and by whom (seed 001). */
  progressMeasures: narrativeSchema,
  /** The review date, agreed at the first meeting (seed 001). */
  nextReview: z.object({
    date: isoDateSchema.optional(),
    text: z.string().optional(),
    sourceRef: sourceRefSchema.optional(),
  }),
  /** True when a generative model drafted the text (marked in every rendering). */
  machineDrafted: z.boolean(),
  /** Sections left out of the family copy. */
  restrictedSections: z.array(sectionIdSchema),
  /** Recorded at convening (key agencies not invited and why, seed 001; rules gone against and why). */
  conveningNotes: z.array(nonEmpty).optional(),
});
export type Minutes = z.infer<typeof minutesSchema>;

/** A draft that fails the schema or the checks against its meeting and transcript. */
export class MinutesValidationError extends Error {
  override name = "MinutesValidationError";
}
