/**
 * `convene mail classify FILE [--secret S]` parses a raw email (.eml) or an SES inbound notification
 * (the SNS "Received" JSON, inline content or not, or a Lambda SES event) and prints JSON:
 * `{ from, to, subject, intent, reply, token: { valid, reason }, receipt? }`. Without `--secret` the
 * token is reported as not checked (`valid: null`) and the intent is classified without a purpose.
 * An unreadable file or one that is neither an email nor an SES notification exits 2 with one line.
 *
 * `convene mail reply FILE.eml [--url URL]` injects a reply into the running local instance: it
 * POSTs the raw file to `${url}/inbound` (message/rfc822), where url comes from
 * `.convene/runtime.json` unless given, and prints the JSON answer. No running instance: exit 2.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { reportsAmong } from "#adapters/local/inbound.ts";
import { InboundEmailError, parseInboundEmail } from "#adapters/mail/parse-inbound.ts";
import {
  decideReceipt,
  messageFromSesHeaders,
  parseSesNotification,
  SesNotificationError,
} from "#adapters/mail/ses-receipt.ts";
import { classifyIntent, type Intent } from "#domain/email/classify-intent.ts";
import {
  parseReplyAddress,
  ReplyTokenError,
  replyPurposeSchema,
  verifyReplyToken,
} from "#domain/email/reply-token.ts";
import { type Command, UsageError } from "./io.ts";

const usage = "usage: convene mail classify FILE [--secret S] | convene mail reply FILE.eml [--url URL]";

/** What `mail classify` prints. */
export interface ClassifyOutput {
  from: string | null;
  to: string[];
  subject: string;
  intent: Intent | null;
  reply: string | null;
  token: {
    valid: boolean | null;
    reason: string | null;
    claims?: { meetingId: string; person: number; purpose: string; ref: number; expiresAt: string };
  };
  receipt?: { accepted: boolean; reason: string };
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : (code ?? "error")}`);
  }
}

function checkToken(addresses: string[], secret: string | undefined, now: Date): ClassifyOutput["token"] {
  const found = parseReplyAddress(addresses);
  if (!found) return { valid: false, reason: "no-token" };
  if (secret === undefined) return { valid: null, reason: "not-checked" };
  let result: ReturnType<typeof verifyReplyToken>;
  try {
    result = verifyReplyToken(found.token, secret, now);
  } catch (error) {
    if (error instanceof ReplyTokenError) throw new UsageError(error.message);
    throw error;
  }
  if (!result.valid) return { valid: false, reason: result.reason };
  const { claims } = result;
  return {
    valid: true,
    reason: null,
    claims: { ...claims, expiresAt: claims.expiresAt.toISOString() },
  };
}

/**
 * Classifies one input (raw email bytes or SES notification JSON).
 * @throws UsageError for input that is neither.
 */
export async function classifyMail(
  input: Buffer,
  file: string,
  secret: string | undefined,
  now: Date,
): Promise<ClassifyOutput> {
  const head = input.subarray(0, 64).toString("utf8").trimStart();
  if (head.startsWith("{") || head.startsWith("[")) {
    let json: unknown;
    try {
      json = JSON.parse(input.toString("utf8"));
    } catch {
      throw new UsageError(`${file}: not an email and not valid JSON`);
    }
    let inbound: ReturnType<typeof parseSesNotification>;
    try {
      inbound = parseSesNotification(json);
    } catch (error) {
      if (error instanceof SesNotificationError) throw new UsageError(`${file}: ${error.message}`);
      throw error;
    }
    const envelope = [...inbound.receipt.recipients, ...inbound.mail.destination];
    if (!inbound.content) {
      // Without the message, the rule reads From and SES's headers from the notification.
      const receipt = decideReceipt(inbound, messageFromSesHeaders(inbound.mail));
      const common = inbound.mail.commonHeaders;
      return {
        from: common.from?.[0] ?? inbound.mail.source,
        to: common.to ?? inbound.mail.destination,
        subject: common.subject ?? "",
        intent: null,
        reply: null,
        token: checkToken([...envelope, ...(common.to ?? []), ...(common.cc ?? [])], secret, now),
        receipt,
      };
    }
    const output = await classifyRaw(inbound.content, file, secret, now, envelope);
    return { ...output, receipt: decideReceipt(inbound, await parseInboundEmail(inbound.content)) };
  }
  return classifyRaw(input, file, secret, now, []);
}

async function classifyRaw(
  raw: Buffer,
  file: string,
  secret: string | undefined,
  now: Date,
  envelope: string[],
): Promise<ClassifyOutput> {
  let email: Awaited<ReturnType<typeof parseInboundEmail>>;
  try {
    email = await parseInboundEmail(raw);
  } catch (error) {
    if (error instanceof InboundEmailError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const addresses = [
    ...envelope,
    ...email.deliveredTo,
    ...email.to.map((a) => a.email),
    ...email.cc.map((a) => a.email),
  ];
  const token = checkToken(addresses, secret, now);
  const purpose = token.valid && token.claims ? replyPurposeSchema.parse(token.claims.purpose) : undefined;
  const intent = classifyIntent(email.fresh, {
    ...(purpose ? { purpose } : {}),
    hasAttachments: reportsAmong(email.attachments).length > 0,
  });
  return {
    from: email.from?.email ?? null,
    to: email.to.map((a) => a.email),
    subject: email.subject,
    intent: intent.intent,
    reply: email.fresh,
    token,
  };
}

const runtimeSchema = z.object({ url: z.string().url() });

/** Reads the running instance's URL from `.convene/runtime.json` under `cwd`. */
export async function readRuntimeUrl(cwd: string): Promise<string> {
  const file = join(cwd, ".convene", "runtime.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new UsageError(`no running Convene instance (${file} not found; start one with \`convene start\`)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${file}: not valid JSON`);
  }
  const parsed = runtimeSchema.safeParse(json);
  if (!parsed.success) throw new UsageError(`${file}: expected { "url": "http://127.0.0.1:PORT" }`);
  return parsed.data.url;
}

