/**
 * The staff workspace's Lambda behind API Gateway (REST, payload 1.0, stage "reply"), over the
 * embedded runtime's store and directory (dynalite) and a Cognito verifier whose keys the test
 * made: an unsigned, forged or expired session is refused; a POST without the session's CSRF
 * token changes nothing; with it, the use case runs and the redirect keeps the stage's path.
 */
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDirectory } from "../../../adapters/local/demo-directory.ts";
import { buildWeb } from "../../../functions/web/handler.ts";
import { envNames } from "../../../lib/function-environment.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "../../e2e/support.ts";

const host = "abc123.execute-api.eu-west-2.amazonaws.com";
const userPoolId = "eu-west-2_Web12345";
const clientId = "convene-web-client";
const issuer = `https://cognito-idp.eu-west-2.amazonaws.com/${userPoolId}`;
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: "jwk" }), kid: "k1", alg: "RS256", use: "sig" };

function idToken(claims: Record<string, unknown>, key: KeyObject = privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const head = part({ alg: "RS256", kid: "k1", typ: "JWT" });
  const body = part({
    iss: issuer,
    aud: clientId,
    token_use: "id",
    iat: now,
    exp: now + 3600,
    jti: "s1",
    ...claims,
  });
  return `${head}.${body}.${sign("RSA-SHA256", Buffer.from(`${head}.${body}`), key).toString("base64url")}`;
}

type Result = {
  statusCode: number;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded: boolean;
};

function event(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return {
    resource: "/{proxy+}",
    httpMethod: method,
    path,
    headers: { Host: host, ...headers },
    multiValueHeaders: Object.fromEntries(
      Object.entries({ Host: host, ...headers }).map(([k, v]) => [k, [v]]),
    ),
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    requestContext: {
      stage: "reply",
      domainName: host,
      path: `/reply${path}`,
      httpMethod: method,
      identity: {},
    },
    // binaryMediaTypes "*/*": API Gateway hands every body over base64-encoded.
    body: body === undefined ? null : Buffer.from(body).toString("base64"),
    isBase64Encoded: body !== undefined,
  };
}

const header = (r: Result, name: string) => r.headers?.[name] ?? r.multiValueHeaders?.[name]?.[0];

let t: TestRuntime;
let web: (event: unknown) => Promise<unknown>;
let meetingId: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  t = await startTestRuntime({ at: new Date("2026-03-02T09:00:00Z") });
  const people = loadDemoDirectory();
  await t.runtime.directory.replaceDirectory(t.runtime.authority.id, people, 0, {
    at: "2026-03-02T09:00:00Z",
    by: "test",
    source: "import",
    summary: "demo staff",
    added: people.length,
    removed: 0,
    changed: 0,
  });
  const env = {
    [envNames.userPoolId]: userPoolId,
    [envNames.userPoolClientId]: clientId,
    [envNames.cognitoDomainUrl]: "https://convene-demo.auth.eu-west-2.amazoncognito.com",
    [envNames.workspaceUrl]: `https://${host}/reply`,
    [envNames.workspaceBasePath]: "/reply",
  };
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: "id" });
  verifier.cacheJwks({ keys: [jwk as never] });
  web = buildWeb(t.runtime.deps, {
    authority: t.runtime.authority,
    store: t.runtime.store,
    directory: t.runtime.directory,
    verifier,
  });
  meetingId = (await t.runtime.startMeeting(await demoInput())).meeting.id;
});
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await t.runtime.close();
});

const jordan = () =>
  `__Host-convene-session=${idToken({ email: "jordan.ellis@demo.convene.local", name: "Jordan Ellis" })}`;

describe("the web Lambda", () => {
  it("sends an unsigned, forged or expired session to the sign-in, and the API answers 401", async () => {
    const expired = idToken({
      email: "jordan.ellis@demo.convene.local",
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    const forged = idToken({ email: "jordan.ellis@demo.convene.local" }, stranger.privateKey);
    for (const cookie of [
      undefined,
      `__Host-convene-session=${expired}`,
      `__Host-convene-session=${forged}`,
    ]) {
      const page = (await web(
        event("GET", `/meeting/${meetingId}`, cookie ? { Cookie: cookie } : {}),
      )) as Result;
      expect(page.statusCode, cookie).toBe(302);
      expect(header(page, "location")).toBe(
        `/reply/auth/sign-in?returnTo=${encodeURIComponent(`/meeting/${meetingId}`)}`,
      );
      const api = (await web(event("GET", "/api/meetings", cookie ? { Cookie: cookie } : {}))) as Result;
      expect(api.statusCode).toBe(401);
    }
  });

  it("shows a signed-in team manager the meeting, every link under the stage's path", async () => {
    const page = (await web(event("GET", `/meeting/${meetingId}`, { Cookie: jordan() }))) as Result;
    expect(page.statusCode).toBe(200);
    const html = page.isBase64Encoded ? Buffer.from(page.body, "base64").toString("utf8") : page.body;
    expect(html).toContain("Jordan Ellis");
    expect(html).toContain('href="/reply/assets/govuk-frontend.min.css"');
    expect(html).not.toMatch(/(href|action|src)="\/(?!reply\/)/);
  });

  it("answers the JSON API's bad input with one error naming the field, and an unknown action with 404", async () => {
    const session = (await web(event("GET", "/api/session", { Cookie: jordan() }))) as Result;
    const text = (r: Result) => (r.isBase64Encoded ? Buffer.from(r.body, "base64").toString("utf8") : r.body);
    const { csrf } = JSON.parse(text(session)) as { csrf: string };
    const post = (path: string, body: unknown) =>
      web(
        event(
          "POST",
          path,
          {
            "Content-Type": "application/json",
            Origin: `https://${host}`,
            Cookie: jordan(),
            "x-csrf-token": csrf,
          },
          JSON.stringify(body),
        ),
      ) as Promise<Result>;
    const bad = await post(`/api/meetings/${meetingId}/actions/1/date`, {
      dueDate: "27/03/2027",
      reason: "x",
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(text(bad))).toMatchObject({ field: "dueDate" });
    const none = await post(`/api/meetings/${meetingId}/actions/9/date`, {
      dueDate: "2030-01-10",
      reason: "x",
    });
    expect(none.statusCode).toBe(404);
    expect(JSON.parse(text(none)).error).toMatch(/no action 9/);
  });

  it("changes nothing on a POST without the session's CSRF token, and runs the use case with it", async () => {
    const form = {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: `https://${host}`,
      Cookie: jordan(),
    };
    const refused = (await web(
      event("POST", `/meeting/${meetingId}/cancel`, form, "reason=Family+moved+away"),
    )) as Result;
    expect(refused.statusCode).toBe(403);
    expect((await t.runtime.store.getMeeting(meetingId)).phase).not.toBe("cancelled");

    const session = (await web(event("GET", "/api/session", { Cookie: jordan() }))) as Result;
    const body = session.isBase64Encoded
      ? Buffer.from(session.body, "base64").toString("utf8")
      : session.body;
    const { csrf } = JSON.parse(body) as { csrf: string };
    const done = (await web(
      event(
        "POST",
        `/meeting/${meetingId}/cancel`,
        form,
        `reason=Family+moved+away&_csrf=${encodeURIComponent(csrf)}`,
      ),
    )) as Result;
    expect(done.statusCode, Buffer.from(done.body, done.isBase64Encoded ? "base64" : "utf8").toString()).toBe(
      303,
    );
    expect(header(done, "location")).toBe(`/reply/meeting/${meetingId}?done=cancelled`);
    expect((await t.runtime.store.getMeeting(meetingId)).phase).toBe("cancelled");
  });
});
