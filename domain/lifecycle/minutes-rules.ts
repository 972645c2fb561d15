/**
 * The lifecycle's rules for its minutes, pure (issue 10 item 2; they were in the Minutes adapter):
 * - what the drafter is given of a meeting: who attended, who sent apologies (with or without a
 *   written report), the agenda, pre-reading, the sections the type keeps from the family copy,
 *   and the convening notes (key agencies not invited and their rationale, overrides; seed 001);
 * - which sections block finalising, by the meeting type (catalog);
 * - an agreed action without a timescale gets 10 working days, for the chair to confirm;
 * - a change the chair accepts is recorded as an amendment in the key points.
 */
import { agendaItemTexts, type Catalog, findMeetingType, minuteSectionsFor } from "../catalog/index.ts";
import { addWorkingDays, type Nation } from "../clock/index.ts";
import { type BlockingSection, blockingSections } from "../minutes/blockers.ts";
import { type MeetingForMinutes, meetingForMinutesSchema } from "../minutes/meeting.ts";
import { type Minutes, sectionIds } from "../minutes/model.ts";
import type { DraftedAction } from "../ports/minutes.ts";
import type { Answer, Meeting } from "./model.ts";
import { dateTimeFormat, localDate } from "./time.ts";

/** An action agreed without a timescale still gets a due date, for the chair to confirm: 10 working days. */
export const defaultActionWorkingDays = 10;

/** What the drafter is given of a meeting. */
export function minutesInputFor(
  meeting: Meeting,
  answers: Answer[],
  catalog: Catalog,
  timezone: string,
): MeetingForMinutes {
  const byIndex = new Map(answers.map((a) => [a.index, a]));
  const people = [meeting.chair, ...meeting.invitees];
  const attended = (i: number) => byIndex.get(i)?.attendance === "attended" || i === meeting.chair.index;
  const roleName = (id: string) => catalog.roles.find((r) => r.id === id)?.name ?? id;
  const items = agendaItemTexts(meeting.agenda);
  const start = new Date(meeting.start);
  const time = dateTimeFormat("en-GB", {
    timeZone: timezone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(start);
  return meetingForMinutesSchema.parse({
    type: meeting.typeId,
    title: meeting.typeName,
    child: { reference: meeting.child.reference },
    date: localDate(start, timezone),
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
    restrictedSections: restrictedSectionsFor(catalog, meeting.typeId),
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

/** The sections a meeting type keeps from the family copy. */
export function restrictedSectionsFor(catalog: Catalog, typeId: string): string[] {
  const type = findMeetingType(catalog, typeId);
  const ids = new Set<string>(sectionIds);
  return type
    ? minuteSectionsFor(type)
        .filter((s) => s.restricted && ids.has(s.id))
        .map((s) => s.id)
    : [];
}

/** The agreed actions as tracked actions, each with a due date. */
export function trackedActionsOf(minutes: Minutes, nation: Nation): DraftedAction[] {
  return minutes.actions.map((a) => ({
    number: a.number,
    action: a.action,
    timescale: a.timescale.text,
    dueDate: a.timescale.dueDate ?? addWorkingDays(minutes.header.date, defaultActionWorkingDays, nation),
    responsible: a.responsible,
    notes: a.timescale.dueDate
      ? a.notes
      : `${a.notes} (no date given: ${defaultActionWorkingDays} working days, chair to confirm)`.trim(),
    ...(a.timescale.dueDate ? {} : { dateToConfirm: true }),
  }));
}

/** What blocks finalising, by the meeting type; an unknown type keeps the Good Practice Guide's rule (seed 001). */
export function blockingFor(catalog: Catalog, typeId: string): BlockingSection[] {
  const type = findMeetingType(catalog, typeId);
  // An unknown type keeps the Good Practice Guide's rule (seed 001).
  return type ? blockingSections(type) : ["childs-views", "contingency-plan"];
}

/** A change the chair accepted, recorded in the key points. */
export function amendMinutes(minutes: Minutes, change: { by: string; text: string }): Minutes {
  return {
    ...minutes,
    keyPoints: [
      ...minutes.keyPoints,
      { text: `Amendment agreed by the chair (asked for by the ${change.by}): ${change.text}` },
    ],
  };
}
