/**
 * A calendar Accept / Tentative / Decline (iTIP REPLY) as an answer to an invitation. Pure.
 *
 * 1. Only for an invitation's token, and only when the ATTENDEE who answered is the sender (the
 *    sender is already checked against the invited address): anything else falls back to the text.
 * 2. ACCEPTED → attending; TENTATIVE → attending, noted as tentative; DECLINED → apologies (seed
 *    001: a key agency sending apologies is then asked for its written report, as for any apologies).
 *    The client's comment, or the typed text, is the note.
 */
import type { IntentResult } from "./classify-intent.ts";

export interface CalendarAnswer {
  answer: "accepted" | "tentative" | "declined";
  attendee?: string;
  comment?: string;
}

export function calendarIntent(
  reply: CalendarAnswer | undefined,
  context: { purpose: string; from: string | undefined; fresh: string; hasReport: boolean },
): IntentResult | undefined {
  if (!reply || context.purpose !== "invitation") return undefined;
  if (reply.attendee && reply.attendee !== context.from?.toLowerCase()) return undefined;
  // Outlook's body text repeats the answer ("Accepted: …" subject line, or nothing): prefer the comment.
  const note = reply.comment ?? "";
  switch (reply.answer) {
    case "accepted":
      return { intent: "accept", note };
    case "tentative":
      return { intent: "accept", note: note ? `Tentative: ${note}` : "Tentative" };
    case "declined":
      return { intent: "apologies", report: context.hasReport ? "attached" : "none", note };
  }
}
