/**
 * The compliance report as people read it: for each dimension (the total, meeting type, team,
 * worker, agency) a chart per group of figures — server-rendered SVG, a stacked bar per row with
 * its numbers written beside it, readable without JavaScript and described for screen readers —
 * and a table whose every figure links to the meetings behind it. Used by the workspace's report
 * page and by `convene report --format html`; the CSV is `reportCsv`.
 */

import { toCsv } from "../domain/oversight/extracts/csv.ts";
import {
  type ComplianceReport,
  type Dimension,
  dimensionLabels,
  dimensions,
  type Measure,
  measureIds,
  measures,
  type ReportRow,
  rate,
} from "../domain/oversight/report.ts";
import { escapeHtml } from "./views.ts";

/** GOV.UK colours, each at least 3:1 against white (WCAG 2.2 1.4.11), told apart by the legend and the numbers too. */
const colours = { good: "#00703c", late: "#1d70b8", bad: "#d4351c", none: "#505a5f" } as const;

interface Segment {
  measure: Measure;
  colour: string;
}

/** The charts: what each stacks, and the measure its bar is a share of. */
export const charts: Array<{ id: string; title: string; whole: Measure; segments: Segment[] }> = [
  {
    id: "held",
    title: "Meetings held within the statutory timescale",
    whole: "meetings",
    segments: [
      { measure: "held-on-time", colour: colours.good },
      { measure: "held-late", colour: colours.late },
      { measure: "not-held-overdue", colour: colours.bad },
      { measure: "held-no-timescale", colour: colours.none },
    ],
  },
  {
    id: "records",
    title: "Minutes and plans distributed on time",
    whole: "meetings",
    segments: [
      { measure: "record-on-time", colour: colours.good },
      { measure: "record-late", colour: colours.late },
      { measure: "record-overdue", colour: colours.bad },
    ],
  },
  {
    id: "actions",
    title: "How agreed actions ended",
    whole: "actions",
    segments: [
      { measure: "actions-done-on-time", colour: colours.good },
      { measure: "actions-done-late", colour: colours.late },
      { measure: "actions-overdue", colour: colours.bad },
    ],
  },
  {
    id: "visits",
    title: "Child in Need visits on time",
    whole: "visits",
    segments: [
      { measure: "visits-on-time", colour: colours.good },
      { measure: "visits-late", colour: colours.late },
      { measure: "visits-overdue", colour: colours.bad },
    ],
  },
];

const svgText = (text: string) => escapeHtml(text);

