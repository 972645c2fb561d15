/**
 * The compliance report pages (issue 13): the report for a period over the meetings the signed-in
 * person may see (a service manager: the authority's; a team manager: their team's; a worker:
 * their own), as a page with charts, as CSV, and the meetings behind each figure. Reading only:
 * every route is a GET and changes nothing.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import { loadCaseload } from "../../adapters/oversight/load-caseload.ts";
import { isoDateSchema } from "../../domain/clock/index.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { formatLocal, localDate } from "../../domain/lifecycle/time.ts";
import { longDate } from "../../domain/minutes/render.ts";
import {
  buildReport,
  type ComplianceReport,
  dimensions,
  type Measure,
  measureIds,
  measures,
  twelveMonthsTo,
} from "../../domain/oversight/report.ts";
import type { Workspace, WorkspaceEnv } from "../app.ts";
import { teamEmails, visibleMeetings } from "../meeting-view.ts";
import { reportCsv, reportSections } from "../report-view.ts";
import { escapeHtml } from "../views.ts";

type C = Context<WorkspaceEnv>;

const periodSchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});

const figureSchema = z.object({
  dimension: z.enum(dimensions),
  key: z.string().min(1).max(300),
  measure: z.enum(measureIds as [Measure, ...Measure[]]),
});

export function reportRoutes(w: Workspace): Hono<WorkspaceEnv> {
  const app = new Hono<WorkspaceEnv>();
  const b = w.backend;

  /** The period asked for (the last twelve months by default), or the errors naming each field. */
  const period = (c: C) => {
    const asAt = localDate(b.now(), b.authority.timezone);
    const parsed = periodSchema.safeParse({
      from: c.req.query("from") || undefined,
      to: c.req.query("to") || undefined,
    });
    if (!parsed.success) {
      const fieldErrors: Record<string, { text: string }> = {};
      for (const issue of parsed.error.issues)
        fieldErrors[String(issue.path[0])] = { text: `Enter a real date as YYYY-MM-DD (${issue.message})` };
      return { ok: false as const, fieldErrors, asAt };
    }
    const to = parsed.data.to ?? asAt;
    const from = parsed.data.from ?? twelveMonthsTo(to);
    if (to < from)
      return {
        ok: false as const,
        fieldErrors: { to: { text: "The end of the period must be on or after its start" } },
        asAt,
      };
    return { ok: true as const, from, to, asAt };
  };

  /** The report over what the person may see, and those meetings (the figure page lists them). */
  const report = async (
    c: C,
    from: string,
    to: string,
    asAt: string,
  ): Promise<{ report: ComplianceReport; meetings: Meeting[] }> => {
    const user = c.get("user");
    const meetings = await visibleMeetings(b, user);
    const plans = b.kernel.deps.plans?.plans;
    const caseload = await loadCaseload(
      b.authority.id,
      b.authority.timezone,
      { store: b.store, directory: b.directory, ...(plans ? { plans } : {}) },
      meetings,
    );
    // Visits: the person's own, their team's, or (a service manager) everyone's.
    if (!user.groups.includes("service-manager")) {
      const team = await teamEmails(b, user);
      caseload.visits = caseload.visits.filter(
        (v) => v.worker.email === user.email.toLowerCase() || team.has(v.worker.email),
      );
    }
    return { report: buildReport(caseload, { from, to, asAt }), meetings };
  };

  const scopeText = (c: C) => {
    const groups = c.get("user").groups;
    return groups.includes("service-manager")
      ? "It covers every meeting in the authority."
      : groups.includes("team-manager")
        ? "It covers the meetings of your team and those you chair or attend."
        : "It covers the meetings you chair or attend.";
  };

  app.get("/", async (c) => {
    const p = period(c);
    if (!p.ok)
      return w.page(
        c,
        "report.njk",
        {
          title: "Compliance report",
          errors: Object.entries(p.fieldErrors).map(([field, e]) => ({ text: e.text, href: `#${field}` })),
          fieldErrors: p.fieldErrors,
          from: c.req.query("from") ?? "",
          to: c.req.query("to") ?? "",
          sections: [],
          fromText: "",
          toText: "",
          asAtText: longDate(p.asAt),
        },
        400,
      );
    const { report: r } = await report(c, p.from, p.to, p.asAt);
    const q = (s: string) => encodeURIComponent(s);
    return w.page(c, "report.njk", {
      title: "Compliance report",
      from: p.from,
      to: p.to,
      fromText: longDate(p.from),
      toText: longDate(p.to),
      asAtText: longDate(p.asAt),
      scope: scopeText(c),
      fieldErrors: {},
      sections: reportSections(r, (row, measure) =>
        w.href(
          `/report/figure?from=${p.from}&to=${p.to}&dimension=${row.dimension}&key=${q(row.key)}&measure=${measure}`,
        ),
      ),
    });
  });

  app.get("/csv", async (c) => {
    const p = period(c);
    if (!p.ok)
      return c.text(
        Object.entries(p.fieldErrors)
          .map(([field, e]) => `${field}: ${e.text}`)
          .join("\n"),
        400,
      );
    const { report: r } = await report(c, p.from, p.to, p.asAt);
    return c.body(reportCsv(r), 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="convene-report-${p.from}-to-${p.to}.csv"`,
    });
  });

  app.get("/figure", async (c) => {
    const p = period(c);
    const f = figureSchema.safeParse({
      dimension: c.req.query("dimension"),
      key: c.req.query("key"),
      measure: c.req.query("measure"),
    });
    if (!p.ok || !f.success)
      return w.page(
        c,
        "error.njk",
        {
          title: "There is a problem",
          messages: [
            ...(p.ok ? [] : Object.entries(p.fieldErrors).map(([k, e]) => `${k}: ${e.text}`)),
            ...(f.success ? [] : f.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`)),
          ],
        },
        400,
      );
    const { report: r, meetings: seen } = await report(c, p.from, p.to, p.asAt);
    const row = r.rows.find((x) => x.dimension === f.data.dimension && x.key === f.data.key);
    const figure = row?.figures[f.data.measure];
    const measure = measures[f.data.measure];
    const meetings = new Map(seen.map((m) => [m.id, m] as const));
    const rows =
      measure.of === "visit"
        ? (figure?.children ?? []).map((child) => [{ text: child }])
        : (figure?.meetings ?? []).flatMap((id) => {
            const m = meetings.get(id);
            return m
              ? [
                  [
                    {
                      html: `<a class="govuk-link" href="${w.href(`/meeting/${m.id}`)}">${escapeHtml(m.typeName)}</a>`,
                    },
                    { text: m.child.reference },
                    { text: formatLocal(new Date(m.start), b.authority.timezone) },
                    { text: m.chair.name },
                  ],
                ]
              : [];
          });
    return w.page(c, "report-figure.njk", {
      title: `${measure.label}${row ? `: ${row.label}` : ""}`,
      group: measure.group,
      fromText: longDate(p.from),
      toText: longDate(p.to),
      back: w.href(`/report?from=${p.from}&to=${p.to}`),
      count:
        measure.of === "visit"
          ? `${figure?.count ?? 0} visits, ${rows.length} children`
          : `${figure?.count ?? 0} ${measure.of === "action" ? "actions, of the meetings" : "meetings"}`,
      head:
        measure.of === "visit"
          ? [{ text: "Child" }]
          : [{ text: "Meeting" }, { text: "Child" }, { text: "When" }, { text: "Chair" }],
      rows,
    });
  });

  return app;
}
