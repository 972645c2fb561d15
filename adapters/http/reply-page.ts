/**
 * The answer page every email links to: `GET /r/:token` shows what the person is answering, with
 * buttons; `POST /r/:token` records the answer, once. Framework-free, so the same handler serves
 * the local server and API Gateway (see fromApiGatewayEvent / toApiGatewayResult).
 *
 * GET and HEAD never change state: mail scanners and link previews follow links. A POST carries a
 * hidden nonce derived from the token and passes a stable idempotency key to the port, so a reload
 * or a resubmitted form is recorded by the port as a duplicate, not a second answer. After a POST
 * the browser is redirected (303) to the GET page, so reloading does not resubmit.
 *
 * A link whose question is closed (the meeting held, the minutes moved on or went out, the action
 * closed, the change decided) shows a page saying so and what to do instead, with no form, on GET
 * and on POST (an older copy of the page posted later), and records nothing.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { html, type SafeHtml } from "#adapters/mail/html.ts";
import { closedQuestionWords } from "#adapters/mail/templates.ts";
import type { QuestionClosed } from "#domain/email/open-question.ts";

export interface ReplyPageRequest {
  method: string;
  /** The request path, with the query string if any (e.g. `/r/abc?result=recorded`). */
  path: string;
  headers: Record<string, string | undefined>;
  body: string | undefined;
}

export interface ReplyPageResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ReplyOption {
  /** The value posted, e.g. "accept", "apologies", "approve", "request-changes", "done". */
  choice: string;
  /** The button's words. */
  label: string;
  /** Whether this choice needs the text box filled (e.g. the changes asked for). */
  needsText?: boolean;
}

/** What the person is answering, or why the link no longer works. */
export type ReplyDescription =
  | {
      ok: true;
      /** e.g. "Invitation: Professionals Meeting" */
      heading: string;
      /** Label/value rows: meeting, case reference, date, … (never the child's name). */
      details: { label: string; value: string }[];
      question: string;
      options: ReplyOption[];
      /** The label for the text box (note, changes). */
      textLabel: string;
      /** The answer already recorded, if any. */
      answered?: string;
      /** The chair's name, for the words if the question closes while it is answered. */
      chair?: string;
      /** Choices an older copy of the page offered whose question is now closed (e.g. a decided change). */
      retired?: { choice: string; closed: QuestionClosed }[];
    }
  | {
      ok: false;
      /** The question this link asks is closed: the page says why and what to do, with no form. */
      closed: QuestionClosed;
      heading: string;
      details: { label: string; value: string }[];
      /** The chair's name and the meeting's date, for the words. */
      chair: string;
      when: string;
    }
  | { ok: false; reason: string };

export type ApplyResult =
  | { status: "recorded" | "duplicate" | "refused"; message: string }
  | { status: "closed"; closed: QuestionClosed; message: string };

/** The lifecycle behind the page: verifies the token, describes, records. */
export interface ReplyPagePort {
  describe(token: string): Promise<ReplyDescription>;
  /** Records the answer once per idempotency key; a repeated key returns "duplicate". */
  apply(token: string, choice: string, text: string, idempotencyKey: string): Promise<ApplyResult>;
}

/** Largest form body accepted, bytes. */
export const maxFormBytes = 16 * 1024;

const tokenPath = /\/r\/([A-Za-z2-7]{16,100})\/?$/;

/** The hidden form nonce for a token: the same every time the page is shown. */
export function pageNonce(token: string): string {
  return createHash("sha256").update(`convene-reply-page\n${token.toLowerCase()}`).digest("hex").slice(0, 32);
}

/** The idempotency key a POST passes to the port: the same for the same form submitted again. */
export function pageIdempotencyKey(token: string, choice: string, text: string): string {
  const digest = createHash("sha256")
    .update(`${pageNonce(token)}\n${choice}\n${text.trim()}`)
    .digest("hex")
    .slice(0, 32);
  return `page:${digest}`;
}

/** Headers on every response. */
export const securityHeaders: Record<string, string> = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "Cache-Control": "no-store",
  Pragma: "no-cache",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "X-Robots-Tag": "noindex, nofollow",
};

