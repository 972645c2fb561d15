/**
 * Sends emails of one meeting: the addresses marked undeliverable are read in one batch and left
 * out, each email is sent in turn, and each send's audit event is written with what `recordEach`
 * gives for it (e.g. the invitation's answer record), in one batched write.
 *
 * `once` names a batch that must reach each recipient once (the invitations of a calendar
 * sequence, the approval requests or final minutes of a version, a reminder timer, an escalation
 * rung). Its send records make it durable: 1. one batched read of the recipients' records (and
 * their undeliverable status); 2. each email not yet sent to its recipients is sent with a
 * Message-ID derived from the batch and its first addressee, so a copy sent again after a crash
 * carries the same id; 3. its recipients' records are written `sent` with its audit event. A step
 * retried or resumed after a crash sends only what is not recorded sent.
 *
 * When the mark is written depends on the mailer (Mailer.idempotent): one that delivers a
 * Message-ID once however often it is given it (the embedded runtime's outbox) has every copy
 * marked together after the last send, in one batched write, because a crash before that write
 * only resends ids it recognises; one that would deliver a second copy (SES) has each copy marked
 * before the next is sent, so a kill between a send and its mark resends that one copy, an
 * at-least-once window of one request's length (table-design.ts).
 */
import { createHash } from "node:crypto";
import type { OutgoingEmail } from "../ports/mailer.ts";
import type { MeetingRecords } from "../ports/store.ts";
import type { LifecycleKernel } from "./kernel.ts";
import type { AuditEvent, Meeting, SendRecord } from "./model.ts";

/**
 * The Message-ID of a recipient's copy of a recorded batch: derived from the record's key (meeting,
 * batch, recipient), so a copy sent again after a crash carries the same id. Hashed, so no address
 * appears in a header; at the sender's domain.
 */
function sendMessageId(meetingId: string, batch: string, recipient: string, from: string): string {
  const hash = createHash("sha256").update(`${meetingId}\n${batch}\n${recipient.toLowerCase()}`);
  return `${hash.digest("hex").slice(0, 32)}@${from.split("@")[1] ?? "convene.invalid"}`;
}

export async function sendBatch(
  k: LifecycleKernel,
  /** The meeting (or a child's plan: its id is in the meeting-id slot) whose records the batch keeps. */
  meeting: Pick<Meeting, "id">,
  emails: Array<Promise<OutgoingEmail>>,
  { recordEach, once }: { recordEach?: (i: number) => MeetingRecords; once?: string } = {},
): Promise<void> {
  const { store } = k.deps;
  const built = await Promise.all(emails);
  const { undeliverable, sends } = await store.sendState(
    meeting.id,
    once,
    built.flatMap((email) => email.to.map((r) => r.email)),
  );
  const event = (what: string, detail: Record<string, unknown>) =>
    k.auditEvent(meeting.id, "system", what, "workflow", once ? { ...detail, once } : detail);
  const skipped: AuditEvent[] = [];
  const plan = built.map((email) => {
    for (const r of email.to)
      if (undeliverable.has(r.email.toLowerCase()))
        skipped.push(event("email-skipped-undeliverable", { kind: email.kind }));
    const to = email.to.filter(
      (r) => !undeliverable.has(r.email.toLowerCase()) && sends.get(r.email.toLowerCase())?.status !== "sent",
    );
    const addressee = email.to[0];
    if (!once || !addressee || to.length === 0) return { email, to, records: [] };
    // A copy recorded before (a `pending` record of an earlier release) keeps its Message-ID; a new
    // one gets the id of the batch and its first addressee, whoever of them is still to be sent.
    const messageId =
      to.map((r) => sends.get(r.email.toLowerCase())?.messageId).find((id) => id !== undefined) ??
      sendMessageId(meeting.id, once, addressee.email, email.from.email);
    const records = to.map(
      (r): Omit<SendRecord, "status" | "at" | "sentAt"> => ({
        batch: once,
        recipient: r.email.toLowerCase(),
        kind: email.kind,
        messageId,
      }),
    );
    return { email: { ...email, messageId }, to, records };
  });
  // Marked together after the last send when the mailer delivers an id once; else one by one.
  const together = k.deps.mailer.idempotent === true;
  const held: MeetingRecords[] = skipped.length > 0 ? [{ events: skipped }] : [];
  const flush = async () => {
    const records = mergeRecords(held.splice(0));
    if (Object.values(records).some((list) => list.length > 0)) await store.putRecords(meeting.id, records);
  };
  for (const [i, { email, to, records }] of plan.entries()) {
    const also = recordEach?.(i) ?? {};
    if (to.length > 0) {
      const result = await k.deps.mailer.send({ ...email, to });
      const sentAt = k.now().toISOString();
      held.push(also, {
        sends: records.map((r): SendRecord => ({ ...r, status: "sent", at: sentAt, sentAt })),
        events: [event(`email:${email.kind}`, { to: to.map((r) => r.email), messageId: result.messageId })],
      });
      if (!together) await flush();
    } else held.push(also);
  }
  await flush();
}

/** Several steps' records as one write: lists joined, a recipient's send record once (the last). */
function mergeRecords(parts: MeetingRecords[]): MeetingRecords {
  const merged: Required<MeetingRecords> = {
    answers: [],
    approvals: [],
    actions: [],
    waits: [],
    timers: [],
    removeTimers: [],
    sends: [],
    events: [],
  };
  for (const part of parts)
    for (const key of Object.keys(merged) as Array<keyof MeetingRecords>)
      (merged[key] as unknown[]).push(...(part[key] ?? []));
  merged.sends = [...new Map(merged.sends.map((r) => [`${r.batch}\n${r.recipient}`, r])).values()];
  return merged;
}
