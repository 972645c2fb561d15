/**
 * Staff sign-in in an authority's stack: Amazon Cognito's hosted sign-in, federated to the
 * council's identity provider (OIDC or SAML, e.g. Microsoft Entra ID), by the OAuth 2.0
 * authorization-code flow with PKCE.
 *
 * 1. GET /auth/sign-in: a random state and PKCE verifier go into a short-lived signed cookie, and
 *    the browser goes to Cognito's /oauth2/authorize (straight to the council's provider when
 *    `identityProvider` is set).
 * 2. GET /auth/callback: the state must match the cookie's; the code is exchanged at /oauth2/token
 *    with the verifier; the ID token is verified (aws-jwt-verify: signature against the pool's
 *    JWKS, issuer, audience, expiry, token use) and kept as the session in a `__Host-` cookie:
 *    Secure, HttpOnly, SameSite=Lax (so a link to the workspace in an email arrives signed in).
 * 3. Every request: the cookie's ID token is verified again; the person is its email and name,
 *    with the workspace groups of their staff directory entry and of `cognito:groups`; someone the
 *    directory marks as left, or with no group, is not signed in. The session lasts as long as the ID token
 *    (Cognito's default is an hour); the council's provider then signs them straight back in.
 * 4. POST /auth/sign-out: the cookie goes and the browser goes to Cognito's /logout.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { staffGroups } from "../../domain/directory/person.ts";
import { safeReturnTo, signInPath } from "./local.ts";
import { seal, unseal } from "./sealed.ts";
import type { SignIn, StaffGroup, StaffUser } from "./types.ts";

export interface CognitoSignInOptions {
  userPoolId: string;
  clientId: string;
  /** The hosted sign-in's origin, e.g. https://convene-demo.auth.eu-west-2.amazoncognito.com */
  domain: string;
  /** This app's URL: origin and base path, e.g. https://convene.demo.gov.uk or https://abc.execute-api.eu-west-2.amazonaws.com/reply (the callback is /auth/callback under it). */
  appUrl: string;
  /** The name of the council's identity provider in the pool, to skip Cognito's chooser. */
  identityProvider?: string;
  /** Signs the short-lived sign-in state cookie. */
  key: string;
  now?: () => Date;
  /** The token endpoint's fetch (tests answer it themselves). */
  fetch?: typeof fetch;
  /**
   * The person's entry in the staff directory, by lower-case email. Their workspace access comes
   * from it (an admin edits it on the directory page) together with any `cognito:groups` (how
   * the first admin is let in before a directory is imported); a person the directory marks as
   * left is refused whatever their groups.
   */
  directoryEntry?: (email: string) => Promise<{ active: boolean; access: readonly StaffGroup[] } | undefined>;
  /** Tests give a verifier whose JWKS they cached; otherwise one for the pool is made. */
  verifier?: { verify(token: string): Promise<Record<string, unknown>> };
}

