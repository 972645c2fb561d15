/**
 * The local inbound SMTP server `convene start` runs, so a real mail client can reply to Convene's
 * emails on a laptop: smtp-server on the loopback interface only, no authentication, no TLS, a size
 * limit. Each message's raw bytes go to `onMessage`; if it throws, the SMTP client is told the
 * message was not accepted, so nothing is lost silently: with a 5xx (554 and the one-line reason)
 * when the message itself can never be accepted (`InboundEmailError`: not an email, too many
 * header fields, nested too deep), so the client gives up and tells its user (RFC 5321 section
 * 4.2.1); with 451 only for a failure that may pass (the store unavailable), so the client retries.
 * A reply the desk refuses (a bad token, the wrong sender, the inbound rule) was received: 250, as
 * in the cloud, where SES accepts the message before the rule is applied.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { InboundEmailError } from "../mail/parse-inbound.ts";

export interface SmtpInboundOptions {
  /** 0 picks a free port. */
  port: number;
  /** Loopback only. */
  host?: "127.0.0.1" | "::1" | "localhost";
  onMessage: (raw: Buffer, envelope: { from: string | undefined; to: string[] }) => Promise<void> | void;
  /** Largest message accepted, bytes; default 25 MiB. */
  maxBytes?: number;
}

export interface SmtpInbound {
  port: number;
  close(): Promise<void>;
}

/** The default message size limit. */
export const defaultMaxInboundSmtpBytes = 25 * 1024 * 1024;

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** An SMTP reply to a refused command: smtp-server sends `responseCode` and the message. */
export class SmtpReplyError extends Error {
  override name = "SmtpReplyError";
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
}

/** The SMTP answer for an error from `onMessage`: permanent (554) or transient (451), one line. */
export function smtpRejection(error: unknown): SmtpReplyError {
  const line = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  if (error instanceof InboundEmailError) {
    // InboundEmailError's messages already say "not an email: …" / "not accepted: …".
    return new SmtpReplyError(line, 554);
  }
  return new SmtpReplyError(`not accepted: ${line}`, 451);
}

/**
 * Starts the server and resolves once it listens.
 * @example const smtp = await startSmtpInbound({ port: 2525, onMessage: (raw) => inbound(raw) });
 */
export async function startSmtpInbound(options: SmtpInboundOptions): Promise<SmtpInbound> {
  const host = options.host ?? "127.0.0.1";
  if (!["127.0.0.1", "::1", "localhost"].includes(host)) {
    throw new RangeError("the local SMTP server listens on loopback only");
  }
  const maxBytes = options.maxBytes ?? defaultMaxInboundSmtpBytes;
  const server = new SMTPServer({
    name: "convene.localhost",
    banner: "Convene local inbound",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: maxBytes,
    logger: false,
    onConnect(session: SMTPServerSession, callback) {
      if (!isLoopback(session.remoteAddress)) {
        callback(new SmtpReplyError("loopback connections only", 554));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(new SmtpReplyError(`message larger than ${maxBytes} bytes`, 552));
          return;
        }
        const raw = Buffer.concat(chunks);
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        Promise.resolve()
          .then(() => options.onMessage(raw, envelope))
          .then(
            () => callback(),
            (error: unknown) => callback(smtpRejection(error)),
          );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error: Error) => process.stderr.write(`smtp-inbound: ${error.message}\n`));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
