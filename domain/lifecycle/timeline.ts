/**
 * The timeline of a meeting: each stage with its statutory due date and when it happened, from the
 * audit log. What `convene demo` prints and a team manager would read at a review.
 */
import type { Action, AuditEvent, Meeting } from "./model.ts";
import { formatLocal, localDate } from "./time.ts";

export interface TimelineEntry {
  stage: string;
  due?: string;
  /** When it happened, as people read it (Europe/London). */
  at?: string;
  /** The same instant as an ISO string: the timeline's order. */
  instant?: string;
  note?: string;
  late?: boolean;
}

const first = (audit: AuditEvent[], what: string | RegExp) =>
  audit.find((e) => (typeof what === "string" ? e.what === what : what.test(e.what)));

export function buildTimeline(
  meeting: Meeting,
  audit: AuditEvent[],
  actions: Action[],
  tz: string,
  /** The review meeting convened when this one closed, with its own audit events. */
  review?: { meeting: Meeting; audit: AuditEvent[] },
): TimelineEntry[] {
  // When an entry happened, as people read it and as the instant that orders the timeline.
  const happened = (e: AuditEvent | undefined): Pick<TimelineEntry, "at" | "instant"> =>
    e ? { at: formatLocal(new Date(e.at), tz), instant: e.at } : {};
  // "Late" is judged on the London calendar day, not the UTC one.
  const day = (e: AuditEvent | undefined) => (e ? localDate(new Date(e.at), tz) : undefined);
  const entries: TimelineEntry[] = [];
  const created = first(audit, "meeting-created");
  entries.push({
    stage: "Convened (plan checked)",
    ...happened(created),
    due: meeting.dueBy ? `meeting by ${meeting.dueBy}` : undefined,
  });
  const invites = audit.filter((e) => e.what === "email:invitation");
  entries.push({
    stage: `Invitations sent (${invites.length}, with calendar entries)`,
    ...happened(invites[0]),
  });
  const answers = audit.filter((e) => e.what.startsWith("answer:"));
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a.what.slice(7), (counts.get(a.what.slice(7)) ?? 0) + 1);
  entries.push({
    stage: counts.size
      ? `Answers: ${[...counts].map(([k, n]) => `${n} ${k}`).join(", ")}`
      : "Answers: none yet",
    ...happened(answers.at(-1)),
    note: audit.some((e) => e.what === "email:report-request")
      ? "written report requested from a key agency"
      : undefined,
  });
  const held = first(audit, "meeting-held");
  entries.push({
    stage: "Meeting held, attendance recorded",
    ...happened(held),
    due: meeting.dueBy,
    late: !!(meeting.dueBy && day(held) && (day(held) as string) > meeting.dueBy),
  });
  entries.push({ stage: "Transcript imported", ...happened(first(audit, "transcript-stored")) });
  entries.push({ stage: "Minutes drafted (version 1)", ...happened(first(audit, "minutes-drafted")) });
  for (const e of audit.filter((a) => a.what === "change-accepted" || a.what === "change-rejected")) {
    entries.push({ stage: `Change ${e.what.slice(7)} by the chair`, ...happened(e) });
  }
  for (const e of audit.filter((a) => a.what.startsWith("escalation:"))) {
    const level = e.detail.level;
    entries.push({
      stage: `Escalation: ${e.what.slice(11)}${e.detail.actionNumber ? ` (action ${e.detail.actionNumber})` : ""}, level ${level}`,
      ...happened(e),
      note: Array.isArray(e.detail.to) ? `to ${(e.detail.to as string[]).join(", ")}` : undefined,
    });
  }
  const deemed = audit.some((e) => e.what === "approval:deemed");
  const distributed = first(audit, "minutes-distributed");
  entries.push({
    stage: `Minutes agreed by every attendee${deemed ? " (non-responder deemed agreed, chair confirmed)" : ""} and distributed${distributed?.detail.version === undefined ? "" : ` (version ${distributed.detail.version})`}`,
    ...happened(distributed),
    due: meeting.minutesDueBy,
    late: distributed?.detail.late === true,
  });
  for (const action of actions) {
    const done = audit.find(
      (e) => (e.what === "action-done" || e.what === "action-slipped") && e.detail.number === action.number,
    );
    entries.push({
      stage: `Action ${action.number} (${action.responsible.name ?? action.responsible.role ?? "unassigned"}): ${action.status}`,
      due: action.dueDate,
      ...happened(done),
      late: action.status === "slipped" || action.doneLate === true,
      note: action.action,
    });
  }
  const scheduled = first(audit, "review-scheduled");
  entries.push({
    stage: review
      ? `Review meeting convened: ${review.meeting.typeName}, ${formatLocal(new Date(review.meeting.start), tz)}`
      : "Review meeting scheduled",
    ...happened(scheduled),
    due: scheduled ? String(scheduled.detail.reviewDate) : undefined,
  });
  if (review) {
    const invited = review.audit.filter((e) => e.what === "email:invitation");
    entries.push({
      stage: `Review meeting invitations sent (${invited.length}, with calendar entries; agenda opens with the actions)`,
      ...happened(invited[0]),
    });
  }
  // In time order; what has not happened yet keeps its place in the sequence, after what has
  // (Array.prototype.sort is stable, so equal instants keep the order above).
  return entries.sort((a, b) => {
    const x = a.instant ?? "~";
    const y = b.instant ?? "~";
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

export function formatTimeline(meeting: Meeting, entries: TimelineEntry[]): string {
  const lines = [
    `${meeting.typeName} re ${meeting.child.reference} — ${meeting.id} — phase: ${meeting.phase}`,
    "",
  ];
  const width = Math.max(...entries.map((e) => e.stage.length), 10);
  const dueWidth = Math.max(...entries.map((e) => (e.due ?? "").length), 3);
  lines.push(`${"stage".padEnd(width)}  ${"due".padEnd(dueWidth)}  happened`);
  for (const e of entries) {
    lines.push(
      `${e.stage.padEnd(width)}  ${(e.due ?? "").padEnd(dueWidth)}  ${e.at ?? "—"}${e.late ? "  LATE" : ""}${e.note ? `  (${e.note})` : ""}`,
    );
  }
  return lines.join("\n");
}
