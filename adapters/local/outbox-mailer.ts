/**
 * The Mailer on the embedded runtime: every email is written to the outbox folder as a real .eml
 * file (open it in any mail client), atomically (temp file, then linked into place, never over an
 * existing file), and optionally relayed to an SMTP server (e.g. a local MailHog or the developer's
 * own relay).
 *
 * After a restart the outbox carries on: numbering continues after the highest number in the
 * folder, and an email whose Message-ID the sender fixed (a recorded batch, see SendRecord) that is
 * already in the folder is not written again. That closes the window between writing the .eml and
 * the lifecycle marking the copy sent: a kill -9 there leaves the record pending, the restart sends
 * the same Message-ID again, and the outbox answers with the file it already has.
 */
import { createHash } from "node:crypto";
import { link, mkdir, readdir, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { inThreadRenderer, type Renderer } from "#adapters/documents/renderer.ts";
import { newMessageId } from "#adapters/mail/mime.ts";
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
  /** Composes the MIME (a RenderPool on the embedded runtime); default in-thread. */
  renderer?: Renderer;
}

function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.(\d{3})Z$/, "$1Z");
}

/** The file-name tag of a fixed Message-ID: a hash, so no address or name reaches the file name. */
function tagOf(messageId: string): string {
  return createHash("sha256").update(messageId).digest("hex").slice(0, 12);
}

const outboxName = /-(\d+)(?:-([0-9a-f]{12}))?\.eml$/;

/**
 * Writes `<timestamp>-<kind>-<n>.eml` files to `dir` (`<timestamp>-<kind>-<n>-<tag>.eml` for an
 * email whose Message-ID the sender fixed).
 * @example const mailer = new OutboxMailer(".convene/outbox", { host: "127.0.0.1", port: 1025 });
 */
export class OutboxMailer implements Mailer {
  /** A Message-ID given again is answered with the file already written: delivered once. */
  readonly idempotent = true;
  /** What the folder holds: the highest number, and the files of fixed Message-IDs by tag. Read once. */
  private folder: Promise<{ count: number; tags: Map<string, string> }> | undefined;
  private readonly transport: Transporter | undefined;
  private readonly onRelayError: (error: Error, file: string) => void;
  private readonly now: () => Date;
  private readonly renderer: Renderer;

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
    this.renderer = options.renderer ?? inThreadRenderer;
  }

  private readFolder(): Promise<{ count: number; tags: Map<string, string> }> {
    this.folder ??= (async () => {
      await mkdir(this.dir, { recursive: true });
      let count = 0;
      const tags = new Map<string, string>();
      for (const name of await readdir(this.dir)) {
        const match = outboxName.exec(name);
        if (!match || name.startsWith(".")) continue;
        count = Math.max(count, Number(match[1]));
        if (match[2]) tags.set(match[2], name);
      }
      return { count, tags };
    })();
    return this.folder;
  }

  async send(email: OutgoingEmail): Promise<SentEmail> {
    const folder = await this.readFolder();
    const tag = email.messageId ? tagOf(email.messageId) : undefined;
    const written = tag ? folder.tags.get(tag) : undefined;
    if (email.messageId && written) {
      // Already in the outbox (written before a crash, never marked sent): one copy only.
      return { messageId: email.messageId, location: join(this.dir, written) };
    }
    const date = this.now();
    const messageId = email.messageId ?? newMessageId(email.from);
    const raw = await this.renderer.rawMime(email, { messageId, date });
    let file: string;
    for (;;) {
      folder.count += 1;
      const name = `${stamp(date)}-${email.kind}-${folder.count}${tag ? `-${tag}` : ""}.eml`;
      file = join(this.dir, name);
      const temp = join(this.dir, `.${name}.${process.pid}.tmp`);
      await writeFile(temp, raw, { flag: "wx" });
      try {
        // link, not rename: it never replaces a file already there (an earlier run's evidence).
        await link(temp, file);
        if (tag) folder.tags.set(tag, name);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      } finally {
        await unlink(temp);
      }
    }
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
