/**
 * The iCalendar part of invitations, built with ical-generator: METHOD:REQUEST for an invitation
 * or an update (SEQUENCE raised on every reschedule), METHOD:CANCEL for a cancellation, with the
 * same UID for the life of the meeting so Outlook and Google Calendar update one entry. Times are
 * written in Europe/London with a VTIMEZONE, as Outlook expects.
 */
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventClass,
  ICalEventStatus,
  type ICalTemporalZonedDateTimeStub,
} from "ical-generator";

/** The time zone councils in England and Wales work in. */
export const calendarTimeZone = "Europe/London";

/** Europe/London since 1996: BST from the last Sunday in March 01:00 UTC to the last Sunday in October. */
const londonVtimezone = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/London",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0100",
  "TZNAME:BST",
  "DTSTART:19700329T010000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0000",
  "TZNAME:GMT",
  "DTSTART:19701025T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarInvite {
  method: "REQUEST" | "CANCEL";
  meetingId: string;
  /** 0 for the first invitation; raised on every reschedule and on cancellation. */
  sequence: number;
  start: Date;
  end: Date;
  /** Never the child's name: type and reference only. */
  summary: string;
  description: string;
  location?: string;
  url?: string;
  /** Who sends the entry and receives calendar answers: the authority's Convene address. */
  organizer: CalendarPerson;
  /**
   * The authority's time zone. Europe/London (every English council) is written with its TZID and
   * VTIMEZONE, as Outlook expects; any other zone as UTC instants, which every client shows in its
   * own zone.
   */
  timezone?: string;
  /** The meeting's chair, shown with ROLE=CHAIR when among the attendees. */
  chair?: CalendarPerson;
  attendees: CalendarPerson[];
  /** DTSTAMP: when this version was made. */
  stamp: Date;
}

/** The UID of a meeting's calendar entry: the same across updates and cancellation. */
export function calendarUid(meetingId: string): string {
  return `${meetingId}@convene`;
}

const wallClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: calendarTimeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The wall-clock fields of an instant in Europe/London. */
export function londonParts(
  date: Date,
): Record<"year" | "month" | "day" | "hour" | "minute" | "second", number> {
  const parts = Object.fromEntries(wallClock.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/**
 * A minimal Temporal.ZonedDateTime stand-in that ical-generator formats as wall-clock time with
 * TZID (native Dates would be written in the process's own zone).
 */
function londonDateTime(date: Date): ICalTemporalZonedDateTimeStub {
  const p = londonParts(date);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const iso = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  const plainDate = { ...p, toJSON: () => iso.slice(0, 10), toString: () => iso.slice(0, 10) };
  const instant = {
    epochMilliseconds: date.getTime(),
    toJSON: () => date.toISOString(),
    toString: () => date.toISOString(),
    toZonedDateTimeISO: () => zoned,
  };
  const plain = {
    ...p,
    toJSON: () => iso,
    toString: () => iso,
    toPlainDate: () => plainDate,
    toZonedDateTime: () => zoned,
  };
  const zoned: ICalTemporalZonedDateTimeStub = {
    ...p,
    timeZoneId: calendarTimeZone,
    toInstant: () => instant,
    toJSON: () => `${iso}[${calendarTimeZone}]`,
    toString: () => `${iso}[${calendarTimeZone}]`,
    toPlainDateTime: () => plain,
    withTimeZone: () => zoned,
  };
  return zoned;
}

/** RFC 5545 parameter values cannot contain DQUOTE or line breaks (a CN is quoted). */
function cn(name: string): string {
  return (
    name
      .replace(/"/g, "'")
      .replace(/[\r\n\t]+/g, " ")
      .trim() || "Participant"
  );
}

/** Builds the .ics text (CRLF line endings, folded) for an invitation, update or cancellation. */
export function buildCalendar(invite: CalendarInvite): string {
  if (!(invite.end.getTime() > invite.start.getTime())) {
    throw new RangeError("a calendar entry must end after it starts");
  }
  const calendar = ical({
    method: invite.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    prodId: { company: "Convene", product: "Convene", language: "EN" },
  });
  // A timezone entry without a calendar-wide name: VTIMEZONE for the event's TZID, DTSTAMP in UTC.
  calendar.timezone({ name: null, generator: (tz) => (tz === calendarTimeZone ? londonVtimezone : null) });
  calendar.createEvent({
    id: calendarUid(invite.meetingId),
    sequence: invite.sequence,
    stamp: invite.stamp,
    ...(invite.timezone === undefined || invite.timezone === calendarTimeZone
      ? { start: londonDateTime(invite.start), end: londonDateTime(invite.end), timezone: calendarTimeZone }
      : { start: invite.start, end: invite.end }),
    summary: invite.summary,
    description: invite.description,
    location: invite.location ?? null,
    url: invite.url ?? null,
    class: ICalEventClass.CONFIDENTIAL,
    status: invite.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: cn(invite.organizer.name), email: invite.organizer.email },
    attendees: invite.attendees.map((a) => ({
      name: cn(a.name),
      email: a.email,
      rsvp: invite.method === "REQUEST",
      role:
        invite.chair && a.email.toLowerCase() === invite.chair.email.toLowerCase()
          ? ICalAttendeeRole.CHAIR
          : ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
    })),
  });
  return calendar.toString();
}
