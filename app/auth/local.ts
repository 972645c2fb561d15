/**
 * The local sign-in of the embedded runtime: pick a person from the directory, no password. It
 * exists only on the loopback server that `npm start` runs (the request must come from this
 * computer), every page says so, and the session is a signed, expiring, HttpOnly, SameSite=Strict
 * cookie holding the person's email and a random session id. The person's groups are read from
 * the directory on every request, so a change there applies at once.
 */
import { randomBytes } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import type { Directory } from "../../domain/directory/person.ts";
import { renderPage } from "../views.ts";
import { seal, unseal } from "./sealed.ts";
import type { SignIn, StaffUser } from "./types.ts";

const cookieName = "convene-local-session";
const sessionHours = 8;

const sessionSchema = z.strictObject({ email: z.email(), sid: z.string().min(16), exp: z.number() });

export interface LocalSignInOptions {
  /** Signs the session cookie. */
  key: string;
  directory(): Promise<Directory>;
  now(): Date;
  authorityName: string;
}

/** True when the request came from this computer (the embedded runtime listens on loopback only). */
function fromLoopback(c: Context): boolean {
  try {
    const address = getConnInfo(c).remote.address ?? "";
    return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
  } catch {
    return false;
  }
}

/** A relative path on this app only (never `//elsewhere` or a URL). */
export function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : "/";
}

/** The app's sign-in page, returning to a path of this app afterwards (both sign-ins start there). */
export function signInPath(returnTo: string): string {
  return `/auth/sign-in?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`;
}

export function localSignIn(options: LocalSignInOptions): SignIn {
  const user = async (c: Context): Promise<StaffUser | undefined> => {
    if (!fromLoopback(c)) return undefined;
    const session = unseal(options.key, "local-session", getCookie(c, cookieName), sessionSchema);
    if (!session) return undefined;
    if (session.exp <= options.now().getTime()) return undefined;
    const person = (await options.directory()).people.find(
      (p) => p.email === session.email && p.active && p.access.length > 0,
    );
    if (!person) return undefined;
    return { email: person.email, name: person.name, groups: [...person.access], sessionId: session.sid };
  };

  const routes = () => {
    const app = new Hono();
    app.use(async (c, next) => {
      if (!fromLoopback(c)) return c.text("The local sign-in answers only this computer.", 403);
      // Signing someone in from another site's form (login CSRF) is refused.
      const origin = c.req.header("origin");
      if (
        c.req.method === "POST" &&
        origin &&
        origin !== "null" &&
        originHost(origin) !== new URL(c.req.url).host
      )
        return c.text("This request came from another site and changed nothing.", 403);
      await next();
    });
    app.get("/sign-in", async (c) => {
      const directory = await options.directory();
      // Only people with some access to the workspace can sign in to it.
      const people = directory.people.filter((p) => p.active && p.access.length > 0);
      return c.html(
        renderPage("sign-in-local.njk", {
          title: "Sign in",
          localSignIn: true,
          authorityName: options.authorityName,
          returnTo: safeReturnTo(c.req.query("returnTo")),
          cspNonce: (c as unknown as { get(key: "nonce"): string | undefined }).get("nonce"),
          people: people.map((p) => ({
            value: p.email,
            text: p.name,
            hint: { text: `${p.team}. Access: ${p.access.map((g) => g.replace("-", " ")).join(", ")}` },
          })),
          errors: c.req.query("error") ? [{ text: "Choose who you are", href: "#email" }] : [],
        }),
      );
    });
    app.post("/sign-in", async (c) => {
      const form = await c.req.parseBody();
      const returnTo = safeReturnTo(typeof form.returnTo === "string" ? form.returnTo : undefined);
      const email = typeof form.email === "string" ? form.email.toLowerCase() : "";
      const person = (await options.directory()).people.find(
        (p) => p.email === email && p.active && p.access.length > 0,
      );
      if (!person) return c.redirect(`/auth/sign-in?error=1&returnTo=${encodeURIComponent(returnTo)}`, 303);
      const session = seal(options.key, "local-session", {
        email: person.email,
        sid: randomBytes(18).toString("base64url"),
        exp: options.now().getTime() + sessionHours * 3_600_000,
      });
      setCookie(c, cookieName, session, {
        httpOnly: true,
        sameSite: "Strict",
        path: "/",
        maxAge: sessionHours * 3600,
        // Plain http on loopback: a Secure cookie would never be sent back.
        secure: false,
      });
      return c.redirect(returnTo, 303);
    });
    app.post("/sign-out", (c) => {
      deleteCookie(c, cookieName, { path: "/" });
      return c.redirect("/auth/sign-in", 303);
    });
    return app;
  };

  return {
    kind: "local",
    user,
    routes,
    signInUrl: signInPath,
  };
}

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
