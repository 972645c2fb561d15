/**
 * Who may see and run a meeting in the staff workspace. Children's data is special category
 * personal data: each person sees only the meetings their work needs.
 *
 * - A social worker sees the meetings they chair or are invited to.
 * - A team manager also sees the meetings of their team (the people whose line leads to them)
 *   and those where they are the meeting's team manager.
 * - A service manager sees every meeting of the authority.
 * - An admin manages the directory and settings and sees no meeting for being an admin.
 *
 * Running a meeting (attendance, transcript, minutes, changes, rescheduling, cancelling) is for its
 * chair, and for the team manager over the chair (who covers an absent chair), and a service
 * manager.
 */
import type { Meeting } from "../lifecycle/model.ts";

export interface StaffViewer {
  email: string;
  groups: readonly string[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function canSeeMeeting(
  viewer: StaffViewer,
  meeting: Pick<Meeting, "chair" | "invitees" | "teamManager">,
  /** The emails of the viewer's team (people whose line leads to the viewer). */
  team: ReadonlySet<string>,
): boolean {
  if (viewer.groups.includes("service-manager")) return true;
  if (same(meeting.chair.email, viewer.email)) return true;
  if (meeting.invitees.some((p) => same(p.email, viewer.email))) return true;
  if (viewer.groups.includes("team-manager")) {
    if (same(meeting.teamManager.email, viewer.email)) return true;
    if (team.has(meeting.chair.email.toLowerCase())) return true;
  }
  return false;
}

export function canRunMeeting(
  viewer: StaffViewer,
  meeting: Pick<Meeting, "chair" | "teamManager">,
  team: ReadonlySet<string>,
): boolean {
  if (viewer.groups.includes("service-manager")) return true;
  if (same(meeting.chair.email, viewer.email)) return true;
  return (
    viewer.groups.includes("team-manager") &&
    (same(meeting.teamManager.email, viewer.email) || team.has(meeting.chair.email.toLowerCase()))
  );
}

/**
 * Who may set or agree a new date for one of a meeting's actions, or refuse more time (issue 13:
 * "the chair or team manager approves or refuses the new date"): whoever runs the meeting, i.e.
 * its chair, the team manager over it (or over its chair), or a service manager.
 */
export function canAgreeActionDate(
  viewer: StaffViewer,
  meeting: Pick<Meeting, "chair" | "teamManager">,
  team: ReadonlySet<string>,
): boolean {
  return canRunMeeting(viewer, meeting, team);
}
