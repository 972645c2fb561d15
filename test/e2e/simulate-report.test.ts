/**
 * `convene simulate` then `convene report` (issue 13 parts 3 and 5): a seeded caseload through the
 * whole lifecycle on the embedded runtime's virtual clock, and the compliance report's figures
 * checked against what the simulation did, counted independently (its own ledger, and the emails
 * as they were sent, timed by the clock); then the same through the CLI on disk, as CSV, JSON and
 * one HTML file that Debian's Chromium shows with zero axe-core WCAG 2.2 AA violations.
 */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboxMailer } from "../../adapters/local/outbox-mailer.ts";
import { RecordingMailer } from "../../adapters/local/recording-mailer.ts";
import { LocalRuntime } from "../../adapters/local/runtime.ts";
import { runSimulation, type SimulationResult } from "../../adapters/local/simulation.ts";
import { loadCaseload } from "../../adapters/oversight/load-caseload.ts";
import { main } from "../../bin/convene.ts";
import { captureIo } from "../../cli/io.ts";
import { localDate } from "../../domain/lifecycle/time.ts";
import { extractIds, extracts } from "../../domain/oversight/extracts/index.ts";
import type { ComplianceReport } from "../../domain/oversight/report.ts";
import { buildReport } from "../../domain/oversight/report.ts";
import type { Mailer } from "../../domain/ports/mailer.ts";
import { chromiumArgs, ensureChromium } from "../../scripts/ensure-chromium.mjs";
import { screenshots, wcagTags } from "./workspace-support.ts";

const start = new Date("2026-04-01T08:00:00Z");

