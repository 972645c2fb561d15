/** The embedded runtime's local JSON API (`npm start`): start a meeting, read it, move the clock; bad input gets one clear error. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer } from "../../../adapters/local/server.ts";
import { demoInput, outboxFiles, startTestRuntime, type TestRuntime } from "../../e2e/support.ts";

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

const post = (path: string, body: string) =>
  fetch(`${api.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

describe("the local API", () => {
  it("starts a meeting: 201, invitations sent, the meeting now awaiting the day", async () => {
    const res = await post("/meetings", JSON.stringify(await demoInput()));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; phase: string; dueBy: string };
    expect(created.phase).toBe("await-meeting");
    expect(created.dueBy).toBe("2026-03-18");
    expect((await outboxFiles(t.outbox)).filter((f) => f.includes("invitation"))).toHaveLength(10);
    const read = await fetch(`${api.url}/meetings/${created.id}`);
    expect(read.status).toBe(200);
    const body = (await read.json()) as { meeting: { phase: string }; answers: unknown[] };
    expect(body.meeting.phase).toBe("await-meeting");
    expect(body.answers).toHaveLength(10);
  });

  it("refuses attendance naming someone not invited (409, naming them) and writes none of it", async () => {
    const res = await post("/meetings", JSON.stringify(await demoInput()));
    const { id } = (await res.json()) as { id: string };
    const held = await post(
      `/meetings/${id}/held`,
      JSON.stringify({
        attendance: [
          { index: 1, attended: true },
          { index: 99, attended: true },
        ],
      }),
    );
    expect(held.status).toBe(409);
    expect(((await held.json()) as { error: string }).error).toBe(
      "attendance names person 99, who is not invited to this meeting",
    );
    const read = (await (await fetch(`${api.url}/meetings/${id}`)).json()) as {
      meeting: { phase: string };
      answers: Array<{ attendance: string }>;
    };
    expect(read.meeting.phase).toBe("await-meeting");
    expect(read.answers.some((a) => a.attendance === "attended")).toBe(false);
  });

  it("refuses a meeting that would start in the past, naming the field, and stores nothing", async () => {
    const input = (await demoInput()) as { plan: { proposedStart: string } };
    input.plan.proposedStart = "2026-02-27T10:00:00+00:00";
    const before = (await outboxFiles(t.outbox)).length;
    const res = await post("/meetings", JSON.stringify(input));
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: string };
    expect(error).toMatch(
      /^plan\.proposedStart: the meeting would start at 2026-02-27T10:00:00\.000Z, which is not after now/,
    );
    expect((await outboxFiles(t.outbox)).length).toBe(before);
  });

  it("refuses a plan breaking convene-time rules with every problem listed, then accepts it with a recorded reason for each", async () => {
    const input = (await demoInput()) as {
      plan: Record<string, unknown>;
      overrides?: Record<string, string>;
    };
    const overrides = input.overrides ?? {};
    delete input.overrides;
    const before = (await outboxFiles(t.outbox)).length;
    const refused = await post("/meetings", JSON.stringify(input));
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as { error: string };
    // seed 001: the police left out without a rationale; seed 000: the solicitor's chairing time.
    expect(error).toMatch(
      /overrides\.key-agency:demo-police: key agency Demo Police is not invited.*seed 001/,
    );
    expect(error).toMatch(/overrides\.chair-condition:1: .*court approval.*seed 000/);
    expect((await outboxFiles(t.outbox)).length).toBe(before);

    const accepted = await post("/meetings", JSON.stringify({ ...input, overrides }));
    expect(accepted.status).toBe(201);
    const { id } = (await accepted.json()) as { id: string };
    const stored = await t.runtime.store.getMeeting(id);
    expect(stored.overrides.map((o) => [o.code, o.reason])).toEqual(Object.entries(overrides));
    const audit = await t.runtime.store.listAudit(id);
    expect(audit.filter((e) => e.what.startsWith("plan-override:")).map((e) => e.detail.code)).toEqual(
      Object.keys(overrides),
    );
  });

  it("answers malformed JSON, an unknown meeting and an unknown route with one clear error each", async () => {
    const bad = await post("/meetings", "{ not json");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/JSON/);
    const missing = await fetch(`${api.url}/meetings/aaaaaaaaaaaaaaaa`);
    expect(missing.status).toBe(404);
    // Any other path is the staff workspace's, behind its sign-in (a signed-in person gets a 404 page).
    const nowhere = await fetch(`${api.url}/nowhere`, { redirect: "manual" });
    expect(nowhere.status).toBe(302);
    expect(nowhere.headers.get("location")).toMatch(/^\/auth\/sign-in\?returnTo=/);
    const noApi = await fetch(`${api.url}/api/nowhere`);
    expect(noApi.status).toBe(401);
  });

  it("moves the virtual clock on request", async () => {
    const res = await post("/clock/advance", JSON.stringify({ by: "1d" }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { now: string }).now).toBe("2026-03-03T09:00:00.000Z");
    const wrong = await post("/clock/advance", JSON.stringify({ by: "soon" }));
    expect(wrong.status).toBe(400);
  });
});
