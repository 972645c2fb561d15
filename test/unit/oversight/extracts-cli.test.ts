import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalRuntime } from "../../../adapters/local/runtime.ts";
import { main } from "../../../bin/convene.ts";
import { captureIo } from "../../../cli/io.ts";
import { record } from "./extracts-support.ts";

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await main(["extract", ...argv], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("convene extract", () => {
  let dir: string;

  beforeAll(async () => {
    // A data folder as `convene start` leaves it, holding two meetings of the demo authority.
    dir = await mkdtemp(join(tmpdir(), "convene-extract-"));
    const runtime = await LocalRuntime.start({ dataDir: dir });
    try {
      for (const r of [
        record({
          id: "cli-1",
          typeId: "pre-proceedings",
          child: "C-9001",
          start: "2026-05-12T09:00:00.000Z",
          held: true,
        }),
        record({
          id: "cli-2",
          typeId: "pre-proceedings",
          child: "C-9002",
          start: "2026-06-12T09:00:00.000Z",
        }),
      ]) {
        await runtime.store.createMeeting({ ...r.meeting, authorityId: runtime.authority.id });
        await runtime.store.appendAudits(r.audit);
      }
    } finally {
      await runtime.close();
    }
  }, 60_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the return from the data folder as CSV, and lists the fields left out on stderr", async () => {
    const out = join(dir, "pre-proceedings.csv");
    const result = await run(
      "--return",
      "cin-census-pre-proceedings",
      "--from",
      "2026-04-01",
      "--to",
      "2027-03-31",
      "--dir",
      dir,
      "--out",
      out,
    );
    expect(result.code).toBe(0);
    expect(await readFile(out, "utf8")).toBe(
      "LAchildID,InitialPPMeetingDate,ReviewMeetingsCount\r\nC-9001,2026-05-12,0\r\n",
    );
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("1 row(s) written");
    expect(result.stderr).toContain("Fields left out (8)");
    expect(result.stderr).toContain("  PPStartDate: ");
  }, 60_000);

  it("prints the CSV on stdout without --out", async () => {
    const result = await run(
      "--return",
      "ssda903-reviews",
      "--from",
      "2026-04-01",
      "--to",
      "2027-03-31",
      "--dir",
      dir,
    );
    expect(result).toMatchObject({ code: 0, stdout: "CHILD,REVIEW\r\n" });
    expect(result.stderr).toContain("  REVIEW_CODE: ");
  }, 60_000);

  it("names the argument that is wrong, in one line, and exits 2", async () => {
    const cases: Array<[string[], string]> = [
      [
        ["--return", "annex-a-list-9", "--from", "2026-06-01", "--to", "2026-11-30"],
        "--return: expected one of",
      ],
      [
        ["--return", "annex-a-list-6", "--from", "2026-02-30", "--to", "2026-11-30"],
        "--from: expected a real calendar date",
      ],
      [
        ["--return", "annex-a-list-6", "--from", "2026-12-01", "--to", "2026-11-30"],
        "--to: expected a date on or after --from",
      ],
      [["--return", "annex-a-list-6", "--from", "2026-06-01"], "missing --to"],
      [
        ["--return", "annex-a-list-6", "--from", "2026-06-01", "--to", "2026-11-30", "--bogus"],
        "Unknown option '--bogus'",
      ],
    ];
    for (const [argv, message] of cases) {
      const result = await run(...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("says when there is no data folder", async () => {
    const result = await run(
      "--return",
      "annex-a-list-6",
      "--from",
      "2026-06-01",
      "--to",
      "2026-11-30",
      "--dir",
      join(dir, "missing"),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/missing: no Convene data here/);
  });
});
