/**
 * The answer page every email links to: `GET /r/:token` shows what the person is answering, with
 * buttons; `POST /r/:token` records the answer, once. Framework-free, so the same handler serves
 * the local server and API Gateway (see fromApiGatewayEvent / toApiGatewayResult).
 *
 * GET and HEAD never change state: mail scanners and link previews follow links. A POST must come
 * from this page (its Origin, or failing that its Referer, is this host) and carry the page's CSRF
 * token (a signed double-submit cookie, see {@link csrfFormValue}); it passes a stable idempotency
 * key to the port, so a reload or a resubmitted form is recorded by the port as a duplicate, not a
 * second answer. After a POST the browser is redirected (303) to the GET page, so reloading does
 * not resubmit.
 *
 * A link whose question is closed (the meeting held, the minutes moved on or went out, the action
 * closed, the change decided) shows a page saying so and what to do instead, with no form, on GET
 * and on POST (an older copy of the page posted later), and records nothing.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { closedQuestionWords } from "#adapters/mail/templates.ts";
import type { QuestionClosed } from "#domain/email/open-question.ts";
import type { ReplySecrets } from "#domain/email/reply-token.ts";
import { renderPage } from "../../app/views.ts";

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

/**
 * How the page protects its form. The CSRF key is a server secret (never derived from the URL
 * token): see {@link csrfKeyFrom}.
 */
export interface ReplyPageOptions {
  /** The key the CSRF tokens are signed with (HMAC-SHA256). */
  csrfKey: Uint8Array;
  /**
   * Served over HTTPS (the cloud): the cookie is `__Host-`-prefixed and `Secure`, and Origin must be
   * https. False on the plain-http loopback server, where a `__Host-` cookie cannot be set.
   */
  secure: boolean;
}

/** The lifecycle behind the page: verifies the token, describes, records. */
export interface ReplyPagePort {
  describe(token: string): Promise<ReplyDescription>;
  /** Records the answer once per idempotency key; a repeated key returns "duplicate". */
  apply(token: string, choice: string, text: string, idempotencyKey: string): Promise<ApplyResult>;
}

/** Largest form body accepted, bytes. */
export const maxFormBytes = 16 * 1024;

const tokenPath = /\/r\/([A-Za-z2-7]{16,100})\/?$/;

/**
 * The idempotency key a POST passes to the port: the same for the same answer submitted again, so a
 * resubmitted form is a duplicate. It is derived from the URL token on purpose and is no secret:
 * it de-duplicates, it does not authorise (that is the CSRF token's job).
 */
export function pageIdempotencyKey(token: string, choice: string, text: string): string {
  const base = createHash("sha256")
    .update(`convene-reply-page\n${token.toLowerCase()}`)
    .digest("hex")
    .slice(0, 32);
  const digest = createHash("sha256").update(`${base}\n${choice}\n${text.trim()}`).digest("hex").slice(0, 32);
  return `page:${digest}`;
}

/** The CSRF key for a deployment, derived from its reply-token secret (a separate key by purpose). */
export function csrfKeyFrom(secret: ReplySecrets): Uint8Array {
  // With rotation, the current key (listed first) signs; a form opened before a rotation and sent
  // after it asks the person to open the link again, which is rare and harmless.
  const current = typeof secret === "string" || secret instanceof Uint8Array ? secret : secret[0];
  if (current === undefined) throw new Error("no reply-token key to derive the CSRF key from");
  return createHmac("sha256", current).update("convene answer page csrf v1").digest();
}

/**
 * The cookie holding the browser's random CSRF nonce. `__Host-` (Secure, Path=/, no Domain) over
 * HTTPS, so no other host can plant it; on plain-http localhost browsers refuse `__Host-`, so it is
 * a plain name there, still HttpOnly and SameSite=Strict.
 */
export function csrfCookieName(secure: boolean): string {
  return secure ? "__Host-convene-csrf" : "convene-csrf";
}

const nonceShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * The CSRF token the form carries: OWASP's "signed double-submit cookie". The browser holds a random
 * nonce in an HttpOnly, SameSite=Strict cookie; the form carries HMAC(key, URL token, nonce). A POST
 * is accepted only when the form's value is the HMAC of the cookie it came with (compared in
 * constant time). Without the server's key nobody can make a matching pair, even where a cookie can
 * be planted (cookies on localhost are shared by every port), and a value from another browser or
 * another link does not match this one's cookie.
 */