describe("a simulated caseload, reported (issue 13)", () => {
  let runtime: LocalRuntime;
  let result: SimulationResult;
  let report: ComplianceReport;
  /** Every email as it was sent, with the virtual time it went. */
  const sends: Array<{ meetingId?: string; kind: string; at: Date }> = [];

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "convene-simulate-"));
    let clock = () => start;
    const outbox = new OutboxMailer(join(dataDir, "outbox"), undefined, { now: () => clock() });
    const timed: Mailer = {
      send: async (email) => {
        sends.push({ meetingId: email.meetingId, kind: email.kind, at: clock() });
        return outbox.send(email);
      },
    };
    const mailer = new RecordingMailer(timed, { attachmentBytes: false });
    runtime = await LocalRuntime.start({
      dataDir,
      memory: true,
      virtualStart: start,
      mailer,
      retryIntervalMs: 0,
    });
    clock = () => runtime.clock.now();
    result = await runSimulation(runtime, mailer, { children: 6, months: 3, seed: 11 });
    const caseload = await loadCaseload(runtime.authority.id, runtime.authority.timezone, {
      store: runtime.store,
      directory: runtime.directory,
      plans: runtime.plans.store,
    });
    report = buildReport(caseload, { from: result.from, to: result.to, asAt: result.to });
  }, 300_000);

  afterAll(async () => {
    await runtime?.close();
  });

  const all = () => {
    const row = report.rows.find((r) => r.dimension === "all");
    if (!row) throw new Error("no total row");
    return row.figures;
  };

  it("drives every meeting it convened, reviews included, with no failed execution", () => {
    expect(result.failedExecutions).toEqual([]);
    expect(result.ledger.convened.filter((c) => !c.byLifecycle)).toHaveLength(6);
    expect(result.ledger.convened.some((c) => c.byLifecycle)).toBe(true);
    expect(result.ledger.held.length).toBeGreaterThanOrEqual(6);
    expect(result.ledger.actions.length).toBeGreaterThan(0);
    expect(result.emails).toBe(sends.length);
  });

  it("counts the meetings held as the simulation recorded them", () => {
    const f = all();
    const heldInPeriod = result.ledger.held.filter((h) => h.heldOn >= result.from && h.heldOn <= result.to);
    expect(f["held-on-time"].count + f["held-late"].count + f["held-no-timescale"].count).toBe(
      heldInPeriod.length,
    );
    const heldIds = new Set(heldInPeriod.map((h) => h.meetingId));
    for (const id of [...f["held-on-time"].meetings, ...f["held-late"].meetings])
      expect(heldIds.has(id)).toBe(true);
    // By type, the same count.
    for (const row of report.rows.filter((r) => r.dimension === "type")) {
      const held =
        row.figures["held-on-time"].count +
        row.figures["held-late"].count +
        row.figures["held-no-timescale"].count;
      expect(held, row.key).toBe(heldInPeriod.filter((h) => h.typeId === row.key).length);
    }
  });

  it("counts the records distributed, on time or late, from the final emails as they were sent", async () => {
    const f = all();
    const finals = new Map<string, Date>();
    for (const s of sends)
      if (s.kind === "final-minutes" && s.meetingId && !finals.has(s.meetingId))
        finals.set(s.meetingId, s.at);
    const tz = runtime.authority.timezone;
    let onTime = 0;
    let late = 0;
    for (const [id, at] of finals) {
      const meeting = await runtime.store.getMeeting(id);
      const day = localDate(new Date(meeting.start), tz);
      if (day < result.from || day > result.to) continue;
      if (localDate(at, tz) <= meeting.minutesDueBy) onTime++;
      else late++;
    }
    expect(f["record-on-time"].count).toBe(onTime);
    expect(f["record-late"].count).toBe(late);
    expect(onTime + late).toBeGreaterThan(0);
  });

  it("counts the actions done on time and late as the simulation did them", async () => {
    const f = all();
    const tz = runtime.authority.timezone;
    const inPeriod = new Set<string>();
    for (const c of result.ledger.convened) {
      const day = localDate(new Date((await runtime.store.getMeeting(c.meetingId)).start), tz);
      if (day >= result.from && day <= result.to) inPeriod.add(c.meetingId);
    }
    const mine = result.ledger.actions.filter((a) => inPeriod.has(a.meetingId));
    const done = mine.filter((a) => a.doneOn && a.dueOn);
    expect(f.actions.count).toBe(mine.length);
    expect(f["actions-done-on-time"].count).toBe(
      done.filter((a) => (a.doneOn as string) <= (a.dueOn as string)).length,
    );
    expect(f["actions-done-late"].count).toBe(
      done.filter((a) => (a.doneOn as string) > (a.dueOn as string)).length,
    );
    // The rest were never done: open (overdue or not yet due), or slipped off the ladder; and
    // an action done late after slipping is counted as slipped too.
    const undone = mine.length - done.length;
    const open = f["actions-overdue"].count + f["actions-open"].count;
    expect(open).toBeLessThanOrEqual(undone);
    expect(f["actions-slipped"].count).toBeGreaterThanOrEqual(undone - open);
    expect(f["actions-escalated"].count).toBeGreaterThanOrEqual(f["actions-slipped"].count);
    // Never done and past the end of the ladder: slipped, escalated first.
    expect(mine.filter((a) => a.fate === "never").length).toBeGreaterThan(0);
  });

  it("seed 004: counts the Child in Need visits on time and late as the simulation made them", () => {
    const f = all();
    const due = result.ledger.visits.filter((v) => v.dueBy >= result.from && v.dueBy <= result.to);
    expect(result.ledger.plans).toBeGreaterThan(0);
    expect(due.length).toBeGreaterThan(0);
    expect(f["visits-on-time"].count).toBe(due.filter((v) => v.visitedOn <= v.dueBy).length);
    expect(f["visits-late"].count).toBe(due.filter((v) => v.visitedOn > v.dueBy).length);
    expect(f.visits.count).toBeGreaterThanOrEqual(due.length);
  });
});

