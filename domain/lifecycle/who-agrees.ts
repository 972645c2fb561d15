/**
 * Who must agree a meeting's record: a pure decision.
 * - Where the type's record is agreed by all attendees (seed 000: "the minute is agreed by all
 *   attendees"), everyone recorded as attending, except observers (seed 003: the Children's
 *   Guardian observes a Permanency Planning Meeting).
 * - Where it is not (the type's seed sets a record the chair finalises and circulates, e.g. seed
 *   002's Care Planning Meeting form within 5 days, seed 004's progress plan within 5 working
 *   days), the chair alone.
 */
import type { Answer, Invitee, Meeting } from "./model.ts";

export function approversOf(
  meeting: Pick<Meeting, "chair" | "invitees" | "minutesAgreedBy">,
  answers: Pick<Answer, "index" | "attendance">[],
): Invitee[] {
  if (meeting.minutesAgreedBy === "chair") return [meeting.chair];
  const attended = new Set(answers.filter((a) => a.attendance === "attended").map((a) => a.index));
  return [meeting.chair, ...meeting.invitees].filter((p) => !p.observer && attended.has(p.index));
}
