/**
 * What the local API accepts, over real HTTP: retried meeting requests (Idempotency-Key), transcript
 * uploads (parsed before they are stored, never a server path), and field limits (every client
 * error a 4xx naming the field).
 */
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer } from "../../../adapters/local/server.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "../../e2e/support.ts";

let t: TestRuntime;
let api: Awaited<ReturnType<typeof startLocalServer>>;

beforeAll(async () => {
  t = await startTestRuntime();
  api = await startLocalServer(t.runtime, t.runtime.replyDesk(), 0);
});

afterAll(async () => {
  await api?.close();
  await t?.runtime.close();
});

const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
  fetch(`${api.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

type Demo = {
  plan: {
    proposedStart: string;
    chair: { name: string };
    invitees: Array<{ name: string; email: string; role: string; agency: string }>;
  };
  lineManagers: Record<string, { name: string; email: string }>;
};
const demo = async () => (await demoInput()) as Demo;
/** The demo meeting a week after the runtime's now (earlier tests move the clock). */
async function nextWeek(): Promise<Demo> {
  const input = await demo();
  const start = new Date(t.runtime.clock.now().getTime() + 7 * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  input.plan.proposedStart = start.toISOString().replace(".000Z", "+00:00");
  return input;
}
const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

describe("POST /meetings with an Idempotency-Key", () => {
  it("answers a retry with the same key and body with the same 201 and meeting, creating nothing", async () => {
    const body = JSON.stringify(await demo());
    const before = (await t.runtime.store.listInFlight()).length;
    const first = await post("/meetings", body, { "idempotency-key": "retry-1" });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string };
    const invitations = t.mailer.sent.filter((e) => e.kind === "invitation").length;
    const retry = await post("/meetings", body, { "idempotency-key": "retry-1" });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(((await retry.json()) as { id: string }).id).toBe(created.id);
    // The same body however it is spaced.
    const respaced = await post("/meetings", JSON.stringify(JSON.parse(body), null, 4), {
      "idempotency-key": "retry-1",
    });
    expect(((await respaced.json()) as { id: string }).id).toBe(created.id);
    expect((await t.runtime.store.listInFlight()).length).toBe(before + 1);
    expect(t.mailer.sent.filter((e) => e.kind === "invitation").length).toBe(invitations);
  });

  it("refuses the same key with a different body: 422 naming the key, nothing created", async () => {
    const input = await demo();
    expect((await post("/meetings", JSON.stringify(input), { "idempotency-key": "key-2" })).status).toBe(201);
    const before = (await t.runtime.store.listInFlight()).length;
    input.plan.proposedStart = "2026-03-11T10:00:00+00:00";
    const other = await post("/meetings", JSON.stringify(input), { "idempotency-key": "key-2" });
    expect(other.status).toBe(422);
    expect(await errorOf(other)).toMatch(
      /^Idempotency-Key "key-2": already used for a different request body/,
    );
    expect((await t.runtime.store.listInFlight()).length).toBe(before);
  });

  it("creates one meeting for two requests with the same key sent at once", async () => {
    const body = JSON.stringify(await demo());
    const before = (await t.runtime.store.listInFlight()).length;
    const [a, b] = await Promise.all([
      post("/meetings", body, { "idempotency-key": "at-once" }),
      post("/meetings", body, { "idempotency-key": "at-once" }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(((await a.json()) as { id: string }).id).toBe(((await b.json()) as { id: string }).id);
    expect((await t.runtime.store.listInFlight()).length).toBe(before + 1);
  });

  it("refuses a key that is not a short visible token, naming the header", async () => {
    const res = await post("/meetings", JSON.stringify(await demo()), { "idempotency-key": "x".repeat(300) });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^Idempotency-Key: /);
  });

  it("keeps the key across a restart on the same data folder", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-idempotency-"));
    const body = JSON.stringify(await demo());
    const first = await startTestRuntime({ dataDir, memory: false });
    const a = await first.runtime.startMeeting(JSON.parse(body), { idempotencyKey: "across-restart" });
    const stoppedAt = first.runtime.clock.now();
    await first.runtime.close();
    const second = await startTestRuntime({ dataDir, memory: false, at: stoppedAt });
    try {
      const b = await second.runtime.startMeeting(JSON.parse(body), { idempotencyKey: "across-restart" });
      expect(b.replayed).toBe(true);
      expect(b.meeting.id).toBe(a.meeting.id);
      expect(await second.runtime.store.listInFlight()).toEqual([a.meeting.id]);
    } finally {
      await second.runtime.close();
    }
  });
});

describe("transcripts: only by upload, parsed before they are accepted", () => {
  let meetingId: string;
  const blobs = async () => {
    try {
      return await readdir(join(t.dataDir, "blobs"), { recursive: true });
    } catch {
      return [];
    }
  };
  const stored = async (id: string) => t.runtime.deps.blobs.get(`transcripts/${id}/latest`);

  beforeAll(async () => {
    const res = await post("/meetings", JSON.stringify(await demo()));
    meetingId = ((await res.json()) as { id: string }).id;
  });

  const upload = (
    id: string,
    body: string | Uint8Array,
    filename: string,
    type = "application/octet-stream",
  ) => post(`/meetings/${id}/transcript?filename=${filename}`, body, { "content-type": type });

  it("refuses a transcript named by a path on the server, naming the field", async () => {
    const res = await post("/meetings", JSON.stringify({ ...(await demo()), transcript: "/etc/passwd" }));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/transcript.*upload.*POST \/meetings\/ID\/transcript/);
  });

  it("answers 400 naming what is wrong for truncated JSON, garbage VTT and half a VTT, storing nothing", async () => {
    const vtt = await readFile("examples/demo/professionals-meeting.vtt", "utf8");
    const json = await readFile("test/fixtures/transcripts/transcribe-speaker-items-awsdocs.json", "utf8");
    const cases: Array<[string, string, RegExp]> = [
      ["transcribe.json", json.slice(0, json.length / 2), /^transcribe\.json: not valid JSON/],
      ["garbage.vtt", "WEBVTT\n\nthis is not a cue\nlorem ipsum\n", /^garbage\.vtt: line 4: Cue identifier/],
      [
        "half.vtt",
        vtt.slice(0, vtt.indexOf("-->", vtt.length / 2) + 9),
        /^half\.vtt: line \d+, column \d+: /,
      ],
      ["empty.vtt", "", /^empty\.vtt: the file is empty/],
    ];
    for (const [filename, body, message] of cases) {
      const res = await upload(meetingId, body, filename);
      expect(res.status, filename).toBe(400);
      expect(await errorOf(res), filename).toMatch(message);
    }
    expect(await stored(meetingId)).toBeUndefined();
    const audit = await t.runtime.store.listAudit(meetingId);
    expect(audit.some((e) => e.what === "transcript-stored")).toBe(false);
  });

  it("answers 404 for a meeting that does not exist, and stores no blob", async () => {
    const before = await blobs();
    const res = await upload(
      "aaaaaaaaaaaaaaaa",
      await readFile("examples/demo/professionals-meeting.vtt"),
      "m.vtt",
    );
    expect(res.status).toBe(404);
    expect(await stored("aaaaaaaaaaaaaaaa")).toBeUndefined();
    expect(await blobs()).toEqual(before);
  });

  it("refuses a transcript larger than the limit with 413", async () => {
    const res = await upload(meetingId, new Uint8Array(11 * 1024 * 1024), "big.vtt");
    expect(res.status).toBe(413);
    expect(await stored(meetingId)).toBeUndefined();
  });

  it("refuses a transcript for a meeting that no longer takes one (409), storing nothing", async () => {
    const { id } = (await (await post("/meetings", JSON.stringify(await nextWeek()))).json()) as {
      id: string;
    };
    expect((await post(`/meetings/${id}/cancel`, "{}")).status).toBe(200);
    const res = await upload(id, await readFile("examples/demo/professionals-meeting.vtt"), "m.vtt");
    expect(res.status).toBe(409);
    expect(await stored(id)).toBeUndefined();
  });

  it("refuses a transcript sent as a type a web page could send cross-site (415)", async () => {
    const res = await upload(meetingId, "WEBVTT\n\n", "m.vtt", "text/plain");
    expect(res.status).toBe(415);
  });

  it("stores a good transcript, and the meeting held afterwards is drafted from it", async () => {
    const res = await upload(
      meetingId,
      await readFile("examples/demo/professionals-meeting.vtt"),
      "m.vtt",
      "text/vtt",
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, source: "vtt" });
    const meeting = await t.runtime.store.getMeeting(meetingId);
    await t.runtime.advance(new Date(meeting.end).getTime() - t.runtime.clock.now().getTime() + 60_000);
    const held = await post(
      `/meetings/${meetingId}/held`,
      JSON.stringify({
        attendance: [meeting.chair, ...meeting.invitees].map((p) => ({ index: p.index, attended: true })),
      }),
    );
    expect(held.status).toBe(200);
    expect((await t.runtime.store.getMeeting(meetingId)).phase).toBe("agree-minutes");
  });
});

describe("field limits: every client error a 4xx naming the field", () => {
  it("refuses a 1 MB name with 400 naming the field, never the table's item-size error", async () => {
    const input = await demo();
    input.plan.chair.name = "x".repeat(1_000_000);
    const res = await post("/meetings", JSON.stringify(input));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe("plan.chair.name: expected at most 200 characters");
  });

  it("refuses a line manager's 1 MB name, naming the field", async () => {
    const input = await demo();
    const [email] = Object.keys(input.lineManagers);
    if (!email) throw new Error("no line manager in the demo");
    input.lineManagers[email] = { name: "y".repeat(1_000_000), email: "lm@example.org" };
    const res = await post("/meetings", JSON.stringify(input));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(new RegExp(`^lineManagers\\.${email.replace(/\./g, "\\.")}\\.name: `));
  });

  it("refuses more invitees than a meeting can have, naming the field", async () => {
    const input = await demo();
    input.plan.invitees = Array.from({ length: 101 }, (_, i) => ({
      name: `Person ${i}`,
      email: `p${i}@example.org`,
      role: "gp",
      agency: "Surgery",
    }));
    const res = await post("/meetings", JSON.stringify(input));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^plan\.invitees: expected at most 100 invitees/);
  });

  it("refuses a start in year 9999 with 400 naming the field", async () => {
    const input = await demo();
    input.plan.proposedStart = "9999-03-10T10:00:00+00:00";
    const res = await post("/meetings", JSON.stringify(input));
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^plan\.proposedStart: expected a date-time between 1900 and 2100/);
    input.plan.proposedStart = "2029-03-10T10:00:00+00:00";
    const far = await post("/meetings", JSON.stringify(input));
    expect(far.status).toBe(400);
    expect(await errorOf(far)).toMatch(/^plan\.proposedStart: .*more than 2 years after now/);
  });

  it("refuses a reschedule into the past, beyond 2 years, or longer than a meeting can be, naming the field", async () => {
    const { id } = (await (await post("/meetings", JSON.stringify(await nextWeek()))).json()) as {
      id: string;
    };
    const now = t.runtime.clock.now().getTime();
    const at = (ms: number) => new Date(now + ms).toISOString();
    const hour = 3_600_000;
    const cases: Array<[string, string, RegExp]> = [
      [at(-hour), at(0), /^start: expected a time after now/],
      ["9999-03-12T10:00:00Z", "9999-03-12T11:00:00Z", /^start: expected at most 2 years ahead/],
      [at(24 * hour), at(24 * hour * 365), /^end: expected at most 480 minutes after start/],
    ];
    for (const [start, end, message] of cases) {
      const res = await post(`/meetings/${id}/reschedule`, JSON.stringify({ start, end }));
      expect(res.status, start).toBe(400);
      expect(await errorOf(res)).toMatch(message);
    }
    const audit = await t.runtime.store.listAudit(id);
    expect(audit.some((e) => e.what === "rescheduled")).toBe(false);
  });

  it("names the field for a body that is not an object, a wrong-typed field and an unknown field", async () => {
    expect(await errorOf(await post("/meetings", "null"))).toMatch(/^body: /);
    expect(await errorOf(await post("/meetings", JSON.stringify({ plan: null })))).toMatch(/^plan: /);
    expect(await errorOf(await post("/meetings", JSON.stringify({ plan: {}, extra: 1 })))).toMatch(/extra/);
  });

  it("answers 400, not 500, for a raw reply that is not an email", async () => {
    const res = await post("/inbound", "hello", { "content-type": "message/rfc822" });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(/^not an email/);
  });

  it("names the field for a clock advance that is too far or not a duration", async () => {
    const far = await post("/clock/advance", JSON.stringify({ by: "99999999w" }));
    expect(far.status).toBe(400);
    expect(await errorOf(far)).toMatch(/^by: /);
    const wrong = await post("/clock/advance", JSON.stringify({ by: "soon" }));
    expect(wrong.status).toBe(400);
    expect(await errorOf(wrong)).toMatch(/^by: /);
  });
});
