/**
 * The reply desk's core: finds the person a token names, checks the question is still open, and
 * applies an answer through the lifecycle use cases (attendance, approval, change decisions, a
 * chair's supplied sections or named speakers, an action done). The email and page entry points
 * (replies.ts) share it.
 */

import { chairDecision } from "../email/chair-decision.ts";
import type { IntentResult } from "../email/classify-intent.ts";
import { type QuestionClosed, type QuestionState, questionState } from "../email/open-question.ts";
import type { ReplyClaims } from "../email/reply-token.ts";
import { NotFoundError } from "../ports/store.ts";
import { askForMoreTime } from "./ask-for-more-time.ts";
import type { ReportDocument } from "./attendance-answer.ts";
import { recordAttendanceAnswer } from "./attendance-answer.ts";
import { answerClosedQuestion } from "./closed-question.ts";
import { decideChange } from "./decide-change.ts";
import { type ClosedAnswer, type LifecycleDeps, LifecycleKernel, meetingFacts } from "./kernel.ts";
import type { Invitee, Meeting } from "./model.ts";
import { mapSpeakers } from "./name-speakers.ts";
import { recordApproval } from "./record-approval.ts";
import {
  parseSpeakerMapping,
  type ReplyDeskOptions,
  type ReplyOutcome,
  tokenPattern,
} from "./reply-types.ts";
import { supplyMissingSections } from "./supply-sections.ts";
import { markActionDone } from "./track-actions.ts";

/** The chair answering on their own minutes token: the replies only the chair can make (names, sections, decisions). */
function chairOnMinutes(meeting: Meeting, invitee: Invitee, claims: ReplyClaims): boolean {
  return claims.purpose === "approval" && invitee.index === meeting.chair.index;
}

export class ReplyCore {
  protected readonly kernel: LifecycleKernel;

  constructor(
    protected readonly deps: LifecycleDeps,
    protected readonly options: ReplyDeskOptions,
  ) {
    this.kernel = new LifecycleKernel(deps);
  }

  protected tokenFrom(recipients: string[]): string | undefined {
    for (const r of recipients) {
      const bare = (/<([^<>]+)>/.exec(r)?.[1] ?? r).trim().toLowerCase();
      const match = tokenPattern.exec(bare);
      if (match && match[2] === this.options.replyDomain.toLowerCase()) return match[1];
    }
    return undefined;
  }

