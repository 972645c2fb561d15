/**
 * `convene report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format csv|html|json] [--out FILE]
 * [--dir DIR] [--authority FILE]`: the compliance report (domain/oversight/report.ts) of a stopped
 * embedded runtime's data folder (`.convene`, or a simulation's). The period defaults to the twelve
 * months to the folder's today; CSV goes to stdout unless --out is given.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "../adapters/config/load-authority.ts";
import { NoDataFolderError, openDataFolder } from "../adapters/local/data-folder.ts";
import { loadCaseload } from "../adapters/oversight/load-caseload.ts";
import { figureAnchor, reportCsv, reportSections } from "../app/report-view.ts";
import { govukDist, renderPage } from "../app/views.ts";
import { isoDateSchema } from "../domain/clock/index.ts";
import { formatLocal, localDate } from "../domain/lifecycle/time.ts";
import { longDate } from "../domain/minutes/render.ts";
import type { Caseload } from "../domain/oversight/caseload.ts";
import {
  buildReport,
  type ComplianceReport,
  measureIds,
  measures,
  twelveMonthsTo,
} from "../domain/oversight/report.ts";
import { type Command, CommandFailedError, parseCommandArgs, UsageError } from "./io.ts";

const argsSchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  "as-at": isoDateSchema.optional(),
  format: z.enum(["csv", "html", "json"]).default("csv"),
  out: z.string().min(1).optional(),
  dir: z.string().min(1).default(".convene"),
  authority: z.string().min(1).optional(),
});

export const reportCommand: Command = async (argv, io) => {
  const args = parseCommandArgs(
    argv,
    {
      from: { type: "string" },
      to: { type: "string" },
      "as-at": { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      dir: { type: "string" },
      authority: { type: "string" },
    },
    argsSchema,
  );
  let folder: Awaited<ReturnType<typeof openDataFolder>>;
  try {
    folder = await openDataFolder(resolve(args.dir), args.authority);
  } catch (error) {
    if (error instanceof NoDataFolderError || error instanceof ConfigError)
      throw new CommandFailedError(error.message.replace(/\s*\n\s*/g, " "));
    throw error;
  }
  let caseload: Caseload;
  let report: ComplianceReport;
  try {
    const tz = folder.authority.timezone;
    const asAt = args["as-at"] ?? localDate(folder.now, tz);
    const to = args.to ?? asAt;
    const from = args.from ?? twelveMonthsTo(to);
    if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
    caseload = await loadCaseload(folder.authority.id, tz, folder);
    report = buildReport(caseload, { from, to, asAt });
  } finally {
    await folder.close();
  }
  const text =
    args.format === "csv"
      ? reportCsv(report)
      : args.format === "json"
        ? `${JSON.stringify(report, null, 2)}\n`
        : await standaloneHtml(report, caseload, folder.authority.name);
  if (args.out) {
    await writeFile(args.out, text);
    const all = report.rows[0]?.figures;
    io.err(
      `report ${report.from} to ${report.to} (as at ${report.asAt}): ${all?.meetings.count ?? 0} meetings, ${all?.actions.count ?? 0} actions, ${all?.visits.count ?? 0} visits → ${args.out}`,
    );
  } else io.out(text);
  return 0;
};

/** One HTML file: GOV.UK Frontend's styles inline, each figure linked to its list of meetings below. */
async function standaloneHtml(
  report: ComplianceReport,
  caseload: Caseload,
  authorityName: string,
): Promise<string> {
  const css = await readFile(join(govukDist, "govuk", "govuk-frontend.min.css"), "utf8");
  const byId = new Map(caseload.meetings.map((r) => [r.meeting.id, r.meeting]));
  const figures = report.rows.flatMap((row) =>
    measureIds
      .filter((m) => row.figures[m].count > 0)
      .map((m) => {
        const f = row.figures[m];
        const items =
          measures[m].of === "visit"
            ? f.children.map((c) => `Child ${c}`)
            : f.meetings.map((id) => {
                const meeting = byId.get(id);
                return meeting
                  ? `${meeting.typeName}, child ${meeting.child.reference}, ${formatLocal(new Date(meeting.start), caseload.timeZone)}, chaired by ${meeting.chair.name} (${id})`
                  : id;
              });
        return {
          anchor: figureAnchor(row, m),
          title: `${row.label}: ${measures[m].label}`,
          count: f.count,
          items,
        };
      }),
  );
  return renderPage("report-standalone.njk", {
    css,
    authorityName,
    fromText: longDate(report.from),
    toText: longDate(report.to),
    asAtText: longDate(report.asAt),
    sections: reportSections(report, (row, m) => `#${figureAnchor(row, m)}`),
    figures,
    assetPath: "",
  });
}
