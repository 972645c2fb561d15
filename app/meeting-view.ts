/**
 * What the meeting page and the meeting API show: read from the store and shaped for people, with
 * no rule of its own (approvers, the timeline and speakers come from the domain).
 */

import { canRunMeeting, canSeeMeeting } from "../domain/access/meeting-access.ts";
import { roleById, roleIdSchema } from "../domain/catalog/roles.ts";
import { teamOf } from "../domain/directory/lookups.ts";
import type { Approval, Meeting } from "../domain/lifecycle/model.ts";
import { formatLocal } from "../domain/lifecycle/time.ts";
import { buildTimeline } from "../domain/lifecycle/timeline.ts";
import { approversOf } from "../domain/lifecycle/who-agrees.ts";
import { longDate } from "../domain/minutes/render.ts";
import { NotFoundError } from "../domain/ports/store.ts";
import type { StaffUser } from "./auth/types.ts";
import type { WorkspaceBackend } from "./backend.ts";

export const phaseNames: Record<Meeting["phase"], string> = {
  convene: "Being convened",
  invite: "Inviting",
  "await-meeting": "Invited",
  transcribe: "Awaiting transcript",
  "draft-minutes": "Drafting minutes",
  "agree-minutes": "Agreeing minutes",
  distribute: "Distributing",
  "track-actions": "Tracking actions",
  review: "Review",
  closed: "Closed",
  cancelled: "Cancelled",
};

export const attendanceNames: Record<string, string> = {
  "not-responded": "Not answered",
  attending: "Attending",
  declined: "Declined",
  apologies: "Apologies",
  "apologies-with-report": "Apologies, report sent",
  attended: "Attended",
  absent: "Absent",
};

/** The emails of the person's team (everyone whose line leads to them). */
export async function teamEmails(backend: WorkspaceBackend, user: StaffUser): Promise<Set<string>> {
  if (!user.groups.includes("team-manager")) return new Set();
  const directory = await backend.directory.getDirectory(backend.authority.id);
  return new Set(teamOf(directory, user.email).map((p) => p.email.toLowerCase()));
}

/** A meeting the person may see; a meeting they may not is "not found", as if it did not exist. */
export async function visibleMeeting(
  backend: WorkspaceBackend,
  user: StaffUser,
  id: string,
): Promise<{ meeting: Meeting; canRun: boolean; team: Set<string> }> {
  if (!/^[a-z2-7]{16}$/.test(id)) throw new NotFoundError(`no meeting ${id}`);
  const meeting = await backend.store.getMeeting(id);
  if (meeting.authorityId !== backend.authority.id) throw new NotFoundError(`no meeting ${id}`);
  const team = await teamEmails(backend, user);
  if (!canSeeMeeting(user, meeting, team)) throw new NotFoundError(`no meeting ${id}`);
  return { meeting, canRun: canRunMeeting(user, meeting, team), team };
}

/** Every meeting of the authority the person may see, soonest first. */
export async function visibleMeetings(backend: WorkspaceBackend, user: StaffUser): Promise<Meeting[]> {
  const listed = await backend.store.authorityMeetings(backend.authority.id);
  const team = await teamEmails(backend, user);
  const meetings: Meeting[] = [];
  for (let i = 0; i < listed.length; i += 25) {
    const batch = await Promise.all(
      listed.slice(i, i + 25).map((m) => backend.store.getMeeting(m.id).catch(() => undefined)),
    );
    for (const m of batch) if (m && canSeeMeeting(user, m, team)) meetings.push(m);
  }
  return meetings.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

export interface MinutesVersionView {
  version: number;
  current: boolean;
  createdAt: string;
  responses: {
    index: number;
    name: string;
    role: string;
    response: "approved" | "asked for changes" | "deemed to agree" | "not answered";
    text?: string;
    decision?: string;
    reason?: string;
  }[];
}

const responseName = (a: Approval | undefined): MinutesVersionView["responses"][number]["response"] =>
  !a
    ? "not answered"
    : a.response === "approve"
      ? "approved"
      : a.response === "deemed"
        ? "deemed to agree"
        : "asked for changes";

export async function meetingDetail(backend: WorkspaceBackend, meeting: Meeting) {
  const tz = backend.authority.timezone;
  const [answers, actions, audit] = await Promise.all([
    backend.store.listAnswers(meeting.id),
    backend.store.listActions(meeting.id),
    backend.store.listAudit(meeting.id),
  ]);
  const byIndex = new Map(answers.map((a) => [a.index, a]));
  const people = [meeting.chair, ...meeting.invitees];
  const approvers = approversOf(meeting, answers);
  const versions: MinutesVersionView[] = [];
  for (let v = meeting.minutesVersion; v >= 1; v--) {
    const [stored, approvals] = await Promise.all([
      backend.store.getMinutesVersion(meeting.id, v),
      backend.store.listApprovals(meeting.id, v),
    ]);
    const byPerson = new Map(approvals.map((a) => [a.index, a]));
    versions.push({
      version: v,
      current: v === meeting.minutesVersion,
      createdAt: formatLocal(new Date(stored.createdAt), tz),
      responses: approvers.map((p) => {
        const a = byPerson.get(p.index);
        return {
          index: p.index,
          name: p.name,
          role: roleName(p.role),
          response: responseName(a),
          ...(a?.text ? { text: a.text } : {}),
          ...(a?.chairDecision ? { decision: a.chairDecision } : {}),
          ...(a?.chairReason ? { reason: a.chairReason } : {}),
        };
      }),
    });
  }
  const review = meeting.reviewMeetingId
    ? await backend.store
        .getMeeting(meeting.reviewMeetingId)
        .then(async (m) => ({ meeting: m, audit: await backend.store.listAudit(m.id) }))
        .catch(() => undefined)
    : undefined;
  const openChanges = (versions[0]?.responses ?? []).filter(
    (r) => r.response === "asked for changes" && !r.decision,
  );
  return {
    meeting,
    when: formatLocal(new Date(meeting.start), tz),
    phaseName: phaseNames[meeting.phase],
    people: people.map((p) => {
      const answer = byIndex.get(p.index);
      return {
        index: p.index,
        name: p.name,
        role: roleName(p.role),
        agency: p.agency,
        email: p.email,
        chair: p.index === meeting.chair.index,
        attendance: attendanceNames[answer?.attendance ?? "not-responded"] ?? answer?.attendance,
        attended: answer?.attendance === "attended",
        note: answer?.note,
        reports: (answer?.reports ?? []).map((r) => r.filename),
      };
    }),
    versions,
    openChanges,
    actions: actions.map((a) => ({
      number: a.number,
      action: a.action,
      owner: a.responsible.name ?? a.responsible.role ?? a.responsible.department ?? "",
      due: longDate(a.dueDate) + (a.dateToConfirm ? " (provisional: date to be set)" : ""),
      status: a.status + (a.doneLate ? ", late" : "") + (a.moreTimeAsked ? ", more time asked" : ""),
      movable: a.status === "open" || a.status === "slipped",
      setLabel: a.dateToConfirm ? "Set the date" : "Change the date",
    })),
    timeline: buildTimeline(meeting, audit, actions, tz, review),
  };
}

/** A role's name from the catalog ("SENCo"), or what was given when it is not a catalog role. */
export function roleName(role: string): string {
  const id = roleIdSchema.safeParse(role);
  return id.success ? roleById(id.data).name : role;
}
