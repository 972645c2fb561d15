/**
 * The child's plan pages and JSON API over the real local server (seed 004): a plan started by
 * form, a visit recorded by form with its errors beside the fields, closing between meetings
 * refused to a social worker and done by the team manager with the letters to download; the API
 * answers one error naming the field; nothing changes without the CSRF token or on a GET; a plan
 * is not found for someone outside it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestRuntime } from "../../e2e/support.ts";
import { signInOver, startLocalWorkspace } from "../../support/local-workspace.ts";

let t: TestRuntime;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const w = await startLocalWorkspace(new Date("2026-03-02T09:00:00Z"));
  ({ t, url, close } = w);
});
afterAll(async () => {
  await close();
});

const signIn = (email: string) => signInOver(url, email);

const post = (path: string, who: { cookie: string }, body: Record<string, string>) =>
  fetch(`${url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: url, cookie: who.cookie },
    body: new URLSearchParams(body),
  });
const api = (path: string, who: { cookie: string; csrf: string }, body: unknown) =>
  fetch(`${url}/api${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: who.cookie, "x-csrf-token": who.csrf },
    body: JSON.stringify(body),
  });

const tom = "tom.hughes@demo.convene.local";
const jordan = "jordan.ellis@demo.convene.local";
let planId = "";

describe("the child's plan pages (seed 004)", () => {
  it("seed 004: refuses a plan after day 20 beside the field, then starts it by form", async () => {
    const sw = await signIn(tom);
    const form = await fetch(`${url}/plans/start`, { headers: { cookie: sw.cookie } });
    expect(form.status).toBe(200);
    const fields = {
      _csrf: sw.csrf,
      childReference: "C-5005",
      kind: "progress-plan",
      "assessmentStart-day": "2",
      "assessmentStart-month": "2",
      "assessmentStart-year": "2026",
      "planStart-day": "2",
      "planStart-month": "3",
      "planStart-year": "2026",
      person0Name: "Sam Parent",
      person0Relationship: "parent",
      person0Email: "sam.parent@example.org",
      person1Name: "Jo",
      person1Relationship: "child",
    };
    const late = await post("/plans/start", sw, fields);
    expect(late.status).toBe(400);
    const html = await late.text();
    expect(html).toContain("There is a problem");
    expect(html).toContain('href="#planStart-day"');
    expect(html).toContain("day 20 of the assessment, 2026-02-21 (seed 004)");
    const started = await post("/plans/start", sw, { ...fields, "assessmentStart-day": "23" });
    expect(started.status).toBe(303);
    const location = started.headers.get("location") ?? "";
    expect(location).toMatch(/^\/plan\/plan[a-z2-7]{16}\?done=started$/);
    planId = location.split("/")[2]?.split("?")[0] ?? "";
    const page = await fetch(`${url}${location}`, { headers: { cookie: sw.cookie } });
    const text = await page.text();
    expect(text).toContain("Child in Need visits");
    expect(text).toContain("30 March 2026");
    expect(text).toContain("12 March 2026: not convened yet");
  });

  it("seed 004: records a visit by form, refusing one during a progress meeting beside the field", async () => {
    const sw = await signIn(tom);
    const visit = {
      _csrf: sw.csrf,
      "visitedOn-day": "2",
      "visitedOn-month": "3",
      "visitedOn-year": "2026",
      seen: "yes",
      seenAlone: "yes",
      atHome: "yes",
    };
    const during = await post(`/plan/${planId}/visit`, sw, { ...visit, duringProgressMeeting: "yes" });
    expect(during.status).toBe(400);
    expect(await during.text()).toContain("is not a Child in Need visit (seed 004)");
    const ok = await post(`/plan/${planId}/visit`, sw, visit);
    expect(ok.status).toBe(303);
    const plan = await t.runtime.plans.store.getPlan(planId);
    expect(plan.visits.map((v) => [v.dueBy, v.visitedOn])).toEqual([
      ["2026-03-30", "2026-03-02"],
      ["2026-03-30", undefined],
    ]);
  });

  it("changes nothing without the CSRF token, and shows a plan to nobody outside it", async () => {
    const sw = await signIn(tom);
    const before = await t.runtime.plans.store.getPlan(planId);
    const noToken = await post(`/plan/${planId}/close`, sw, {
      decidedAt: "between-meetings",
      rationale: "x",
    });
    expect(noToken.status).toBe(403);
    await fetch(`${url}/plan/${planId}/close`, { headers: { cookie: sw.cookie } });
    expect((await t.runtime.plans.store.getPlan(planId)).version).toBe(before.version);
    const other = await signIn("nadia.rahman@demo.convene.local");
    expect((await fetch(`${url}/plan/${planId}`, { headers: { cookie: other.cookie } })).status).toBe(404);
  });

  it("seed 004: between meetings only the team manager closes, recording the rationale; the letters download", async () => {
    const sw = await signIn(tom);
    const refused = await api(`/plans/${planId}/close`, sw, {
      decidedAt: "between-meetings",
      rationale: "Parent declined.",
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      field: "decidedAt",
      error: expect.stringContaining("Team Manager"),
    });
    const tm = await signIn(jordan);
    const closed = await post(`/plan/${planId}/close`, tm, {
      _csrf: tm.csrf,
      decidedAt: "between-meetings",
      rationale: "The parent declined the service; no safeguarding concern remains.",
    });
    expect(closed.status).toBe(303);
    const plan = await t.runtime.plans.store.getPlan(planId);
    expect(plan.status).toBe("closed");
    expect(plan.closure?.by.email).toBe(jordan);
    const letter = await fetch(`${url}/plan/${planId}/letters/child`, { headers: { cookie: tm.cookie } });
    expect(letter.status).toBe(200);
    expect(letter.headers.get("content-type")).toContain("wordprocessingml");
    expect(t.mailer.sent.filter((e) => e.kind === "closure-letter").map((e) => e.to[0]?.email)).toEqual([
      "sam.parent@example.org",
    ]);
  });

  it("answers the API with one error naming the field", async () => {
    const sw = await signIn(tom);
    const bad = await api("/plans", sw, {
      childReference: "C-6",
      assessmentStart: "2026-02-23",
      planStart: "2026-13-01",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe("planStart");
    const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/meetings", "/api/plans", "/api/plans/{id}/visits"]),
    );
    const list = await fetch(`${url}/api/plans`, { headers: { cookie: sw.cookie } });
    expect(((await list.json()) as { plans: { id: string }[] }).plans.map((p) => p.id)).toContain(planId);
  });
});
