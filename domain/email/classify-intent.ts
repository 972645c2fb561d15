/**
 * Classifies the fresh text of a reply (quoted history and signature already removed) as one of
 * the answers Convene understands. The purpose of the email being answered narrows what counts:
 * an invitation is answered with accept / decline / apologies, minutes with approve /
 * request-changes, an action reminder with done or a request for more time, a report request with a report (attached or
 * promised). Anything else is `unknown`, which the lifecycle answers with a short help email.
 *
 * The phrase lists live in intent-phrases.ts.
 */
import { z } from "zod";
import {
  actionPhrases,
  approvalPhrases,
  hedges,
  invitationPhrases,
  negationWindowWords,
  negators,
} from "./intent-phrases.ts";
import type { ReplyPurpose } from "./reply-token.ts";

export const intents = [
  "accept",
  "decline",
  "apologies",
  "approve",
  "request-changes",
  "done",
  "more-time",
  "unknown",
] as const;
export const intentSchema = z.enum(intents);
export type Intent = z.infer<typeof intentSchema>;

/** Whether a written report comes with apologies (seed 001: a key agency that cannot attend reports in writing). */
export type ReportStatus = "attached" | "promised" | "none";

export type IntentResult =
  | { intent: "accept"; note: string }
  | { intent: "decline"; note: string }
  | { intent: "apologies"; report: ReportStatus; note: string }
  | { intent: "approve"; note: string }
  | { intent: "request-changes"; changes: string }
  | { intent: "done"; note: string }
  /** The owner asks for more time; the text (with any date proposed) goes to the team manager. */
  | { intent: "more-time"; note: string }
  | { intent: "unknown" };

/** Which intents each purpose accepts. */
export const intentsForPurpose: Record<ReplyPurpose, readonly Intent[]> = {
  invitation: ["accept", "decline", "apologies", "unknown"],
  approval: ["approve", "request-changes", "unknown"],
  action: ["done", "more-time", "unknown"],
  report: ["apologies", "unknown"],
};

export interface ClassifyOptions {
  /** The purpose of the email being answered (from a verified token); absent: any intent. */
  purpose?: ReplyPurpose;
  /** Whether the reply carries attachments (a report attached to apologies). */
  hasAttachments: boolean;
}

/** Longest note or change text kept, in characters. */
export const maxNoteChars = 4000;
/** Only the opening of a reply is read for the answer. */
const maxReadChars = 1500;

const compile = (sources: readonly string[]) => sources.map((s) => new RegExp(s, "g"));
const negatorRes = compile(negators);
const hedgeRes = compile(hedges);
const inv = {
  cannotAttend: compile(invitationPhrases.cannotAttend),
  apologies: compile(invitationPhrases.apologies),
  reportAttached: compile(invitationPhrases.reportAttached),
  reportPromised: compile(invitationPhrases.reportPromised),
  accept: compile(invitationPhrases.accept),
  yes: compile(invitationPhrases.yes),
};
const appr = {
  noChanges: compile(approvalPhrases.noChanges),
  changes: compile(approvalPhrases.changes),
  approve: compile(approvalPhrases.approve),
  yes: compile(approvalPhrases.yes),
};
const act = {
  notDone: compile(actionPhrases.notDone),
  done: compile(actionPhrases.done),
  moreTime: compile(actionPhrases.moreTime),
};

/** Lowercase, straight quotes, "-" for dashes, single spaces. Exported for tests. */
export function normaliseReply(text: string): string {
  return text
    .slice(0, maxReadChars)
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim();
}

function any(text: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((re) => {
    re.lastIndex = 0;
    return re.test(text);
  });
}

/** Is the match at `index` negated by a negator a few words before it, in the same clause? */
function negatedAt(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const clauseStart = Math.max(...[".", ";", "!", "?", ",", " - "].map((p) => before.lastIndexOf(p)));
  const clause = before.slice(clauseStart + 1);
  const window = clause.split(" ").filter(Boolean).slice(-negationWindowWords).join(" ");
  return any(` ${window} `, negatorRes);
}

