import { describe, expect, it } from "vitest";
import {
  type ApplyResult,
  csrfKeyFrom,
  handleReplyPage as handle,
  type ReplyDescription,
  type ReplyPagePort,
  type ReplyPageRequest,
  type ReplyPageResponse,
} from "#adapters/http/reply-page.ts";

const options = { csrfKey: csrfKeyFrom("unit-test reply secret, 32 characters or more"), secure: false };
const handleReplyPage = (request: ReplyPageRequest, port: ReplyPagePort) => handle(request, port, options);

const token = "abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst";

const openApproval: ReplyDescription = {
  ok: true,
  heading: "Minutes for approval: Professionals Meeting",
  details: [
    { label: "Case reference", value: "CH-1042" },
    { label: "When", value: "Tuesday 10 March 2026 at 10:00" },
  ],
  question: "Are the minutes accurate?",
  textLabel: "The changes you need",
  chair: "Priya <Shah>",
  options: [
    { choice: "approve", label: "Approve version 1" },
    { choice: "accept-change-3", label: "Accept the change asked for by attendee 3" },
  ],
  retired: [{ choice: "accept-change-2", closed: { reason: "change-decided", decision: "rejected" } }],
};

const distributed: ReplyDescription = {
  ok: false,
  closed: { reason: "minutes-distributed", version: 1 },
  heading: "Minutes for approval: Professionals Meeting",
  details: [{ label: "Case reference", value: "CH-1042" }],
  chair: "Priya <Shah>",
  when: "Tuesday 10 March 2026 at 10:00",
};

/** A port whose description can change between requests, and that counts what it applied. */
function port(initial: ReplyDescription, result: ApplyResult = { status: "recorded", message: "ok" }) {
  const state = { description: initial, applied: 0 };
  const p: ReplyPagePort = {
    describe: async () => state.description,
    apply: async () => {
      state.applied += 1;
      return result;
    },
  };
  return { port: p, state };
}

const headers = { host: "127.0.0.1:8080", origin: "http://127.0.0.1:8080" };

function get(): ReplyPageRequest {
  return { method: "GET", path: `/r/${token}`, headers, body: undefined };
}

/** Posts `choice` with the hidden fields (and cookie) of a form the page served earlier. */
function postFrom(form: ReplyPageResponse, choice: string): ReplyPageRequest {
  const fields = new URLSearchParams(
    [...form.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
      ([, n, v]): [string, string] => [n ?? "", v ?? ""],
    ),
  );
  fields.set("choice", choice);
  fields.set("text", "");
  const cookie = Object.entries(form.headers).find(([k]) => k.toLowerCase() === "set-cookie")?.[1];
  return {
    method: "POST",
    path: `/r/${token}`,
    headers: {
      ...headers,
      "content-type": "application/x-www-form-urlencoded",
      ...(cookie ? { cookie: cookie.split(";")[0] ?? "" } : {}),
    },
    body: fields.toString(),
  };
}

describe("the answer page for a closed question", () => {
  it("shows what happened and what to do, with the meeting's details and no form", async () => {
    const { port: p } = port(distributed);
    const res = await handleReplyPage(get(), p);
    expect(res.status).toBe(200);
    expect(res.body).toContain("The minutes have been sent out");
    expect(res.body).toContain("The agreed minutes (version 1) have been sent to everyone");
    expect(res.body).toContain("Priya &lt;Shah&gt;");
    expect(res.body).toContain("CH-1042");
    expect(res.body).not.toContain("<form");
    expect(res.body).not.toContain("<Shah>");
  });

  it("records nothing when a form opened earlier is posted after the question closed", async () => {
    const { port: p, state } = port(openApproval);
    const form = await handleReplyPage(get(), p);
    state.description = distributed;
    const res = await handleReplyPage(postFrom(form, "approve"), p);
    expect(res.status).toBe(409);
    expect(res.body).toContain("approval is closed and your answer was not recorded");
    expect(res.body).not.toContain("<form");
    expect(state.applied).toBe(0);
  });

  it("says a change was already decided when an older page's button for it is posted", async () => {
    const { port: p, state } = port(openApproval);
    const form = await handleReplyPage(get(), p);
    const res = await handleReplyPage(postFrom(form, "accept-change-2"), p);
    expect(res.status).toBe(409);
    expect(res.body).toContain("This change has already been rejected, so nothing was changed.");
    expect(state.applied).toBe(0);
  });

  it("shows the closed page when the question closed while the answer was being recorded", async () => {
    const { port: p, state } = port(openApproval, {
      status: "closed",
      closed: { reason: "minutes-agreed", version: 1 },
      message: "closed",
    });
    const form = await handleReplyPage(get(), p);
    const res = await handleReplyPage(postFrom(form, "approve"), p);
    expect(res.status).toBe(409);
    expect(res.body).toContain("Version 1 of the minutes has already been agreed");
    expect(res.body).toContain("contact the chair, Priya &lt;Shah&gt;, directly");
    expect(state.applied).toBe(1);
  });
});
