/**
 * The team manager's page: the team's meetings and actions (due, overdue, escalated, slipped) by
 * worker and agency, and the meetings at risk of missing their statutory dates.
 */

import { Hono } from "hono";
import { meetingsAtRisk } from "../../domain/access/oversight.ts";
import type { Workspace, WorkspaceEnv } from "../app.ts";
import { phaseNames, visibleMeetings } from "../meeting-view.ts";
import { escapeHtml } from "../views.ts";

export function teamRoutes(w: Workspace): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const b = w.backend;
  app.get("/", async (c) => {
    const user = c.get("user");
    if (!user.groups.includes("team-manager") && !user.groups.includes("service-manager"))
      return w.page(
        c,
        "error.njk",
        { title: "Not available", messages: ["The team page is for team managers and service managers."] },
        403,
      );
    const meetings = await visibleMeetings(b, user);
    const today = b.now().toISOString().slice(0, 10);
    const rows: string[][] = [];
    const actions: {
      meeting: string;
      id: string;
      number: number;
      action: string;
      owner: string;
      agency: string;
      chair: string;
      due: string;
      status: string;
      level: number;
    }[] = [];
    for (const m of meetings) {
      for (const a of await b.store.listActions(m.id)) {
        actions.push({
          meeting: `${m.typeName}, ${m.child.reference}`,
          id: m.id,
          number: a.number,
          action: a.action,
          owner: a.responsible.name ?? a.responsible.role ?? "",
          agency: a.responsible.department ?? "",
          chair: m.chair.name,
          due: a.dueDate,
          status: a.status === "open" && a.dueDate < today ? "overdue" : a.status,
          level: a.escalationLevel,
        });
      }
    }
    const actionRow = (a: (typeof actions)[number]) => [
      { html: `<a class="govuk-link" href="${w.href(`/meeting/${a.id}`)}">${escapeHtml(a.meeting)}</a>` },
      { text: `${a.number}. ${a.action}` },
      { text: a.owner + (a.agency ? ` (${a.agency})` : "") },
      { text: a.chair },
      { text: a.due },
      { text: a.status + (a.level > 0 ? `, escalated (rung ${a.level})` : "") },
    ];
    void rows;
    const risk = meetingsAtRisk(meetings, today, b.authority);
    return w.page(c, "team.njk", {
      title: "Team",
      atRisk: risk.map((r) => [
        {
          html: `<a class="govuk-link" href="${w.href(`/meeting/${r.meeting.id}`)}">${escapeHtml(r.meeting.typeName)}</a>`,
        },
        { text: r.meeting.child.reference },
        { text: r.meeting.chair.name },
        { text: phaseNames[r.meeting.phase] },
        { text: r.reason },
      ]),
      overdue: actions.filter((a) => a.status === "overdue" || a.level > 0).map(actionRow),
      slipped: actions.filter((a) => a.status === "slipped").map(actionRow),
      due: actions.filter((a) => a.status === "open").map(actionRow),
      byWorker: tally(
        actions.filter((a) => a.status === "overdue" || a.status === "slipped"),
        (a) => a.chair,
      ),
      byAgency: tally(
        actions.filter((a) => a.status === "overdue" || a.status === "slipped"),
        (a) => a.agency || a.owner || "Unknown",
      ),
    });
  });
  return app;
}

function tally<T>(items: T[], key: (t: T) => string) {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => [{ text: k }, { text: String(n), format: "numeric" }]);
}
