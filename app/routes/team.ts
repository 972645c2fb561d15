/**
 * The team manager's pages: the team's meetings and actions (due, overdue, escalated, slipped) by
 * worker and agency, the meetings at risk of missing their statutory dates, and agreeing a new
 * date for an action (domain/lifecycle/agree-new-action-date.ts).
 */

import { type Context, Hono } from "hono";
import { canAgreeActionDate } from "../../domain/access/meeting-access.ts";
import { meetingsAtRisk } from "../../domain/access/oversight.ts";
import { ActionDateError, agreeNewActionDate } from "../../domain/lifecycle/agree-new-action-date.ts";
import type { Action, Meeting } from "../../domain/lifecycle/model.ts";
import { possibleOwners, reassignAction } from "../../domain/lifecycle/reassign-action.ts";
import { refuseMoreTime } from "../../domain/lifecycle/refuse-more-time.ts";
import { localDate } from "../../domain/lifecycle/time.ts";
import { longDate } from "../../domain/minutes/render.ts";
import { NotFoundError } from "../../domain/ports/store.ts";
import type { Workspace, WorkspaceEnv } from "../app.ts";
import { type FormValues, isoDate, one, readForm } from "../convene-form.ts";
import { mapError } from "../errors.ts";
import { phaseNames, roleName, teamEmails, visibleMeeting, visibleMeetings } from "../meeting-view.ts";
import { escapeHtml } from "../views.ts";

type C = Context<WorkspaceEnv>;
const managers = (c: C) =>
  c.get("user").groups.includes("team-manager") || c.get("user").groups.includes("service-manager");

