/**
 * `convene erase` (issue 14): a person's data erased on a lawful request, on the embedded runtime
 * after the demo meeting (seed 000) has run to the end. Refused, changing nothing, while a meeting
 * still needs the address; then the address is gone from the meeting, its actions and its log, the
 * person's own words outside the record are removed, the transcripts deleted, and the agreed
 * minutes stay exactly as they were (the statutory record).
 */

import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDirectory } from "../../adapters/local/demo-directory.ts";
import { runDemoMeeting } from "../../adapters/local/demo-scenario.ts";
import { main } from "../../bin/convene.ts";
import { captureIo } from "../../cli/io.ts";
import { cancel } from "../../domain/lifecycle/cancel.ts";
import { ErasureRefusedError, erasePerson } from "../../domain/lifecycle/erase-person.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import { startTestRuntime, type TestRuntime } from "./support.ts";

const kate = "kate.moss@health.example.org";
const aisha = "aisha.karim@camhs.example.org";

describe("erasing a person's data on a lawful request (issue 14)", () => {
  let t: TestRuntime;
  let dataDir: string;
  let meeting: Meeting;
  let reviewId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "convene-erase-"));
    t = await startTestRuntime({ dataDir, memory: false });
    const result = await runDemoMeeting(t.runtime, t.mailer);
    meeting = await t.runtime.store.getMeeting(result.meetingId);
    reviewId = String(result.reviewMeetingId);
  }, 120_000);

  afterAll(async () => {
    await t?.runtime.close();
  });

  const erase = (email: string, dryRun = false) =>
    erasePerson(t.runtime.kernel, {
      email,
      request: "DSAR-2026-114",
      actor: "amira.hassan@demo.convene.local",
      via: "test",
      dryRun,
      inDirectory: false,
    });

  it("is refused, changing nothing, while the review meeting still needs the address or an open action is theirs", async () => {
    const before = JSON.stringify(await t.runtime.store.listAudit(meeting.id));
    const refused = await erase(kate).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ErasureRefusedError);
    expect((refused as ErasureRefusedError).blockers).toEqual([
      expect.stringMatching(new RegExp(`${reviewId} .*still in progress \\(await-meeting\\)`)),
    ]);
    const owner = (await erase(aisha).catch((e: unknown) => e)) as ErasureRefusedError;
    expect(owner.blockers.some((b) => /action \d+ is theirs and open: reassign it first/.test(b))).toBe(true);
    expect(JSON.stringify(await t.runtime.store.listAudit(meeting.id))).toBe(before);
    expect((await t.runtime.store.getMeeting(meeting.id)).invitees.some((p) => p.email === kate)).toBe(true);
  });

  it("erases once nothing needs it: the address, their notes and the transcripts go; the agreed minutes stay", async () => {
    await cancel(
      t.runtime.kernel,
      reviewId,
      "The family moved out of the area.",
      meeting.chair.email,
      "test",
    );
    await t.runtime.settle();
    const minutesBefore = await t.runtime.store.getMinutesVersion(meeting.id, meeting.minutesVersion);
    expect(await t.runtime.deps.blobs.get(`transcripts/${meeting.id}/latest`)).toBeDefined();

    const dry = await erase(kate, true);
    expect(dry.meetings.map((m) => m.id).sort()).toEqual([meeting.id, reviewId].sort());
    expect((await t.runtime.store.getMeeting(meeting.id)).invitees.some((p) => p.email === kate)).toBe(true);

    const done = await erase(kate);
    expect(done.tombstone).toMatch(/^erased-[0-9a-f]{16}@erased\.invalid$/);
    const after = await t.runtime.store.getMeeting(meeting.id);
    const entry = after.invitees.find((p) => p.name === "Kate Moss");
    expect(entry?.email).toBe(done.tombstone);
    // Nowhere in the meeting's items, its log included, and not in the erasure's own audit event.
    const everything = JSON.stringify([
      after,
      await t.runtime.store.listAudit(meeting.id),
      await t.runtime.store.listAnswers(meeting.id),
      await t.runtime.store.listActions(meeting.id),
    ]).toLowerCase();
    expect(everything).not.toContain(kate);
    const sends = await t.runtime.store.sendState(meeting.id, `final-minutes-v${meeting.minutesVersion}`, [
      kate,
    ]);
    expect(sends.sends.size).toBe(0);
    const answer = (await t.runtime.store.listAnswers(meeting.id)).find((a) => a.index === entry?.index);
    expect(answer?.note).toBeUndefined();
    expect(answer?.reports?.length ?? 0).toBeGreaterThan(0);
    const audit = (await t.runtime.store.listAudit(meeting.id)).find((e) => e.what === "person-erased");
    expect(audit).toMatchObject({
      actor: "amira.hassan@demo.convene.local",
      detail: { request: "DSAR-2026-114", tombstone: done.tombstone },
    });
    // Made due for removal now: the next sweep removes them, audited as retention does.
    expect(await t.runtime.deps.blobs.get(`transcripts/${meeting.id}/latest`)).toBeDefined();
    await t.runtime.sweep();
    expect(await t.runtime.deps.blobs.get(`transcripts/${meeting.id}/latest`)).toBeUndefined();
    // The statutory record, as agreed and hashed.
    expect(await t.runtime.store.getMinutesVersion(meeting.id, meeting.minutesVersion)).toEqual(
      minutesBefore,
    );
    // Again: nothing holds the address any more.
    expect((await erase(kate)).meetings).toEqual([]);
  });

  it("convene erase on the stopped folder: one line per reason it cannot, naming the argument it lacks", async () => {
    // The demo authority's staff directory, as the workspace imports it.
    const people = loadDemoDirectory();
    await t.runtime.directory.replaceDirectory(t.runtime.authority.id, people, 0, {
      at: t.runtime.clock.now().toISOString(),
      by: "test",
      source: "import",
      summary: "the demo directory",
      added: people.length,
      removed: 0,
      changed: 0,
    });
    await t.runtime.close();
    const run = async (...argv: string[]) => {
      const io = captureIo();
      return { code: await main(argv, io), out: io.stdout(), err: io.stderr() };
    };
    expect(
      await run("erase", "--email", aisha, "--by", "amira.hassan@demo.convene.local", "--dir", dataDir),
    ).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^convene erase: --request is required/),
    });
    expect(
      (
        await run(
          "erase",
          "--email",
          "not-an-address",
          "--request",
          "R1",
          "--by",
          "a@b.org",
          "--dir",
          dataDir,
        )
      ).err,
    ).toMatch(/^convene erase: --email: "not-an-address" is not an email address/);
    const refused = await run(
      "erase",
      "--email",
      aisha,
      "--request",
      "R1",
      "--by",
      "amira.hassan@demo.convene.local",
      "--dir",
      dataDir,
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /nothing was erased:\n {2}- .*action \d+ is theirs and open: reassign it first/,
    );
    const staff = await run(
      "erase",
      "--email",
      "tom.hughes@demo.convene.local",
      "--request",
      "R2",
      "--by",
      "amira.hassan@demo.convene.local",
      "--dir",
      dataDir,
      "--dry-run",
    );
    expect(staff.code).toBe(1);
    expect(staff.err).toMatch(/in the staff directory/);
    t = await startTestRuntime({ dataDir, memory: false });
  }, 120_000);
});
