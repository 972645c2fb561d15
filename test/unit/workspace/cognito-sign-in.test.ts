/**
 * The cloud sign-in (app/auth/cognito.ts): the code flow with PKCE and state, the ID token
 * verified by aws-jwt-verify against the pool's keys (here a key pair made for the test, its JWKS
 * cached in the verifier), and the person's workspace groups from `cognito:groups` and the staff
 * directory.
 */
import { createHash, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { cognitoSignIn } from "../../../app/auth/cognito.ts";

const userPoolId = "eu-west-2_Test12345";
const clientId = "convene-test-client";
const issuer = `https://cognito-idp.eu-west-2.amazonaws.com/${userPoolId}`;
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const other = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" };

function token(claims: Record<string, unknown>, key: KeyObject = privateKey): string {
  const seconds = Math.floor(Date.now() / 1000);
  const header = Buffer.from(JSON.stringify({ alg: "RS256", kid: "test-key", typ: "JWT" })).toString(
    "base64url",
  );
  const body = Buffer.from(
    JSON.stringify({
      iss: issuer,
      aud: clientId,
      token_use: "id",
      iat: seconds,
      exp: seconds + 3600,
      jti: "j1",
      ...claims,
    }),
  ).toString("base64url");
  return `${header}.${body}.${sign("RSA-SHA256", Buffer.from(`${header}.${body}`), key).toString("base64url")}`;
}

type Entry = { active: boolean; access: ("social-worker" | "team-manager" | "service-manager" | "admin")[] };

function setUp(answer: (body: URLSearchParams) => Response, directory: Record<string, Entry> = {}) {
  const verifier = CognitoJwtVerifier.create({ userPoolId, clientId, tokenUse: "id" });
  verifier.cacheJwks({ keys: [jwk as never] });
  const exchanged: URLSearchParams[] = [];
  const signIn = cognitoSignIn({
    userPoolId,
    clientId,
    domain: "https://convene-test.auth.eu-west-2.amazoncognito.com",
    appUrl: "https://convene.example.gov.uk",
    identityProvider: "EntraID",
    key: "state-key",
    verifier,
    directoryEntry: async (email) => directory[email],
    fetch: (async (_url: unknown, init?: RequestInit) => {
      const body = new URLSearchParams(String(init?.body));
      exchanged.push(body);
      return answer(body);
    }) as typeof fetch,
  });
  const app = new Hono();
  app.route("/auth", signIn.routes());
  app.get("/who", async (c) => c.json((await signIn.user(c)) ?? null));
  return { app, exchanged };
}

const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => !c.endsWith("="))
    .join("; ");

