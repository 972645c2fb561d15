/** Plan requests to vary per test, shared by the planning and convene-check tests. */
import { loadAuthorityFile } from "#adapters/config/load-authority.ts";
import { type AuthorityConfig, applyAuthority } from "#domain/authority/index.ts";
import { loadCatalog } from "#domain/catalog/index.ts";
import { type MeetingPlan, planMeeting } from "#domain/planning/index.ts";

export const demo: AuthorityConfig = await loadAuthorityFile("authorities/demo.json");
export const catalog = applyAuthority(loadCatalog(), demo);

/** The plan of a request that must plan, or an error naming every problem. */
export function plan(request: unknown, authority = demo, cat = catalog): MeetingPlan {
  const result = planMeeting(request, cat, authority);
  if (!result.ok) throw new Error(`expected a plan, got errors: ${JSON.stringify(result.errors)}`);
  return result.plan;
}

export const person = (role: string, name = role) => ({
  name,
  email: `${role}@example.org`,
  role,
  agency: `${role} agency`,
});

/** A minimal valid request for a meeting type, to vary per test. */
export const base = (overrides: Record<string, unknown>) => ({
  child: { reference: "C-555001" },
  proposedStart: "2026-03-12T14:00:00+00:00",
  durationMinutes: 60,
  chair: { name: "Chair", email: "chair@example.org", role: "social-worker" },
  ...overrides,
});
