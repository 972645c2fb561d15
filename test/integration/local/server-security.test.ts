/**
 * The local server against requests a hostile web page (or a DNS-rebinding one) can make from the
 * user's browser, over real HTTP: Host, Origin and content type are checked, and the answer page
 * takes a POST only from itself, with its secret CSRF token.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer } from "../../../adapters/local/server.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "../../e2e/support.ts";

let t: TestRuntime;
let api: Awaited<ReturnType<typeof startLocalServer>>;
let port: number;

beforeAll(async () => {
  t = await startTestRuntime();
  api = await startLocalServer(t.runtime, t.runtime.replyDesk(), 0);
  t.runtime.setBaseUrl(api.url);
  port = Number(new URL(api.url).port);
});

afterAll(async () => {
  await api?.close();
  await t?.runtime.close();
});

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers (fetch would not let a test set Host). */
function raw(method: string, path: string, headers: Record<string, string>, body = ""): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

const self = () => ({ host: `127.0.0.1:${port}` });
const meetingCount = async () => (await t.runtime.store.listInFlight()).length;

describe("the local server refuses what another web page could send from the user's browser", () => {
  it("listens on loopback only", () => {
    const address = api.server.address();
    expect(typeof address === "object" && address?.address).toBe("127.0.0.1");
  });

  it("refuses a cross-site text/plain POST to /meetings and creates nothing", async () => {
    const before = await meetingCount();
    const body = JSON.stringify(await demoInput());
    // What <form enctype="text/plain"> or fetch(…, {mode: "no-cors"}) on evil.example sends.
    const crossSite = await raw(
      "POST",
      "/meetings",
      { ...self(), origin: "https://evil.example", "content-type": "text/plain" },
      body,
    );
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body).error).toMatch(/^origin: /);
    // Without the Origin (a page with Referrer-Policy no-referrer sends "null").
    const nullOrigin = await raw(
      "POST",
      "/meetings",
      { ...self(), origin: "null", "content-type": "application/json" },
      body,
    );
    expect(nullOrigin.status).toBe(403);
    // A text/plain body from a client that sends no Origin is still not JSON to this API.
    const plain = await raw("POST", "/meetings", { ...self(), "content-type": "text/plain" }, body);
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body).error).toMatch(/^content-type: expected application\/json/);
    expect(await meetingCount()).toBe(before);
  });

  it("refuses a cross-site POST that would advance the virtual clock", async () => {
    const before = t.runtime.clock.now().toISOString();
    const res = await raw(
      "POST",
      "/clock/advance",
      { ...self(), origin: "http://localhost.evil.example", "content-type": "text/plain" },
      JSON.stringify({ by: "30d" }),
    );
    expect(res.status).toBe(403);
    const noType = await raw("POST", "/clock/advance", self(), JSON.stringify({ by: "30d" }));
    expect(noType.status).toBe(415);
    expect(t.runtime.clock.now().toISOString()).toBe(before);
  });

  it("refuses a request whose Host is not this server (DNS rebinding), before reading any meeting", async () => {
    const res = await raw(
      "POST",
      "/meetings",
      { ...self(), "content-type": "application/json" },
      JSON.stringify(await demoInput()),
    );
    const { id } = JSON.parse(res.body) as { id: string };
    for (const host of ["evil.example", `evil.example:${port}`, "127.0.0.1", "127.0.0.1:1", ""]) {
      const read = await raw("GET", `/meetings/${id}`, { host });
      expect(read.status, host).toBe(421);
      expect(read.body).not.toContain(id);
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await raw("GET", `/meetings/${id}`, { host })).status, host).toBe(200);
    }
  });

  it("accepts a POST from a page of this server, and one from a client that sends no Origin", async () => {
    const ok = await raw(
      "POST",
      "/clock/advance",
      { ...self(), origin: `http://localhost:${port}`, "content-type": "application/json" },
      JSON.stringify({ by: "1m" }),
    );
    expect(ok.status).toBe(200);
  });

  it("takes raw replies only as message/rfc822", async () => {
    const res = await raw(
      "POST",
      "/inbound",
      { ...self(), "content-type": "text/plain" },
      "From: a@b.example\r\n\r\nhi",
    );
    expect(res.status).toBe(415);
  });
});

