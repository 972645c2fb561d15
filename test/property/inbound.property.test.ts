/**
 * Inbound email and SES notifications under generated input (issue 15, section 2): any bytes, and
 * real client messages and SES notifications made almost right, give a parsed message or one
 * error of the parser's own type naming what was wrong, never another exception.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InboundEmailError, parseInboundEmail } from "#adapters/mail/parse-inbound.ts";
import { parseSesNotification, SesNotificationError } from "#adapters/mail/ses-receipt.ts";
import { check, mutated, mutatedJson, tally } from "./harness.ts";

const folder = path.resolve(import.meta.dirname, "../fixtures/emails");
const emails = readdirSync(folder)
  .filter((f) => f.endsWith(".eml"))
  .map((f) => readFileSync(path.join(folder, f), "latin1"));
const notifications = readdirSync(folder)
  .filter((f) => f.startsWith("ses-") && f.endsWith(".json"))
  .map((f) => JSON.parse(readFileSync(path.join(folder, f), "utf8")) as unknown);

/** The first words of an error message: enough to tell the kinds apart in the fuzz report. */
const kind = (error: Error) => error.message.split(/[:(]/)[0]?.slice(0, 40) ?? error.message;

async function parseOutcome(raw: Buffer): Promise<string> {
  try {
    await parseInboundEmail(raw);
    return "parsed";
  } catch (error) {
    expect(error).toBeInstanceOf(InboundEmailError);
    expect((error as Error).message.length).toBeGreaterThan(0);
    return `refused: ${kind(error as Error)}`;
  }
}

describe("inbound email under generated input", () => {
  it("parses or refuses real client messages made almost right", async () => {
    await check(
      fc.asyncProperty(fc.constantFrom(...emails).chain(mutated), async (text) => {
        tally("inbound MIME (mutated)", await parseOutcome(Buffer.from(text, "latin1")));
      }),
    );
  });

  it("parses or refuses any bytes", async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)),
      fc
        .tuple(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300, unit: "binary" }))
        .map(([head, body]) => Buffer.from(`From: ${head}\r\nTo: x@example.org\r\n\r\n${body}`)),
    );
    await check(
      fc.asyncProperty(bytes, async (raw) => {
        tally("inbound MIME (any bytes)", await parseOutcome(raw));
      }),
    );
  });

  it("reads or refuses SES notifications made almost right, naming what does not fit", () => {
    check(
      fc.property(fc.constantFrom(...notifications).chain(mutatedJson), (value) => {
        try {
          parseSesNotification(value);
          tally("SES notification", "read");
        } catch (error) {
          expect(error).toBeInstanceOf(SesNotificationError);
          tally("SES notification", `refused: ${kind(error as Error)}`);
        }
      }),
    );
  });
});
