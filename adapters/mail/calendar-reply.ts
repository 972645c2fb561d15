/**
 * iTIP METHOD:REPLY answers (RFC 5546) arriving by email: Outlook's, Google Calendar's and Apple
 * Calendar's Accept / Tentative / Decline, with or without a comment. Parsed with node-ical (a
 * maintained iCalendar parser) into the one fact the reply desk needs: who answered what.
 */
import ical from "node-ical";
import type { CalendarReply } from "../../domain/lifecycle/replies.ts";

const partstats: Record<string, CalendarReply["answer"]> = {
  ACCEPTED: "accepted",
  TENTATIVE: "tentative",
  DECLINED: "declined",
};

type Param = { params?: Record<string, unknown>; val?: unknown } | string;

const text = (value: unknown): string | undefined => {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "val" in value) return text((value as { val: unknown }).val);
  return undefined;
};

/** The METHOD line of a calendar body (node-ical keeps it on the vcalendar entry, if at all). */
function methodOf(body: string): string | undefined {
  return /^METHOD:([A-Z-]+)\s*$/im.exec(body.replace(/\r?\n[ \t]/g, ""))?.[1]?.toUpperCase();
}

/**
 * The answer in one iTIP REPLY body, or undefined when it is not a REPLY, names no single attendee
 * with an accepted/tentative/declined status, or does not parse.
 */
export function parseCalendarReply(body: string): CalendarReply | undefined {
  if (methodOf(body) !== "REPLY") return undefined;
  let parsed: ReturnType<typeof ical.sync.parseICS>;
  try {
    parsed = ical.sync.parseICS(body);
  } catch {
    return undefined;
  }
  const events = Object.values(parsed).filter((c) => c?.type === "VEVENT");
  if (events.length !== 1) return undefined;
  const event = events[0] as unknown as Record<string, unknown>;
  const raw = event.attendee as Param | Param[] | undefined;
  const attendees = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
    (a): a is Exclude<Param, string> => typeof a === "object",
  );
  // A REPLY carries the one attendee who answers (RFC 5546, 3.2.3).
  if (attendees.length !== 1) return undefined;
  const attendee = attendees[0] as Exclude<Param, string>;
  const status = String(attendee.params?.PARTSTAT ?? "").toUpperCase();
  const answer = partstats[status];
  if (!answer) return undefined;
  const email = text(attendee.val)
    ?.replace(/^mailto:/i, "")
    .trim()
    .toLowerCase();
  // Outlook puts the note in COMMENT; Google in the attendee's X-RESPONSE-COMMENT parameter.
  const comment = (text(event.comment) ?? text(attendee.params?.["X-RESPONSE-COMMENT"]))?.trim();
  return {
    answer,
    ...(email ? { attendee: email } : {}),
    ...(comment ? { comment } : {}),
  };
}
