/**
 * The local server of the embedded runtime: the answer pages behind email links (GET shows, POST
 * records), raw replies (`convene mail reply`), the virtual clock, and a small JSON API to start
 * meetings and record that a meeting was held. Loopback only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import type { ReplyDesk } from "../../domain/lifecycle/replies.ts";
import { LifecycleStateError } from "../../domain/lifecycle/service.ts";
import { handleReplyPage } from "../http/reply-page.ts";
import { replyPagePort } from "../http/reply-page-port.ts";
import { parseClockDuration } from "./clocks.ts";
import { applyRawReply } from "./inbound.ts";
import { type LocalRuntime, StartMeetingError } from "./runtime.ts";

const maxBody = 30 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new HttpError(413, "body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body, null, 2));
}

const heldSchema = z.object({
  attendance: z.array(z.object({ index: z.number().int().min(0), attended: z.boolean() })).min(1),
});
const advanceSchema = z.object({ by: z.string() });
const rescheduleSchema = z.object({
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
});
const cancelSchema = z.object({ reason: z.string().max(2000).optional() });

export async function startLocalServer(
  runtime: LocalRuntime,
  desk: ReplyDesk,
  port = 0,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const pagePort = replyPagePort(desk);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const method = req.method ?? "GET";
      if (url.pathname.startsWith("/r/")) {
        const body = method === "POST" ? (await readBody(req)).toString("utf8") : undefined;
        const page = await handleReplyPage(
          {
            method,
            path: `${url.pathname}${url.search}`,
            headers: req.headers as Record<string, string>,
            body,
          },
          pagePort,
        );
        res.writeHead(page.status, page.headers);
        res.end(page.body);
        await runtime.settle();
        return;
      }
      if (method === "GET" && url.pathname === "/health")
        return json(res, 200, { ok: true, now: runtime.clock.now().toISOString() });
      if (method === "POST" && url.pathname === "/inbound") {
        const outcome = await applyRawReply(desk, await readBody(req));
        await runtime.settle();
        return json(res, outcome.status === "refused" ? 422 : 200, outcome);
      }
      if (method === "POST" && url.pathname === "/clock/advance") {
        const { by } = advanceSchema.parse(JSON.parse((await readBody(req)).toString("utf8")));
        const now = await runtime.advance(parseClockDuration(by));
        return json(res, 200, { now: now.toISOString() });
      }
      if (method === "POST" && url.pathname === "/meetings") {
        const started = await runtime.startMeeting(JSON.parse((await readBody(req)).toString("utf8")));
        // Where the workflow has taken it by now (invitations out: awaiting the meeting).
        const meeting = await runtime.store.getMeeting(started.meeting.id);
        return json(res, 201, {
          id: meeting.id,
          phase: meeting.phase,
          dueBy: meeting.dueBy,
          minutesDueBy: meeting.minutesDueBy,
        });
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
          const body = heldSchema.parse(JSON.parse((await readBody(req)).toString("utf8")));
          await runtime.lifecycle.recordMeetingHeld(id, body.attendance, "chair", "local-api");
          await runtime.settle();
          return json(res, 200, { ok: true });
        }
        if (method === "POST" && meetingPath[2] === "/reschedule") {
          const body = rescheduleSchema.parse(JSON.parse((await readBody(req)).toString("utf8")));
          const result = await runtime.lifecycle.reschedule(
            id,
            new Date(body.start),
            new Date(body.end),
            "chair",
            "local-api",
          );
          await runtime.settle();
          return json(res, 200, result);
        }
        if (method === "POST" && meetingPath[2] === "/cancel") {
          const body = cancelSchema.parse(JSON.parse((await readBody(req)).toString("utf8") || "{}"));
          await runtime.lifecycle.cancel(id, body.reason, "chair", "local-api");
          await runtime.settle();
          return json(res, 200, { ok: true });
        }
        if (method === "POST" && meetingPath[2] === "/transcript") {
          const filename = url.searchParams.get("filename") ?? "transcript.vtt";
          await runtime.lifecycle.transcriptArrived(
            id,
            new Uint8Array(await readBody(req)),
            filename.replace(/[^\w.-]/g, "_"),
            "local-api",
          );
          await runtime.settle();
          return json(res, 200, { ok: true });
        }
      }
      return json(res, 404, { error: `no route for ${method} ${url.pathname}` });
    } catch (error) {
      const status =
        error instanceof HttpError
          ? error.status
          : error instanceof z.ZodError ||
              error instanceof SyntaxError ||
              error instanceof StartMeetingError ||
              error instanceof RangeError
            ? 400
            : error instanceof Error && error.name === "NotFoundError"
              ? 404
              : error instanceof LifecycleStateError
                ? 409
                : 500;
      const message =
        error instanceof z.ZodError
          ? z.prettifyError(error).split("\n").join("; ")
          : (error as Error).message;
      if (!res.headersSent) json(res, status, { error: message });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