export function teamRoutes(w: Workspace): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const b = w.backend;
  app.get("/", async (c) => {
    const user = c.get("user");
    if (!managers(c)) return notForYou(c);
    const meetings = await visibleMeetings(b, user);
    const team = await teamEmails(b, user);
    const today = localDate(b.now(), b.authority.timezone);
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
      movable: boolean;
      asked?: { text: string; proposed?: string };
    }[] = [];
    for (const m of meetings) {
      const movable = canAgreeActionDate(user, m, team) && m.phase !== "cancelled";
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
          movable: movable && (a.status === "open" || a.status === "slipped"),
          ...(a.moreTimeAsked && (a.status === "open" || a.status === "slipped")
            ? {
                asked: {
                  text: a.moreTimeAsked.text,
                  ...(a.moreTimeAsked.proposed ? { proposed: a.moreTimeAsked.proposed } : {}),
                },
              }
            : {}),
        });
      }
    }
    const actionRow = (a: (typeof actions)[number]) => [
      { html: `<a class="govuk-link" href="${w.href(`/meeting/${a.id}`)}">${escapeHtml(a.meeting)}</a>` },
      { text: `${a.number}. ${a.action}` },
      { text: a.owner + (a.agency ? ` (${a.agency})` : "") },
      { text: a.chair },
      { text: longDate(a.due) },
      { text: a.status + (a.level > 0 ? `, escalated (rung ${a.level})` : "") },
      a.movable
        ? {
            html: `<a class="govuk-link" href="${w.href(`/team/action/${a.id}/${a.number}`)}">Agree a new date<span class="govuk-visually-hidden"> for action ${a.number}, ${escapeHtml(a.meeting)}</span></a>`,
          }
        : { text: "" },
    ];
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
      askedForTime: actions
        .filter((a) => a.asked)
        .map((a) => [
          { html: `<a class="govuk-link" href="${w.href(`/meeting/${a.id}`)}">${escapeHtml(a.meeting)}</a>` },
          { text: `${a.number}. ${a.action}` },
          { text: a.owner + (a.agency ? ` (${a.agency})` : "") },
          { text: longDate(a.due) },
          { text: a.asked?.proposed ? longDate(a.asked.proposed) : "No date given" },
          { text: a.asked?.text ?? "" },
          a.movable
            ? {
                html: `<a class="govuk-link" href="${w.href(`/team/action/${a.id}/${a.number}`)}">Answer<span class="govuk-visually-hidden"> the request for action ${a.number}, ${escapeHtml(a.meeting)}</span></a>`,
              }
            : { text: "" },
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

  /** One action and its meeting, for someone who may agree its date (else not found / not allowed). */
  const movableAction = async (c: C): Promise<{ meeting: Meeting; action: Action } | Response> => {
    const number = Number(c.req.param("number"));
    const { meeting, team } = await visibleMeeting(b, c.get("user"), c.req.param("id") ?? "");
    if (!Number.isInteger(number) || number < 1)
      throw new NotFoundError(`no action ${c.req.param("number")}`);
    if (!canAgreeActionDate(c.get("user"), meeting, team))
      return w.page(
        c,
        "error.njk",
        {
          title: "Not available",
          messages: [
            "Only the meeting's chair, the team manager over it or a service manager can set an action's date.",
          ],
        },
        403,
      );
    return { meeting, action: await b.store.getAction(meeting.id, number) };
  };

  const datePage = (
    c: C,
    found: { meeting: Meeting; action: Action },
    values: FormValues,
    errors: { field: string; message: string }[] = [],
    status = 200,
  ) => {
    const { meeting, action } = found;
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    return w.page(
      c,
      "action-date.njk",
      {
        title: `${action.dateToConfirm ? "Set the date of" : "Agree a new date for"} action ${action.number}`,
        meeting: {
          id: meeting.id,
          name: `${meeting.typeName}, ${meeting.child.reference}`,
          chair: meeting.chair.name,
        },
        action: {
          number: action.number,
          text: action.action,
          owner: [action.responsible.name ?? action.responsible.role, action.responsible.department]
            .filter(Boolean)
            .join(", "),
          due: longDate(action.dueDate) + (action.dateToConfirm ? " (provisional)" : ""),
          toConfirm: action.dateToConfirm === true,
          status: action.status,
          asked: action.moreTimeAsked
            ? {
                text: action.moreTimeAsked.text,
                proposed: action.moreTimeAsked.proposed ? longDate(action.moreTimeAsked.proposed) : undefined,
              }
            : undefined,
          changes: (action.dateChanges ?? []).map(
            (d) => `${longDate(d.from)} to ${longDate(d.to)}: ${d.reason} (${d.by})`,
          ),
        },
        values,
        fieldErrors,
        errors: errors.map((e) => ({
          text: e.message,
          href: e.field === "dueDate" ? "#dueDate-day" : `#${e.field}`,
        })),
      },
      status,
    );
  };

  app.get("/action/:id/:number", async (c) => {
    const found = await movableAction(c);
    if (found instanceof Response) return found;
    // The date the owner asked for, ready to agree.
    const proposed = found.action.moreTimeAsked?.proposed;
    const values: FormValues = proposed
      ? {
          "dueDate-day": String(Number(proposed.slice(8, 10))),
          "dueDate-month": String(Number(proposed.slice(5, 7))),
          "dueDate-year": proposed.slice(0, 4),
        }
      : {};
    return datePage(c, found, values);
  });

  app.post("/action/:id/:number", async (c) => {
    const found = await movableAction(c);
    if (found instanceof Response) return found;
    const values = await readForm(c);
    try {
      await agreeNewActionDate(b.kernel, {
        meetingId: found.meeting.id,
        number: found.action.number,
        dueDate: isoDate(values, "dueDate") ?? "",
        reason: one(values, "reason").slice(0, 2000),
        actor: c.get("user").email,
        via: "workspace",
      });
      await b.settle();
      return c.redirect(`/meeting/${found.meeting.id}?done=redated`, 303);
    } catch (error) {
      const mapped = mapError(error);
      if (mapped.status === 500) throw error;
      return datePage(
        c,
        found,
        values,
        mapped.errors.map((e) => ({ field: e.field || "dueDate", message: e.message })),
        mapped.status,
      );
    }
  });
  /** Give the action to someone else at the meeting (domain/lifecycle/reassign-action.ts). */
  const ownerPage = (
    c: C,
    found: { meeting: Meeting; action: Action },
    values: FormValues,
    errors: { field: string; message: string }[] = [],
    status = 200,
  ) => {
    const { meeting, action } = found;
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, e.message]));
    const chosen = one(values, "owner");
    return w.page(
      c,
      "action-owner.njk",
      {
        title: `Give action ${action.number} to someone else`,
        meeting: { id: meeting.id, name: `${meeting.typeName}, ${meeting.child.reference}` },
        action: {
          number: action.number,
          text: action.action,
          owner: action.responsible.name ?? action.responsible.role ?? "Not named",
          due: longDate(action.dueDate),
        },
        people: possibleOwners(meeting).map((p) => ({
          value: String(p.index),
          text: `${p.name} (${roleName(p.role)}${p.agency ? `, ${p.agency}` : ""})`,
          checked: chosen === String(p.index),
        })),
        values,
        fieldErrors,
        errors: errors.map((e) => ({
          text: e.message,
          href: e.field === "owner" ? "#owner" : `#${e.field}`,
        })),
      },
      status,
    );
  };

  app.get("/action/:id/:number/owner", async (c) => {
    const found = await movableAction(c);
    return found instanceof Response ? found : ownerPage(c, found, {});
  });

  app.post("/action/:id/:number/owner", async (c) => {
    const found = await movableAction(c);
    if (found instanceof Response) return found;
    const values = await readForm(c);
    const chosen = one(values, "owner");
    try {
      await reassignAction(b.kernel, {
        meetingId: found.meeting.id,
        number: found.action.number,
        ownerIndex: /^\d+$/.test(chosen) ? Number(chosen) : undefined,
        reason: one(values, "reason"),
        actor: c.get("user").email,
        via: "workspace",
      });
      await b.settle();
      return c.redirect(`/meeting/${found.meeting.id}?done=reassigned`, 303);
    } catch (error) {
      const mapped = mapError(error);
      if (mapped.status === 500) throw error;
      return ownerPage(
        c,
        found,
        values,
        mapped.errors.map((e) => ({ field: e.field || "owner", message: e.message })),
        mapped.status,
      );
    }
  });

  app.post("/action/:id/:number/refuse", async (c) => {
    const found = await movableAction(c);
    if (found instanceof Response) return found;
    const values = await readForm(c);
    try {
      await refuseMoreTime(b.kernel, {
        meetingId: found.meeting.id,
        number: found.action.number,
        reason: one(values, "refuseReason"),
        actor: c.get("user").email,
        via: "workspace",
      });
      await b.settle();
      return c.redirect(`/meeting/${found.meeting.id}?done=refused`, 303);
    } catch (error) {
      if (error instanceof ActionDateError)
        return datePage(
          c,
          found,
          values,
          error.problems.map((p) => ({ field: "refuseReason", message: p.message })),
          400,
        );
      const mapped = mapError(error);
      if (mapped.status === 500) throw error;
      return datePage(
        c,
        found,
        values,
        mapped.errors.map((e) => ({ field: "refuseReason", message: e.message })),
        mapped.status,
      );
    }
  });
  return app;

  function notForYou(c: C) {
    return w.page(
      c,
      "error.njk",
      { title: "Not available", messages: ["The team page is for team managers and service managers."] },
      403,
    );
  }
}

function tally<T>(items: T[], key: (t: T) => string) {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => [{ text: k }, { text: String(n), format: "numeric" }]);
}
