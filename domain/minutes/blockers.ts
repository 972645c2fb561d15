/**
 * What stops agreed minutes being finalised, per meeting type (issue 10 item 3), and the chair
 * supplying a missing section by reply.
 *
 * 1. The type's blocking sections: the catalog's `finaliseBlocking`, else the required ones among
 *    the child's views and the contingency plan (seed 001).
 * 2. The missing ones in these minutes, each with the reason the chair is told.
 * 3. A chair's reply parsed into section texts ("Child's views: ...", "Contingency plan: ...";
 *    only headed text counts, so a plain "Approved." never becomes a section).
 * 4. The supplied texts applied to the minutes (a new version goes back out for approval).
 */
import type { MeetingType, MinuteSectionId } from "../catalog/index.ts";
import type { Minutes } from "./model.ts";

/** Sections the blocking rule can check. */
export type BlockingSection = "childs-views" | "contingency-plan";
const checkable: readonly BlockingSection[] = ["childs-views", "contingency-plan"];

const titles: Record<BlockingSection, string> = {
  "childs-views": "Child's views",
  "contingency-plan": "Contingency plan",
};

/** Step 1. */
export function blockingSections(
  type: Pick<MeetingType, "minuteSections" | "finaliseBlocking">,
): BlockingSection[] {
  const ids: MinuteSectionId[] =
    type.finaliseBlocking ?? type.minuteSections.filter((s) => s.required).map((s) => s.id);
  return checkable.filter((id) => ids.includes(id));
}

export interface Blocker {
  section: BlockingSection;
  title: string;
  reason: string;
}

/** Step 2. */
export function missingSections(minutes: Minutes, blocking: readonly BlockingSection[]): Blocker[] {
  const out: Blocker[] = [];
  if (blocking.includes("childs-views")) {
    const v = minutes.childsViews;
    if (v.views.trim() === "") {
      out.push({
        section: "childs-views",
        title: titles["childs-views"],
        reason: "the minutes do not record the child's views (seed 001)",
      });
    } else if (v.influence.trim() === "" && !v.notActedOnWhy?.trim()) {
      out.push({
        section: "childs-views",
        title: titles["childs-views"],
        reason:
          "say how the child's views influenced the decisions, or why they were not acted on (seed 001)",
      });
    }
  }
  if (blocking.includes("contingency-plan") && minutes.contingencyPlan.text.trim() === "") {
    out.push({
      section: "contingency-plan",
      title: titles["contingency-plan"],
      reason: "the minutes have no contingency plan for when progress is not made (seed 001)",
    });
  }
  return out;
}

const headings: [RegExp, BlockingSection][] = [
  [/^\s*(?:the\s+)?child(?:'|’)?s\s+views\s*[:\-–]\s*/i, "childs-views"],
  [/^\s*contingency(?:\s+plan)?\s*[:\-–]\s*/i, "contingency-plan"],
];

/** Step 3: the section texts in a chair's reply (quoted lines and signatures dropped). */
export function parseSuppliedSections(
  body: string,
  missing: readonly BlockingSection[],
): Partial<Record<BlockingSection, string>> {
  const lines: string[] = [];
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*--\s*$/.test(line) || /^On .+wrote:\s*$/.test(line)) break;
    if (/^\s*>/.test(line)) continue;
    lines.push(line);
  }
  const found: Partial<Record<BlockingSection, string[]>> = {};
  let current: BlockingSection | undefined;
  for (const line of lines) {
    const head = headings.find(([re]) => re.test(line));
    if (head) {
      current = head[1];
      found[current] = [line.replace(head[0], "")];
    } else if (current) {
      found[current]?.push(line);
    }
  }
  const out: Partial<Record<BlockingSection, string>> = {};
  for (const id of checkable) {
    const text = found[id]?.join("\n").trim();
    if (text) out[id] = text;
  }
  // Only what the minutes lack is taken from the reply.
  for (const id of checkable) if (!missing.includes(id)) delete out[id];
  return out;
}

/** Step 4. */
export function applySuppliedSections(
  minutes: Minutes,
  supplied: Partial<Record<BlockingSection, string>>,
): Minutes {
  const views = supplied["childs-views"];
  const plan = supplied["contingency-plan"];
  return {
    ...minutes,
    ...(views
      ? {
          childsViews: {
            ...minutes.childsViews,
            // The chair's text records the views and how they weighed, where either is blank.
            views: minutes.childsViews.views.trim() || views,
            influence: minutes.childsViews.influence.trim() || views,
          },
        }
      : {}),
    ...(plan ? { contingencyPlan: { ...minutes.contingencyPlan, text: plan } } : {}),
  };
}
