/**
 * The local sign-in's session: signed (HMAC), expiring after 8 hours by the clock it is given, and
 * only for someone active in the directory with some workspace access.
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { localSignIn } from "../../../app/auth/local.ts";
import type { Directory } from "../../../domain/directory/person.ts";

let now = new Date("2026-03-02T09:00:00Z");
let directory: Directory = {
  authorityId: "demo",
  revision: 1,
  people: [
    {
      email: "amy@x.example",
      name: "Amy",
      role: "business-support",
      team: "S",
      agency: "C",
      access: ["admin"],
      active: true,
    },
  ],
};
const signIn = localSignIn({
  key: "test-key",
  directory: async () => directory,
  now: () => now,
  authorityName: "Test",
});
const app = new Hono();
app.route("/auth", signIn.routes());
app.get("/who", async (c) => c.json((await signIn.user(c)) ?? null));
// The loopback check reads the socket's address; these requests carry one as the Node adapter would.
const env = { incoming: { socket: { remoteAddress: "127.0.0.1", remotePort: 1, remoteFamily: "IPv4" } } };

async function session(): Promise<string> {
  const res = await app.request(
    "/auth/sign-in",
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "amy@x.example" }),
    },
    env,
  );
  expect(res.status).toBe(303);
  return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

describe("the local sign-in's session", () => {
  it("lasts 8 hours by the given clock", async () => {
    const cookie = await session();
    const who = async () => (await app.request("/who", { headers: { cookie } }, env)).json();
    expect(await who()).toMatchObject({ email: "amy@x.example", groups: ["admin"] });
    now = new Date(now.getTime() + 8 * 3_600_000 - 1000);
    expect(await who()).not.toBeNull();
    now = new Date(now.getTime() + 2000);
    expect(await who()).toBeNull();
  });

  it("ends when the person leaves the directory or loses all access", async () => {
    now = new Date("2026-03-02T09:00:00Z");
    const cookie = await session();
    const who = async () => (await app.request("/who", { headers: { cookie } }, env)).json();
    const amy = directory.people[0];
    if (!amy) throw new Error("no one");
    directory = { ...directory, people: [{ ...amy, active: false }] };
    expect(await who()).toBeNull();
    directory = { ...directory, people: [{ ...amy, access: [] }] };
    expect(await who()).toBeNull();
  });

  it("answers only this computer", async () => {
    const res = await app.request(
      "/auth/sign-in",
      {},
      { incoming: { socket: { remoteAddress: "10.1.2.3", remotePort: 1, remoteFamily: "IPv4" } } },
    );
    expect(res.status).toBe(403);
  });
});