export function csrfFormValue(key: Uint8Array, token: string, nonce: string): string {
  return createHmac("sha256", key)
    .update(`answer-page\n${token.toLowerCase()}\n${nonce}`)
    .digest("base64url");
}

function cookie(req: ReplyPageRequest, name: string): string | undefined {
  for (const part of (header(req, "cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function csrfMatches(req: ReplyPageRequest, token: string, sent: string, options: ReplyPageOptions): boolean {
  const nonce = cookie(req, csrfCookieName(options.secure));
  if (!nonce || !nonceShape.test(nonce)) return false;
  const expected = Buffer.from(csrfFormValue(options.csrfKey, token, nonce));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Whether a POST comes from this page. Browsers send Origin on every form POST (with this page's
 * Referrer-Policy `same-origin`; under `no-referrer` they would send `Origin: null`), so an Origin
 * must be this host, and `null` (sandboxed frames, data: pages, some redirects) is refused. Where a
 * client sends no Origin (older browsers) the Referer must be this host; with neither, the POST is
 * refused: a mail scanner or link preview never POSTs, so nothing legitimate is lost.
 */
function fromThisPage(req: ReplyPageRequest, options: ReplyPageOptions): boolean {
  const host = header(req, "host")?.toLowerCase();
  if (!host) return false;
  const source = header(req, "origin") ?? header(req, "referer");
  if (source === undefined || source === "null") return false;
  try {
    const url = new URL(source);
    return url.host.toLowerCase() === host && url.protocol === (options.secure ? "https:" : "http:");
  } catch {
    return false;
  }
}

/** Headers on every response. */
export const securityHeaders: Record<string, string> = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; manifest-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "Cache-Control": "no-store",
  Pragma: "no-cache",
  "X-Frame-Options": "DENY",
  // same-origin, not no-referrer: under no-referrer a form POST carries `Origin: null`, which the
  // origin check must refuse; other sites still get no Referer (the URL holds the token).
  "Referrer-Policy": "same-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Robots-Tag": "noindex, nofollow",
};

function header(req: ReplyPageRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

const rowsOf = (details: { label: string; value: string }[]) =>
  details.map((row) => ({ key: { text: row.label }, value: { text: row.value } }));

function respond(status: number, body: string, extra: Record<string, string> = {}): ReplyPageResponse {
  return { status, headers: { ...securityHeaders, ...extra }, body };
}

/** A page with a heading and what to do (GOV.UK Frontend, app/views/answer-message.njk). */
function messagePage(
  status: number,
  page: {
    title: string;
    paragraphs: string[];
    warning?: string;
    heading?: string;
    details?: { label: string; value: string }[];
  },
): ReplyPageResponse {
  return respond(
    status,
    renderPage("answer-message.njk", {
      title: page.title,
      paragraphs: page.paragraphs,
      warning: page.warning,
      heading: page.heading,
      rows: rowsOf(page.details ?? []),
    }),
  );
}

function errorPage(status: number, title: string, message: string): ReplyPageResponse {
  return messagePage(status, { title, paragraphs: [message] });
}

type ClosedDescription = Extract<ReplyDescription, { closed: QuestionClosed }>;

/** A closed question: what happened and what to do instead, with the meeting's details; no form. */
function closedPage(
  status: number,
  d: Pick<ClosedDescription, "heading" | "details" | "chair" | "when">,
  closed: QuestionClosed,
): ReplyPageResponse {
  const words = closedQuestionWords(closed, { chair: d.chair, when: d.when });
  return messagePage(status, {
    title: words.title,
    warning: words.what,
    paragraphs: [words.next],
    heading: d.heading,
    details: d.details,
  });
}

const resultWords: Record<string, string> = {
  recorded: "Thank you: your answer has been recorded.",
  duplicate: "Your answer was already recorded; nothing has changed.",
};

/** The question and its form (app/views/answer.njk). */
function form(
  token: string,
  d: Extract<ReplyDescription, { ok: true }>,
  csrf: string,
  options: { result?: string; textError?: string } = {},
): string {
  return renderPage("answer.njk", {
    title: d.heading,
    heading: d.heading,
    rows: rowsOf(d.details),
    answered: d.answered,
    token,
    csrf,
    question: d.question,
    textLabel: d.textLabel,
    options: d.options,
    result: options.result,
    textError: options.textError,
    errors: options.textError ? [{ text: options.textError, href: "#text" }] : [],
  });
}

/** The closed page's context from an open description (the question closed while it was answered). */
function closedContext(d: Extract<ReplyDescription, { ok: true }>) {
  const when = d.details.find((row) => row.label === "When")?.value ?? "";
  return { heading: d.heading, details: d.details, chair: d.chair ?? "the chair", when };
}

/** The browser's CSRF nonce: the one its cookie holds, or a new random one (then set as a cookie). */
function browserNonce(
  req: ReplyPageRequest,
  options: ReplyPageOptions,
): { nonce: string; setCookie?: Record<string, string> } {
  const name = csrfCookieName(options.secure);
  const held = cookie(req, name);
  if (held && nonceShape.test(held)) return { nonce: held };
  const nonce = randomBytes(32).toString("base64url");
  const attributes = options.secure
    ? "Path=/; Secure; HttpOnly; SameSite=Strict"
    : "Path=/r/; HttpOnly; SameSite=Strict";
  return { nonce, setCookie: { "Set-Cookie": `${name}=${nonce}; ${attributes}` } };
}

async function show(
  token: string,
  req: ReplyPageRequest,
  port: ReplyPagePort,
  query: URLSearchParams,
  options: ReplyPageOptions,
): Promise<ReplyPageResponse> {
  const d = await port.describe(token);
  if (!d.ok) {
    return "closed" in d
      ? closedPage(200, d, d.closed)
      : errorPage(410, "This link no longer works", d.reason);
  }
  const result = resultWords[query.get("result") ?? ""];
  const { nonce, setCookie } = browserNonce(req, options);
  const csrf = csrfFormValue(options.csrfKey, token, nonce);
  return respond(200, form(token, d, csrf, result ? { result } : {}), setCookie);
}

async function answer(
  token: string,
  req: ReplyPageRequest,
  port: ReplyPagePort,
  options: ReplyPageOptions,
): Promise<ReplyPageResponse> {
  const contentType = (header(req, "content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") {
    return errorPage(415, "Unsupported form", "The answer must be sent from the form on this page.");
  }
  const body = req.body ?? "";
  if (Buffer.byteLength(body, "utf8") > maxFormBytes) {
    return errorPage(413, "Too long", `The answer is longer than ${maxFormBytes} bytes.`);
  }
  if (!fromThisPage(req, options)) {
    return errorPage(403, "Not allowed", "The answer must be sent from the form on this page.");
  }
  const fields = new URLSearchParams(body);
  if (!csrfMatches(req, token, fields.get("csrf") ?? "", options)) {
    return errorPage(403, "This form is out of date", "Please open the link in your email again.");
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
      form(token, d, fields.get("csrf") ?? "", {
        textError: `Please fill in \u201c${d.textLabel}\u201d for \u201c${option.label}\u201d.`,
      }),
    );
  }
  const result = await port.apply(token, choice, text, pageIdempotencyKey(token, choice, text));
  if (result.status === "closed") return closedPage(409, closedContext(d), result.closed);
  if (result.status === "refused") return errorPage(409, "Your answer was not recorded", result.message);
  return respond(303, "", { Location: `./${token}?result=${result.status}` });
}

/**
 * Handles one request for the answer page.
 * @example const res = await handleReplyPage({ method: "GET", path: "/r/abc…", headers: {}, body: undefined }, port, { csrfKey: csrfKeyFrom(secret), secure: true });
 */
export async function handleReplyPage(
  req: ReplyPageRequest,
  port: ReplyPagePort,
  options: ReplyPageOptions,
): Promise<ReplyPageResponse> {
  const [pathname = "", queryString = ""] = req.path.split("?", 2);
  const match = tokenPath.exec(pathname);
  if (!match?.[1]) return errorPage(404, "Not found", "There is no page here.");
  const token = match[1].toLowerCase();
  const method = req.method.toUpperCase();
  if (method === "GET" || method === "HEAD") {
    const res = await show(token, req, port, new URLSearchParams(queryString), options);
    return method === "HEAD" ? { ...res, body: "" } : res;
  }
  if (method === "POST") return answer(token, req, port, options);
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
  /** HTTP API 2.0 moves the Cookie header here. */
  cookies: z.array(z.string()).optional(),
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
      headers: e.cookies?.length ? { ...e.headers, cookie: e.cookies.join("; ") } : e.headers,
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