async function postReply(raw: Buffer, url: string): Promise<{ ok: boolean; body: string }> {
  const target = `${url.replace(/\/+$/, "")}/inbound`;
  let res: Response;
  try {
    res = await fetch(target, {
      method: "POST",
      headers: { "content-type": "message/rfc822" },
      body: raw,
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new UsageError(`no running Convene instance at ${url} (start one with \`convene start\`)`);
  }
  const text = await res.text();
  let body = text;
  try {
    body = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: print as it came
  }
  return { ok: res.ok, body };
}

function parseMailArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { secret: { type: "string" }, url: { type: "string" } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** `convene mail classify|reply …` */
export const mailCommand: Command = async (argv, io) => {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") {
    io.out(usage);
    return sub === undefined ? 2 : 0;
  }
  const parsed = parseMailArgs(rest);
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new UsageError(usage);
  if (sub === "classify") {
    if (parsed.values.url !== undefined) throw new UsageError("--url is for `mail reply`");
    const input = await readInput(file);
    const output = await classifyMail(input, file, parsed.values.secret, new Date());
    io.out(JSON.stringify(output, null, 2));
    return 0;
  }
  if (sub === "reply") {
    if (parsed.values.secret !== undefined) throw new UsageError("--secret is for `mail classify`");
    const input = await readInput(file);
    const url = parsed.values.url ?? (await readRuntimeUrl(process.cwd()));
    const { ok, body } = await postReply(input, url);
    if (ok) io.out(body);
    else io.err(body.split("\n").length > 1 ? body : `convene mail reply: ${body}`);
    return ok ? 0 : 1;
  }
  throw new UsageError(`unknown subcommand '${sub}' (${usage})`);
};
