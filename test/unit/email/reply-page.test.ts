import { describe, expect, it } from "vitest";
import {
  type ApplyResult,
  fromApiGatewayEvent,
  handleReplyPage,
  pageIdempotencyKey,
  pageNonce,
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

describe("handleReplyPage", () => {
  it("shows the question with escaped details and never applies on GET or HEAD", async () => {
    const { port, applied } = memoryPort();
    const get = await handleReplyPage(req("GET"), port);
    expect(get.status).toBe(200);
    expect(get.body).toContain("Do you approve the draft minutes?");
    expect(get.body).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(get.body).not.toContain("<img");
    expect(get.body).toContain(`value="${pageNonce(token)}"`);
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
      expect(res.headers["Referrer-Policy"]).toBe("no-referrer");
    }
  });

  it("records a POST once and redirects to the page; the same form again is a duplicate", async () => {
    const { port, applied } = memoryPort();
    const body = form({ nonce: pageNonce(token), choice: "approve", text: "" });
    const first = await handleReplyPage(req("POST", body, { origin: "http://127.0.0.1:8080" }), port);
    expect(first.status).toBe(303);
    expect(first.headers.Location).toBe(`./${token}?result=recorded`);
    const again = await handleReplyPage(req("POST", body), port);
    expect(again.headers.Location).toBe(`./${token}?result=duplicate`);
    expect(applied).toEqual([{ choice: "approve", text: "", key: pageIdempotencyKey(token, "approve", "") }]);
    const shown = await handleReplyPage(req("GET", undefined, {}, `/r/${token}?result=duplicate`), port);
    expect(shown.body).toContain("already recorded");
  });

  it("refuses a POST with a wrong nonce, an unknown choice, a missing change text or a foreign origin", async () => {
    const { port, applied } = memoryPort();
    const ok = { nonce: pageNonce(token), choice: "approve" };
    expect((await handleReplyPage(req("POST", form({ ...ok, nonce: "x" })), port)).status).toBe(400);
    expect(
      (await handleReplyPage(req("POST", form({ ...ok, choice: "delete-everything" })), port)).status,
    ).toBe(400);
    const noText = await handleReplyPage(
      req("POST", form({ ...ok, choice: "request-changes", text: "  " })),
      port,
    );
    expect(noText.status).toBe(400);
    expect(noText.body).toContain("Please fill in");
    const foreign = await handleReplyPage(req("POST", form(ok), { origin: "https://evil.example" }), port);
    expect(foreign.status).toBe(403);
    expect(
      (await handleReplyPage(req("POST", form(ok), { "content-type": "application/json" }), port)).status,
    ).toBe(415);
    expect((await handleReplyPage(req("POST", form({ ...ok, text: "x".repeat(20_000) })), port)).status).toBe(
      413,
    );
    expect(applied).toHaveLength(0);
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
    const refused = await handleReplyPage(
      req("POST", form({ nonce: pageNonce(token), choice: "approve" })),
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
});