const sessionCookie = "__Host-convene-session";
const stateCookie = "__Host-convene-sign-in";
const stateSchema = z.object({
  state: z.string(),
  verifier: z.string(),
  returnTo: z.string(),
  exp: z.number(),
});
const tokenSchema = z.object({ id_token: z.string().min(1) });
const claimsSchema = z.object({
  email: z.string().email(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  "cognito:groups": z.array(z.string()).optional(),
  jti: z.string().optional(),
  origin_jti: z.string().optional(),
});

const b64 = (bytes: Buffer) => bytes.toString("base64url");

export function cognitoSignIn(options: CognitoSignInOptions): SignIn {
  const now = options.now ?? (() => new Date());
  const verifier =
    options.verifier ??
    CognitoJwtVerifier.create({ userPoolId: options.userPoolId, clientId: options.clientId, tokenUse: "id" });
  const callback = `${options.appUrl}/auth/callback`;
  const cookieOptions = { httpOnly: true, secure: true, path: "/", sameSite: "Lax" } as const;

  const user = async (c: Context): Promise<StaffUser | undefined> => {
    const token = getCookie(c, sessionCookie);
    if (!token) return undefined;
    let claims: z.infer<typeof claimsSchema>;
    try {
      claims = claimsSchema.parse(await verifier.verify(token));
    } catch {
      return undefined;
    }
    const email = claims.email.toLowerCase();
    const entry = await options.directoryEntry?.(email);
    if (entry && !entry.active) return undefined;
    const fromPool = (claims["cognito:groups"] ?? []).filter((g): g is StaffGroup =>
      (staffGroups as readonly string[]).includes(g),
    );
    const groups = staffGroups.filter((g) => fromPool.includes(g) || (entry?.access.includes(g) ?? false));
    if (groups.length === 0) return undefined;
    const name =
      claims.name ?? ([claims.given_name, claims.family_name].filter(Boolean).join(" ") || claims.email);
    return {
      email,
      name,
      groups,
      sessionId: claims.origin_jti ?? claims.jti ?? createHash("sha256").update(token).digest("base64url"),
    };
  };

  const routes = () => {
    const app = new Hono();
    app.get("/sign-in", (c) => {
      const state = b64(randomBytes(24));
      const pkce = b64(randomBytes(32));
      const sealed = seal(options.key, "cognito-sign-in", {
        state,
        verifier: pkce,
        returnTo: safeReturnTo(c.req.query("returnTo")),
        exp: now().getTime() + 600_000,
      });
      setCookie(c, stateCookie, sealed, {
        ...cookieOptions,
        maxAge: 600,
      });
      const url = new URL("/oauth2/authorize", options.domain);
      url.search = new URLSearchParams({
        response_type: "code",
        client_id: options.clientId,
        redirect_uri: callback,
        scope: "openid email profile",
        state,
        code_challenge: b64(createHash("sha256").update(pkce).digest()),
        code_challenge_method: "S256",
        ...(options.identityProvider ? { identity_provider: options.identityProvider } : {}),
      }).toString();
      return c.redirect(url.toString(), 302);
    });

    app.get("/callback", async (c) => {
      const refused = (why: string) =>
        c.text(`Sign-in failed: ${why}. Go back to the workspace and sign in again.`, 400);
      const saved = unseal(options.key, "cognito-sign-in", getCookie(c, stateCookie), stateSchema);
      deleteCookie(c, stateCookie, cookieOptions);
      if (!saved) return refused("this browser did not start the sign-in");
      if (saved.exp <= now().getTime()) return refused("the sign-in took more than 10 minutes");
      const state = c.req.query("state") ?? "";
      if (
        Buffer.from(state).length !== Buffer.from(saved.state).length ||
        !timingSafeEqual(Buffer.from(state), Buffer.from(saved.state))
      )
        return refused("the sign-in's state does not match");
      const code = c.req.query("code");
      if (!code)
        return refused(c.req.query("error_description") ?? c.req.query("error") ?? "no code came back");
      const response = await (options.fetch ?? fetch)(new URL("/oauth2/token", options.domain), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          client_id: options.clientId,
          code,
          redirect_uri: callback,
          code_verifier: saved.verifier,
        }).toString(),
      });
      if (!response.ok) return refused(`the identity service refused the code (${response.status})`);
      const tokens = tokenSchema.safeParse(await response.json().catch(() => undefined));
      if (!tokens.success) return refused("the identity service sent no ID token");
      try {
        await verifier.verify(tokens.data.id_token);
      } catch {
        return refused("the ID token did not verify");
      }
      setCookie(c, sessionCookie, tokens.data.id_token, cookieOptions);
      return c.redirect(saved.returnTo, 303);
    });

    app.post("/sign-out", (c) => {
      deleteCookie(c, sessionCookie, cookieOptions);
      const url = new URL("/logout", options.domain);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        logout_uri: `${options.appUrl}/`,
      }).toString();
      return c.redirect(url.toString(), 303);
    });
    return app;
  };

  return {
    kind: "cognito",
    user,
    routes,
    signInUrl: signInPath,
  };
}