describe("convene simulate, then convene report as CSV, JSON and HTML (issue 13 'Done means')", () => {
  const dir = join(tmpdir(), `convene-simulate-cli-${process.pid}`);
  const run = async (...argv: string[]) => {
    const io = captureIo();
    const code = await main(argv, io);
    return { code, out: io.stdout(), err: io.stderr() };
  };

  it("refuses bad arguments with one line naming the argument", async () => {
    expect(await run("simulate", "--children", "0", "--months", "1", "--dir", dir)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^convene simulate: --children: expected at least 1/),
    });
    expect((await run("simulate", "--months", "1")).err).toMatch(/--children is required/);
    expect((await run("report", "--from", "2026-13-01", "--dir", dir)).err).toMatch(
      /^convene report: --from: /,
    );
    expect((await run("report", "--format", "pdf", "--dir", dir)).err).toMatch(/^convene report: --format: /);
    expect(await run("report", "--dir", join(dir, "nothing-here"))).toMatchObject({
      code: 1,
      err: expect.stringMatching(/no Convene data here/),
    });
  });

  it("simulates to a folder, and reports on it: the CSV, the JSON and the HTML agree", async () => {
    const simulated = await run("simulate", "--children", "3", "--months", "2", "--seed", "5", "--dir", dir);
    expect(simulated.err).not.toMatch(/failed/);
    expect(simulated.code).toBe(0);
    expect(simulated.out).toMatch(/^Simulated 3 children for 2 months \(2026-04-01 to /);
    expect(simulated.out).toMatch(/emails: +\d+ \(/);
    // Again into the same folder: refused, nothing mixed.
    expect((await run("simulate", "--children", "3", "--months", "2", "--dir", dir)).err).toMatch(
      /already holds Convene data/,
    );

    const json = JSON.parse((await run("report", "--dir", dir, "--format", "json")).out) as ComplianceReport;
    const csv = (await run("report", "--dir", dir, "--format", "csv")).out.trimEnd().split("\r\n");
    expect(csv[0]).toBe(
      "from,to,as_at,dimension,group_key,group,measure,measure_label,count,meetings,children",
    );
    const total = json.rows[0];
    expect(total?.dimension).toBe("all");
    expect(total?.figures["held-on-time"].count ?? 0).toBeGreaterThan(0);
    const held = csv.find((l) => l.includes(",all,all,All meetings,held-on-time,"));
    expect(held?.split(",")[8]).toBe(String(total?.figures["held-on-time"].count));
    expect(csv).toHaveLength(1 + json.rows.length * 22);

    // The returns from the same folder: each header the extract's columns, a row per child listed.
    for (const id of extractIds) {
      const extracted = await run(
        "extract",
        "--return",
        id,
        "--from",
        "2026-04-01",
        "--to",
        "2026-05-31",
        "--dir",
        dir,
      );
      expect(extracted.code, extracted.err).toBe(0);
      expect(extracted.out.split("\r\n")[0]).toBe(extracts[id].columns.join(","));
    }
    const list6 = (
      await run(
        "extract",
        "--return",
        "annex-a-list-6",
        "--from",
        "2026-04-01",
        "--to",
        "2026-05-31",
        "--dir",
        dir,
      )
    ).out;
    expect(list6.trimEnd().split("\r\n").length).toBeGreaterThan(1);

    const out = join(dir, "report.html");
    const html = await run("report", "--dir", dir, "--format", "html", "--out", out);
    expect(html.err).toMatch(/meetings, \d+ actions, \d+ visits → /);
    const text = await readFile(out, "utf8");
    expect(text.match(/<svg /g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    // Every figure's link leads to its list of meetings in the same file.
    const targets = [...text.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(targets.length).toBeGreaterThan(0);
    for (const id of targets) expect(text).toContain(`id="${id}"`);

    const browser = await chromium.launch({ executablePath: await ensureChromium(), args: chromiumArgs });
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`file://${out}`);
      await page.screenshot({ path: join(screenshots, "30-report-standalone.png"), fullPage: false });
      const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
      expect(results.violations.map((v) => v.id)).toEqual([]);
      expect(
        await page.getByRole("img", { name: "Meetings held within the statutory timescale" }).count(),
      ).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  }, 240_000);
});