describe("the answer page on the local server", () => {
  /** A fresh invitation link: `/r/<token>` from the email to the first invitee. */
  async function invitationLink(): Promise<{ path: string; meetingId: string; index: number }> {
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const invitee = meeting.invitees[0];
    if (!invitee) throw new Error("no invitee");
    const email = t.mailer.latest(meeting.id, "invitation", invitee.email);
    const token = /\/r\/([a-z2-7]+)/.exec(email?.text ?? "")?.[1];
    if (!token) throw new Error("no answer-page link in the invitation");
    return { path: `/r/${token}`, meetingId: meeting.id, index: invitee.index };
  }

  /** Opens the page as a browser does: its cookie and its form's CSRF token. */
  async function open(path: string): Promise<{ cookie: string; csrf: string }> {
    const page = await raw("GET", path, self());
    expect(page.status).toBe(200);
    const setCookie = page.headers["set-cookie"]?.[0] ?? "";
    expect(setCookie).toMatch(/^convene-csrf=[A-Za-z0-9_-]{43}; Path=\/r\/; HttpOnly; SameSite=Strict$/);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!csrf) throw new Error("no CSRF token in the form");
    return { cookie: setCookie.split(";")[0] ?? "", csrf };
  }

  const formPost = (path: string, headers: Record<string, string>, fields: Record<string, string>) =>
    raw(
      "POST",
      path,
      { ...self(), "content-type": "application/x-www-form-urlencoded", ...headers },
      new URLSearchParams(fields).toString(),
    );

  const attendance = async (meetingId: string, index: number) =>
    (await t.runtime.store.listAnswers(meetingId)).find((a) => a.index === index)?.attendance;

  it("records an answer posted from the page with its cookie and token (the normal form flow)", async () => {
    const { path, meetingId, index } = await invitationLink();
    const before = await attendance(meetingId, index);
    const { cookie, csrf } = await open(path);
    const res = await formPost(
      path,
      { cookie, origin: `http://127.0.0.1:${port}` },
      { csrf, choice: "accept" },
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/\?result=recorded$/);
    expect(await attendance(meetingId, index)).not.toBe(before);
    expect(await attendance(meetingId, index)).toBe("attending");
  });

  it("refuses a POST with Origin null, a foreign Origin, or neither Origin nor Referer, recording nothing", async () => {
    const { path, meetingId, index } = await invitationLink();
    const before = await attendance(meetingId, index);
    const { cookie, csrf } = await open(path);
    const fields = { csrf, choice: "apologies" };
    expect((await formPost(path, { cookie, origin: "null" }, fields)).status).toBe(403);
    expect((await formPost(path, { cookie, origin: "https://evil.example" }, fields)).status).toBe(403);
    expect((await formPost(path, { cookie }, fields)).status).toBe(403);
    expect((await formPost(path, { cookie, referer: "https://evil.example/" }, fields)).status).toBe(403);
    expect(await attendance(meetingId, index)).toBe(before);
  });

  it("refuses a POST without the CSRF token, or with a token from another session, recording nothing", async () => {
    const { path, meetingId, index } = await invitationLink();
    const before = await attendance(meetingId, index);
    const mine = await open(path);
    const other = await open(path);
    const origin = `http://127.0.0.1:${port}`;
    expect((await formPost(path, { cookie: mine.cookie, origin }, { choice: "apologies" })).status).toBe(403);
    expect((await formPost(path, { origin }, { csrf: mine.csrf, choice: "apologies" })).status).toBe(403);
    expect(
      (await formPost(path, { cookie: mine.cookie, origin }, { csrf: other.csrf, choice: "apologies" }))
        .status,
    ).toBe(403);
    // A token for another link, with its own cookie, does not answer this one.
    const elsewhere = await invitationLink();
    const theirs = await open(elsewhere.path);
    expect(
      (await formPost(path, { cookie: theirs.cookie, origin }, { csrf: theirs.csrf, choice: "apologies" }))
        .status,
    ).toBe(403);
    // The old nonce was derived from the URL token; nothing derived from the URL works now.
    expect(
      (await formPost(path, { cookie: mine.cookie, origin }, { nonce: mine.csrf, choice: "apologies" }))
        .status,
    ).toBe(403);
    expect(await attendance(meetingId, index)).toBe(before);
  });
});
