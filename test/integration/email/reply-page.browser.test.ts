/**
 * The answer page in a real browser: Debian's headless Chromium driven by playwright-core.
 * Proves that GET (and a mail scanner's HEAD/GET prefetch) records nothing, that a click POSTs and
 * records once, and that a reload or a resubmitted form does not record twice.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApplyResult,
  csrfKeyFrom,
  handleReplyPage,
  type ReplyPagePort,
} from "#adapters/http/reply-page.ts";
import { chromiumArgs, ensureChromium } from "../../../scripts/ensure-chromium.mjs";

const token = "k5xq2a7bmn3pr4stabcdefghijklmnopqrstuvwxyz234567abcd";

/** In-memory lifecycle: one record per idempotency key. */
const keys = new Set<string>();
const recorded: { choice: string; text: string }[] = [];
let applyCalls = 0;
const port: ReplyPagePort = {
  async describe() {
    return {
      ok: true,
      heading: "Minutes for approval: Professionals Meeting",
      details: [
        { label: "Case reference", value: "CH-1042" },
        { label: "Meeting", value: "Thursday 3 July 2025, 10:00" },
      ],
      question: "Do you approve the draft minutes (version 3)?",
      textLabel: "Changes you need (if any)",
      options: [
        { choice: "approve", label: "Approve" },
        { choice: "request-changes", label: "Ask for changes", needsText: true },
      ],
      ...(recorded.length > 0 ? { answered: recorded.at(-1)?.choice } : {}),
    };
  },
  async apply(_token, choice, text, key): Promise<ApplyResult> {
    applyCalls += 1;
    if (keys.has(key)) return { status: "duplicate", message: "already recorded" };
    keys.add(key);
    recorded.push({ choice, text });
    return { status: "recorded", message: "recorded" };
  },
};

const methods: string[] = [];
const timings: Record<string, number> = {};
let server: Server;
let base: string;
let browser: Browser;

async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await step();
  } finally {
    timings[name] = Math.round(performance.now() - start);
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      methods.push(req.method ?? "");
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
      handleReplyPage(
        {
          method: req.method ?? "GET",
          path: req.url ?? "/",
          headers,
          body: Buffer.concat(chunks).toString("utf8"),
        },
        port,
        { csrfKey: csrfKeyFrom("browser-test reply secret, 32 characters"), secure: false },
      ).then(
        (out) => {
          res.writeHead(out.status, out.headers);
          res.end(out.body);
        },
        (error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const executablePath = await timed("ensure chromium", () => ensureChromium());
  browser = await timed("launch", () => chromium.launch({ executablePath, args: chromiumArgs }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  console.log(`reply-page browser timings (ms): ${JSON.stringify(timings)}`);
});

describe("the answer page in headless Chromium", () => {
  it("records nothing for a mail scanner's HEAD and GET, nor for the browser opening the link", async () => {
    await timed("scanner HEAD+GET", async () => {
      const head = await fetch(`${base}/r/${token}`, { method: "HEAD" });
      expect(head.status).toBe(200);
      const get = await fetch(`${base}/r/${token}`);
      expect(await get.text()).toContain("Do you approve the draft minutes");
    });
    const page = await browser.newPage();
    await timed("open page", () => page.goto(`${base}/r/${token}`));
    await expect(page.title()).resolves.toBe("Minutes for approval: Professionals Meeting – Convene");
    await expect(page.getByRole("button", { name: "Approve" }).isVisible()).resolves.toBe(true);
    await page.close();
    expect(applyCalls).toBe(0);
    expect(recorded).toEqual([]);
    expect(methods.every((m) => m === "GET" || m === "HEAD")).toBe(true);
  });

  it("records one answer for a click, and none more for a reload or a resubmitted form", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/r/${token}`);
    await timed("click approve (POST, 303, GET)", () =>
      Promise.all([
        page.waitForURL(/result=recorded/),
        page.getByRole("button", { name: "Approve" }).click(),
      ]),
    );
    await expect(page.getByRole("alert").textContent()).resolves.toContain("your answer has been recorded");
    expect(recorded).toEqual([{ choice: "approve", text: "" }]);
    expect(methods.filter((m) => m === "POST")).toHaveLength(1);

    // Reload after the redirect is a GET: nothing is resubmitted.
    await timed("reload", () => page.reload());
    expect(methods.filter((m) => m === "POST")).toHaveLength(1);
    expect(recorded).toHaveLength(1);

    // Back to the form and the same answer again: the port sees the same key.
    await page.goto(`${base}/r/${token}`);
    await timed("resubmit same form", () =>
      Promise.all([
        page.waitForURL(/result=duplicate/),
        page.getByRole("button", { name: "Approve" }).click(),
      ]),
    );
    await expect(page.getByRole("alert").textContent()).resolves.toContain("already recorded");
    expect(applyCalls).toBe(2);
    expect(recorded).toEqual([{ choice: "approve", text: "" }]);
    await page.close();
  });

  it("asks for the change text before recording a request for changes", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/r/${token}`);
    await page.getByRole("button", { name: "Ask for changes" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Please fill in");
    expect(recorded).toHaveLength(1);
    await page.goto(`${base}/r/${token}`);
    await page.getByLabel("Changes you need (if any)").fill("Item 3 should read 'school nurse'.");
    await Promise.all([
      page.waitForURL(/result=recorded/),
      page.getByRole("button", { name: "Ask for changes" }).click(),
    ]);
    expect(recorded.at(-1)).toEqual({
      choice: "request-changes",
      text: "Item 3 should read 'school nurse'.",
    });
    await page.close();
  });
});
