/**
 * Sends emails of one meeting: the addresses marked undeliverable are read in one batch and left
 * out, each email is sent in turn, and each send's audit event is written as soon as it is sent,
 * with what `recordEach` gives for it (e.g. the invitation's answer record), in one batched write
 * (written alone when the i-th email had nobody left to go to).
 *
 * `once` names a batch that must reach each recipient once (the invitations of a calendar
 * sequence, the approval requests or final minutes of a version, a reminder timer, an escalation
 * rung). Its send records make it durable: 1. one batched read of the recipients' records; 2. a
 * `pending` record for each recipient not yet sent, written (batched) before the first send;
 * 3. each email sent with a Message-ID derived from its record; 4. its records marked `sent`
 * with its audit event, in one batched write, before the next. A step retried or resumed after a
 * crash sends only what is unsent. A kill between 3 and 4 leaves the copy pending: it is sent
 * again with the same Message-ID, which the local outbox recognises (one copy); through SES the
 * recipient gets it twice, an at-least-once window of one request's length (table-design.ts).
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
  const at = k.now().toISOString();
  const skipped: AuditEvent[] = [];
  // By recipient: an address twice in a batch is one record (a batched write refuses duplicate keys).
  const pending = new Map<string, SendRecord>();
  const plan = built.map((email) => {
    for (const r of email.to)
      if (undeliverable.has(r.email.toLowerCase()))
        skipped.push(event("email-skipped-undeliverable", { kind: email.kind }));
    const to = email.to.filter(
      (r) => !undeliverable.has(r.email.toLowerCase()) && sends.get(r.email.toLowerCase())?.status !== "sent",
    );
    const first = to[0];
    if (!once || !first) return { email, to, records: [] as SendRecord[] };
    // A copy left pending by a crash keeps its Message-ID; a new one gets the id of its record.
    const messageId =
      to.map((r) => sends.get(r.email.toLowerCase())?.messageId).find((id) => id !== undefined) ??
      sendMessageId(meeting.id, once, first.email, email.from.email);
    const records = to.map(
      (r): SendRecord =>
        sends.get(r.email.toLowerCase()) ?? {
          batch: once,
          recipient: r.email.toLowerCase(),
          kind: email.kind,
          messageId,
          status: "pending",
          at,
        },
    );
    for (const record of records) if (!sends.has(record.recipient)) pending.set(record.recipient, record);
    return { email: { ...email, messageId }, to, records };
  });
  // Recorded before anything is sent: a crash from here on leaves what was not sent pending.
  if (pending.size > 0 || skipped.length > 0)
    await store.putSends(meeting.id, [...pending.values()], skipped);
  for (const [i, { email, to, records }] of plan.entries()) {
    if (to.length > 0) {
      const result = await k.deps.mailer.send({ ...email, to });
      const sentAt = k.now().toISOString();
      const also = recordEach?.(i) ?? {};
      await store.putRecords(meeting.id, {
        ...also,
        sends: [
          ...(also.sends ?? []),
          ...new Map(records.map((r) => [r.recipient, { ...r, status: "sent" as const, sentAt }])).values(),
        ],
        events: [
          ...(also.events ?? []),
          event(`email:${email.kind}`, { to: to.map((r) => r.email), messageId: result.messageId }),
        ],
      });
    } else {
      const also = recordEach?.(i) ?? {};
      if (Object.values(also).some((list) => list.length > 0)) await store.putRecords(meeting.id, also);
    }
  }
}