  protected async person(claims: ReplyClaims): Promise<{ meeting: Meeting; invitee: Invitee } | undefined> {
    try {
      const meeting = await this.deps.store.getMeeting(claims.meetingId);
      const invitee = [meeting.chair, ...meeting.invitees].find((p) => p.index === claims.person);
      return invitee ? { meeting, invitee } : undefined;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /** Is the token's question still open, as far as the meeting (and its action) show? */
  protected async questionState(meeting: Meeting, claims: ReplyClaims): Promise<QuestionState> {
    const facts = meetingFacts(meeting);
    if (claims.purpose !== "action") return questionState(claims, facts);
    const action = await this.deps.store.getAction(meeting.id, claims.ref).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    return questionState(claims, {
      ...facts,
      chairIndex: meeting.chair.index,
      ...(action
        ? {
            action: {
              status: action.status,
              ownerIndex: action.responsible.inviteeIndex,
              ownerName: action.responsible.name,
            },
          }
        : {}),
    });
  }

  /** A reply to a closed question: audited, answered (by email), and nothing else. */
  protected async closed(
    meeting: Meeting,
    invitee: Invitee,
    claims: ReplyClaims,
    closed: QuestionClosed,
    via: string,
    channel: "email" | "page",
  ): Promise<ReplyOutcome> {
    await answerClosedQuestion(this.kernel, meeting, invitee, claims, closed, via, channel);
    return {
      status: "closed",
      closed,
      message: `the question is closed (${closed.reason}); nothing was changed`,
      meetingId: meeting.id,
    };
  }

  /** The chair's reply supplying sections the agreed minutes lack (issue 10 item 3): a new version. */
  protected async supplySections(
    meeting: Meeting,
    invitee: Invitee,
    claims: ReplyClaims,
    text: string,
    via: string,
  ): Promise<ReplyOutcome | undefined> {
    if (!chairOnMinutes(meeting, invitee, claims)) return undefined;
    if (claims.ref !== meeting.minutesVersion || !text.trim()) return undefined;
    const result = await supplyMissingSections(this.kernel, meeting, claims.ref, text, via);
    if (!result) return undefined;
    return { status: "applied", intent: "request-changes", message: result.message, meetingId: meeting.id };
  }

  /**
   * The chair's emailed decision on a requested change ("I accept the change", "Reject. <reason>"),
   * on the chair's own approval token: applied to the one change waiting, or to the one whose
   * requester the reply names. Not a decision (or no change waiting): the reply is read as usual.
   */
  protected async decideByReply(
    meeting: Meeting,
    invitee: Invitee,
    claims: ReplyClaims,
    text: string,
    via: string,
  ): Promise<ReplyOutcome | undefined> {
    if (!chairOnMinutes(meeting, invitee, claims)) return undefined;
    const parsed = chairDecision(text);
    if (!parsed) return undefined;
    const pending = (await this.deps.store.listApprovals(meeting.id, claims.ref)).filter(
      (a) => a.response === "request-changes" && !a.chairDecision,
    );
    const people = [meeting.chair, ...meeting.invitees];
    const named = pending.filter((a) => {
      const who = people.find((p) => p.index === a.index);
      const words =
        who?.name
          .toLowerCase()
          .split(/\s+/)
          .filter((w) => w.length > 2) ?? [];
      return words.some((w) => parsed.text.toLowerCase().includes(w));
    });
    const target = pending.length === 1 ? pending[0] : named.length === 1 ? named[0] : undefined;
    if (!target) {
      if (pending.length === 0) return undefined;
      // Several changes wait and the reply does not say which: nothing changes, and the chair is told.
      await answerClosedQuestion(
        this.kernel,
        meeting,
        invitee,
        claims,
        { reason: "change-ambiguous", waiting: pending.length },
        via,
        "email",
      );
      return {
        status: "closed",
        closed: { reason: "change-ambiguous", waiting: pending.length },
        message: `${pending.length} changes are waiting; the reply does not name whose it decides`,
        meetingId: meeting.id,
      };
    }
    const result = await decideChange(
      this.kernel,
      meeting.id,
      target.index,
      parsed.decision,
      via,
      claims.ref,
      parsed.reason,
    );
    if (!("decided" in result)) return this.closed(meeting, invitee, claims, result.closed, via, "email");
    return {
      status: "applied",
      intent: "approve",
      message: `change ${parsed.decision}; minutes now at version ${result.version}`,
      meetingId: meeting.id,
    };
  }

  /** The chair naming the transcript's speakers, by email or page: the minutes are drafted again. */
  protected async nameSpeakers(
    meeting: Meeting,
    invitee: Invitee,
    claims: ReplyClaims,
    text: string,
    via: string,
  ): Promise<ReplyOutcome | undefined> {
    if (!chairOnMinutes(meeting, invitee, claims)) return undefined;
    const mapping = parseSpeakerMapping(text);
    if (Object.keys(mapping).length === 0) return undefined;
    try {
      const { version } = await mapSpeakers(this.kernel, meeting.id, mapping, via);
      return {
        status: "applied",
        intent: "request-changes",
        message: `speakers named; version ${version} goes out for approval`,
        meetingId: meeting.id,
      };
    } catch (error) {
      if (error instanceof Error && error.name === "LifecycleStateError") {
        return { status: "refused", reason: "stale", message: error.message };
      }
      throw error;
    }
  }

  /**
   * Applies an accepted answer to an open question. The use case checks the question again with
   * what it reads (the meeting may have moved on since): then the result carries `closed`.
   */
  protected async apply(
    meeting: Meeting,
    invitee: Invitee,
    claims: ReplyClaims,
    intent: IntentResult,
    via: string,
    documents: ReportDocument[] = [],
  ): Promise<ReplyOutcome | ClosedAnswer> {
    const applied = (message: string): ReplyOutcome => ({
      status: "applied",
      intent: intent.intent,
      message,
      meetingId: meeting.id,
    });
    const attendance = async (
      answer: "attending" | "declined" | "apologies" | "apologies-with-report",
      note: string,
      reports: ReportDocument[] = [],
    ) => {
      const result = await recordAttendanceAnswer(
        this.kernel,
        meeting.id,
        invitee.index,
        answer,
        note || undefined,
        via,
        { known: meeting, question: claims, reports },
      );
      return result.recorded ? applied(result.message) : result;
    };
    switch (intent.intent) {
      case "accept":
        return attendance("attending", intent.note);
      case "decline":
        return attendance("declined", intent.note);
      case "apologies":
        // Reports come only from documents (a page answer's report is its note).
        return intent.report === "attached"
          ? attendance("apologies-with-report", intent.note, documents)
          : attendance("apologies", intent.note);
      case "approve":
      case "request-changes": {
        const text = intent.intent === "request-changes" ? intent.changes : intent.note || undefined;
        const result = await recordApproval(
          this.kernel,
          meeting.id,
          invitee.index,
          claims.ref,
          intent.intent,
          text,
          via,
          meeting,
        );
        if (result.recorded) return applied(result.message);
        if ("closed" in result) return result;
        return { status: "refused", reason: "stale", message: result.message };
      }
      case "done": {
        const done = await markActionDone(
          this.kernel,
          meeting.id,
          claims.ref,
          intent.note || undefined,
          invitee.email,
          via,
          meeting,
        );
        return done.recorded ? applied(`action ${claims.ref} recorded as done`) : done;
      }
      case "more-time": {
        const asked = await askForMoreTime(this.kernel, {
          meetingId: meeting.id,
          number: claims.ref,
          text: intent.note,
          actor: invitee.email,
          via,
          known: meeting,
        });
        return asked.recorded
          ? applied(`more time asked for action ${claims.ref}; the team manager was told`)
          : asked;
      }
      case "unknown": {
        const reply = this.deps.replies.link(
          meeting.id,
          invitee.index,
          claims.purpose,
          claims.ref,
          claims.expiresAt,
        );
        const email = await this.deps.messages.help(
          meeting,
          { name: invitee.name, email: invitee.email },
          claims.purpose,
          reply,
        );
        await this.deps.mailer.send(email);
        await this.deps.store.appendAudit({
          at: this.deps.clock.now().toISOString(),
          meetingId: meeting.id,
          actor: invitee.email,
          what: "reply-unclear",
          via,
          detail: { purpose: claims.purpose },
        });
        return applied("the answer was not clear; a short help email was sent");
      }
    }
  }
}
