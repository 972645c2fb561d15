import { describe, expect, it } from "vitest";
import { meetingTypeIds } from "#domain/catalog/index.ts";
import { main } from "../../../bin/convene.ts";
import { captureIo, UsageError } from "../../../cli/io.ts";
import { typesCommand } from "../../../cli/types.ts";

describe("convene types", () => {
  it("lists every meeting type with its seeds and first-meeting timescale", async () => {
    const io = captureIo();
    expect(await typesCommand([], io)).toBe(0);
    const lines = io.stdout().trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID +NAME +SEEDS +FIRST MEETING$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual([...meetingTypeIds]);
    expect(io.stdout()).toMatch(
      /cfpm +Child and Family Progress Meeting \(CFPM\) +004 001 +10 working days from the Strategy Discussion/,
    );
  });

  it("prints the full definitions as a JSON array with --json", async () => {
    const io = captureIo();
    expect(await typesCommand(["--json"], io)).toBe(0);
    const types = JSON.parse(io.stdout());
    expect(types).toHaveLength(meetingTypeIds.length);
    const cpm = types.find((t: { id: string }) => t.id === "cpm");
    expect(cpm.timescales.minutes.distribution).toEqual({ kind: "days", amount: 5 });
    expect(cpm.agenda.derived).toBe(true);
  });

  it("shows one type in full", async () => {
    const io = captureIo();
    expect(await typesCommand(["show", "cfpm"], io)).toBe(0);
    const out = io.stdout();
    expect(out).toMatch(/^Child and Family Progress Meeting \(CFPM\) — id cfpm/);
    expect(out).toMatch(/no separate minutes/);
    expect(out).toMatch(/student-case-chair: .*every other meeting/);
    expect(out).toMatch(/ ◊ pre-reading/);
  });

  it("shows one type as JSON", async () => {
    const io = captureIo();
    expect(await typesCommand(["show", "permanency-planning", "--json"], io)).toBe(0);
    expect(JSON.parse(io.stdout()).roles.observer).toEqual(["childrens-guardian"]);
  });

  it("applies an authority's overrides with --authority", async () => {
    const io = captureIo();
    expect(await typesCommand(["--authority", "test/fixtures/authorities/child-in-need.json"], io)).toBe(0);
    expect(io.stdout()).toMatch(/cfpm +Child in Need Meeting \(CIN\)/);
  });

  it("rejects an unknown type, subcommand or flag as a usage error", async () => {
    await expect(typesCommand(["show", "cfpm2"], captureIo())).rejects.toThrowError(
      /^unknown meeting type 'cfpm2' \(expected one of pm, rpm, /,
    );
    await expect(typesCommand(["list"], captureIo())).rejects.toThrowError(UsageError);
    await expect(typesCommand(["show"], captureIo())).rejects.toThrowError(
      "types show: expected a meeting type ID",
    );
    const io = captureIo();
    expect(await main(["types", "--yaml"], io)).toBe(2);
    expect(io.stderr()).toBe(
      "convene types: unknown option --yaml (expected --json, --authority FILE.json)\n",
    );
  });
});
