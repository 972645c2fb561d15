/**
 * Turning a checked plan (domain/planning) into the meeting record the lifecycle runs. The plan
 * request is the boundary; this adds what the lifecycle needs on top: line managers (the first
 * rung of the escalation ladder, seed 001). Transcripts come only by upload, never as a path.
 */
import { z } from "zod";
import { emptyAgenda, type MeetingAgenda } from "../catalog/agenda-outline.ts";
import { addWorkingDays } from "../clock/index.ts";
import type { MeetingPlan } from "../planning/index.ts";
import type { Invitee, Meeting } from "./model.ts";
import { personSchema } from "./model.ts";
import type { LifecycleSettings } from "./settings.ts";

/**
 * Where a meeting type's seed sets no distribution timescale (e.g. the Professionals Meeting, seed
 * 000), minutes still go out within 5 working days: the timescale seeds 002 and 004 set for their
 * meetings, so nothing is left without a deadline.
 */
export const defaultMinutesWorkingDays = 5;

/** What `convene demo`, the local API and tests send to start a meeting. */
export const startMeetingSchema = z.strictObject(
  {
    /** A plan request (domain/planning): type, child, trigger, date, chair, invitees, documents. */
    plan: z.unknown(),
    /** Line managers by the professional's email address. */
    lineManagers: z
      .record(z.string().max(254, "expected an email address of at most 254 characters"), personSchema)
      .refine((managers) => Object.keys(managers).length <= 200, "expected at most 200 line managers")
      .default({}),
    /**
     * Reasons to go ahead despite a convene-time rule (domain/lifecycle/convene-checks.ts), by the
     * problem's code, e.g. { "late-date": "the IRO is on leave until then" }.
     */
    overrides: z
      .record(
        z.string().max(200, "expected a problem code of at most 200 characters"),
        z
          .string()
          .trim()
          .min(1, "expected a reason")
          .max(2000, "expected a reason of at most 2000 characters"),
      )
      .default({}),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? issue.keys.includes("transcript")
          ? "unknown field transcript: a transcript is uploaded with POST /meetings/ID/transcript, never named by path"
          : `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")} (expected plan, lineManagers, overrides)`
        : undefined,
  },
);
export type StartMeeting = z.infer<typeof startMeetingSchema>;

export function meetingFromPlan(
  plan: MeetingPlan,
  input: {
    id: string;
    now: Date;
    settings: LifecycleSettings;
    lineManagers: Record<string, { name: string; email: string }>;
    /** The team manager over the chair (the directory); the authority's contact when not given. */
    teamManager?: { name: string; email: string };
    serviceManager?: { name: string; email: string };
    overrides?: Meeting["overrides"];
    series?: Meeting["series"];
    /** The type's rule for who agrees the record (catalog); all attendees when not given. */
    minutesAgreedBy?: Meeting["minutesAgreedBy"];
  },
): Meeting {
  const lineManager = (email: string) => input.lineManagers[email] ?? input.lineManagers[email.toLowerCase()];
  const chair: Invitee = {
    index: 0,
    name: plan.chair.name,
    email: plan.chair.email,
    role: plan.chair.role,
    // The chair's agency as the invite list gives it (the agenda names it, seed 000).
    agency:
      plan.invites.find(
        (p) => p.level === "chair" || p.email.toLowerCase() === plan.chair.email.toLowerCase(),
      )?.agency ?? "",
    lineManager: lineManager(plan.chair.email),
    keyAgency: false,
    observer: false,
    family: false,
  };
  const invitees: Invitee[] = plan.invites
    .filter((p) => p.level !== "chair" && p.email.toLowerCase() !== plan.chair.email.toLowerCase())
    .map((p, i) => ({
      index: i + 1,
      name: p.name,
      email: p.email,
      role: p.role,
      agency: p.agency ?? "",
      lineManager: lineManager(p.email),
      keyAgency: p.keyAgency,
      observer: p.level === "observer",
      family: p.group === "family",
    }));
  const agenda: MeetingAgenda = plan.agenda
    ? { title: plan.agenda.title, lines: plan.agenda.lines, sections: plan.agenda.sections }
    : emptyAgenda;
  const now = input.now.toISOString();
  return {
    id: input.id,
    authorityId: plan.authority.id,
    typeId: plan.meetingType.id,
    typeName: plan.meetingType.name,
    child: { reference: plan.child.reference },
    title: `${plan.meetingType.name} re ${plan.child.reference}`,
    start: new Date(plan.meeting.start).toISOString(),
    end: plan.meeting.end,
    onlineLink: plan.meeting.onlineLink,
    chair,
    teamManager: input.teamManager ?? input.settings.contacts.teamManager,
    ...((input.serviceManager ?? input.settings.contacts.serviceManager)
      ? { serviceManager: input.serviceManager ?? input.settings.contacts.serviceManager }
      : {}),
    invitees,
    agenda,
    overrides: input.overrides ?? [],
    keyAgenciesNotInvited: plan.keyAgencies.excluded,
    followUps: plan.followUps,
    ...(input.series ? { series: input.series } : {}),
    minutesAgreedBy: input.minutesAgreedBy ?? "all-attendees",
    // A type whose plan is its record (seed 004: no separate minutes) names it; others have minutes.
    recordName: plan.minutes.separateMinutes ? "Minutes" : plan.minutes.recordName,
    preReading: [
      ...plan.documents.shared.map((d) => ({ title: d.title, court: d.court, shared: true })),
      ...plan.documents.heldBack.map((d) => ({ title: d.title, court: d.court, shared: false })),
    ],
    phase: "convene",
    dueBy: plan.dueBy ?? undefined,
    minutesDueBy:
      plan.minutes.dueBy ??
      addWorkingDays(plan.meeting.date, defaultMinutesWorkingDays, input.settings.nation),
    reviewDueBy: plan.nextReview.dueBy ?? undefined,
    minutesVersion: 0,
    actionCount: 0,
    sequence: 0,
    nation: input.settings.nation,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
}
