/**
 * The reply desk: applies a person's answer, by email or on the page, to the meeting. An answer
 * changes state only when its signed token is valid and unexpired, the sender is the invited
 * address, and (in the cloud) SES's receipt verdicts clear it; anything else is refused, audited
 * and changes nothing. The same message or form post applied twice has exactly one effect.
 */
import { acceptReply, type ReplyRefusal } from "../email/accept-reply.ts";
import { classifyIntent, type IntentResult } from "../email/classify-intent.ts";
import { type ReplyClaims, type ReplySecrets, verifyReplyToken } from "../email/reply-token.ts";
import { NotFoundError } from "../ports/store.ts";
import type { Invitee, Meeting } from "./model.ts";
import { Lifecycle, type LifecycleDeps } from "./service.ts";
import { formatLocal } from "./time.ts";

/** An inbound email as the adapters parse it (MIME, quoted history and signature removed). */
export interface InboundMessage {
  messageId: string | undefined;
  from: string | undefined;
  /** Every address the message was sent or delivered to (To, Cc, Delivered-To, envelope). */
  recipients: string[];
  fresh: string;
  hasAttachments: boolean;
  automatic: boolean;
  raw: Uint8Array | string;
}

export type ReplyOutcome =
  | { status: "applied"; intent: IntentResult["intent"]; message: string; meetingId: string }
  | { status: "duplicate"; message: string }
  | { status: "refused"; reason: ReplyRefusal | "stale"; message: string };

export interface ReplyDeskOptions {
  /** The current reply-token key, or the keys still accepted (current first). */
  secret: ReplySecrets;
  replyDomain: string;
  /** Cloud: SES receipt verdicts must be present and pass. Local SMTP has none. */
  requireReceipt: boolean;
}

const tokenPattern = /^reply\+([a-z2-7]+)@(.+)$/i;

/** "spk_0 = Priya Shah" (or ":" / "is"), one per line: the chair naming a transcript's speakers. */
const speakerLine = /^\s*((?:spk|speaker|ch)_\d+)\s*(?:=|:|\bis\b)\s*(.+?)\s*$/gim;

/** The speaker names in a chair's answer, by label; empty when it names none. */
export function parseSpeakerMapping(text: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const [, label, name] of text.matchAll(speakerLine)) {
    if (label && name) mapping[label.toLowerCase()] = name.replace(/[.;,]+$/, "");
  }
  return mapping;
}

export class ReplyDesk {
  private readonly lifecycle: Lifecycle;

  constructor(
    private readonly deps: LifecycleDeps,
    private readonly options: ReplyDeskOptions,
  ) {
    this.lifecycle = new Lifecycle(deps);
  }

  private tokenFrom(recipients: string[]): string | undefined {
    for (const r of recipients) {
      const bare = (/<([^<>]+)>/.exec(r)?.[1] ?? r).trim().toLowerCase();
      const match = tokenPattern.exec(bare);
      if (match && match[2] === this.options.replyDomain.toLowerCase()) return match[1];
    }
    return undefined;
  }

  private async person(claims: ReplyClaims): Promise<{ meeting: Meeting; invitee: Invitee } | undefined> {
    try {
      const meeting = await this.deps.store.getMeeting(claims.meetingId);
      const invitee = [meeting.chair, ...meeting.invitees].find((p) => p.index === claims.person);
      return invitee ? { meeting, invitee } : undefined;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

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
      hasAttachments: message.hasAttachments,
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
      return { status: "refused", reason: decision.reason, message: decision.detail };
    }
    if (!found)
      return { status: "refused", reason: "unknown-person", message: "the token names nobody invited" };
    if (!(await this.deps.store.recordInbound(decision.idempotencyKey, now.toISOString()))) {
      return { status: "duplicate", message: "this message was applied already" };
    }
    const named = await this.nameSpeakers(
      found.meeting,
      found.invitee,
      decision.claims,
      message.fresh,
      "email",
    );
    if (named) return named;
    return this.apply(
      found.meeting,
      found.invitee,
      decision.claims,
      decision.intent,
      `email:${message.messageId ?? "no-id"}`,
    );
  }