function header(req: ReplyPageRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function page(title: string, content: SafeHtml): string {
  return html`<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow"><title>${title}</title>
<style>
body{font-family:Arial,Helvetica,sans-serif;max-width:40em;margin:1em auto;padding:0 1em;color:#0b0c0c;line-height:1.45}
.marking{background:#c00000;color:#fff;font-weight:bold;text-align:center;padding:4px}
.banner{border:4px solid #00703c;padding:8px 12px;margin:1em 0}
.warn{border-color:#d4351c}
th{text-align:left;padding-right:1em;vertical-align:top}
button{font-size:1em;padding:8px 16px;margin:0 8px 8px 0;background:#00703c;color:#fff;border:0;cursor:pointer}
textarea{width:100%;min-height:6em;font:inherit}
</style></head>
<body><p class="marking">OFFICIAL-SENSITIVE</p>
${content}
</body></html>`.value;
}

function respond(status: number, body: string, extra: Record<string, string> = {}): ReplyPageResponse {
  return { status, headers: { ...securityHeaders, ...extra }, body };
}

function errorPage(status: number, title: string, message: string): ReplyPageResponse {
  return respond(status, page(title, html`<h1>${title}</h1><p>${message}</p>`));
}

type ClosedDescription = Extract<ReplyDescription, { closed: QuestionClosed }>;

/** A closed question: what happened and what to do instead, with the meeting's details; no form. */
function closedPage(
  status: number,
  d: Pick<ClosedDescription, "heading" | "details" | "chair" | "when">,
  closed: QuestionClosed,
): ReplyPageResponse {
  const words = closedQuestionWords(closed, { chair: d.chair, when: d.when });
  return respond(
    status,
    page(
      words.title,
      html`<h1>${words.title}</h1>
<p class="banner warn" role="status">${words.what}</p>
<p>${words.next}</p>
<h2>${d.heading}</h2>
<table>${d.details.map((row) => html`<tr><th>${row.label}</th><td>${row.value}</td></tr>`)}</table>`,
    ),
  );
}

const resultWords: Record<string, { text: string; warn: boolean }> = {
  recorded: { text: "Thank you: your answer has been recorded.", warn: false },
  duplicate: { text: "Your answer was already recorded; nothing has changed.", warn: false },
};

function form(token: string, d: Extract<ReplyDescription, { ok: true }>, error?: string): SafeHtml {
  return html`<h1>${d.heading}</h1>
<table>${d.details.map((row) => html`<tr><th>${row.label}</th><td>${row.value}</td></tr>`)}</table>
${d.answered ? html`<p class="banner">Your current answer: <strong>${d.answered}</strong>. You can change it below.</p>` : ""}
${error ? html`<p class="banner warn" role="alert">${error}</p>` : ""}
<form method="post" action="./${token}">
<input type="hidden" name="nonce" value="${pageNonce(token)}">
<p>${d.question}</p>
<p><label for="text">${d.textLabel}</label><br><textarea id="text" name="text" maxlength="4000"></textarea></p>
<p>${d.options.map((o) => html`<button type="submit" name="choice" value="${o.choice}">${o.label}</button>`)}</p>
</form>`;
}

/** The closed page's context from an open description (the question closed while it was answered). */
function closedContext(d: Extract<ReplyDescription, { ok: true }>) {
  const when = d.details.find((row) => row.label === "When")?.value ?? "";
  return { heading: d.heading, details: d.details, chair: d.chair ?? "the chair", when };
}

async function show(token: string, port: ReplyPagePort, query: URLSearchParams): Promise<ReplyPageResponse> {
  const d = await port.describe(token);
  if (!d.ok) {
    return "closed" in d
      ? closedPage(200, d, d.closed)
      : errorPage(410, "This link no longer works", d.reason);
  }
  const result = resultWords[query.get("result") ?? ""];
  const banner = result ? html`<p class="banner" role="status">${result.text}</p>` : "";
  return respond(200, page(d.heading, html`${banner}${form(token, d)}`));
}

async function answer(token: string, req: ReplyPageRequest, port: ReplyPagePort): Promise<ReplyPageResponse> {
  const contentType = (header(req, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") {
    return errorPage(415, "Unsupported form", "The answer must be sent from the form on this page.");
  }
  const body = req.body ?? "";
  if (Buffer.byteLength(body, "utf8") > maxFormBytes) {
    return errorPage(413, "Too long", `The answer is longer than ${maxFormBytes} bytes.`);
  }
  const origin = header(req, "origin");
  const host = header(req, "host");
  if (origin && origin !== "null" && host) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost !== host) return errorPage(403, "Not allowed", "The answer must come from this page.");
  }
  const fields = new URLSearchParams(body);
  if (fields.get("nonce") !== pageNonce(token)) {
    return errorPage(400, "This form is out of date", "Please open the link in your email again.");
  }
  const d = await port.describe(token);
  // A closed question changes nothing, whatever was posted: the page says why.
  if (!d.ok) {
    return "closed" in d
      ? closedPage(409, d, d.closed)
      : errorPage(410, "This link no longer works", d.reason);
  }
  const choice = fields.get("choice") ?? "";
  const option = d.options.find((o) => o.choice === choice);
  const retired = d.retired?.find((r) => r.choice === choice);
  if (!option && retired) return closedPage(409, closedContext(d), retired.closed);
  if (!option) return errorPage(400, "Unknown answer", "Please choose one of the buttons on the page.");
  const text = (fields.get("text") ?? "").slice(0, 4000);
  if (option.needsText && text.trim() === "") {
    return respond(
      400,
      page(
        d.heading,
        form(token, d, `Please fill in \u201c${d.textLabel}\u201d for \u201c${option.label}\u201d.`),
      ),
    );
  }
  const result = await port.apply(token, choice, text, pageIdempotencyKey(token, choice, text));
  if (result.status === "closed") return closedPage(409, closedContext(d), result.closed);
  if (result.status === "refused") return errorPage(409, "Your answer was not recorded", result.message);
  return respond(303, "", { Location: `./${token}?result=${result.status}` });
}

