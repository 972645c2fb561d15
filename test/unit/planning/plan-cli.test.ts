import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../bin/convene.ts";
import { captureIo, UsageError } from "../../../cli/io.ts";
import { planCommand } from "../../../cli/plan.ts";

const dir = mkdtempSync(join(tmpdir(), "convene-plan-"));
const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe("convene plan", () => {
  it("prints the plan of the seed 000 professionals meeting and exits 0", async () => {
    const io = captureIo();
    expect(await planCommand(["examples/plan-professionals-meeting.json"], io)).toBe(0);
    const out = io.stdout();
    expect(out).toMatch(/^Professionals Meeting \(PM\) for C-104233 — Demo Borough Council/);
    expect(out).toMatch(/Due by: +2026-03-18 — on time/);
    expect(out).toMatch(/HELD BACK: Social work evidence template \(care proceedings\)/);
    expect(out).toMatch(/Demo Police: NEEDS A RATIONALE \(seed 001\)/);
    expect(out).toMatch(/Professionals Meeting Agenda re C-104233/);
    // Seed 000's agenda names who is invited, chair first, with email addresses, and the pre-reading.
    expect(out).toMatch(
      /Attendees & email addresses\n +1\. Priya Shah – Chair \(Child's solicitor\), [^\n]* – priya\.shah@shah-solicitors\.example\.org\n +2\. /,
    );
    expect(out).toMatch(/Agreed list of pre-reading\n[^\n]*\n +1\. Parent 'All About Me' document/);
    expect(io.stderr()).toBe("");
  });

  it("prints the plan as JSON with --json", async () => {
    const io = captureIo();
    expect(await planCommand(["examples/plan-cfpm-student.json", "--json"], io)).toBe(0);
    const plan = JSON.parse(io.stdout());
    expect(plan.meetingType.id).toBe("cfpm");
    expect(plan.chair.eligibility.status).toBe("eligible");
    expect(plan.dueBy).toBe("2026-03-16");
  });

  it("applies --authority: the fixture authority calls the CFPM a Child in Need Meeting", async () => {
    const io = captureIo();
    const code = await planCommand(
      ["examples/plan-cfpm-student.json", "--authority", "test/fixtures/authorities/child-in-need.json"],
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout()).toMatch(
      /^Child in Need Meeting \(CIN\) for C-208511 — Child in Need Borough Council/,
    );
    // This authority requires a SENCo, who is invited in the example.
    expect(io.stdout()).toMatch(/required +Mr Bell/);
  });

  it("prints every error of a request that breaks the rules and exits 1 (seed 004)", async () => {
    const request = JSON.parse(
      await import("node:fs/promises").then((fs) => fs.readFile("examples/plan-cfpm-student.json", "utf8")),
    );
    request.chair.role = "social-worker";
    request.chair.email = "someone.else@demo.convene.local";
    request.durationMinutes = 2;
    const file = write("bad-request.json", JSON.stringify(request));
    const io = captureIo();
    expect(await planCommand([file], io)).toBe(1);
    const lines = io.stderr().trimEnd().split("\n");
    expect(lines[0]).toBe(`${file}: 1 error`);
    expect(lines[1]).toBe("  durationMinutes: expected at least 10 minutes");
    const rules = captureIo();
    request.durationMinutes = 60;
    expect(await planCommand([write("rule.json", JSON.stringify(request))], rules)).toBe(1);
    expect(rules.stderr()).toMatch(/ {2}chair\.role: "social-worker" cannot chair: .*\(seed 004\)/);
    expect(rules.stdout()).toBe("");
  });

  it("treats an unreadable file, invalid JSON, a missing argument and an unknown flag as usage errors", async () => {
    await expect(planCommand([join(dir, "missing.json")], captureIo())).rejects.toThrowError(UsageError);
    await expect(planCommand([write("broken.json", "{ not json")], captureIo())).rejects.toThrowError(
      /not valid JSON/,
    );
    await expect(planCommand([], captureIo())).rejects.toThrowError(
      "expected a request file: convene plan FILE.json",
    );
    await expect(
      planCommand(["examples/plan-cfpm-student.json", "--colour"], captureIo()),
    ).rejects.toThrowError("unknown option --colour (expected --json, --authority FILE.json)");
  });

  it("exits 2 with one line on stderr through the convene dispatcher", async () => {
    const io = captureIo();
    expect(await main(["plan", write("broken2.json", "[")], io)).toBe(2);
    expect(io.stderr().trimEnd().split("\n")).toHaveLength(1);
    expect(io.stderr()).toMatch(/^convene plan: .*broken2\.json: not valid JSON/);
  });

  it("reports a bad authority file as a usage error naming the file and field", async () => {
    const io = captureIo();
    expect(
      await main(
        [
          "plan",
          "examples/plan-cfpm-student.json",
          "--authority",
          "test/fixtures/authorities/unknown-role.json",
        ],
        io,
      ),
    ).toBe(2);
    expect(io.stderr()).toMatch(
      /^convene plan: test\/fixtures\/authorities\/unknown-role\.json: meetingTypes\.cfpm\.roles\.required\[2\]: unknown role "gp2"/,
    );
  });
});
