/**
 * The reply desk: applies a person's answer, by email or on the page, to the meeting. An answer
 * changes state only when its signed token is valid and unexpired, the sender is the invited
 * address, and (in the cloud) SES's receipt verdicts clear it; anything else is refused, audited
 * and changes nothing. The same message or form post applied twice has exactly one effect.
 *
 * A token asks one question (domain/email/open-question.ts). Once the meeting has moved past it
 * (held, a new minutes version, agreed or distributed minutes, a closed action, a decided change)
 * an answer changes nothing and is answered: by email with an automatic reply saying what to do,
 * on the page with a page saying so.
 */

import { acceptReply } from "../email/accept-reply.ts";
import { calendarIntent } from "../email/calendar-intent.ts";
import { classifyIntent, type IntentResult } from "../email/classify-intent.ts";
import { changeDecisionState, type QuestionState } from "../email/open-question.ts";
import { verifyReplyToken } from "../email/reply-token.ts";
import { type AnswerPageFacts, answerPageQuestion, headings } from "./answer-page.ts";
import { answerUnusableReply } from "./answer-unusable-reply.ts";
import { decideChange } from "./decide-change.ts";
import { meetingFacts } from "./kernel.ts";
import type { Invitee, Meeting } from "./model.ts";
import { unnamedSpeakers } from "./name-speakers.ts";
import { ReplyCore } from "./reply-core.ts";
import type { InboundMessage, ReplyOutcome } from "./reply-types.ts";
import { formatLocal } from "./time.ts";

export type { CalendarReply, InboundMessage, ReplyDeskOptions, ReplyOutcome } from "./reply-types.ts";
export { parseSpeakerMapping } from "./reply-types.ts";

export class ReplyDesk extends ReplyCore {
  /** An email reply: verify, de-duplicate, classify, apply. */
  async applyEmail(
    message: InboundMessage,
    receipt: { accepted: boolean; reason: string } | undefined,
  ): Promise<ReplyOutcome> {
    const now = this.deps.clock.now();
    const token = this.tokenFrom(message.recipients);
    let found: { meeting: Meeting; invitee: Invitee } | undefined;
    const verified = token ? verifyReplyToken(token, this.options.secret, now) : undefined;
    if (verified?.valid) found = await this.person(verified.claims);
    const decision = acceptReply({
      token,
      secret: this.options.secret,
      now,
      from: message.from,
      invitedEmail: () => found?.invitee.email,
      receipt,
      requireReceipt: this.options.requireReceipt,
      automatic: message.automatic,
      fresh: message.fresh,
      hasAttachments: message.documents.length > 0,
      messageId: message.messageId,
      raw: message.raw,
    });
    if (!decision.accepted) {
      if (found) {
        await this.deps.store.appendAudit({
          at: now.toISOString(),
          meetingId: found.meeting.id,
          actor: "inbound",
          what: "reply-refused",
          via: "email",
          detail: { reason: decision.reason, detail: decision.detail },
        });
      }
      await answerUnusableReply(
        this.deps,
        this.options.replyDomain,
        message,
        decision.reason,
        decision.idempotencyKey,
        now,
      );
      return { status: "refused", reason: decision.reason, message: decision.detail };
    }
    if (!found)
      return { status: "refused", reason: "unknown-person", message: "the token names nobody invited" };
    if (!(await this.deps.store.recordInbound(decision.idempotencyKey, now.toISOString()))) {
      return { status: "duplicate", message: "this message was applied already" };
    }
    const via = `email:${message.messageId ?? "no-id"}`;
    const state = await this.questionState(found.meeting, decision.claims);
    if (!state.open)
      return this.closed(found.meeting, found.invitee, decision.claims, state.closed, via, "email");
    const named = await this.nameSpeakers(
      found.meeting,
      found.invitee,
      decision.claims,
      message.fresh,
      "email",
    );
    if (named) return named;
    const supplied = await this.supplySections(
      found.meeting,
      found.invitee,
      decision.claims,
      message.fresh,
      via,
    );
    if (supplied) return supplied;
    const decided = await this.decideByReply(
      found.meeting,
      found.invitee,
      decision.claims,
      message.fresh,
      via,
    );
    if (decided) return decided;
    // A calendar client's Accept / Tentative / Decline answers the invitation as its words would.
    const intent =
      calendarIntent(message.calendarReply, {
        purpose: decision.claims.purpose,
        from: message.from,
        fresh: message.fresh,
        hasReport: message.documents.length > 0,
      }) ?? decision.intent;
    const outcome = await this.apply(
      found.meeting,
      found.invitee,
      decision.claims,
      intent,
      via,
      message.documents,
    );
    if ("recorded" in outcome)
      return this.closed(found.meeting, found.invitee, decision.claims, outcome.closed, via, "email");
    return outcome;
  }