/** Finds matches and sorts them into plain and negated ones. */
function scan(text: string, patterns: readonly RegExp[]): { plain: boolean; negated: boolean } {
  let plain = false;
  let negated = false;
  for (const re of patterns) {
    re.lastIndex = 0;
    for (const match of text.matchAll(re)) {
      if (negatedAt(text, match.index ?? 0)) negated = true;
      else plain = true;
    }
  }
  return { plain, negated };
}

function note(fresh: string): string {
  return fresh.trim().slice(0, maxNoteChars);
}

function reportStatus(text: string, hasAttachments: boolean): ReportStatus {
  if (hasAttachments || any(text, inv.reportAttached)) return hasAttachments ? "attached" : "promised";
  return any(text, inv.reportPromised) ? "promised" : "none";
}

function classifyInvitation(text: string, fresh: string, hasAttachments: boolean): IntentResult {
  const cannot = any(text, inv.cannotAttend);
  const sorry = any(text, inv.apologies);
  const accept = scan(text, inv.accept);
  const report = reportStatus(text, hasAttachments);
  if (!cannot && any(text, hedgeRes)) return { intent: "unknown" };
  const notComing = cannot || accept.negated;
  if (notComing) {
    return sorry || report !== "none"
      ? { intent: "apologies", report, note: note(fresh) }
      : { intent: "decline", note: note(fresh) };
  }
  if (accept.plain || any(text, inv.yes)) return { intent: "accept", note: note(fresh) };
  if (sorry) return { intent: "apologies", report, note: note(fresh) };
  return { intent: "unknown" };
}

function classifyApproval(text: string, fresh: string): IntentResult {
  const noChanges = any(text, appr.noChanges);
  let stripped = text;
  for (const re of appr.noChanges) stripped = stripped.replace(re, " ");
  const changes = any(stripped, appr.changes);
  const approve = scan(stripped, appr.approve);
  if (approve.negated || changes) return { intent: "request-changes", changes: note(fresh) };
  if (any(text, hedgeRes)) return { intent: "unknown" };
  if (approve.plain || noChanges || any(text, appr.yes)) return { intent: "approve", note: note(fresh) };
  return { intent: "unknown" };
}

function classifyAction(text: string, fresh: string): IntentResult {
  if (any(text, act.moreTime)) return { intent: "more-time", note: note(fresh) };
  if (any(text, act.notDone)) return { intent: "unknown" };
  const done = scan(text, act.done);
  if (done.plain && !done.negated) return { intent: "done", note: note(fresh) };
  return { intent: "unknown" };
}

function classifyReport(text: string, fresh: string, hasAttachments: boolean): IntentResult {
  if (hasAttachments) return { intent: "apologies", report: "attached", note: note(fresh) };
  if (any(text, inv.reportPromised)) return { intent: "apologies", report: "promised", note: note(fresh) };
  return { intent: "unknown" };
}

function classifyAnyPurpose(text: string, fresh: string, hasAttachments: boolean): IntentResult {
  const invitation = classifyInvitation(text, fresh, hasAttachments);
  if (invitation.intent === "decline" || invitation.intent === "apologies") return invitation;
  const approvalWords = scan(text, appr.approve);
  if (approvalWords.plain || approvalWords.negated || any(text, appr.noChanges)) {
    const approval = classifyApproval(text, fresh);
    if (approval.intent !== "unknown") return approval;
  }
  const action = classifyAction(text, fresh);
  if (action.intent !== "unknown") return action;
  // A bare "yes" or "ok" answers nothing when we do not know the question.
  if (invitation.intent === "accept" && scan(text, inv.accept).plain) return invitation;
  return { intent: "unknown" };
}

/**
 * Classifies fresh reply text. Pure and deterministic.
 * @example classifyIntent("Happy to attend", { purpose: "invitation", hasAttachments: false })
 *   // { intent: "accept", note: "Happy to attend" }
 */
export function classifyIntent(freshText: string, options: ClassifyOptions): IntentResult {
  const text = normaliseReply(freshText);
  if (!text) return { intent: "unknown" };
  switch (options.purpose) {
    case "invitation":
      return classifyInvitation(text, freshText, options.hasAttachments);
    case "approval":
      return classifyApproval(text, freshText);
    case "action":
      return classifyAction(text, freshText);
    case "report":
      return classifyReport(text, freshText, options.hasAttachments);
    default:
      return classifyAnyPurpose(text, freshText, options.hasAttachments);
  }
}
