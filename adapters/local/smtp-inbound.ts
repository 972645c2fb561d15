/**
 * The local inbound SMTP server `convene start` runs, so a real mail client can reply to Convene's
 * emails on a laptop: smtp-server on the loopback interface only, no authentication, no TLS, a size
 * limit. Each message's raw bytes go to `onMessage`; if it throws, the SMTP client is told the
 * message was not accepted (so the client keeps it and nothing is lost silently).
 */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

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

class SmtpReplyError extends Error {
  override name = "SmtpReplyError";
  constructor(
    message: string,
    readonly responseCode: number,
  ) {
    super(message);
  }
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
            (error: unknown) =>
              callback(
                new SmtpReplyError(
                  `not accepted: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
                  451,
                ),
              ),
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
