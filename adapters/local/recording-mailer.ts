/** A Mailer that keeps what it sent (for the demo driver and tests) and passes each email on. */
import type { Mailer, OutgoingEmail, SentEmail } from "../../domain/ports/mailer.ts";

type Recorded = OutgoingEmail & { messageId: string; location: string };

export class RecordingMailer implements Mailer {
  readonly sent: Recorded[] = [];
  /** The same emails by meeting: the benchmark's drivers look up their own among 25,000. */
  private readonly byMeeting = new Map<string, Recorded[]>();

  constructor(
    private readonly inner: Mailer,
    /** Keep attachment bytes (tests read them); the benchmark keeps only their names and types. */
    private readonly options: { attachmentBytes?: boolean } = {},
  ) {}

  /** As idempotent as the mailer it records; a copy that mailer delivers once is recorded once. */
  get idempotent(): boolean | undefined {
    return this.inner.idempotent;
  }

  private readonly recordedIds = new Set<string>();

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const result = await this.inner.send(email);
    if (this.inner.idempotent && email.messageId) {
      if (this.recordedIds.has(email.messageId)) return result;
      this.recordedIds.add(email.messageId);
    }
    const kept =
      this.options.attachmentBytes === false && email.attachments
        ? { ...email, attachments: email.attachments.map((a) => ({ ...a, content: new Uint8Array(0) })) }
        : email;
    const recorded = { ...kept, ...result };
    this.sent.push(recorded);
    const key = email.meetingId ?? "";
    const list = this.byMeeting.get(key);
    if (list) list.push(recorded);
    else this.byMeeting.set(key, [recorded]);
    return result;
  }

  /** The emails sent for `meetingId`, oldest first. */
  forMeeting(meetingId: string): readonly Recorded[] {
    return this.byMeeting.get(meetingId) ?? [];
  }

  /** The latest email of `kind` to `address` for `meetingId`. */
  latest(meetingId: string, kind: OutgoingEmail["kind"], address: string): OutgoingEmail | undefined {
    const to = address.toLowerCase();
    const sent = this.forMeeting(meetingId);
    for (let i = sent.length - 1; i >= 0; i--) {
      const e = sent[i];
      if (e && e.meetingId === meetingId && e.kind === kind && e.to.some((a) => a.email.toLowerCase() === to))
        return e;
    }
    return undefined;
  }

  /** A mailer that only counts (the benchmark's 500 lifecycles need no files). */
  static counting(): Mailer {
    let n = 0;
    return { send: async () => ({ messageId: `bench-${++n}@convene.local`, location: "memory" }) };
  }
}