/**
 * Handles one request for the answer page.
 * @example const res = await handleReplyPage({ method: "GET", path: "/r/abc…", headers: {}, body: undefined }, port);
 */
export async function handleReplyPage(
  req: ReplyPageRequest,
  port: ReplyPagePort,
): Promise<ReplyPageResponse> {
  const [pathname = "", queryString = ""] = req.path.split("?", 2);
  const match = tokenPath.exec(pathname);
  if (!match?.[1]) return errorPage(404, "Not found", "There is no page here.");
  const token = match[1].toLowerCase();
  const method = req.method.toUpperCase();
  if (method === "GET" || method === "HEAD") {
    const res = await show(token, port, new URLSearchParams(queryString));
    return method === "HEAD" ? { ...res, body: "" } : res;
  }
  if (method === "POST") return answer(token, req, port);
  return {
    ...errorPage(405, "Method not allowed", "Use the form on the page."),
    headers: { ...securityHeaders, Allow: "GET, HEAD, POST" },
  };
}

const apiGatewayV2Schema = z.object({
  version: z.literal("2.0"),
  rawPath: z.string(),
  rawQueryString: z.string().default(""),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.object({ http: z.object({ method: z.string() }) }),
});

const apiGatewayV1Schema = z.object({
  httpMethod: z.string(),
  path: z.string(),
  headers: z.record(z.string(), z.string()).nullable().default({}),
  queryStringParameters: z.record(z.string(), z.string()).nullable().default(null),
  body: z.string().nullable().default(null),
  isBase64Encoded: z.boolean().default(false),
});

/** An API Gateway event that is neither an HTTP API (2.0) nor a REST API (1.0) proxy event. */
export class ApiGatewayEventError extends Error {
  override name = "ApiGatewayEventError";
}

/** Turns an API Gateway proxy event (HTTP API 2.0 or REST 1.0) into a ReplyPageRequest. */
export function fromApiGatewayEvent(event: unknown): ReplyPageRequest {
  const v2 = apiGatewayV2Schema.safeParse(event);
  if (v2.success) {
    const e = v2.data;
    return {
      method: e.requestContext.http.method,
      path: e.rawQueryString ? `${e.rawPath}?${e.rawQueryString}` : e.rawPath,
      headers: e.headers,
      body:
        e.body === undefined
          ? undefined
          : e.isBase64Encoded
            ? Buffer.from(e.body, "base64").toString("utf8")
            : e.body,
    };
  }
  const v1 = apiGatewayV1Schema.safeParse(event);
  if (v1.success) {
    const e = v1.data;
    const query = e.queryStringParameters ? new URLSearchParams(e.queryStringParameters).toString() : "";
    return {
      method: e.httpMethod,
      path: query ? `${e.path}?${query}` : e.path,
      headers: e.headers ?? {},
      body:
        e.body === null
          ? undefined
          : e.isBase64Encoded
            ? Buffer.from(e.body, "base64").toString("utf8")
            : e.body,
    };
  }
  throw new ApiGatewayEventError("not an API Gateway proxy event (expected version 2.0 or httpMethod/path)");
}

/** Turns a ReplyPageResponse into an API Gateway proxy result. */
export function toApiGatewayResult(res: ReplyPageResponse): {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
} {
  return { statusCode: res.status, headers: res.headers, body: res.body, isBase64Encoded: false };
}
