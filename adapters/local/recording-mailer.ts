/** A Mailer that keeps what it sent (for the demo driver and tests) and passes each email on. */
import type { Mailer, OutgoingEmail, SentEmail } from "../../domain/ports/mailer.ts";

export class RecordingMailer implements Mailer {
  readonly sent: Array<OutgoingEmail & { messageId: string; location: string }> = [];

  constructor(private readonly inner: Mailer) {}

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const result = await this.inner.send(email);
    this.sent.push({ ...email, ...result });
    return result;
  }

  /** The latest email of `kind` to `address` for `meetingId`. */
  latest(meetingId: string, kind: OutgoingEmail["kind"], address: string): OutgoingEmail | undefined {
    const to = address.toLowerCase();
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const e = this.sent[i];
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
