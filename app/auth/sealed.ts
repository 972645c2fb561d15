/**
 * A value kept in a cookie the browser cannot change: base64url JSON, then an HMAC of it under the
 * app's key and the cookie's purpose, compared in constant time. Used for the local session and the
 * Cognito sign-in's state.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { z } from "zod";

const mac = (key: string, purpose: string, payload: string) =>
  createHmac("sha256", key).update(`${purpose}:${payload}`).digest("base64url");

export function seal(key: string, purpose: string, value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${payload}.${mac(key, purpose, payload)}`;
}

/** The value, or undefined when it is missing, tampered with, or not of the schema. */
export function unseal<T>(
  key: string,
  purpose: string,
  raw: string | undefined,
  schema: z.ZodType<T>,
): T | undefined {
  if (!raw) return undefined;
  const dot = raw.lastIndexOf(".");
  if (dot < 1) return undefined;
  const payload = raw.slice(0, dot);
  const given = Buffer.from(raw.slice(dot + 1));
  const expected = Buffer.from(mac(key, purpose, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    return schema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return undefined;
  }
}
