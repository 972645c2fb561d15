import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { main } from "../../../bin/convene.ts";
import { deadlineCommand } from "../../../cli/deadline.ts";
import { captureIo } from "../../../cli/io.ts";

async function run(...argv: string[]) {
  const io = captureIo();
  const code = await main(["deadline", ...argv], io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("convene deadline", () => {
  it("prints the due date alone: 5 working days from 21 December 2026 (issue 2)", async () => {
    expect(await run("--from", "2026-12-21", "--working-days", "5")).toEqual({
      code: 0,
      stdout: "2026-12-30\n",
      stderr: "",
    });
  });

  it("uses the nation given, defaulting to england-and-wales (issue 2)", async () => {
    expect((await run("--from", "2026-12-31", "--working-days", "1")).stdout).toBe("2027-01-04\n");
    expect((await run("--from", "2026-12-31", "--working-days", "1", "--nation", "scotland")).stdout).toBe(
      "2027-01-05\n",
    );
    expect((await run("--nation=northern-ireland", "--from=2026-07-10", "--working-days=1")).stdout).toBe(
      "2026-07-14\n",
    );
  });

  it("adds calendar days, weeks and months", async () => {
    expect((await run("--from", "2026-12-22", "--days", "5")).stdout).toBe("2026-12-27\n");
    expect((await run("--from", "2026-03-10", "--weeks", "6")).stdout).toBe("2026-04-21\n");
    expect((await run("--from", "2028-01-31", "--months", "1")).stdout).toBe("2028-02-29\n");
  });

  it("allows a count of zero, returning the start date", async () => {
    expect((await run("--from", "2026-12-25", "--working-days", "0")).stdout).toBe("2026-12-25\n");
  });

  it("runs in-process through the exported Command too", async () => {
    const io = captureIo();
    expect(await deadlineCommand(["--from", "2031-12-24", "--working-days", "1"], io)).toBe(0);
    expect(io.stdout()).toBe("2031-12-29\n");
  });

  it("prints its usage for --help", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: convene deadline --from YYYY-MM-DD/);
  });

  it.each([
    [
      ["--from", "2026-02-30", "--days", "1"],
      '--from: expected a real calendar date YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      ["--from", "2026-12-21", "--working-days", "-3"],
      '--working-days: expected a whole number from 0 to 100000, got "-3"',
    ],
    [["--from", "2026-12-21", "--days=-1"], '--days: expected a whole number from 0 to 100000, got "-1"'],
    [
      ["--from", "2026-12-21", "--weeks", "1.5"],
      '--weeks: expected a whole number from 0 to 100000, got "1.5"',
    ],
    [
      ["--from", "2026-12-21", "--months", "many"],
      '--months: expected a whole number from 0 to 100000, got "many"',
    ],
    [
      ["--from", "2026-12-21", "--days", "1", "--nation", "wales"],
      '--nation: expected a nation: england-and-wales, scotland or northern-ireland, got "wales"',
    ],
    [["--from", "2026-12-21"], "give exactly one of --working-days, --days, --weeks, --months (got none)"],
    [
      ["--from", "2026-12-21", "--days", "1", "--weeks", "1"],
      "give exactly one of --working-days, --days, --weeks, --months (got --days, --weeks)",
    ],
    [["--days", "1"], "missing --from YYYY-MM-DD"],
    [["--from", "2026-12-21", "--from", "2026-12-22", "--days", "1"], "--from given more than once"],
    [["--from", "2026-12-21", "--fortnights", "1"], "Unknown option '--fortnights'"],
    [["--from", "2026-12-21", "--days", "1", "extra"], "Unexpected argument 'extra'"],
    [["--from"], "Option '--from <value>' argument missing"],
    [
      ["--from", "2017-12-21", "--working-days", "10"],
      "cannot tell whether 2017-12-22 is a bank holiday in england-and-wales",
    ],
    [["--from", "9999-12-31", "--days", "1"], "date arithmetic left the supported years 0000–9999"],
  ])("exits 2 with one line on stderr for %j", async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toHaveLength(2); // one line and its newline
    expect(result.stderr).toContain(`convene deadline: ${message}`);
  });

  it("works as the real binary: the date alone on stdout, or exit 2 with one stderr line", () => {
    const ok = spawnSync(
      process.execPath,
      ["bin/convene.js", "deadline", "--from", "2026-12-31", "--working-days", "1", "--nation", "scotland"],
      {
        encoding: "utf8",
      },
    );
    expect({ status: ok.status, stdout: ok.stdout, stderr: ok.stderr }).toEqual({
      status: 0,
      stdout: "2027-01-05\n",
      stderr: "",
    });
    const bad = spawnSync(
      process.execPath,
      ["bin/convene.js", "deadline", "--from", "2026-02-30", "--days", "1"],
      {
        encoding: "utf8",
      },
    );
    expect({ status: bad.status, stdout: bad.stdout, stderr: bad.stderr }).toEqual({
      status: 2,
      stdout: "",
      stderr: 'convene deadline: --from: expected a real calendar date YYYY-MM-DD, got "2026-02-30"\n',
    });
  });
});
