/**
 * Retention as behaviour (issue 14), against dynalite and a real folder blob store: transcripts and
 * recordings go the authority's period after the minutes are final; the whole record, its audit
 * trail, documents and listings go after `retentionYears`; each removal happens once.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoMeetingStore, ensureTable } from "../../../adapters/dynamo/meeting-store.ts";
import { tableDesign } from "../../../adapters/dynamo/table-design.ts";
import { FolderBlobStore } from "../../../adapters/local/blob-store.ts";
import type { LocalDynamo } from "../../../adapters/local/dynalite-server.ts";
import { type LifecycleDeps, LifecycleKernel } from "../../../domain/lifecycle/kernel.ts";
import { retentionDue, scheduleRetention, sweepRetention } from "../../../domain/lifecycle/retention.ts";
import { NotFoundError } from "../../../domain/ports/store.ts";
import { startStoreBackend } from "../../support/store-backend.ts";
import { testMeeting, testSettings } from "../../unit/lifecycle/support.ts";

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startStoreBackend();
});
afterAll(async () => {
  await dynamo?.close();
});

describe("retention: data kept only as long as the authority says", () => {
  it("computes when each removal is due from the moment the minutes are final", () => {
    const final = new Date("2026-03-20T12:00:00Z");
    expect(retentionDue(final, { retentionYears: 25 })).toEqual({
      transcripts: new Date("2027-03-20T12:00:00Z"),
      record: new Date(final.getTime() + 9132 * 86_400_000),
    });
    expect(
      retentionDue(final, { deployment: { retentionDays: { transcripts: 30, recordings: 14 } } }),
    ).toEqual({ transcripts: new Date("2026-04-03T12:00:00Z"), record: undefined });
  });

  it("removes the transcripts after their period, then the whole record after retentionYears, once each", async () => {
    const table = `convene-retention-${randomUUID().slice(0, 8)}`;
    await ensureTable(dynamo.client, table);
    const store = new DynamoMeetingStore(dynamo.client, table);
    const root = await mkdtemp(join(tmpdir(), "convene-retention-"));
    const blobs = new FolderBlobStore(root);
    const clock = { now: new Date("2026-03-20T12:00:00Z") };
    const k = new LifecycleKernel({
      store,
      blobs,
      clock: { now: () => clock.now },
      settings: { ...testSettings, retentionYears: 2, deployment: { retentionDays: { transcripts: 30 } } },
    } as unknown as LifecycleDeps);
    const meeting = testMeeting({ id: "m-retain", phase: "closed" });
    const other = testMeeting({ id: "m-keep", phase: "closed" });
    for (const m of [meeting, other]) {
      await store.createMeeting(m);
      await blobs.put(`transcripts/${m.id}/meeting.vtt`, new TextEncoder().encode("WEBVTT"));
      await blobs.put(`documents/${m.id}/minutes-v1.docx`, new Uint8Array([1, 2, 3]));
      await store.appendAudit({
        at: clock.now.toISOString(),
        meetingId: m.id,
        actor: "t",
        detail: {},
        what: "x",
        via: "t",
      });
    }
    await scheduleRetention(k, meeting, clock.now);

    // Before the period: nothing goes.
    clock.now = new Date("2026-04-18T12:00:00Z");
    expect(await sweepRetention(k, "2026-03-20T12:00:00Z")).toEqual({ removed: 0 });
    expect(await blobs.get(`transcripts/${meeting.id}/meeting.vtt`)).toBeDefined();

    // 30 days on: the transcript goes, audited; the minutes stay; another meeting's data stays.
    clock.now = new Date("2026-04-20T12:00:00Z");
    expect(await sweepRetention(k, "2026-03-20T12:00:00Z")).toEqual({ removed: 1 });
    expect(await blobs.get(`transcripts/${meeting.id}/meeting.vtt`)).toBeUndefined();
    expect(await blobs.get(`documents/${meeting.id}/minutes-v1.docx`)).toBeDefined();
    expect(await blobs.get(`transcripts/${other.id}/meeting.vtt`)).toBeDefined();
    expect((await store.listAudit(meeting.id)).map((e) => e.what)).toContain("retention:transcripts-deleted");
    // Swept again: once only.
    expect(await sweepRetention(k, "2026-03-20T12:00:00Z")).toEqual({ removed: 0 });

    // 2 years on: the whole record, its documents, audit trail and listings.
    clock.now = new Date("2028-03-21T12:00:00Z");
    expect(await sweepRetention(k, "2026-04-20T12:00:00Z")).toEqual({ removed: 1 });
    await expect(store.getMeeting(meeting.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.listAudit(meeting.id)).toEqual([]);
    expect(await blobs.get(`documents/${meeting.id}/minutes-v1.docx`)).toBeUndefined();
    expect(
      (await store.childMeetings(meeting.authorityId, meeting.child.reference)).map((m) => m.id),
    ).toEqual([other.id]);
    expect(await store.listInFlight()).toEqual([other.id]);
    expect((await store.getMeeting(other.id)).id).toBe(other.id);
    expect(await readdir(join(root, "documents"))).toEqual([other.id]);
  });

  it("expires what only guards against repeats: an inbound key after 800 days, an Idempotency-Key after 30, on TTL and by the sweep", async () => {
    const table = `convene-expiry-${randomUUID().slice(0, 8)}`;
    await ensureTable(dynamo.client, table);
    const store = new DynamoMeetingStore(dynamo.client, table);
    const clock = { now: new Date("2026-03-20T12:00:00Z") };
    const k = new LifecycleKernel({
      store,
      blobs: new FolderBlobStore(await mkdtemp(join(tmpdir(), "convene-expiry-"))),
      clock: { now: () => clock.now },
      settings: testSettings,
    } as unknown as LifecycleDeps);
    expect(await store.recordInbound("ses:abc", clock.now.toISOString())).toBe(true);
    expect(
      await store.claimIdempotencyKey("meetings", "key-1", {
        fingerprint: "f",
        meetingId: "m",
        at: clock.now.toISOString(),
      }),
    ).toBe(true);
    // The cloud's TTL attribute, in epoch seconds.
    const raw = await dynamo.client.send(
      new GetItemCommand({ TableName: table, Key: { pk: { S: "INBOUND#ses:abc" }, sk: { S: "INBOUND" } } }),
    );
    expect(Number(raw.Item?.[tableDesign.ttlAttribute]?.N)).toBe(Date.parse("2028-05-28T12:00:00Z") / 1000);
    // 31 days on: the idempotency key has gone, the inbound key has not (a replay is still refused).
    clock.now = new Date("2026-04-20T12:00:00Z");
    expect(await sweepRetention(k, "2026-03-20T12:00:00Z")).toEqual({ removed: 1 });
    expect(await store.getIdempotencyRecord("meetings", "key-1")).toBeUndefined();
    expect(await store.recordInbound("ses:abc", clock.now.toISOString())).toBe(false);
    // 800 days on: gone.
    clock.now = new Date("2028-05-29T12:00:00Z");
    expect(await sweepRetention(k, "2028-05-01T00:00:00Z")).toEqual({ removed: 1 });
    expect(await store.recordInbound("ses:abc", clock.now.toISOString())).toBe(true);
  });
});