  /** The chair naming the transcript's speakers, by email or page: the minutes are drafted again. */
  private async nameSpeakers(
    meeting: Meeting,
    invitee: Invitee,
    claims: ReplyClaims,
    text: string,
    via: string,
  ): Promise<ReplyOutcome | undefined> {
    if (claims.purpose !== "approval" || invitee.index !== meeting.chair.index) return undefined;
    const mapping = parseSpeakerMapping(text);
    if (Object.keys(mapping).length === 0) return undefined;
    try {
      const { version } = await this.lifecycle.mapSpeakers(meeting.id, mapping, via);
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

  /** Applies an accepted answer. */
  private async apply(
    meeting: Meeting,
    invitee: Invitee,
    claims: ReplyClaims,
    intent: IntentResult,
    via: string,
  ): Promise<ReplyOutcome> {
    const applied = (message: string): ReplyOutcome => ({
      status: "applied",
      intent: intent.intent,
      message,
      meetingId: meeting.id,
    });
    switch (intent.intent) {
      case "accept":
        return applied(
          (
            await this.lifecycle.recordAttendanceAnswer(
              meeting.id,
              invitee.index,
              "attending",
              intent.note || undefined,
              via,
              meeting,
            )
          ).message,
        );
      case "decline":
        return applied(
          (
            await this.lifecycle.recordAttendanceAnswer(
              meeting.id,
              invitee.index,
              "declined",
              intent.note || undefined,
              via,
              meeting,
            )
          ).message,
        );
      case "apologies": {
        const answer = intent.report === "attached" ? "apologies-with-report" : "apologies";
        return applied(
          (
            await this.lifecycle.recordAttendanceAnswer(
              meeting.id,
              invitee.index,
              answer,
              intent.note || undefined,
              via,
              meeting,
            )
          ).message,
        );
      }
      case "approve":
      case "request-changes": {
        const text = intent.intent === "request-changes" ? intent.changes : intent.note || undefined;
        const result = await this.lifecycle.recordApproval(
          meeting.id,
          invitee.index,
          claims.ref,
          intent.intent,
          text,
          via,
          meeting,
        );
        if (!result.recorded) return { status: "refused", reason: "stale", message: result.message };
        return applied(result.message);
      }
      case "done": {
        const done = await this.lifecycle.markActionDone(
          meeting.id,
          claims.ref,
          intent.note || undefined,
          invitee.email,
          via,
        );
        return done
          ? applied(`action ${claims.ref} recorded as done`)
          : { status: "duplicate", message: `action ${claims.ref} was already closed` };
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
    const base = { ok: true as const, details, textLabel: "Note (optional)" };
    switch (claims.purpose) {
      case "invitation":
        return {
          ...base,
          heading: `Invitation: ${meeting.typeName}`,
          question: "Will you attend?",
          options: [
            { choice: "accept", label: "I will attend" },
            { choice: "apologies", label: "Apologies: I cannot attend" },
            { choice: "apologies-with-report", label: "Apologies, and my written report is in the note" },
          ],
        };
      case "approval": {
        const isChair = invitee.index === meeting.chair.index;
        const pending = isChair
          ? (await this.deps.store.listApprovals(meeting.id, meeting.minutesVersion)).filter(
              (a) => a.response === "request-changes" && !a.chairDecision,
            )
          : [];
        const unnamed = isChair ? await this.lifecycle.unnamedSpeakers(meeting.id) : [];
        const options = [
          ...(unnamed.length > 0
            ? [
                {
                  choice: "name-speakers",
                  label: `Name the speakers ${unnamed.join(", ")} (one line each: ${unnamed[0]} = Name)`,
                  needsText: true,
                },
              ]
            : []),
          { choice: "approve", label: `Approve version ${claims.ref}` },
          { choice: "request-changes", label: "Ask for changes", needsText: true },
          ...pending.flatMap((a) => [
            {
              choice: `accept-change-${a.index}`,
              label: `Accept the change asked for by attendee ${a.index}`,
            },
            {
              choice: `reject-change-${a.index}`,
              label: `Reject the change asked for by attendee ${a.index}`,
            },
          ]),
        ];
        return {
          ...base,
          heading: `Minutes for approval: ${meeting.typeName}`,
          question: "Are the minutes accurate?",
          options,
          textLabel: "The changes you need",
        };
      }
      case "action": {
        const action = await this.deps.store.getAction(meeting.id, claims.ref).catch(() => undefined);
        return {
          ...base,
          heading: `Action ${claims.ref}: ${meeting.typeName}`,
          details: action
            ? [...details, { label: "Action", value: action.action }, { label: "Due", value: action.dueDate }]
            : details,
          question: "Is this action complete?",
          options: [{ choice: "done", label: "Done", needsText: false }],
          answered: action && action.status !== "open" ? action.status : undefined,
          textLabel: "What was done",
        };
      }
      case "report":
        return {
          ...base,
          heading: `Written report: ${meeting.typeName}`,
          question: "Your agency's written report for the meeting",
          options: [{ choice: "apologies-with-report", label: "Submit the report", needsText: true }],
          textLabel: "Report",
        };
    }
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
    if (!(await this.deps.store.recordInbound(`page:${idempotencyKey}`, now.toISOString()))) {
      return { status: "duplicate", message: "This answer was recorded already." };
    }
    const { meeting, invitee } = found;
    if (choice === "name-speakers") {
      const named = await this.nameSpeakers(meeting, invitee, verified.claims, text, "page");
      return (
        named ?? {
          status: "refused",
          reason: "stale",
          message: "Write one line per speaker, e.g. spk_0 = Name Surname.",
        }
      );
    }
    const change = /^(accept|reject)-change-(\d+)$/.exec(choice);
    if (change && verified.claims.purpose === "approval" && invitee.index === meeting.chair.index) {
      const decision = change[1] === "accept" ? "accepted" : "rejected";
      const { version } = await this.lifecycle.decideChange(meeting.id, Number(change[2]), decision, "page");
      return {
        status: "applied",
        intent: "approve",
        message: `change ${decision}; minutes now at version ${version}`,
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
    };
    const intent =
      intents[choice] ?? classifyIntent(text, { purpose: verified.claims.purpose, hasAttachments: false });
    return this.apply(meeting, invitee, verified.claims, intent, "page");
  }
}
