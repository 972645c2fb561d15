/**
 * The chair's edits to a draft, section by section (the workspace's minutes page). Pure: the
 * minutes and the edits in, the edited minutes and the sections that changed out. A list section
 * (key points, decisions) is edited as one point per line; a point left as it was keeps its link to
 * the moment in the recording it came from.
 */
import { z } from "zod";
import type { Minutes } from "./model.ts";

const long = (field: string) => z.string().max(20_000, `${field}: expected at most 20,000 characters`);

/** What the minutes page posts; every field optional (a section not posted is left as it is). */
export const minutesEditSchema = z.strictObject({
  purpose: long("purpose").optional(),
  /** Discussion of agenda item n, one point per line, by the item's number. */
  agendaItems: z
    .record(z.string().regex(/^\d{1,3}$/, "expected an agenda item number"), long("agenda item"))
    .optional(),
  childsViews: long("the child's views").optional(),
  childsViewsInfluence: long("how the child's views influenced decisions").optional(),
  childsViewsNotActedOnWhy: long("why the child's views were not acted on").optional(),
  keyPoints: long("key points").optional(),
  decisions: long("decisions").optional(),
  contingencyPlan: long("contingency plan").optional(),
  progressMeasures: long("progress measures").optional(),
  nextReview: z.string().max(2000, "nextReview: expected at most 2,000 characters").optional(),
});
export type MinutesEdit = z.infer<typeof minutesEditSchema>;

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Points edited one per line; an unchanged point keeps its source reference. */
function editPoints<T extends { text: string; sourceRef?: unknown }>(before: T[], text: string): T[] {
  const known = new Map(before.map((p) => [p.text.trim(), p]));
  return lines(text).map((line) => known.get(line) ?? ({ text: line } as T));
}

const normal = (text: string) => text.replace(/\r\n/g, "\n").trim();

/** The edited minutes and which sections changed (section ids as in minuteSectionTitles). */
export function applyMinutesEdits(
  minutes: Minutes,
  edit: MinutesEdit,
): { minutes: Minutes; changed: string[] } {
  const next: Minutes = structuredClone(minutes);
  const changed = new Set<string>();
  const set = (section: string, before: string, after: string | undefined, apply: (v: string) => void) => {
    if (after === undefined || normal(after) === normal(before)) return;
    apply(normal(after));
    changed.add(section);
  };
  set("purpose", minutes.purpose, edit.purpose, (v) => {
    next.purpose = v;
  });
  for (const [number, text] of Object.entries(edit.agendaItems ?? {})) {
    const item = next.agendaItems.find((i) => i.number === Number(number));
    if (!item) throw new RangeError(`agendaItems.${number}: the minutes have no agenda item ${number}`);
    set("agenda-items", item.discussion, text, (v) => {
      item.discussion = lines(v).join("\n");
      // Line i's time is kept only while line i is what it was.
      const old = minutes.agendaItems.find((i) => i.number === Number(number));
      const oldLines = old ? old.discussion.split("\n").map((l) => l.trim()) : [];
      item.sourceRefs = lines(v).flatMap((line, i) => {
        const ref = oldLines[i] === line ? old?.sourceRefs[i] : undefined;
        return ref ? [ref] : [];
      });
    });
  }
  set("childs-views", minutes.childsViews.views, edit.childsViews, (v) => {
    next.childsViews.views = v;
  });
  set("childs-views", minutes.childsViews.influence, edit.childsViewsInfluence, (v) => {
    next.childsViews.influence = v;
  });
  set("childs-views", minutes.childsViews.notActedOnWhy ?? "", edit.childsViewsNotActedOnWhy, (v) => {
    if (v) next.childsViews.notActedOnWhy = v;
    else delete next.childsViews.notActedOnWhy;
  });
  const pointsText = (points: { text: string }[]) => points.map((p) => p.text).join("\n");
  set("key-points", pointsText(minutes.keyPoints), edit.keyPoints, (v) => {
    next.keyPoints = editPoints(minutes.keyPoints, v);
  });
  set("decisions", pointsText(minutes.decisions), edit.decisions, (v) => {
    next.decisions = editPoints(minutes.decisions, v);
  });
  set("contingency-plan", minutes.contingencyPlan.text, edit.contingencyPlan, (v) => {
    next.contingencyPlan = { ...next.contingencyPlan, text: v };
  });
  set("progress-measures", minutes.progressMeasures.text, edit.progressMeasures, (v) => {
    next.progressMeasures = { ...next.progressMeasures, text: v };
  });
  set("next-review", minutes.nextReview.text ?? "", edit.nextReview, (v) => {
    next.nextReview = { ...next.nextReview, text: v };
  });
  return { minutes: next, changed: [...changed] };
}
