import { describe, expect, it } from "vitest";
import {
  type ApplyResult,
  csrfFormValue,
  csrfKeyFrom,
  fromApiGatewayEvent,
  handleReplyPage as handle,
  pageIdempotencyKey,
  type ReplyDescription,
  type ReplyPagePort,
  type ReplyPageRequest,
  toApiGatewayResult,
} from "#adapters/http/reply-page.ts";

const token = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst";

/** An in-memory port that records each idempotency key once. */
function memoryPort(description?: ReplyDescription) {
  const keys = new Set<string>();
  const applied: { choice: string; text: string; key: string }[] = [];
  let describes = 0;
  const port: ReplyPagePort = {
    async describe() {
      describes += 1;
      return (
        description ?? {
          ok: true,
          heading: "Minutes for approval: Professionals Meeting",
          details: [
            { label: "Case reference", value: "CH-1042" },
            { label: "Attendee", value: "<img src=x onerror=alert(1)>" },
          ],
          question: "Do you approve the draft minutes?",
          textLabel: "Changes you need",
          options: [
            { choice: "approve", label: "Approve" },
            { choice: "request-changes", label: "Ask for changes", needsText: true },
          ],
        }
      );
    },
    async apply(_token, choice, text, key): Promise<ApplyResult> {
      if (keys.has(key)) return { status: "duplicate", message: "already recorded" };
      keys.add(key);
      applied.push({ choice, text, key });
      return { status: "recorded", message: "recorded" };
    },
  };
  return { port, applied, describes: () => describes };
}