/** One chart as SVG: a 100%-stacked bar per row, its counts beside it, a legend, a title and a description. */
export function chartSvg(chart: (typeof charts)[number], rows: ReportRow[], idPrefix: string): string {
  const labelWidth = 260;
  const barWidth = 340;
  const rowHeight = 28;
  const width = labelWidth + barWidth + 230;
  // The legend, wrapped to the chart's width.
  const legend: string[] = [];
  let x = 0;
  let line = 0;
  for (const s of chart.segments) {
    const label = measures[s.measure].label;
    const itemWidth = 32 + label.length * 7.6;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      line++;
    }
    const y = 6 + line * 22;
    legend.push(
      `<rect x="${x}" y="${y}" width="14" height="14" fill="${s.colour}"/>`,
      `<text x="${x + 20}" y="${y + 12}" fill="#0b0c0c">${svgText(label)}</text>`,
    );
    x += itemWidth;
  }
  const top = 36 + line * 22;
  const height = top + rows.length * rowHeight + 8;
  const titleId = `${idPrefix}-${chart.id}-title`;
  const descId = `${idPrefix}-${chart.id}-desc`;
  const describe = rows.map((r) => {
    const whole = r.figures[chart.whole].count;
    const parts = chart.segments.map(
      (s) => `${r.figures[s.measure].count} ${measures[s.measure].label.toLowerCase()}`,
    );
    return `${r.label}: ${parts.join(", ")} of ${whole}`;
  });
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="convene-chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}" font-family="Arial, sans-serif" font-size="14">`,
    `<title id="${titleId}">${svgText(chart.title)}</title>`,
    `<desc id="${descId}">${svgText(describe.join(". "))}</desc>`,
  ];
  out.push(...legend);
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const whole = r.figures[chart.whole].count;
    const label = r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label;
    out.push(`<text x="0" y="${y + 17}" fill="#0b0c0c">${svgText(label)}</text>`);
    out.push(
      `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="18" fill="#ffffff" stroke="#505a5f"/>`,
    );
    let at = labelWidth;
    for (const s of chart.segments) {
      const n = r.figures[s.measure].count;
      if (whole === 0 || n === 0) continue;
      const w = (barWidth * n) / whole;
      out.push(
        `<rect x="${at.toFixed(2)}" y="${y + 3}" width="${w.toFixed(2)}" height="18" fill="${s.colour}" stroke="#ffffff" stroke-width="1"/>`,
      );
      at += w;
    }
    const first = chart.segments[0] as Segment;
    const summary = whole
      ? `${r.figures[first.measure].count} of ${whole} (${rate(r.figures[first.measure].count, whole)})`
      : "none";
    out.push(
      `<text x="${labelWidth + barWidth + 10}" y="${y + 17}" fill="#0b0c0c">${svgText(summary)}</text>`,
    );
  });
  out.push("</svg>");
  return out.join("");
}

/** Where a figure links: the workspace's list of its meetings, or an anchor in a standalone file. */
export type FigureHref = (row: ReportRow, measure: Measure) => string;

export interface ReportSection {
  dimension: Dimension;
  heading: string;
  charts: Array<{ id: string; title: string; svg: string }>;
  tables: Array<{
    caption: string;
    head: Array<{ text: string; format?: string }>;
    rows: Array<Array<{ text?: string; html?: string; format?: string }>>;
  }>;
}

const groups = ["Meetings", "Records", "Actions", "Visits"] as const;

/** The report's sections, one per dimension with rows, ready for report.njk. */
export function reportSections(report: ComplianceReport, href: FigureHref): ReportSection[] {
  const sections: ReportSection[] = [];
  for (const dimension of dimensions) {
    const rows = report.rows.filter((r) => r.dimension === dimension);
    if (rows.length === 0) continue;
    const heading = dimension === "all" ? "All meetings" : `By ${dimensionLabels[dimension].toLowerCase()}`;
    const shown = charts.filter((c) => c.id !== "visits" || rows.some((r) => r.figures.visits.count > 0));
    sections.push({
      dimension,
      heading,
      charts: shown.map((c) => ({ id: c.id, title: c.title, svg: chartSvg(c, rows, `chart-${dimension}`) })),
      tables: groups
        .filter((g) => g !== "Visits" || rows.some((r) => r.figures.visits.count > 0))
        .map((group) => {
          const ms = measureIds.filter((m) => measures[m].group === group);
          return {
            caption: `${group}${dimension === "all" ? "" : `, ${heading.toLowerCase()}`}`,
            head: [
              { text: dimension === "all" ? "" : dimensionLabels[dimension] },
              ...ms.map((m) => ({ text: measures[m].label, format: "numeric" })),
            ],
            rows: rows.map((r) => [
              { text: r.label },
              ...ms.map((m) => {
                const n = r.figures[m].count;
                return n === 0
                  ? { text: "0", format: "numeric" }
                  : {
                      html: `<a class="govuk-link" href="${escapeHtml(href(r, m))}">${n}<span class="govuk-visually-hidden"> ${escapeHtml(measures[m].label.toLowerCase())}, ${escapeHtml(r.label)}</span></a>`,
                      format: "numeric",
                    };
              }),
            ]),
          };
        }),
    });
  }
  return sections;
}

/** A figure's place in the standalone file's list of meetings behind the figures. */
export const figureAnchor = (row: ReportRow, measure: Measure) =>
  `figure-${row.dimension}-${encodeURIComponent(row.key).replace(/[^A-Za-z0-9_-]/g, "_")}-${measure}`;

/**
 * The report as CSV, one line per figure: the period, the dimension and group, the measure (its id
 * and label), the count, and the meetings (ids, space-separated) or children behind it.
 */
export function reportCsv(report: ComplianceReport): string {
  const columns = [
    "from",
    "to",
    "as_at",
    "dimension",
    "group_key",
    "group",
    "measure",
    "measure_label",
    "count",
    "meetings",
    "children",
  ] as const;
  const rows = report.rows.flatMap((r) =>
    measureIds.map((m) => ({
      from: report.from,
      to: report.to,
      as_at: report.asAt,
      dimension: r.dimension,
      group_key: r.key,
      group: r.label,
      measure: m,
      measure_label: measures[m].label,
      count: String(r.figures[m].count),
      meetings: r.figures[m].meetings.join(" "),
      children: r.figures[m].children.join(" "),
    })),
  );
  return toCsv(columns, rows);
}
