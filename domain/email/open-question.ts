/**
 * Whether the question a reply token asks is still open. A token names its question: the purpose
 * and the ref (the calendar SEQUENCE an invitation was sent with, the minutes version sent for
 * approval, the action number). The meeting moves on and closes questions: the meeting is held
 * (attendance and reports are closed), a new version of the minutes goes out (answers to the old
 * one are closed), the minutes are agreed or distributed, an action is closed, the chair has
 * decided a change. A reply to a closed question changes nothing and is answered.
 *
 * Pure: the caller reads the facts (phase, sequence, version, the action, the change) and passes
 * them in. Returns facts, never English; the words live in the email and the page.
 */
import { type Phase, phaseIndex } from "../lifecycle/phases.ts";
import type { ReplyPurpose } from "./reply-token.ts";

/** What a reply token asks. */
export interface Question {
  purpose: ReplyPurpose;
  ref: number;
  /** Who asks (the token's invitee index), when known. */
  person?: number;
}

/** The state of the meeting a question belongs to, as the caller just read it. */
export interface QuestionFacts {
  phase: Phase;
  /** The meeting's calendar SEQUENCE (raised on every reschedule and on cancellation). */
  sequence: number;
  /** The current minutes version (0: none drafted yet). */
  minutesVersion: number;
  /** The current minutes version is agreed (by every attendee, or deemed) and waits to go out. */
  minutesAgreed?: boolean;
  /** This person's attendance was recorded by the chair (attended or absent): the meeting was held. */
  attendanceRecorded?: boolean;
  /** For an action question: the action's status, or undefined when the meeting has no such action. */
  action?: {
    status: "open" | "done" | "slipped" | "cancelled";
    /** The owner's invitee index and name, when the owner is someone at the meeting. */
    ownerIndex?: number | undefined;
    ownerName?: string | undefined;
  };
  /** The chair's invitee index: the chair may answer any of the meeting's actions. */
  chairIndex?: number;
}

/** Why a question is closed, with what the answer needs to say what to do instead. */
export type QuestionClosed =
  | { reason: "meeting-cancelled" }
  | { reason: "meeting-held" }
  | { reason: "meeting-rescheduled"; sequence: number }
  | { reason: "minutes-superseded"; version: number }
  | { reason: "minutes-agreed"; version: number }
  | { reason: "minutes-distributed"; version: number }
  | { reason: "change-decided"; decision: "accepted" | "rejected" }
  | { reason: "no-change-requested"; version: number }
  | { reason: "action-closed"; number: number; status: "done" | "slipped" | "cancelled" }
  | { reason: "no-such-action"; number: number }
  /** The action was given to someone else: the previous owner's link no longer answers it. */
  | { reason: "action-reassigned"; number: number; owner: string }
  /** The chair decided "a change" by reply while several were waiting, naming none of their requesters. */
  | { reason: "change-ambiguous"; waiting: number };

export type QuestionState = { open: true } | { open: false; closed: QuestionClosed };

const open: QuestionState = { open: true };
const closed = (c: QuestionClosed): QuestionState => ({ open: false, closed: c });

/** Attendance and reports are asked for until the meeting is held (the chair records who attended). */
function held(facts: QuestionFacts): boolean {
  return phaseIndex(facts.phase) > phaseIndex("await-meeting") || facts.attendanceRecorded === true;
}

/**
 * Is the token's question still open?
 * @example questionState({ purpose: "approval", ref: 1 }, { phase: "agree-minutes", sequence: 0, minutesVersion: 2 })
 *   // { open: false, closed: { reason: "minutes-superseded", version: 2 } }
 */
export function questionState(question: Question, facts: QuestionFacts): QuestionState {
  if (facts.phase === "cancelled") return closed({ reason: "meeting-cancelled" });
  switch (question.purpose) {
    case "invitation":
      if (held(facts)) return closed({ reason: "meeting-held" });
      // An invitation is signed with the SEQUENCE it was sent with: a reschedule sent a new one.
      if (question.ref !== facts.sequence)
        return closed({ reason: "meeting-rescheduled", sequence: facts.sequence });
      return open;
    case "report":
      return held(facts) ? closed({ reason: "meeting-held" }) : open;
    case "approval":
      if (phaseIndex(facts.phase) >= phaseIndex("distribute"))
        return closed({ reason: "minutes-distributed", version: facts.minutesVersion });
      if (facts.minutesVersion === 0 || question.ref !== facts.minutesVersion)
        return closed({ reason: "minutes-superseded", version: facts.minutesVersion });
      if (facts.minutesAgreed) return closed({ reason: "minutes-agreed", version: facts.minutesVersion });
      return open;
    case "action":
      if (!facts.action) return closed({ reason: "no-such-action", number: question.ref });
      // A slipped action is still owed: a late "done" is recorded (and shown as late).
      if (facts.action.status === "done" || facts.action.status === "cancelled")
        return closed({ reason: "action-closed", number: question.ref, status: facts.action.status });
      if (
        question.person !== undefined &&
        facts.action.ownerIndex !== undefined &&
        question.person !== facts.action.ownerIndex &&
        question.person !== facts.chairIndex
      )
        return closed({
          reason: "action-reassigned",
          number: question.ref,
          owner: facts.action.ownerName ?? "someone else",
        });
      return open;
  }
}

/** A change an attendee asked for on the token's minutes version, as the store holds it. */
export interface ChangeFacts {
  /** The attendee asked for a change on that version. */
  requested: boolean;
  decision?: "accepted" | "rejected";
}

/**
 * Can the chair (with an approval token for minutes version `ref`) still accept or reject the
 * change an attendee asked for? Only while that version is the one out for approval and the change
 * is undecided.
 */
export function changeDecisionState(ref: number, facts: QuestionFacts, change: ChangeFacts): QuestionState {
  const minutes = questionState({ purpose: "approval", ref }, facts);
  if (!minutes.open) return minutes;
  if (!change.requested) return closed({ reason: "no-change-requested", version: ref });
  if (change.decision) return closed({ reason: "change-decided", decision: change.decision });
  return open;
}