function req(
  method: string,
  body?: string,
  headers: Record<string, string> = {},
  path = `/r/${token}`,
): ReplyPageRequest {
  return {
    method,
    path,
    headers: { host: "127.0.0.1:8080", "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

const options = { csrfKey: csrfKeyFrom("unit-test reply secret, 32 characters or more"), secure: false };
const handleReplyPage = (request: ReplyPageRequest, port: ReplyPagePort) => handle(request, port, options);
const self = { origin: "http://127.0.0.1:8080" };

/** Opens the page as a browser would: the CSRF cookie it sets and the token its form carries. */
async function openPage(port: ReplyPagePort): Promise<{ cookie: string; csrf: string }> {
  const res = await handleReplyPage(req("GET"), port);
  const cookie = res.headers["Set-Cookie"]?.split(";")[0] ?? "";
  const csrf = /name="csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? "";
  return { cookie, csrf };
}

describe("handleReplyPage", () => {
  it("shows the question with escaped details and never applies on GET or HEAD", async () => {
    const { port, applied } = memoryPort();
    const get = await handleReplyPage(req("GET"), port);
    expect(get.status).toBe(200);
    expect(get.body).toContain("Do you approve the draft minutes?");
    expect(get.body).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(get.body).not.toContain("<img");
    expect(get.body).toMatch(/name="csrf" value="[A-Za-z0-9_-]{43}"/);
    const head = await handleReplyPage(req("HEAD"), port);
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(applied).toHaveLength(0);
  });

  it("sends the security headers on every response", async () => {
    const { port } = memoryPort();
    for (const res of [
      await handleReplyPage(req("GET"), port),
      await handleReplyPage(req("GET", undefined, {}, "/x"), port),
    ]) {
      expect(res.headers["Content-Security-Policy"]).toContain("default-src 'none'");
      expect(res.headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
      expect(res.headers["Cache-Control"]).toBe("no-store");
      expect(res.headers["X-Frame-Options"]).toBe("DENY");
      // same-origin: browsers then send the page's Origin on the form POST (no-referrer makes it null).
      expect(res.headers["Referrer-Policy"]).toBe("same-origin");
    }
  });

  it("records a POST once and redirects to the page; the same form again is a duplicate", async () => {
    const { port, applied } = memoryPort();
    const { cookie, csrf } = await openPage(port);
    const body = form({ csrf, choice: "approve", text: "" });
    const first = await handleReplyPage(req("POST", body, { ...self, cookie }), port);
    expect(first.status).toBe(303);
    expect(first.headers.Location).toBe(`./${token}?result=recorded`);
    const again = await handleReplyPage(req("POST", body, { ...self, cookie }), port);
    expect(again.headers.Location).toBe(`./${token}?result=duplicate`);
    expect(applied).toEqual([{ choice: "approve", text: "", key: pageIdempotencyKey(token, "approve", "") }]);
    const shown = await handleReplyPage(req("GET", undefined, {}, `/r/${token}?result=duplicate`), port);
    expect(shown.body).toContain("already recorded");
  });

  it("refuses a POST with a wrong CSRF token, an unknown choice, a missing change text or a foreign origin", async () => {
    const { port, applied } = memoryPort();
    const { cookie, csrf } = await openPage(port);
    const ok = { csrf, choice: "approve" };
    const headers = { ...self, cookie };
    expect((await handleReplyPage(req("POST", form({ ...ok, csrf: "x" }), headers), port)).status).toBe(403);
    expect(
      (await handleReplyPage(req("POST", form({ ...ok, choice: "delete-everything" }), headers), port))
        .status,
    ).toBe(400);
    const noText = await handleReplyPage(
      req("POST", form({ ...ok, choice: "request-changes", text: "  " }), headers),
      port,
    );
    expect(noText.status).toBe(400);
    expect(noText.body).toContain("Please fill in");
    const foreign = await handleReplyPage(
      req("POST", form(ok), { cookie, origin: "https://evil.example" }),
      port,
    );
    expect(foreign.status).toBe(403);
    expect(
      (await handleReplyPage(req("POST", form(ok), { ...headers, "content-type": "application/json" }), port))
        .status,
    ).toBe(415);
    expect(
      (await handleReplyPage(req("POST", form({ ...ok, text: "x".repeat(20_000) }), headers), port)).status,
    ).toBe(413);
    expect(applied).toHaveLength(0);
  });

  it("refuses a POST with Origin null, or with neither Origin nor Referer, and falls back to a matching Referer", async () => {
    const { port, applied } = memoryPort();
    const { cookie, csrf } = await openPage(port);
    const body = form({ csrf, choice: "approve" });
    expect((await handleReplyPage(req("POST", body, { cookie, origin: "null" }), port)).status).toBe(403);
    expect((await handleReplyPage(req("POST", body, { cookie }), port)).status).toBe(403);
    expect(
      (await handleReplyPage(req("POST", body, { cookie, referer: "https://evil.example/r/x" }), port))
        .status,
    ).toBe(403);
    expect(applied).toHaveLength(0);
    const viaReferer = await handleReplyPage(
      req("POST", body, { cookie, referer: `http://127.0.0.1:8080/r/${token}` }),
      port,
    );
    expect(viaReferer.status).toBe(303);
    expect(applied).toHaveLength(1);
  });

  it("refuses a CSRF token without its cookie, from another browser's page, or derived from the URL alone", async () => {
    const { port, applied } = memoryPort();
    const mine = await openPage(port);
    const theirs = await openPage(port);
    expect(mine.cookie).not.toBe(theirs.cookie);
    const post = (fields: Record<string, string>, cookie?: string) =>
      handleReplyPage(
        req("POST", form({ choice: "approve", ...fields }), cookie ? { ...self, cookie } : self),
        port,
      );
    expect((await post({ csrf: mine.csrf })).status).toBe(403);
    expect((await post({ csrf: theirs.csrf }, mine.cookie)).status).toBe(403);
    // The token is a secret: an attacker who knows the URL, and plants a cookie, still cannot make one.
    const planted = "A".repeat(43);
    const guessed = csrfFormValue(csrfKeyFrom(token), token, planted);
    expect((await post({ csrf: guessed }, `convene-csrf=${planted}`)).status).toBe(403);
    expect(applied).toHaveLength(0);
    expect((await post({ csrf: mine.csrf }, mine.cookie)).status).toBe(303);
  });

  it("sets a __Host- cookie, Secure, over HTTPS, and keeps the browser's cookie once it has one", async () => {
    const { port } = memoryPort();
    const secure = { ...options, secure: true };
    const first = await handle(req("GET"), port, secure);
    expect(first.headers["Set-Cookie"]).toMatch(
      /^__Host-convene-csrf=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Strict$/,
    );
    const cookie = first.headers["Set-Cookie"]?.split(";")[0] ?? "";
    const again = await handle(req("GET", undefined, { cookie }), port, secure);
    expect(again.headers["Set-Cookie"]).toBeUndefined();
    const csrf = /name="csrf" value="([^"]+)"/.exec(again.body)?.[1] ?? "";
    const body = form({ csrf, choice: "approve" });
    // Over HTTPS an http:// origin of the same host is not this page.
    expect(
      (await handle(req("POST", body, { cookie, origin: "http://127.0.0.1:8080" }), port, secure)).status,
    ).toBe(403);
    expect(
      (await handle(req("POST", body, { cookie, origin: "https://127.0.0.1:8080" }), port, secure)).status,
    ).toBe(303);
  });

  it("shows why a link no longer works, and a refusal from the port", async () => {
    const gone = memoryPort({ ok: false, reason: "This meeting has been cancelled." });
    const res = await handleReplyPage(req("GET"), gone.port);
    expect(res.status).toBe(410);
    expect(res.body).toContain("This meeting has been cancelled.");
    const { port } = memoryPort();
    const refusing: ReplyPagePort = {
      ...port,
      apply: async () => ({ status: "refused", message: "The minutes are closed." }),
    };
    const { cookie, csrf } = await openPage(refusing);
    const refused = await handleReplyPage(
      req("POST", form({ csrf, choice: "approve" }), { ...self, cookie }),
      refusing,
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toContain("The minutes are closed.");
  });

  it("answers other methods with 405 and other paths with 404", async () => {
    const { port } = memoryPort();
    const put = await handleReplyPage(req("PUT"), port);
    expect(put.status).toBe(405);
    expect(put.headers.Allow).toBe("GET, HEAD, POST");
    expect((await handleReplyPage(req("GET", undefined, {}, "/r/<script>"), port)).status).toBe(404);
  });
});

describe("API Gateway adapters", () => {
  it("reads an HTTP API (2.0) event, including a base64 body, and writes a proxy result", async () => {
    const request = fromApiGatewayEvent({
      version: "2.0",
      rawPath: `/prod/r/${token}`,
      rawQueryString: "result=recorded",
      headers: { host: "abc.execute-api.eu-west-2.amazonaws.com" },
      body: Buffer.from("a=1").toString("base64"),
      isBase64Encoded: true,
      requestContext: { http: { method: "POST" } },
    });
    expect(request).toEqual({
      method: "POST",
      path: `/prod/r/${token}?result=recorded`,
      headers: { host: "abc.execute-api.eu-west-2.amazonaws.com" },
      body: "a=1",
    });
    const { port } = memoryPort();
    const result = toApiGatewayResult(await handleReplyPage({ ...request, method: "GET" }, port));
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(false);
  });

  it("reads a REST (1.0) event and refuses anything else", () => {
    expect(
      fromApiGatewayEvent({
        httpMethod: "GET",
        path: `/r/${token}`,
        headers: null,
        queryStringParameters: null,
        body: null,
      }),
    ).toEqual({ method: "GET", path: `/r/${token}`, headers: {}, body: undefined });
    expect(() => fromApiGatewayEvent({ hello: 1 })).toThrow(/API Gateway/);
  });

  it("reads an HTTP API (2.0) event's cookies into the Cookie header", () => {
    const request = fromApiGatewayEvent({
      version: "2.0",
      rawPath: `/r/${token}`,
      headers: { host: "abc.execute-api.eu-west-2.amazonaws.com" },
      cookies: ["a=1", "__Host-convene-csrf=xyz"],
      requestContext: { http: { method: "POST" } },
    });
    expect(request.headers.cookie).toBe("a=1; __Host-convene-csrf=xyz");
  });
});
