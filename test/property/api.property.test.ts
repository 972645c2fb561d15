/**
 * The local API under generated bodies (issue 15, section 2): the demo meeting request made almost
 * right (fields removed, replaced by other JSON, 3,000-character strings), raw bytes, and
 * attendance, reschedule, cancel and clock bodies, over real HTTP to the embedded runtime. Every
 * answer is a 201/200 or a 4xx with one JSON error; never a 5xx; and a refused request stores
 * nothing (the meetings in flight and the outbox are unchanged).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalServer } from "../../adapters/local/server.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "../e2e/support.ts";
import { check, mutatedJson, tally } from "./harness.ts";

let t: TestRuntime;
let api: Awaited<ReturnType<typeof startLocalServer>>;
let demo: unknown;

beforeAll(async () => {
  t = await startTestRuntime();
  api = await startLocalServer(t.runtime, t.runtime.replyDesk(), 0);
  demo = await demoInput();
});

afterAll(async () => {
  await api?.close();
  await t?.runtime.close();
});

const post = (path: string, body: string | Uint8Array) =>
  fetch(`${api.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });

/** Posts a body; checks the answer's shape and, for a refusal, that nothing was stored. */
async function answer(path: string, body: string | Uint8Array, property: string): Promise<number> {
  const inFlight = (await t.runtime.store.listInFlight()).length;
  const sent = t.mailer.sent.length;
  const res = await post(path, body);
  const text = await res.text();
  expect(res.status, text).toBeLessThan(500);
  if (res.status >= 400) {
    const parsed = JSON.parse(text) as { error?: unknown };
    expect(typeof parsed.error, text).toBe("string");
    expect((parsed.error as string).length).toBeGreaterThan(0);
    expect((await t.runtime.store.listInFlight()).length).toBe(inFlight);
    expect(t.mailer.sent.length).toBe(sent);
  }
  tally(property, String(res.status));
  return res.status;
}

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => new TextEncoder().encode(JSON.stringify(v))),
);

describe("the local API under generated bodies", () => {
  it("answers POST /meetings with a 201 or a 4xx naming the problem, storing nothing it refuses", async () => {
    await check(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: mutatedJson(demo) }, { weight: 1, arbitrary: bytes }),
        async (body) => {
          await answer(
            "/meetings",
            body instanceof Uint8Array ? body : JSON.stringify(body),
            "POST /meetings",
          );
        },
      ),
    );
  });

  it("answers the meeting and clock routes with a 2xx or a 4xx, never a 5xx", async () => {
    const created = (await (await post("/meetings", JSON.stringify(demo))).json()) as { id: string };
    const route = fc.constantFrom(
      `/meetings/${created.id}/held`,
      `/meetings/${created.id}/reschedule`,
      `/meetings/${created.id}/cancel`,
      "/meetings/aaaaaaaaaaaaaaaa/held",
      "/clock/advance",
    );
    const body = fc.oneof(
      bytes,
      fc
        .record({
          attendance: fc.array(
            fc.record({ index: fc.integer({ min: -2, max: 70_000 }), attended: fc.boolean() }),
            { maxLength: 12 },
          ),
        })
        .map((v) => JSON.stringify(v)),
      fc
        .record({ start: fc.date({ noInvalidDate: true }), end: fc.date({ noInvalidDate: true }) })
        .map((v) => JSON.stringify(v)),
      fc
        .record({
          by: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("1h", "-3d", "0d", "9999w", "2d", "30m")),
        })
        .map((v) => JSON.stringify(v)),
      fc.record({ reason: fc.string({ maxLength: 3000 }) }).map((v) => JSON.stringify(v)),
    );
    await check(
      fc.asyncProperty(route, body, async (path, b) => {
        const res = await post(path, b);
        const text = await res.text();
        expect(res.status, `${path} ${text}`).toBeLessThan(500);
        tally("meeting and clock routes", `${path.replace(created.id, "ID")} ${res.status}`);
      }),
    );
  });
});
