/**
 * Finding 11 (issue 16), inbound mail: input built to make the parser work hard, or that is not an
 * email at all, is refused with an InboundEmailError naming what was wrong, by a cheap scan before
 * mailparser sees it (findRawEmailProblem answers on its own, without mailparser).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  findRawEmailProblem,
  maxInboundHeaderFields,
  maxInboundMimeDepth,
  maxInboundMimeParts,
} from "#adapters/mail/inbound-limits.ts";
import { InboundEmailError, maxInboundBytes, parseInboundEmail } from "#adapters/mail/parse-inbound.ts";

const head = [
  "From: Jo Bloggs <jo@school.example.sch.uk>",
  "To: reply+abc@reply.example.gov.uk",
  "Subject: RE: x",
];

/** A message whose multiparts are nested `depth` deep, the innermost holding a text part. */
function nested(depth: number): string {
  let open = `${head.join("\r\n")}\r\n`;
  let close = "";
  for (let i = 0; i < depth; i++) {
    open += `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`;
    close = `\r\n--b${i}--\r\n${close}`;
  }
  return `${open}Content-Type: text/plain\r\n\r\nYes, I will attend.${close}`;
}

function withHeaders(count: number): string {
  const extra = Array.from({ length: count }, (_, i) => `X-Filler-${i}: v`);
  return [...head, ...extra, "", "Yes, I will attend.", ""].join("\r\n");
}

function withParts(count: number): string {
  const parts = Array.from(
    { length: count },
    (_, i) => `--p\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
  );
  return `${head.join("\r\n")}\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n${parts.join("")}--p--\r\n`;
}

async function refusal(raw: string | Buffer): Promise<string> {
  const error = await parseInboundEmail(raw).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InboundEmailError);
  return (error as Error).message;
}

describe("parseInboundEmail's limits", () => {
  it("refuses MIME nested 3000 deep, naming the nesting depth", async () => {
    const raw = nested(3000);
    const expected = `not accepted: MIME parts are nested more than ${maxInboundMimeDepth} deep`;
    expect(findRawEmailProblem(Buffer.from(raw))).toBe(expected);
    expect(await refusal(raw)).toBe(expected);
  });

  it("refuses 20,000 header fields, naming the header count", async () => {
    const raw = withHeaders(20_000);
    const expected = `not accepted: more than ${maxInboundHeaderFields} header fields in one header section`;
    expect(findRawEmailProblem(Buffer.from(raw))).toBe(expected);
    expect(await refusal(raw)).toBe(expected);
  });

  it("refuses thousands of MIME parts, naming the part count", async () => {
    expect(await refusal(withParts(5000))).toBe(`not accepted: more than ${maxInboundMimeParts} MIME parts`);
  });

  it("refuses a JSON body and plain words as not an email, before parsing", async () => {
    for (const body of ['{"meeting": "abc", "answer": "yes"}', "just some words\nand more\n"]) {
      const problem = findRawEmailProblem(Buffer.from(body));
      expect(problem).toMatch(/^not an email: /);
      expect(await refusal(body)).toBe(problem);
    }
  });

  it("refuses a message over the size limit, naming the size", async () => {
    const big = Buffer.alloc(maxInboundBytes + 1, "a");
    big.write(`${head.join("\r\n")}\r\n\r\n`);
    expect(await refusal(big)).toBe(`not accepted: the email is larger than ${maxInboundBytes} bytes`);
  });

  it("still reads a message nested as deep as the limit, and every real client fixture", async () => {
    const deepest = await parseInboundEmail(nested(maxInboundMimeDepth));
    expect(deepest.fresh).toBe("Yes, I will attend.");
    const fixtures = new URL("../../fixtures/emails/", import.meta.url);
    for (const file of readdirSync(fixtures).filter((f) => f.endsWith(".eml"))) {
      expect(findRawEmailProblem(readFileSync(new URL(file, fixtures))), file).toBeUndefined();
    }
    // An mbox export's "From sender date" separator line is not a header, and is allowed.
    const mbox = `From jo@school.example.sch.uk Mon Mar  2 09:00:00 2026\r\n${withHeaders(3)}`;
    expect((await parseInboundEmail(mbox)).from?.email).toBe("jo@school.example.sch.uk");
  });

  it("reads a base64-encoded attached message as an attachment, not as a header", async () => {
    const attached = Buffer.alloc(800 * 1024, "x")
      .toString("base64")
      .replace(/.{76}/g, "$&\r\n");
    const raw = `${head.join("\r\n")}\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--m\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n${attached}\r\n--m\r\nContent-Type: text/plain\r\n--m--\r\n`;
    expect(findRawEmailProblem(Buffer.from(raw))).toBeUndefined();
    expect((await parseInboundEmail(raw)).fresh).toBe("See attached.");
  });

  it("counts an attached message's own header and nesting, not only multiparts", () => {
    const forward = (inner: string, b: number) =>
      `${head.join("\r\n")}\r\nContent-Type: multipart/mixed; boundary=f${b}\r\n\r\n--f${b}\r\nContent-Type: message/rfc822\r\n\r\n${inner}\r\n--f${b}--\r\n`;
    // Each forward as an attachment adds two levels: the multipart and the attached message.
    let message = withHeaders(1);
    for (let i = 0; i < 30; i++) message = forward(message, i);
    expect(findRawEmailProblem(Buffer.from(message))).toBe(
      `not accepted: MIME parts are nested more than ${maxInboundMimeDepth} deep`,
    );
    expect(findRawEmailProblem(Buffer.from(forward(forward(withHeaders(1), 0), 1)))).toBeUndefined();
  });
});
