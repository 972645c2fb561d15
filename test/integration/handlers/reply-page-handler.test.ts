/**
 * The answer page's Lambda behind API Gateway (REST, payload 1.0): the page sets a __Host- CSRF
 * cookie, and a POST is recorded only from this page (https Origin of the API's host) with the
 * cookie and the form's token.
 */
import type { Context } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { build } from "../../../functions/reply-page/handler.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "../../e2e/support.ts";

const context = {
  functionName: "reply-page",
  awsRequestId: "req-1",
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;
const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.runtime.close();
});

const host = "abc123.execute-api.eu-west-2.amazonaws.com";
type Result = { statusCode: number; headers: Record<string, string>; body: string };

function restEvent(
  method: string,
  token: string,
  headers: Record<string, string>,
  body: string | null = null,
) {
  return {
    httpMethod: method,
    path: `/prod/r/${token}`,
    headers: { Host: host, ...headers },
    queryStringParameters: null,
    body,
    isBase64Encoded: false,
  };
}

describe("the reply-page Lambda", () => {
  it("records a form POST from its own page with the __Host- cookie, and refuses one without it", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const invitee = meeting.invitees[0];
    if (!invitee) throw new Error("no invitee");
    const email = t.mailer.latest(meeting.id, "invitation", invitee.email);
    const token = /\/r\/([a-z2-7]+)/.exec(email?.text ?? "")?.[1];
    if (!token) throw new Error("no answer-page link");
    const handler = build(t.runtime.deps);

    const page = (await handler(restEvent("GET", token, {}), context)) as Result;
    expect(page.statusCode).toBe(200);
    expect(page.headers["Set-Cookie"]).toMatch(
      /^__Host-convene-csrf=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Strict$/,
    );
    const cookie = page.headers["Set-Cookie"]?.split(";")[0] ?? "";
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
    const form = new URLSearchParams({ csrf, choice: "accept" }).toString();
    const formType = { "Content-Type": "application/x-www-form-urlencoded" };

    const noCookie = (await handler(
      restEvent("POST", token, { ...formType, Origin: `https://${host}` }, form),
      context,
    )) as Result;
    expect(noCookie.statusCode).toBe(403);
    const nullOrigin = (await handler(
      restEvent("POST", token, { ...formType, Cookie: cookie, Origin: "null" }, form),
      context,
    )) as Result;
    expect(nullOrigin.statusCode).toBe(403);
    const before = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === invitee.index);
    expect(before?.attendance).not.toBe("attending");

    const ok = (await handler(
      restEvent("POST", token, { ...formType, Cookie: cookie, Origin: `https://${host}` }, form),
      context,
    )) as Result;
    expect(ok.statusCode).toBe(303);
    await t.runtime.settle();
    const after = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === invitee.index);
    expect(after?.attendance).toBe("attending");
  }, 60_000);
});
