import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signReplyToken } from "#domain/email/reply-token.ts";
import { main } from "../../../bin/convene.ts";
import { captureIo } from "../../../cli/io.ts";
import { readRuntimeUrl } from "../../../cli/mail.ts";

const fixtures = fileURLToPath(new URL("../../fixtures/emails/", import.meta.url));
const secret = "cli-secret-0123456789abcdef";
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "convene-cli-mail-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await main(["mail", ...argv], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

function replyMime(token: string, from: string, body: string): string {
  return [
    `From: Jo Bloggs <${from}>`,
    `To: "Exampleshire (Convene)" <reply+${token}@reply.exampleshire.gov.uk>`,
    "Subject: Re: OFFICIAL-SENSITIVE: Minutes for approval (v3)",
    "Message-ID: <cli-test@school.example.sch.uk>",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    body,
    "",
  ].join("\r\n");
}

describe("convene mail classify", () => {
  it("prints the issue's JSON for a real Gmail reply, token not present", async () => {
    const { code, out } = await run("classify", join(fixtures, "talon-gmail.eml"));
    expect(code).toBe(0);
    expect(out).toContain('\n  "from": "xxx@gmail.com"');
    expect(JSON.parse(out)).toEqual({
      from: "xxx@gmail.com",
      to: ["bob@example.com"],
      subject: "Re: Test",
      intent: "unknown",
      reply: "Hello",
      token: { valid: false, reason: "no-token" },
    });
  });

  it("reports the token as not checked without --secret and still classifies", async () => {
    const token = signReplyToken(
      {
        meetingId: "k5xq2a7bmn3pr4st",
        person: 4,
        purpose: "approval",
        ref: 3,
        expiresAt: new Date("2099-01-01T00:00:00Z"),
      },
      secret,
    );
    const file = join(dir, "approve.eml");
    await writeFile(
      file,
      replyMime(
        token,
        "jo@school.example.sch.uk",
        "Agreed, no changes.\n\nOn Mon, 1 Dec 2025, Convene wrote:\n> Reply Not approved if …",
      ),
    );
    const unchecked = JSON.parse((await run("classify", file)).out);
    expect(unchecked.token).toEqual({ valid: null, reason: "not-checked" });
    expect(unchecked.intent).toBe("approve");
    expect(unchecked.reply).toBe("Agreed, no changes.");

    const checked = JSON.parse((await run("classify", file, "--secret", secret)).out);
    expect(checked.token).toEqual({
      valid: true,
      reason: null,
      claims: {
        meetingId: "k5xq2a7bmn3pr4st",
        person: 4,
        purpose: "approval",
        ref: 3,
        expiresAt: "2099-01-01T00:00:00.000Z",
      },
    });
    expect(checked.intent).toBe("approve");

    const wrong = JSON.parse((await run("classify", file, "--secret", "another-secret-0123456789")).out);
    expect(wrong.token).toEqual({ valid: false, reason: "bad-signature" });
  });

  it("adds the receipt decision for an SES notification with the message inline", async () => {
    const { code, out } = await run("classify", join(fixtures, "ses-received-sns-action.json"));
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      from: "sender@example.com",
      subject: "Example subject",
      reply: "Example content",
    });
    // The AWS docs example has no DMARC verdict, so the rule refuses it.
    expect(json.receipt).toEqual({ accepted: false, reason: "no DMARC verdict" });
  });

  it("reports reply null and still the receipt for a Lambda event without content", async () => {
    const json = JSON.parse((await run("classify", join(fixtures, "ses-lambda-event.json"))).out);
    expect(json).toEqual({
      from: "sender@example.com",
      to: ["recipient@example.com"],
      subject: "Example subject",
      intent: null,
      reply: null,
      token: { valid: false, reason: "no-token" },
      receipt: { accepted: true, reason: "DMARC PASS" },
    });
  });

  it("exits 2 with one line for a missing, unparseable or foreign file", async () => {
    const garbage = join(dir, "garbage.eml");
    await writeFile(garbage, "this is not an email at all\n");
    const json = join(dir, "other.json");
    await writeFile(json, JSON.stringify({ hello: "world" }));
    for (const file of [join(dir, "missing.eml"), garbage, json]) {
      const { code, err, out } = await run("classify", file);
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err.trim().split("\n")).toHaveLength(1);
    }
    expect((await run("classify")).code).toBe(2);
    expect((await run("frobnicate", "x")).code).toBe(2);
  });
});

describe("convene mail reply", () => {
  let server: Server;
  let url: string;
  const received: { type: string | undefined; body: Buffer }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ type: req.headers["content-type"], body: Buffer.concat(chunks) });
        res.writeHead(req.url === "/inbound" ? 202 : 404, { "content-type": "application/json" });
        res.end(JSON.stringify({ accepted: true, intent: "accept" }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("POSTs the raw file as message/rfc822 to /inbound and prints the JSON answer", async () => {
    const file = join(fixtures, "talon-apple-mail.eml");
    const { code, out } = await run("reply", file, "--url", url);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ accepted: true, intent: "accept" });
    expect(received.at(-1)?.type).toBe("message/rfc822");
    expect(received.at(-1)?.body.equals(await readFile(file))).toBe(true);
  });

  it("finds the running instance in .convene/runtime.json", async () => {
    await mkdir(join(dir, ".convene"), { recursive: true });
    await writeFile(join(dir, ".convene", "runtime.json"), JSON.stringify({ url }));
    expect(await readRuntimeUrl(dir)).toBe(url);
    await writeFile(join(dir, ".convene", "runtime.json"), "{}");
    await expect(readRuntimeUrl(dir)).rejects.toThrow(/expected \{ "url"/);
    await expect(readRuntimeUrl(join(dir, "nowhere"))).rejects.toThrow(/no running Convene instance/);
  });

  it("exits 2 with one line when no instance is running", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { code, err } = await run(
      "reply",
      join(fixtures, "talon-gmail.eml"),
      "--url",
      `http://127.0.0.1:${port}`,
    );
    expect(code).toBe(2);
    expect(err.trim()).toMatch(/^convene mail: no running Convene instance at http:\/\/127\.0\.0\.1:\d+/);
    expect(err.trim().split("\n")).toHaveLength(1);
  });
});
