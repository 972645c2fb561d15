/**
 * A minutes version's identity: the sha256 of its canonical JSON, so the same record hashes the
 * same whatever the order of its keys (the version's hash is stamped on every copy).
 */
import { createHash } from "node:crypto";
import type { Minutes } from "./model.ts";

/** JSON with object keys sorted at every level, so equal minutes hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** sha256 (hex) of the minutes' canonical JSON: the version's content hash. */
export function hashMinutes(minutes: Minutes): string {
  return createHash("sha256").update(canonicalJson(minutes)).digest("hex");
}
