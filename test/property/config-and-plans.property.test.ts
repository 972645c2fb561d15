/**
 * Authority files, plan requests and command-line arguments under generated input (issue 15,
 * section 2): the demo authority file and the example plans made almost right (fields removed or
 * replaced by other JSON, 3,000-character strings), and random arguments to every CLI command that
 * reads only its arguments and files: each is accepted or refused with a message naming the file,
 * field or argument; nothing throws past its boundary.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadEffectiveCatalog } from "#adapters/config/effective-catalog.ts";
import { ConfigError, parseAuthorityConfig } from "#adapters/config/load-authority.ts";
import { planMeeting } from "#domain/planning/index.ts";
import { main } from "../../bin/convene.ts";
import { captureIo } from "../../cli/io.ts";
import { check, mutatedJson, tally } from "./harness.ts";

const root = path.resolve(import.meta.dirname, "../..");
const json = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8")) as unknown;
const demoAuthority = json("authorities/demo.json");
const plans = ["examples/plan-professionals-meeting.json", "examples/plan-cfpm-student.json"].map(json);
const { catalog, authority } = await loadEffectiveCatalog(undefined);

describe("configuration and plans under generated input", () => {
  it("accepts the demo authority file made almost right, or names the file and the field", () => {
    check(
      fc.property(mutatedJson(demoAuthority), (value) => {
        try {
          parseAuthorityConfig(value, "authorities/copy.json");
          tally("authority file", "accepted");
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message.startsWith("authorities/copy.json: ")).toBe(true);
          tally("authority file", "refused");
        }
      }),
    );
  });

  it("plans or refuses a plan request made almost right, every problem naming its field", () => {
    check(
      fc.property(fc.constantFrom(...plans).chain(mutatedJson), (request) => {
        const result = planMeeting(request, catalog, authority);
        if (result.ok) {
          tally("plan request", "planned");
          return;
        }
        expect(result.errors.length).toBeGreaterThan(0);
        for (const problem of result.errors) {
          expect(typeof problem.path).toBe("string");
          expect(problem.message.length).toBeGreaterThan(0);
        }
        tally("plan request", `refused: ${result.errors[0]?.path || "(whole request)"}`);
      }),
    );
  });
});

describe("command-line arguments under generated input", () => {
  const flag = fc.constantFrom(
    "--from",
    "--working-days",
    "--days",
    "--weeks",
    "--months",
    "--nation",
    "--json",
    "--format",
    "--secret",
    "--authority",
    "--docx",
    "--meeting",
    "--transcript",
    "-h",
  );
  const word = fc.oneof(
    flag,
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -5, max: 100_000 }).map(String),
    fc.constantFrom(
      "2026-03-10",
      "2026-02-30",
      "england-and-wales",
      "mars",
      "show",
      "pm",
      "import",
      "classify",
      "draft",
    ),
  );
  const argv = fc.tuple(
    fc.constantFrom("deadline", "types", "plan", "transcript", "mail", "minutes", "nope"),
    fc.array(word, { maxLength: 6 }),
  );

  it("answers every argument list with an exit code, and a usage error with one line", async () => {
    await check(
      fc.asyncProperty(argv, async ([command, rest]) => {
        // Arguments that would name real files are not generated: paths are random words.
        const io = captureIo();
        const code = await main([command, ...rest], io);
        expect([0, 1, 2]).toContain(code);
        if (code === 2) expect(io.stderr().trim().split("\n")).toHaveLength(1);
        tally("CLI arguments", `exit ${code}`);
      }),
    );
  });
});
