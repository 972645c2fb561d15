/**
 * The local server of the embedded runtime: the answer pages behind email links (GET shows, POST
 * records), raw replies (`convene mail reply`), the virtual clock, and a small JSON API to start
 * meetings and record that a meeting was held.
 *
 * It holds children's data, so a web page the user happens to visit must not be able to use it:
 * - it listens on loopback only, and answers only requests whose Host is this server
 *   (127.0.0.1, localhost or [::1] with its port): a DNS-rebinding page, whose Host is its own
 *   name, cannot read meeting data (421);
 * - every POST with an Origin must come from this server (403). Browsers send Origin on every
 *   cross-site POST, forms and fetch alike, so a request without one is a command-line client;
 * - the JSON API takes only `application/json`, raw replies only `message/rfc822`, and transcript
 *   uploads no CORS-safelisted type: none of these can be sent cross-site without a CORS preflight,
 *   which this server never grants (415);
 * - the answer pages check their own Origin/Referer and CSRF token (adapters/http/reply-page.ts).
 */

import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { z } from "zod";
import { createWorkspaceApp } from "../../app/app.ts";
import { localSignIn } from "../../app/auth/local.ts";
import { cancel } from "../../domain/lifecycle/cancel.ts";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import { LifecycleStateError } from "../../domain/lifecycle/kernel.ts";
import type { ReplyDesk } from "../../domain/lifecycle/replies.ts";
import { reschedule } from "../../domain/lifecycle/reschedule.ts";
import { TranscriptFormatError } from "../../domain/transcript/index.ts";
import { csrfKeyFrom, handleReplyPage, maxFormBytes } from "../http/reply-page.ts";
import { replyPagePort } from "../http/reply-page-port.ts";
import { InboundEmailError } from "../mail/parse-inbound.ts";
import { parseClockDuration, VirtualClock } from "./clocks.ts";
import { applyRawReply } from "./inbound.ts";
import {
  IdempotencyKeyMismatchError,
  type LocalRuntime,
  maxStartAheadMs,
  maxTranscriptBytes,
  StartMeetingError,
} from "./runtime.ts";
import { localWorkspaceBackend } from "./workspace-backend.ts";

/** Largest JSON body, bytes: room for a plan with a long invite list, and for a too-long field to be named. */
const maxJsonBytes = 2 * 1024 * 1024;
/** Largest raw email (SES accepts up to 40 MB with attachments). */
const maxEmailBytes = 30 * 1024 * 1024;

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, tooLarge(limit));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, tooLarge(limit));
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const tooLarge = (limit: number) => `body: larger than ${limit} bytes`;

class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(JSON.stringify(body, null, 2));
}

function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The types a browser may send cross-site without a CORS preflight (Fetch, "CORS-safelisted"). */
const safelistedTypes = new Set([
  "text/plain",
  "multipart/form-data",
  "application/x-www-form-urlencoded",
  "",
]);

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (mediaType(req) !== "application/json")
    throw new HttpError(
      415,
      `content-type: expected application/json, got ${JSON.stringify(mediaType(req))}`,
    );
  const text = (await readBody(req, maxJsonBytes)).toString("utf8");
  try {
    return JSON.parse(text || "{}");
  } catch (error) {
    throw new HttpError(400, `body: not valid JSON (${(error as Error).message})`);
  }
}

