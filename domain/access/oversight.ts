/**
 * Which meetings are at risk of missing their statutory dates (the team manager's page). Pure:
 * the meetings, today (the authority's calendar date) and the working-day settings in.
 *
 * - Not yet held and its due date is within 5 working days, or passed.
 * - Held, minutes not yet out, and the minutes' due date is within 2 working days, or passed.
 */
import { addWorkingDays } from "../clock/index.ts";
import type { Meeting } from "../lifecycle/model.ts";
import type { LifecycleSettings } from "../lifecycle/settings.ts";

const notHeld = new Set(["convene", "invite", "await-meeting"]);
const minutesOpen = new Set(["transcribe", "draft-minutes", "agree-minutes", "distribute"]);

export interface AtRisk {
  meeting: Meeting;
  reason: string;
}

export function meetingsAtRisk(meetings: Meeting[], today: string, settings: LifecycleSettings): AtRisk[] {
  const soon = (days: number) => addWorkingDays(today, days, settings.nation);
  const out: AtRisk[] = [];
  for (const m of meetings) {
    if (notHeld.has(m.phase) && m.dueBy) {
      if (m.dueBy < today) out.push({ meeting: m, reason: `not held; was due by ${m.dueBy}` });
      else if (m.dueBy <= soon(5)) out.push({ meeting: m, reason: `not held yet; due by ${m.dueBy}` });
      else if (m.start.slice(0, 10) > m.dueBy)
        out.push({ meeting: m, reason: `planned after its due date (${m.dueBy})` });
    } else if (minutesOpen.has(m.phase)) {
      if (m.minutesDueBy < today)
        out.push({ meeting: m, reason: `${m.recordName.toLowerCase()} were due out by ${m.minutesDueBy}` });
      else if (m.minutesDueBy <= soon(2))
        out.push({ meeting: m, reason: `${m.recordName.toLowerCase()} due out by ${m.minutesDueBy}` });
    }
  }
  return out;
}
