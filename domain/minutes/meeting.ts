/**
 * What the drafter needs to know about a meeting (the CLI's MEETING.json): the child, type,
 * date, time and nation (for the working-day clock), who attended and who sent apologies, the
 * agreed pre-reading, purpose and agenda, and optional speaker labels → attendee names.
 */
import { z } from "zod";
import { isoDateSchema, nationSchema } from "#domain/clock/index.ts";
import { sectionIdSchema } from "./model.ts";

const personSchema = z.object({
  name: z.string().trim().min(1, "expected the person's name"),
  role: z.string().trim().min(1, 'expected the person\'s role, e.g. "Allocated social worker"'),
  agency: z.string().optional(),
  email: z.email("expected an email address").optional(),
});

export const meetingForMinutesSchema = z
  .object({
    /** Meeting-type id from the catalog, e.g. "professionals-meeting". */
    type: z.string().trim().min(1, 'expected a meeting-type id, e.g. "professionals-meeting"'),
    title: z.string().optional(),
    child: z.object({
      reference: z.string().trim().min(1, "expected the child's case reference"),
      name: z.string().optional(),
    }),
    date: isoDateSchema,
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time HH:MM (24-hour)"),
    nation: nationSchema,
    location: z.string().optional(),
    onlineLink: z.string().optional(),
    transcribedBy: z.string().optional(),
    attendees: z
      .array(personSchema.extend({ chair: z.boolean().optional() }))
      .min(1, "expected at least one attendee")
      .refine((list) => list.filter((p) => p.chair).length <= 1, {
        error: "expected at most one attendee with chair: true",
      }),
    apologies: z.array(personSchema.extend({ writtenReport: z.boolean().optional() })).default([]),
    preReading: z.array(z.string().trim().min(1)).default([]),
    purpose: z.string().default(""),
    agenda: z
      .array(
        z.union([
          z.string().trim().min(1),
          z.object({ title: z.string().trim().min(1), keywords: z.array(z.string()).default([]) }),
        ]),
      )
      .min(1, "expected at least one agenda item"),
    /** Transcript speaker labels (e.g. Amazon Transcribe's "spk_0") → attendee names. */
    speakers: z.record(z.string(), z.string()).default({}),
    restrictedSections: z.array(sectionIdSchema).default([]),
    /**
     * What was recorded when the meeting was convened, for its notes: key agencies not invited with
     * the rationale (seed 001), convene-time rules gone against with the reason given.
     */
    conveningNotes: z.array(z.string().trim().min(1)).default([]),
  })
  .transform((m) => ({
    ...m,
    agenda: m.agenda.map((a) => (typeof a === "string" ? { title: a, keywords: [] as string[] } : a)),
  }));
export type MeetingForMinutes = z.output<typeof meetingForMinutesSchema>;
export type MeetingForMinutesInput = z.input<typeof meetingForMinutesSchema>;

/** A meeting-type id as a title: "professionals-meeting" → "Professionals Meeting". */
export function titleForType(type: string): string {
  return type
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => (w.length <= 3 && w === w.toUpperCase() ? w : w[0]?.toUpperCase() + w.slice(1)))
    .join(" ");
}

/** The chair, when one attendee is marked `chair: true`. */
export function chairOf(meeting: MeetingForMinutes): MeetingForMinutes["attendees"][number] | undefined {
  return meeting.attendees.find((a) => a.chair);
}
