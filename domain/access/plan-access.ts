/**
 * Who may see and change a child's plan in the workspace (as for meetings, meeting-access.ts):
 * its allocated social worker, its team manager, a team manager whose team the worker is in, and
 * a service manager. An admin sees no plan for being an admin.
 */
import type { ChildPlan } from "../plan/model.ts";
import type { StaffViewer } from "./meeting-access.ts";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function canSeePlan(
  viewer: StaffViewer,
  plan: Pick<ChildPlan, "worker" | "teamManager">,
  /** The emails of the viewer's team (people whose line leads to the viewer). */
  team: ReadonlySet<string>,
): boolean {
  if (viewer.groups.includes("service-manager")) return true;
  if (same(viewer.email, plan.worker.email) || same(viewer.email, plan.teamManager.email)) return true;
  return viewer.groups.includes("team-manager") && team.has(plan.worker.email.toLowerCase());
}

/** Who may start a plan: staff who work with children (not an admin alone). */
export function canStartPlan(viewer: StaffViewer): boolean {
  return viewer.groups.some((g) => g !== "admin");
}
