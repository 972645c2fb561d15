/**
 * CSRF protection for the signed-in workspace: every state-changing request carries a token
 * derived from the session (HMAC of the session id), in the form field `_csrf` or the
 * `x-csrf-token` header, compared in constant time. A request whose Origin is another site is
 * refused before that (Fetch metadata). A token for one session is useless in another.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export function csrfToken(key: string, sessionId: string): string {
  return createHmac("sha256", key).update(`csrf:${sessionId}`).digest("base64url");
}

export function csrfMatches(key: string, sessionId: string, given: string | undefined): boolean {
  if (!given) return false;
  const expected = Buffer.from(csrfToken(key, sessionId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
