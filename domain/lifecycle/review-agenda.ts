/**
 * The review meeting's agenda, filled afresh (issue 10, item 4): the review type's template with
 * the review's own date and time, opened by progress on the previous meeting's actions, each with
 * its owner, due date and where it stands (seed 000: review meetings review progress and avoid
 * slippage of agreed actions). Pure.
 */
import type { MeetingAgenda } from "../catalog/agenda-outline.ts";
import { fillText } from "../catalog/agendas.ts";
import { longDate } from "../minutes/render.ts";
import type { Action } from "./model.ts";
import type { Series } from "./series.ts";

export const actionsReviewHeading = "Progress on the actions agreed at the last meeting";

/** One line per action: what, who, when due, and done (late or on time) / open / slipped / cancelled. */
export function actionProgress(action: Action): string {
  const owner = action.responsible.name ?? action.responsible.email ?? "owner to be confirmed";
  const role = action.responsible.role ? ` (${action.responsible.role})` : "";
  const due = `due ${longDate(action.dueDate)}`;
  let state: string;
  switch (action.status) {
    case "done": {
      const on = action.closedAt?.slice(0, 10);
      state = on ? `done on ${longDate(on)}${on > action.dueDate ? ", late" : ""}` : "done";
      break;
    }
    case "open":
      state = "open: progress to be reported";
      break;
    case "slipped":
      state = "slipped: not done by its date; to be agreed again";
      break;
    case "cancelled":
      state = "cancelled";
      break;
  }
  return `Action ${action.number}: ${action.action}. ${owner}${role}, ${due}: ${state}.`;
}

export function reviewAgenda(input: {
  series: Series;
  /** The review's date and time as the invitation says them. */
  date: IsoLongDate;
  time: string;
  /** The previous meeting's agenda, where the review type has no template of its own. */
  previous: MeetingAgenda;
  /** The previous meeting's actions. */
  actions: Action[];
}): MeetingAgenda {
  const values = { ...input.series.agendaValues, date: input.date, time: input.time };
  const fill = (text: string) => fillText(text, values);
  const template = input.series.reviewAgenda;
  const progress = {
    heading: actionsReviewHeading,
    guidance: "Each action agreed at the last meeting, its owner and where it stands.",
    items:
      input.actions.length > 0
        ? [...input.actions].sort((a, b) => a.number - b.number).map((a) => ({ text: actionProgress(a) }))
        : [{ text: "No actions were agreed at the last meeting." }],
  };
  if (!template) {
    // No template: the previous agenda's sections, less an earlier progress section.
    return {
      title: input.previous.title,
      lines: [],
      sections: [progress, ...input.previous.sections.filter((s) => s.heading !== actionsReviewHeading)],
    };
  }
  const sections = template.sections.map((section) => ({
    heading: fill(section.heading),
    ...(section.guidance === undefined ? {} : { guidance: fill(section.guidance) }),
    items: section.items.map((item) => ({
      text: fill(item.text),
      ...(item.subItems === undefined ? {} : { subItems: item.subItems.map(fill) }),
    })),
  }));
  // A template with an item for the actions' progress (seed 000's RPM) gets them under it.
  const first = sections
    .flatMap((section) => section.items)
    .find((item) => /^progress on the actions/i.test(item.text));
  if (first) {
    first.subItems = [...(first.subItems ?? []), ...progress.items.map((i) => i.text)];
    return { title: fill(template.title), lines: template.lines.map(fill), sections };
  }
  return { title: fill(template.title), lines: template.lines.map(fill), sections: [progress, ...sections] };
}

/** A date as the agenda says it, e.g. "Tuesday 28 April 2026". */
type IsoLongDate = string;
