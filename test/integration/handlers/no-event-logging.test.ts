/**
 * Finding 12 (issue 16): with POWERTOOLS_LOGGER_LOG_EVENT=true, Powertools' logger would write the
 * whole invocation event, and an SES event carries the reply token and every address. The variable
 * is set before any handler module loads (the logger reads it when it is created), real handlers
 * run on the embedded services, and what they write to stdout is captured.
 */
import type { Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { replyTo } from "../../../adapters/local/demo-scenario.ts";
import { build as buildInbound } from "../../../functions/inbound-email/handler.ts";
import { build as buildReplyPage } from "../../../functions/reply-page/handler.ts";
import { logger } from "../../../functions/shared/define-handler.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "../../e2e/support.ts";

const previous = vi.hoisted(() => {
  const before = process.env.POWERTOOLS_LOGGER_LOG_EVENT;
  process.env.POWERTOOLS_LOGGER_LOG_EVENT = "true";
  return before;
});

const context = {
  functionName: "test",
  awsRequestId: "req-1",
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(async () => {
  await t?.runtime.close();
  if (previous === undefined) delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
  else process.env.POWERTOOLS_LOGGER_LOG_EVENT = previous;
});

/** Runs `work` and returns what was written to stdout and stderr meanwhile. */
async function captured(work: () => Promise<unknown>): Promise<string> {
  const chunks: string[] = [];
  const record = (chunk: unknown) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(record);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(record);
  try {
    // Proves the capture sees the handlers' logger: without this line an empty capture would pass.
    logger.info("capture-check");
    await work();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const text = chunks.join("");
  expect(text).toContain("capture-check");
  return text;
}

describe("handlers never log their events", () => {
  it("logs no reply token and no address from an SES inbound event, with POWERTOOLS_LOGGER_LOG_EVENT=true", async () => {
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const person = meeting.invitees[0];
    const invitation = person && t.mailer.latest(meeting.id, "invitation", person.email);
    if (!person || !invitation?.replyTo) throw new Error("no invitation");
    const token = /^reply\+([^@]+)@/.exec(invitation.replyTo.email)?.[1] ?? "";
    expect(token.length).toBeGreaterThan(20);
    const raw = await replyTo(invitation, person, "Yes, I will attend.");
    await t.runtime.deps.blobs.put("inbound-mail/inbound/log-1", new Uint8Array(raw), "message/rfc822");
    const pass = { status: "PASS" };
    const event = {
      Records: [
        {
          eventSource: "aws:ses",
          ses: {
            receipt: {
              timestamp: "2026-03-02T09:00:00.000Z",
              recipients: [invitation.replyTo.email],
              spamVerdict: pass,
              virusVerdict: pass,
              spfVerdict: pass,
              dkimVerdict: pass,
              dmarcVerdict: pass,
              action: { type: "Lambda", functionArn: "arn:aws:lambda:eu-west-2:0:function:inbound" },
            },
            mail: {
              timestamp: "2026-03-02T09:00:00.000Z",
              source: person.email,
              messageId: "log-1",
              destination: [invitation.replyTo.email],
              headers: [{ name: "From", value: `${person.name} <${person.email}>` }],
              commonHeaders: { from: [`${person.name} <${person.email}>`], to: [invitation.replyTo.email] },
            },
          },
        },
      ],
    };
    let result: unknown;
    const out = await captured(async () => {
      result = await buildInbound(t.runtime.deps)(event, context);
    });
    expect(result).toMatchObject({ status: "applied" });
    expect(out).not.toContain(token);
    expect(out).not.toContain(person.email);
    expect(out).not.toContain(invitation.replyTo.email);
    expect(out).not.toMatch(/[a-z0-9.+-]+@[a-z0-9-]+\.[a-z.]+/i);
  });

  it("logs no token from an answer page's HTTP event, with POWERTOOLS_LOGGER_LOG_EVENT=true", async () => {
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const person = meeting.invitees[1];
    const invitation = person && t.mailer.latest(meeting.id, "invitation", person.email);
    const token = /^reply\+([^@]+)@/.exec(invitation?.replyTo?.email ?? "")?.[1];
    if (!token) throw new Error("no invitation");
    const event = {
      version: "2.0",
      rawPath: `/r/${token}`,
      rawQueryString: "",
      headers: { host: "answers.example.gov.uk" },
      requestContext: { http: { method: "GET" } },
    };
    let result: unknown;
    const out = await captured(async () => {
      result = await buildReplyPage(t.runtime.deps)(event, context);
    });
    expect(result).toMatchObject({ statusCode: 200 });
    expect(out).not.toContain(token);
  });
});