/** One line per problem, each naming its field (`plan.chair.name: …`). */
function describeZod(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.map(String).join(".") || "body"}: ${i.message}`).join("; ");
}

const heldSchema = z.strictObject({
  attendance: z
    .array(z.strictObject({ index: z.number().int().min(0).max(65535), attended: z.boolean() }))
    .min(1)
    .max(500),
});
const advanceSchema = z.strictObject({ by: z.string().max(20) });
const rescheduleSchema = z.strictObject({
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
});
const cancelSchema = z.strictObject({ reason: z.string().max(2000).optional() });
/** RFC 9110 token-ish: what a client would generate (a UUID, a ULID, a hash). */
const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, "expected 1 to 200 visible ASCII characters (e.g. a UUID)");

/** The local API's own routes; every other path is the workspace app (pages, /api, /r/ answer pages). */
const localApiPath = /^\/(health|inbound|clock\/advance|meetings(\/[a-z2-7]{16}(\/[a-z]+)?)?)$/;

export async function startLocalServer(
  runtime: LocalRuntime,
  desk: ReplyDesk,
  port = 0,
  options: { settingsSource?: string } = {},
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const pagePort = replyPagePort(desk);
  // The answer page on plain-http loopback: no __Host- cookie (browsers refuse it without TLS).
  const pageOptions = { csrfKey: csrfKeyFrom(runtime.secret), secure: false };
  const derive = (purpose: string) =>
    createHmac("sha256", runtime.secret).update(purpose).digest("base64url");
  const backend = await localWorkspaceBackend(
    runtime,
    options.settingsSource ?? runtime.options.authorityFile ?? "authorities/demo.json",
  );
  const workspace = createWorkspaceApp({
    signIn: localSignIn({
      key: derive("workspace-session"),
      directory: () => backend.directory.getDirectory(runtime.authority.id),
      // Sessions expire on real time, whatever the runtime's (possibly virtual) clock says.
      now: () => new Date(),
      authorityName: runtime.authority.name,
    }),
    backend,
    csrfKey: derive("workspace-csrf"),
    secure: false,
    answerPage: async (request) => {
      const page = await handleReplyPage({ ...request, body: request.body }, pagePort, pageOptions);
      await runtime.settle();
      return page;
    },
  });
  const workspaceListener = getRequestListener(workspace.fetch);
  let hosts = new Set<string>();
  const server = createServer(async (req, res) => {
    try {
      const method = req.method ?? "GET";
      const host = (req.headers.host ?? "").toLowerCase();
      if (!hosts.has(host))
        throw new HttpError(
          421,
          `host: expected this server (${[...hosts].join(", ")}), got ${JSON.stringify(host)}`,
        );
      const url = new URL(req.url ?? "/", "http://localhost");
      if (!localApiPath.test(url.pathname)) {
        // The workspace (signed in, CSRF-checked) and the answer pages behind email links (their
        // own signed token, Origin/Referer and CSRF checks: adapters/http/reply-page.ts).
        const declared = Number(req.headers["content-length"]);
        const limit = url.pathname.startsWith("/r/") ? maxFormBytes * 4 : maxTranscriptBytes + 1024 * 1024;
        if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, tooLarge(limit));
        await workspaceListener(req, res);
        return;
      }
      const origin = req.headers.origin;
      if (method === "POST" && origin !== undefined && !hosts.has(originHost(origin)))
        throw new HttpError(403, `origin: POSTs must come from this server, not ${JSON.stringify(origin)}`);
      if (method === "GET" && url.pathname === "/health")
        return json(res, 200, { ok: true, now: runtime.clock.now().toISOString() });
      if (method === "POST" && url.pathname === "/inbound") {
        if (mediaType(req) !== "message/rfc822")
          throw new HttpError(
            415,
            `content-type: expected message/rfc822, got ${JSON.stringify(mediaType(req))}`,
          );
        const outcome = await applyRawReply(desk, await readBody(req, maxEmailBytes));
        await runtime.settle();
        return json(res, outcome.status === "refused" ? 422 : 200, outcome);
      }
      if (method === "POST" && url.pathname === "/clock/advance") {
        const { by } = advanceSchema.parse(await readJson(req));
        let ms: number;
        try {
          ms = parseClockDuration(by);
        } catch (error) {
          throw new HttpError(400, `by: ${(error as Error).message}`);
        }
        if (ms > maxStartAheadMs) throw new HttpError(400, `by: expected at most 2 years, got ${by}`);
        if (!(runtime.clock instanceof VirtualClock))
          throw new HttpError(409, "clock: this runtime runs on real time; start it with --virtual-clock");
        const now = await runtime.advance(ms);
        return json(res, 200, { now: now.toISOString() });
      }
      if (method === "POST" && url.pathname === "/meetings") {
        const keyHeader = req.headers["idempotency-key"];
        const key =
          keyHeader === undefined
            ? undefined
            : (idempotencyKeySchema.safeParse(keyHeader).data ??
              fail(400, "Idempotency-Key: expected 1 to 200 visible ASCII characters (e.g. a UUID)"));
        const started = await runtime.startMeeting(await readJson(req), { idempotencyKey: key });
        // Where the workflow has taken it by now (invitations out: awaiting the meeting).
        const meeting = await runtime.store.getMeeting(started.meeting.id);
        return json(
          res,
          201,
          { id: meeting.id, phase: meeting.phase, dueBy: meeting.dueBy, minutesDueBy: meeting.minutesDueBy },
          started.replayed ? { "idempotent-replayed": "true" } : {},
        );
      }
      const meetingPath = /^\/meetings\/([a-z2-7]{16})(\/held|\/transcript|\/reschedule|\/cancel)?$/.exec(
        url.pathname,
      );
      if (meetingPath?.[1]) {
        const id = meetingPath[1];
        if (method === "GET" && !meetingPath[2]) {
          const meeting = await runtime.store.getMeeting(id);
          return json(res, 200, {
            meeting: {
              id,
              phase: meeting.phase,
              type: meeting.typeName,
              child: meeting.child.reference,
              start: meeting.start,
            },
            answers: await runtime.store.listAnswers(id),
            actions: await runtime.store.listActions(id),
            audit: (await runtime.store.listAudit(id)).map((e) => ({ at: e.at, what: e.what, via: e.via })),
          });
        }
        if (method === "POST" && meetingPath[2] === "/held") {
          const body = heldSchema.parse(await readJson(req));
          await recordMeetingHeld(runtime.kernel, id, body.attendance, "chair", "local-api");
          await runtime.settle();
          return json(res, 200, { ok: true });
        }
        if (method === "POST" && meetingPath[2] === "/reschedule") {
          const body = rescheduleSchema.parse(await readJson(req));
          const start = new Date(body.start);
          const end = new Date(body.end);
          // The bounds (after now, within 2 years, at most 8 hours) are the use case's (reschedule.ts).
          const result = await reschedule(runtime.kernel, id, start, end, "chair", "local-api");
          await runtime.settle();
          return json(res, 200, result);
        }
        if (method === "POST" && meetingPath[2] === "/cancel") {
          const body = cancelSchema.parse(await readJson(req));
          await cancel(runtime.kernel, id, body.reason, "chair", "local-api");
          await runtime.settle();
          return json(res, 200, { ok: true });
        }
        if (method === "POST" && meetingPath[2] === "/transcript") {
          if (safelistedTypes.has(mediaType(req)))
            throw new HttpError(
              415,
              `content-type: send the file as application/octet-stream (or its own type, e.g. text/vtt), not ${JSON.stringify(mediaType(req))}`,
            );
          const filename = (url.searchParams.get("filename") ?? "transcript.vtt")
            .replace(/[^\w.-]/g, "_")
            .slice(0, 100);
          const bytes = new Uint8Array(await readBody(req, maxTranscriptBytes));
          const imported = await runtime.uploadTranscript(id, bytes, filename);
          return json(res, 200, { ok: true, ...imported });
        }
      }
      return json(res, 404, { error: `no route for ${method} ${url.pathname}` });
    } catch (error) {
      const status =
        error instanceof HttpError
          ? error.status
          : error instanceof z.ZodError ||
              error instanceof StartMeetingError ||
              error instanceof TranscriptFormatError ||
              error instanceof RangeError ||
              // A raw reply that is not an email.
              error instanceof InboundEmailError
            ? 400
            : error instanceof Error && error.name === "NotFoundError"
              ? 404
              : error instanceof LifecycleStateError
                ? 409
                : error instanceof IdempotencyKeyMismatchError
                  ? 422
                  : 500;
      const message = error instanceof z.ZodError ? describeZod(error) : (error as Error).message;
      if (!res.headersSent)
        json(res, status, { error: message }, status === 413 ? { connection: "close" } : {});
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  hosts = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`, `[::1]:${actual}`]);
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function fail(status: number, message: string): never {
  throw new HttpError(status, message);
}

/** `host:port` of an Origin, or "" when it is `null` or not a URL (refused either way). */
function originHost(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" ? url.host.toLowerCase() : "";
  } catch {
    return "";
  }
}