  /** What the page shows for a token (GET: never changes anything). */
  async describe(token: string) {
    const verified = verifyReplyToken(token, this.options.secret, this.deps.clock.now());
    if (!verified.valid)
      return {
        ok: false as const,
        reason: `This link cannot be used (${verified.reason.replace("-", " ")}).`,
      };
    const found = await this.person(verified.claims);
    if (!found) return { ok: false as const, reason: "This link does not match a meeting." };
    const { meeting, invitee } = found;
    const claims = verified.claims;
    const details = [
      { label: "Meeting", value: meeting.typeName },
      { label: "Case reference", value: meeting.child.reference },
      { label: "When", value: formatLocal(new Date(meeting.start), this.deps.settings.timezone) },
      { label: "Answering as", value: `${invitee.name} (${invitee.role})` },
    ];
    const state = await this.questionState(meeting, claims);
    if (!state.open) {
      // A closed question shows why, and no form.
      return {
        ok: false as const,
        closed: state.closed,
        heading:
          claims.purpose === "action"
            ? headings.action(meeting.typeName, claims.ref)
            : headings[claims.purpose](meeting.typeName),
        details: details.filter((d) => d.label !== "Answering as"),
        chair: meeting.chair.name,
        when: formatLocal(new Date(meeting.start), this.deps.settings.timezone),
      };
    }
    // What the page asks, from the facts it needs (answer-page.ts).
    const isChair = invitee.index === meeting.chair.index;
    const facts: AnswerPageFacts = {
      approvals:
        claims.purpose === "approval" && isChair
          ? await this.deps.store.listApprovals(meeting.id, claims.ref)
          : [],
      unnamedSpeakers:
        claims.purpose === "approval" && isChair
          ? await unnamedSpeakers(this.kernel, meeting.id, meeting)
          : [],
      ...(claims.purpose === "action"
        ? { action: await this.deps.store.getAction(meeting.id, claims.ref).catch(() => undefined) }
        : {}),
    };
    return answerPageQuestion(meeting, claims, facts, details);
  }

  /** A page answer (POST): once per idempotency key. */
  async applyPage(
    token: string,
    choice: string,
    text: string,
    idempotencyKey: string,
  ): Promise<ReplyOutcome> {
    const now = this.deps.clock.now();
    const verified = verifyReplyToken(token, this.options.secret, now);
    if (!verified.valid)
      return { status: "refused", reason: `token-${verified.reason}`, message: "This link cannot be used." };
    const found = await this.person(verified.claims);
    if (!found)
      return { status: "refused", reason: "unknown-person", message: "This link does not match a meeting." };
    const { meeting, invitee } = found;
    const claims = verified.claims;
    const change = /^(accept|reject)-change-(\d+)$/.exec(choice);
    const decides = change !== null && claims.purpose === "approval" && invitee.index === meeting.chair.index;
    const requester = Number(change?.[2]);
    // Checked before the post is recorded as seen, so posting a closed page again still says why.
    const state = decides
      ? await this.changeState(meeting, claims.ref, requester)
      : await this.questionState(meeting, claims);
    if (!state.open) return this.closed(meeting, invitee, claims, state.closed, "page", "page");
    if (!(await this.deps.store.recordInbound(`page:${idempotencyKey}`, now.toISOString()))) {
      return { status: "duplicate", message: "This answer was recorded already." };
    }
    if (choice === "name-speakers") {
      const named = await this.nameSpeakers(meeting, invitee, claims, text, "page");
      return (
        named ?? {
          status: "refused",
          reason: "stale",
          message: "Write one line per speaker, e.g. spk_0 = Name Surname.",
        }
      );
    }
    if (decides) {
      const decision = change?.[1] === "accept" ? "accepted" : "rejected";
      const result = await decideChange(
        this.kernel,
        meeting.id,
        requester,
        decision,
        "page",
        claims.ref,
        decision === "rejected" ? text : undefined,
      );
      if (!("decided" in result)) return this.closed(meeting, invitee, claims, result.closed, "page", "page");
      return {
        status: "applied",
        intent: "approve",
        message: `change ${decision}; minutes now at version ${result.version}`,
        meetingId: meeting.id,
      };
    }
    const intents: Record<string, IntentResult> = {
      accept: { intent: "accept", note: text },
      apologies: { intent: "apologies", report: "none", note: text },
      "apologies-with-report": { intent: "apologies", report: "attached", note: text },
      approve: { intent: "approve", note: text },
      "request-changes": { intent: "request-changes", changes: text },
      done: { intent: "done", note: text },
      "more-time": { intent: "more-time", note: text },
    };
    const intent =
      intents[choice] ?? classifyIntent(text, { purpose: claims.purpose, hasAttachments: false });
    const outcome = await this.apply(meeting, invitee, claims, intent, "page");
    if ("recorded" in outcome) return this.closed(meeting, invitee, claims, outcome.closed, "page", "page");
    return outcome;
  }

  /** Can the chair still decide the change `requester` asked for on minutes version `ref`? */
  private async changeState(meeting: Meeting, ref: number, requester: number): Promise<QuestionState> {
    const request = (await this.deps.store.listApprovals(meeting.id, ref)).find(
      (a) => a.index === requester && a.response === "request-changes",
    );
    return changeDecisionState(ref, meetingFacts(meeting), {
      requested: request !== undefined,
      decision: request?.chairDecision,
    });
  }
}

/** The page heading for each purpose (open or closed). */
