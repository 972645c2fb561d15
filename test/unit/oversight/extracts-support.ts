/**
 * A hand-built caseload for the extract tests: several children, several meeting types, meetings
 * held, not held and cancelled, Care Planning Meetings with the child's CLA Reviews, and visits.
 */

import type { Series } from "../../../domain/lifecycle/series.ts";
import type { Caseload, MeetingRecord, VisitRecord } from "../../../domain/oversight/caseload.ts";
import { testMeeting } from "../lifecycle/support.ts";

type Windows = Series["cpmWindows"];

export function record(m: {
  id: string;
  typeId: string;
  child: string;
  start: string;
  held?: boolean;
  cancelled?: boolean;
  number?: number;
  windows?: Windows;
  reviewMeetingId?: string;
  createdAt?: string;
}): MeetingRecord {
  const series: Series | undefined =
    m.number !== undefined || m.windows
      ? {
          number: m.number ?? 1,
          next: null,
          thereafter: null,
          minutesWithin: null,
          reviewAgreedBy: "chair",
          reviewRecordName: "Minutes",
          reviewType: { id: m.typeId, name: m.typeId },
          reviewAgenda: null,
          agendaValues: { child: m.child },
          cpmWindows: m.windows ?? [],
          everyMeetingFollowUps: [],
        }
      : undefined;
  const meeting = testMeeting({
    id: m.id,
    typeId: m.typeId,
    typeName: m.typeId,
    child: { reference: m.child },
    start: m.start,
    end: m.start,
    phase: m.cancelled ? "cancelled" : m.held ? "track-actions" : "await-meeting",
    createdAt: m.createdAt ?? "2026-01-05T09:00:00.000Z",
    ...(series ? { series } : {}),
    ...(m.reviewMeetingId ? { reviewMeetingId: m.reviewMeetingId } : {}),
  });
  const audit = [
    {
      at: meeting.createdAt,
      meetingId: m.id,
      actor: "chair@example.org",
      what: "meeting-created",
      via: "cli",
      detail: {},
    },
    ...(m.held
      ? [
          {
            at: m.start,
            meetingId: m.id,
            actor: "chair@example.org",
            what: "meeting-held",
            via: "page",
            detail: {},
          },
        ]
      : []),
    ...(m.cancelled
      ? [
          {
            at: m.start,
            meetingId: m.id,
            actor: "chair@example.org",
            what: "phase:cancelled",
            via: "page",
            detail: {},
          },
        ]
      : []),
  ];
  return {
    meeting,
    audit,
    actions: [],
    team: "Children in Need Team 1",
    worker: { name: "Chris Chair", email: "chair@example.org" },
  };
}

const window = (from: string, to: string, toReviewNumber: number) => ({
  from,
  to,
  toReviewNumber,
  minimum: toReviewNumber === 2 ? 1 : 2,
  reason: "seed 002",
});

export function visit(
  child: string,
  visitedOn: string | undefined,
  v: Partial<VisitRecord> = {},
): VisitRecord {
  return {
    childReference: child,
    dueBy: visitedOn ?? "2026-10-01",
    ...(visitedOn ? { visitedOn } : {}),
    worker: { name: "Sam Social Worker", email: "sam@example.org" },
    team: "Children in Need Team 1",
    ...v,
  };
}

