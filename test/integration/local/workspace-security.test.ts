/**
 * The staff workspace's front door, over the real local server: children's data is special
 * category personal data, so every staff route needs a valid, unexpired, unforged session; every
 * state change needs that session's CSRF token and a same-site Origin; nothing changes on a GET;
 * and a person sees only the pages their role allows. Each refusal leaves the meeting as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoInput, type TestRuntime } from "../../e2e/support.ts";
import { signInOver, startLocalWorkspace } from "../../support/local-workspace.ts";

let t: TestRuntime;
let url: string;
let close: () => Promise<void>;
let meetingId: string;

beforeAll(async () => {
  ({ t, url, close } = await startLocalWorkspace(new Date("2026-03-02T09:00:00Z")));
  const { meeting } = await t.runtime.startMeeting(await demoInput());
  meetingId = meeting.id;
});
afterAll(async () => {
  await close();
});

async function signIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const { cookie, csrf, response } = await signInOver(url, email);
  expect(response.status).toBe(303);
  expect(cookie).toMatch(/^convene-local-session=/);
  expect(response.headers.get("set-cookie")).toMatch(/HttpOnly/i);
  expect(response.headers.get("set-cookie")).toMatch(/SameSite=Strict/i);
  return { cookie, csrf };
}

const cancel = (headers: Record<string, string>, body: Record<string, string>) =>
  fetch(`${url}/meeting/${meetingId}/cancel`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams(body),
  });

describe("the workspace's sign-in and CSRF", () => {
  it("sends an unsigned page to the sign-in and refuses the API with 401", async () => {
    const page = await fetch(`${url}/meeting/${meetingId}`, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe(
      `/auth/sign-in?returnTo=${encodeURIComponent(`/meeting/${meetingId}`)}`,
    );
    const api = await fetch(`${url}/api/meetings`);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: "sign in first", field: "" });
  });

  it("refuses a forged or tampered session cookie", async () => {
    const { cookie } = await signIn("jordan.ellis@demo.convene.local");
    const [name, value] = cookie.split("=");
    const [payload, signature] = (value ?? "").split(".");
    const forged = Buffer.from(
      JSON.stringify({ email: "sam.okafor@demo.convene.local", sid: "x", exp: Date.parse("2030-01-01") }),
    ).toString("base64url");
    for (const bad of [`${name}=${forged}.${signature}`, `${name}=${payload}.AAAA`, `${name}=${payload}`]) {
      const res = await fetch(`${url}/api/session`, { headers: { cookie: bad } });
      expect(res.status, bad).toBe(401);
    }
  });

  it("changes nothing without the session's CSRF token, from another site, or on a GET", async () => {
    const jordan = await signIn("jordan.ellis@demo.convene.local");
    const other = await signIn("sam.okafor@demo.convene.local");
    const reason = { reason: "Family moved away." };
    expect((await cancel({ cookie: jordan.cookie, origin: url }, reason)).status).toBe(403);
    expect(
      (await cancel({ cookie: jordan.cookie, origin: url }, { ...reason, _csrf: other.csrf })).status,
    ).toBe(403);
    expect(
      (
        await cancel(
          { cookie: jordan.cookie, origin: "https://evil.example" },
          { ...reason, _csrf: jordan.csrf },
        )
      ).status,
    ).toBe(403);
    expect(
      (await fetch(`${url}/meeting/${meetingId}/cancel`, { headers: { cookie: jordan.cookie } })).status,
    ).not.toBe(303);
    expect((await t.runtime.store.getMeeting(meetingId)).phase).not.toBe("cancelled");
    // The API takes the token as a header.
    const api = await fetch(`${url}/api/meetings/${meetingId}/cancel`, {
      method: "POST",
      headers: { cookie: jordan.cookie, "content-type": "application/json" },
      body: JSON.stringify(reason),
    });
    expect(api.status).toBe(403);
    expect((await t.runtime.store.getMeeting(meetingId)).phase).not.toBe("cancelled");
  });

  it("refuses a sign-in posted from another site", async () => {
    const res = await fetch(`${url}/auth/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" },
      body: new URLSearchParams({ email: "sam.okafor@demo.convene.local" }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("shows admin and team pages only to those with the access, and someone else's meeting as not found", async () => {
    const nadia = await signIn("nadia.rahman@demo.convene.local");
    expect((await fetch(`${url}/admin`, { headers: { cookie: nadia.cookie } })).status).toBe(403);
    expect((await fetch(`${url}/team`, { headers: { cookie: nadia.cookie } })).status).toBe(403);
    expect((await fetch(`${url}/meeting/${meetingId}`, { headers: { cookie: nadia.cookie } })).status).toBe(
      404,
    );
    expect(
      (await fetch(`${url}/api/meetings/${meetingId}`, { headers: { cookie: nadia.cookie } })).status,
    ).toBe(404);
    const admin = await signIn("amira.hassan@demo.convene.local");
    expect((await fetch(`${url}/admin`, { headers: { cookie: admin.cookie } })).status).toBe(200);
    expect((await fetch(`${url}/meeting/${meetingId}`, { headers: { cookie: admin.cookie } })).status).toBe(
      404,
    );
    // Someone in the directory with no workspace access cannot sign in.
    const res = await fetch(`${url}/auth/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
      body: new URLSearchParams({ email: "owen.price@demo.convene.local" }),
    });
    expect(res.headers.get("location")).toMatch(/error=1/);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("puts security headers on every page", async () => {
    const res = await fetch(`${url}/auth/sign-in`);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
