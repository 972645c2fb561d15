/**
 * Statutory follow-ups become tracked actions (issue 10, item 4): e.g. after the first Child and
 * Family Progress Meeting, a Family Network Meeting organised or a Family Group Conference referral
 * made within 5 working days, where the meeting agreed it (seed 004).
 *
 * Pure.
 * 1. Keep the meeting's follow-ups that have a statutory date (the plan gave one).
 * 2. Keep those owed: always, or, where owed only when agreed, when the agreed minutes' decisions,
 *    actions or key points mention one of its phrases.
 * 3. Skip one an agreed action already covers (it mentions the phrase): that action is tracked,
 *    due no later than the statutory date.
 * 4. Number the rest after the minutes' actions; the chair owns them (the chair convened the
 *    meeting and is the allocated social worker or their manager).
 */
import type { Minutes } from "../minutes/model.ts";
import type { Action, Meeting } from "./model.ts";

const mentions = (text: string, phrases: readonly string[]) => {
  const lower = text.toLowerCase();
  return phrases.some((p) =>
    p.length <= 4 && p === p.toUpperCase()
      ? new RegExp(`\\b${p}\\b`).test(text) // an abbreviation: whole word, as written
      : lower.includes(p.toLowerCase()),
  );
};

/** The agreed parts of the minutes, as text to look for phrases in. */
function agreedText(minutes: Pick<Minutes, "decisions" | "actions" | "keyPoints">): string {
  return [
    ...minutes.decisions.map((d) => d.text),
    ...minutes.actions.map((a) => `${a.action} ${a.notes}`),
    ...minutes.keyPoints.map((k) => k.text),
  ].join("\n");
}

export interface FollowUpDecision {
  /** New tracked actions, numbered after the minutes' own. */
  actions: Action[];
  /** Minutes' actions whose due date is brought forward to the statutory date, by number. */
  dueDates: Map<number, string>;
}

export function followUpActions(
  meeting: Pick<Meeting, "followUps" | "chair">,
  minutes: Pick<Minutes, "decisions" | "actions" | "keyPoints">,
): FollowUpDecision {
  const text = agreedText(minutes);
  const actions: Action[] = [];
  const dueDates = new Map<number, string>();
  let next = Math.max(0, ...minutes.actions.map((a) => a.number)) + 1;
  for (const f of meeting.followUps) {
    // 1–2.
    if (f.dueBy === null) continue;
    const phrases = f.agreedWhenMinutesMention;
    if (phrases && !mentions(text, phrases)) continue;
    // 3.
    const covering = phrases
      ? minutes.actions.find((a) => mentions(`${a.action} ${a.notes}`, phrases))
      : undefined;
    if (covering) {
      const due = covering.timescale.dueDate;
      if (due === undefined || due > f.dueBy) dueDates.set(covering.number, f.dueBy);
      continue;
    }
    // 4.
    actions.push({
      number: next++,
      action: f.what,
      timescale: `statutory: by ${f.dueBy} (seed ${f.seed})`,
      dueDate: f.dueBy,
      responsible: {
        name: meeting.chair.name,
        role: meeting.chair.role,
        email: meeting.chair.email,
        inviteeIndex: meeting.chair.index,
      },
      notes: `Statutory follow-up (${f.id}), added by Convene from the meeting type's rules.`,
      status: "open",
      escalationLevel: 0,
    });
  }
  return { actions, dueDates };
}
