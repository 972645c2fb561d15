/**
 * The chair's emailed decision on a requested change ("I accept the change", "Reject. The hoist
 * is not agreed yet."): accepted or rejected, the reason being what follows the decision word.
 * Only the opening of the fresh text decides, so a quoted request below it never does; "approve"
 * is the chair's own answer to the minutes, not a decision on a change.
 */

export interface ChairDecision {
  decision: "accepted" | "rejected";
  reason?: string;
  /** A name the chair wrote, to pick one change when several are waiting ("Accept Dr Karim's change"). */
  text: string;
}

const accept =
  /^(?:yes[,.!]?\s*)?(?:i\s+|we\s+)?(?:accept(?:ed)?|agree(?:d)?\s+(?:to\s+)?(?:the\s+|this\s+|that\s+)?change|make\s+(?:the|this|that)\s+change|change\s+accepted)\b/i;
const reject =
  /^(?:no[,.!]?\s+)?(?:i\s+|we\s+)?(?:reject(?:ed)?|decline(?:d)?|(?:do\s+not|don['’]t|cannot|can['’]t)\s+accept|not\s+accepted|change\s+rejected)\b/i;

export function chairDecision(fresh: string): ChairDecision | undefined {
  const text = fresh.replace(/^\s+/, "");
  const firstLine = text.split(/\r?\n/)[0] ?? "";
  const match = reject.exec(firstLine) ?? accept.exec(firstLine);
  if (!match) return undefined;
  const decision = reject.test(firstLine) ? "rejected" : "accepted";
  // The reason: the rest of the text after the decision words and their punctuation.
  const rest = text
    .slice(match[0].length)
    .replace(/^\s*(?:(?:the|this|that)\s+)?(?:changes?|request)\b(?:\s+(?:asked\s+for|requested))?/i, "")
    .replace(/^[\s.,;:!\-–—]+/, "")
    .trim();
  return { decision, text: firstLine, ...(decision === "rejected" && rest ? { reason: rest } : {}) };
}