describe("the Cognito sign-in", () => {
  it("signs in by code and PKCE, and the session is the verified ID token with the person's groups", async () => {
    const id = token({
      email: "Jo.Smith@Council.gov.uk",
      name: "Jo Smith",
      "cognito:groups": ["team-manager", "Everyone"],
    });
    const { app, exchanged } = setUp(() =>
      Response.json({ id_token: id, access_token: "a", token_type: "Bearer" }),
    );
    const start = await app.request("/auth/sign-in?returnTo=/team");
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.origin + authorize.pathname).toBe(
      "https://convene-test.auth.eu-west-2.amazoncognito.com/oauth2/authorize",
    );
    expect(authorize.searchParams.get("identity_provider")).toBe("EntraID");
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(start.headers.get("set-cookie")).toMatch(/^__Host-convene-sign-in=.*HttpOnly.*Secure/i);

    const back = await app.request(`/auth/callback?code=abc&state=${authorize.searchParams.get("state")}`, {
      headers: { cookie: cookiesOf(start) },
    });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe("/team");
    const verifier = exchanged[0]?.get("code_verifier") ?? "";
    expect(createHash("sha256").update(verifier).digest("base64url")).toBe(
      authorize.searchParams.get("code_challenge"),
    );
    expect(exchanged[0]?.get("redirect_uri")).toBe("https://convene.example.gov.uk/auth/callback");

    const session = back.headers.getSetCookie().find((c) => c.startsWith("__Host-convene-session=")) ?? "";
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Secure/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const who = await (
      await app.request("/who", { headers: { cookie: session.split(";")[0] ?? "" } })
    ).json();
    expect(who).toEqual({
      email: "jo.smith@council.gov.uk",
      name: "Jo Smith",
      groups: ["team-manager"],
      sessionId: "j1",
    });
  });

  it("refuses a callback this browser did not start, or whose state differs", async () => {
    const { app, exchanged } = setUp(() =>
      Response.json({ id_token: token({ email: "a@b.gov.uk", "cognito:groups": ["admin"] }) }),
    );
    expect((await app.request("/auth/callback?code=abc&state=x")).status).toBe(400);
    const start = await app.request("/auth/sign-in");
    const wrong = await app.request("/auth/callback?code=abc&state=not-it", {
      headers: { cookie: cookiesOf(start) },
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/state does not match/);
    expect(exchanged).toHaveLength(0);
  });

  it("refuses tokens that are forged, for another client, expired, or carry no workspace group", async () => {
    const { app } = setUp(() => new Response("", { status: 500 }));
    const seconds = Math.floor(Date.now() / 1000);
    for (const bad of [
      token({ email: "a@b.gov.uk", "cognito:groups": ["admin"] }, other.privateKey),
      token({ email: "a@b.gov.uk", "cognito:groups": ["admin"], aud: "another-client" }),
      token({ email: "a@b.gov.uk", "cognito:groups": ["admin"], exp: seconds - 60 }),
      token({ email: "a@b.gov.uk", "cognito:groups": ["admin"], token_use: "access" }),
      token({ email: "a@b.gov.uk" }),
      "not.a.token",
    ]) {
      const who = await (
        await app.request("/who", { headers: { cookie: `__Host-convene-session=${bad}` } })
      ).json();
      expect(who).toBeNull();
    }
  });

  it("does not set a session when the identity service refuses the code", async () => {
    const { app } = setUp(() => new Response("invalid_grant", { status: 400 }));
    const start = await app.request("/auth/sign-in");
    const state = new URL(start.headers.get("location") ?? "").searchParams.get("state");
    const back = await app.request(`/auth/callback?code=abc&state=${state}`, {
      headers: { cookie: cookiesOf(start) },
    });
    expect(back.status).toBe(400);
    expect(
      back.headers
        .getSetCookie()
        .some((c) => c.startsWith("__Host-convene-session=") && !c.startsWith("__Host-convene-session=;")),
    ).toBe(false);
  });

  it("takes workspace access from the staff directory, and refuses someone the directory marks as left", async () => {
    const { app } = setUp(() => new Response("", { status: 500 }), {
      "nadia@council.gov.uk": { active: true, access: ["social-worker"] },
      "left@council.gov.uk": { active: false, access: ["admin"] },
      "boot@council.gov.uk": { active: true, access: [] },
    });
    const who = async (claims: Record<string, unknown>) =>
      (
        await app.request("/who", { headers: { cookie: `__Host-convene-session=${token(claims)}` } })
      ).json() as Promise<{ groups: string[] } | null>;
    // No Cognito group: the directory's access lets them in.
    expect((await who({ email: "Nadia@council.gov.uk" }))?.groups).toEqual(["social-worker"]);
    // Left the authority: refused even with a Cognito group.
    expect(await who({ email: "left@council.gov.uk", "cognito:groups": ["admin"] })).toBeNull();
    // The first admin, in the pool's admin group before any directory entry gives access.
    expect((await who({ email: "boot@council.gov.uk", "cognito:groups": ["admin"] }))?.groups).toEqual([
      "admin",
    ]);
    // Neither: not signed in.
    expect(await who({ email: "stranger@council.gov.uk" })).toBeNull();
  });
});
