/**
 * Who is signed in to the staff workspace, and how they sign in. Two implementations: a
 * loopback-only local sign-in that picks a person from the directory (app/auth/local.ts), and
 * Amazon Cognito federated to the council's identity provider (app/auth/cognito.ts). Invitees
 * never sign in: their signed links (/r/…) are not behind either.
 */
import type { Context, Hono } from "hono";

import type { StaffGroup } from "../../domain/directory/person.ts";

export { type StaffGroup, staffGroups } from "../../domain/directory/person.ts";

export interface StaffUser {
  /** Lower-case email address: the person's key in the directory. */
  email: string;
  name: string;
  groups: StaffGroup[];
  /** Identifies this session (not the person): the CSRF token is derived from it. */
  sessionId: string;
}

export interface SignIn {
  readonly kind: "local" | "cognito";
  /** The signed-in person of a request, or undefined when it has no valid, unexpired session. */
  user(c: Context): Promise<StaffUser | undefined>;
  /** Routes mounted at /auth: sign-in, callback, sign-out. */
  routes(): Hono;
  /** Where an unsigned request is sent to sign in (a path on this app, or the identity provider). */
  signInUrl(returnTo: string): string;
}
