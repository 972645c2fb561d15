/**
 * The Mailer on the embedded runtime: every email is written to the outbox folder as a real .eml
 * file (open it in any mail client), atomically (temp file, then rename), and optionally relayed to
 * an SMTP server (e.g. a local MailHog or the developer's own relay).
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { newMessageId, toRawMime } from "#adapters/mail/mime.ts";
import type { Mailer, OutgoingEmail, SentEmail } from "#domain/ports/mailer.ts";

/** Where to relay a copy of each email. */
export interface SmtpRelay {
  host: string;
  port: number;
  /** TLS from the start (port 465); default false. */
  secure?: boolean;
  auth?: { user: string; pass: string };
}

export interface OutboxMailerOptions {
  /** Called when the relay fails; the .eml file is written first, so nothing is lost. Default: one line on stderr. */
  onRelayError?: (error: Error, file: string) => void;
  /** The clock for file names and Date headers (the runtime's virtual clock); default real time. */
  now?: () => Date;
}

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.(\d{3})Z$/, "$1Z");
}

/**
 * Writes `<timestamp>-<kind>-<n>.eml` files to `dir`.
 * @example const mailer = new OutboxMailer(".convene/outbox", { host: "127.0.0.1", port: 1025 });
 */
export class OutboxMailer implements Mailer {
  private count = 0;
  private readonly transport: Transporter | undefined;
  private readonly onRelayError: (error: Error, file: string) => void;
  private readonly now: () => Date;

  constructor(
    readonly dir: string,
    relay?: SmtpRelay,
    options: OutboxMailerOptions = {},
  ) {
    this.transport = relay
      ? nodemailer.createTransport({
          host: relay.host,
          port: relay.port,
          secure: relay.secure ?? false,
          ...(relay.auth ? { auth: relay.auth } : {}),
        })
      : undefined;
    this.onRelayError =
      options.onRelayError ??
      ((error, file) => process.stderr.write(`outbox: relay failed for ${file}: ${error.message}\n`));
    this.now = options.now ?? (() => new Date());
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const date = this.now();
    const messageId = newMessageId(email.from);
    const raw = await toRawMime(email, { messageId, date });
    await mkdir(this.dir, { recursive: true });
    this.count += 1;
    const name = `${stamp(date)}-${email.kind}-${this.count}.eml`;
    const file = join(this.dir, name);
    const temp = join(this.dir, `.${name}.${process.pid}.tmp`);
    await writeFile(temp, raw, { flag: "wx" });
    await rename(temp, file);
    if (this.transport) {
      const recipients = [...email.to, ...(email.cc ?? [])].map((a) => a.email);
      try {
        await this.transport.sendMail({ envelope: { from: email.from.email, to: recipients }, raw });
      } catch (error) {
        this.onRelayError(error instanceof Error ? error : new Error(String(error)), file);
      }
    }
    return { messageId, location: file };
  }

  /** Closes the relay's connections. */
  close(): void {
    this.transport?.close();
  }
}