/** The caseload every extract test reads (Europe/London: British Summer Time from 29 March 2026). */
export const caseload: Caseload = {
  authorityId: "test-authority",
  timeZone: "Europe/London",
  meetings: [
    // Children in need.
    record({ id: "m-1001", typeId: "cfpm", child: "C-1001", start: "2026-07-01T09:00:00.000Z", held: true }),
    record({ id: "m-1002", typeId: "cfpm", child: "C-1002", start: "2026-07-02T09:00:00.000Z" }),
    record({ id: "m-1003", typeId: "tac", child: "C-1003", start: "2026-07-03T09:00:00.000Z", held: true }),
    record({
      id: "m-1004",
      typeId: "cfpm",
      child: "C-1004",
      start: "2026-07-04T09:00:00.000Z",
      held: true,
      cancelled: true,
    }),
    // Child protection.
    record({
      id: "m-2001",
      typeId: "core-group",
      child: "C-2001",
      start: "2026-08-10T09:00:00.000Z",
      held: true,
    }),
    record({
      id: "m-2002",
      typeId: "core-group",
      child: "C-2002",
      start: "2026-09-01T09:00:00.000Z",
      held: true,
    }),
    record({
      id: "m-2003",
      typeId: "core-group",
      child: "C-2003",
      start: "2026-05-01T09:00:00.000Z",
      held: true,
    }),
    // 23:30 UTC on 31 May is 00:30 on 1 June in London: in a period from 1 June.
    record({
      id: "m-2004",
      typeId: "core-group",
      child: "C-2004",
      start: "2026-05-31T23:30:00.000Z",
      held: true,
    }),
    // Children in care: a CPM planned on 1 July 2026 against CLA Reviews of 2 March, 2 September
    // and 2 March 2027, and its review meeting convened on 20 October with the same list.
    record({
      id: "m-3001",
      typeId: "cpm",
      child: "C-3001",
      start: "2026-07-15T09:00:00.000Z",
      held: true,
      number: 1,
      createdAt: "2026-07-01T09:00:00.000Z",
      reviewMeetingId: "m-3001r",
      windows: [window("2026-03-02", "2026-09-02", 2), window("2026-09-02", "2027-03-02", 3)],
    }),
    record({
      id: "m-3001r",
      typeId: "cpm",
      child: "C-3001",
      start: "2026-11-02T10:00:00.000Z",
      held: true,
      number: 2,
      createdAt: "2026-10-20T09:00:00.000Z",
      windows: [window("2026-03-02", "2026-09-02", 2), window("2026-09-02", "2027-03-02", 3)],
    }),
    // A CPM planned afresh on 10 November 2026: the 2 September Review had taken place.
    record({
      id: "m-3002",
      typeId: "cpm",
      child: "C-3002",
      start: "2026-11-20T10:00:00.000Z",
      held: true,
      number: 1,
      createdAt: "2026-11-10T09:00:00.000Z",
      windows: [window("2026-03-02", "2026-09-02", 2), window("2026-09-02", "2027-03-02", 3)],
    }),
    record({
      id: "m-3003",
      typeId: "specific-issue-cpm",
      child: "C-3003",
      start: "2026-10-05T09:00:00.000Z",
      held: true,
    }),
    // Not held: its list of Reviews does not count.
    record({
      id: "m-3004",
      typeId: "cpm",
      child: "C-3004",
      start: "2026-10-06T09:00:00.000Z",
      number: 1,
      createdAt: "2026-10-01T09:00:00.000Z",
      windows: [window("2026-04-01", "2026-09-01", 2)],
    }),
    // Pre-proceedings: a first meeting, its review held, the next review cancelled.
    record({ id: "m-4000", typeId: "lpm", child: "C-4001", start: "2026-05-01T09:00:00.000Z", held: true }),
    record({
      id: "m-4001",
      typeId: "pre-proceedings",
      child: "C-4001",
      start: "2026-05-12T09:00:00.000Z",
      held: true,
      number: 1,
      reviewMeetingId: "m-4001r",
    }),
    record({
      id: "m-4001r",
      typeId: "pre-proceedings",
      child: "C-4001",
      start: "2026-06-23T09:00:00.000Z",
      held: true,
      number: 2,
      reviewMeetingId: "m-4001rr",
    }),
    record({
      id: "m-4001rr",
      typeId: "pre-proceedings",
      child: "C-4001",
      start: "2026-08-04T09:00:00.000Z",
      number: 3,
      cancelled: true,
    }),
    // Began before the census year: its review in the year does not make a block.
    record({
      id: "m-4002",
      typeId: "pre-proceedings",
      child: "C-4002",
      start: "2026-02-10T10:00:00.000Z",
      held: true,
      number: 1,
      reviewMeetingId: "m-4002r",
    }),
    record({
      id: "m-4002r",
      typeId: "pre-proceedings",
      child: "C-4002",
      start: "2026-04-20T09:00:00.000Z",
      held: true,
      number: 2,
    }),
    // Two episodes in the year; the second's review falls after the year.
    record({
      id: "m-4003",
      typeId: "pre-proceedings",
      child: "C-4003",
      start: "2026-09-01T09:00:00.000Z",
      held: true,
      number: 1,
    }),
    record({
      id: "m-4003b",
      typeId: "pre-proceedings",
      child: "C-4003",
      start: "2027-01-05T10:00:00.000Z",
      held: true,
      number: 1,
      reviewMeetingId: "m-4003br",
    }),
    record({
      id: "m-4003br",
      typeId: "pre-proceedings",
      child: "C-4003",
      start: "2027-04-10T09:00:00.000Z",
      held: true,
      number: 2,
    }),
    // 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London: in the 2026 to 2027 year.
    record({
      id: "m-4004",
      typeId: "pre-proceedings",
      child: "C-4004",
      start: "2026-03-31T23:30:00.000Z",
      held: true,
      number: 1,
    }),
  ],
  visits: [
    visit("C-1001", "2026-06-10", { seen: true }),
    visit("C-1001", "2026-09-15", { seen: false }),
    visit("C-1001", "2026-12-05", { seen: true }),
    visit("C-1005", "2026-08-01"),
    visit("C-1006", undefined),
    visit("C-2001", "2026-08-20", { seen: true, seenAlone: true }),
    visit("C-2001", "2026-10-01", { seen: true, seenAlone: false }),
    visit("C-2002", "2026-09-10", { seen: true }),
    visit("C-3001", "2026-11-25", { seen: true }),
  ],
};

/** The Annex A period: the six months before an inspection starting 1 December 2026. */
export const annexAPeriod = { from: "2026-06-01", to: "2026-11-30" };
/** The 2026 to 2027 census year. */
export const censusYear = { from: "2026-04-01", to: "2027-03-31" };

/** The rows of a CSV as RFC 4180 reads it (csv-parse, already a dependency), header first. */
export { parse as parseCsv } from "csv-parse/sync";

/**
 * The extract's columns are the specification's field names in the specification's order, and
 * every other field of the specification is listed as left out, once.
 */
export function fieldsAccountedFor(
  spec: readonly string[],
  extract: { columns: readonly string[]; leftOut: ReadonlyArray<{ field: string; reason: string }> },
): { inSpecOrder: boolean; everyFieldOnce: boolean; unknown: string[]; reasonsGiven: boolean } {
  const positions = extract.columns.map((c) => spec.indexOf(c));
  const listed = [...extract.columns, ...extract.leftOut.map((f) => f.field)];
  return {
    inSpecOrder: positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] as number))),
    everyFieldOnce: listed.length === spec.length && new Set(listed).size === spec.length,
    unknown: listed.filter((f) => !spec.includes(f)),
    reasonsGiven: extract.leftOut.every((f) => f.reason.length > 20),
  };
}

export const wellAccountedFor = { inSpecOrder: true, everyFieldOnce: true, unknown: [], reasonsGiven: true };
