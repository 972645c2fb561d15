/**
 * DynamoMeetingStore against a real DynamoDB wire protocol (dynalite, in memory; and, imported by
 * meeting-store.dynamodb-local.test.ts, AWS's DynamoDB Local). Each test gets its own table, so
 * timers, the in-flight list and the sweeper state never leak between tests.
 */

import { randomUUID } from "node:crypto";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoMeetingStore, ensureTable } from "../../../adapters/dynamo/meeting-store.ts";
import { tableDesign } from "../../../adapters/dynamo/table-design.ts";
import { type LocalDynamo, startDynalite } from "../../../adapters/local/dynalite-server.ts";
import { type LifecycleDeps, LifecycleKernel } from "../../../domain/lifecycle/kernel.ts";
import type { Action, AuditEvent, Meeting, Timer, Wait } from "../../../domain/lifecycle/model.ts";
import { registerWait } from "../../../domain/lifecycle/register-wait.ts";
import type { LifecycleSettings } from "../../../domain/lifecycle/settings.ts";
import { sweep } from "../../../domain/lifecycle/sweep.ts";
import { draftMinutes } from "../../../domain/minutes/index.ts";
import { ConflictError, NotFoundError } from "../../../domain/ports/store.ts";
import { startStoreBackend } from "../../support/store-backend.ts";
import { testMeeting } from "../../unit/lifecycle/support.ts";
import { smallMeeting, vtt } from "../../unit/minutes/helpers.ts";

let dynamo: LocalDynamo;

/** Command names (and the index they used) sent while `recording` is on. */
const sent: Array<{ command: string; indexName?: string }> = [];
let recording = false;

beforeAll(async () => {
  dynamo = await startStoreBackend();
  dynamo.client.middlewareStack.add(
    (next, context) => async (args) => {
      if (recording) {
        const input = args.input as { IndexName?: string };
        sent.push({ command: String(context.commandName), indexName: input.IndexName });
      }
      return next(args);
    },
    { step: "initialize", name: "record-commands-for-test" },
  );
});

afterAll(async () => {
  await dynamo?.close();
});

async function freshStore(): Promise<DynamoMeetingStore> {
  const table = `convene-test-${randomUUID().slice(0, 8)}`;
  await ensureTable(dynamo.client, table);
  return new DynamoMeetingStore(dynamo.client, table);
}

/** The lifecycle tests' meeting, at the start of its life: invited, one social worker with a line manager. */
function meeting(id: string, overrides: Partial<Meeting> = {}): Meeting {
  return testMeeting({
    id,
    invitees: [
      {
        index: 1,
        name: "Sam Social Worker",
        email: "sam@example.org",
        role: "social-worker",
        agency: "Children's services",
        lineManager: { name: "Lee Manager", email: "lee@example.org" },
        keyAgency: true,
        observer: false,
        family: false,
      },
    ],
    phase: "invite",
    minutesDueBy: "2026-07-08",
    minutesVersion: 0,
    actionCount: 0,
    createdAt: "2026-06-20T10:00:00.000Z",
    updatedAt: "2026-06-20T10:00:00.000Z",
    version: 0,
    ...overrides,
  });
}

function timer(meetingId: string, dueAt: string, overrides: Partial<Timer> = {}): Timer {
  return { id: "d-0", meetingId, kind: "deadline", purpose: "action", ref: 1, level: 0, dueAt, ...overrides };
}

function wait(token: string, overrides: Partial<Wait> = {}): Wait {
  return {
    purpose: "approval",
    ref: 1,
    token,
    status: "waiting",
    level: 0,
    deadline: "2026-07-08T16:00:00.000Z",
    reminders: ["2026-07-07T08:00:00.000Z"],
    registeredAt: "2026-07-03T10:00:00.000Z",
    ...overrides,
  };
}

describe("meetings", () => {
  it("moves a rescheduled meeting's listings to its new start, so its removal leaves none behind", async () => {
    const store = await freshStore();
    const m = meeting("mlistedaaaaaaaaa", { start: "2026-07-01T09:00:00.000Z" });
    await store.createMeeting(m);
    await store.createMeeting(meeting("motheraaaaaaaaaa", { start: "2026-07-05T09:00:00.000Z" }));
    const moved = { ...m, start: "2026-07-08T09:00:00.000Z" };
    await store.moveListings(moved, m.start);
    const child = await store.childMeetings(m.authorityId, m.child.reference);
    expect(child.map((c) => [c.id, c.start])).toEqual([
      ["motheraaaaaaaaaa", "2026-07-05T09:00:00.000Z"],
      ["mlistedaaaaaaaaa", "2026-07-08T09:00:00.000Z"],
    ]);
    expect((await store.authorityMeetings(m.authorityId)).map((c) => c.start)).toEqual([
      "2026-07-05T09:00:00.000Z",
      "2026-07-08T09:00:00.000Z",
    ]);
    await store.deleteMeetingRecords(moved);
    expect((await store.childMeetings(m.authorityId, m.child.reference)).map((c) => c.id)).toEqual([
      "motheraaaaaaaaaa",
    ]);
    expect((await store.authorityMeetings(m.authorityId)).map((c) => c.id)).toEqual(["motheraaaaaaaaaa"]);
  });

  it("creates a meeting and reads it back as stored", async () => {
    const store = await freshStore();
    const m = meeting("m-create");
    await store.createMeeting(m);
    expect(await store.getMeeting("m-create")).toEqual(m);
  });

  it("refuses to create a second meeting with the same id and keeps the first", async () => {
    const store = await freshStore();
    await store.createMeeting(meeting("m-dup", { title: "First" }));
    await expect(store.createMeeting(meeting("m-dup", { title: "Second" }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await store.getMeeting("m-dup")).title).toBe("First");
  });

  it("throws NotFoundError for a meeting that does not exist", async () => {
    const store = await freshStore();
    await expect(store.getMeeting("nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("saves with the version read and stores the next version", async () => {
    const store = await freshStore();
    await store.createMeeting(meeting("m-save"));
    const read = await store.getMeeting("m-save");
    const saved = await store.saveMeeting({ ...read, title: "Renamed" });
    expect(saved.version).toBe(read.version + 1);
    expect(await store.getMeeting("m-save")).toEqual(saved);
  });

  it("rejects a save from a stale version with ConflictError and overwrites nothing", async () => {
    const store = await freshStore();
    await store.createMeeting(meeting("m-stale"));
    const a = await store.getMeeting("m-stale");
    const b = await store.getMeeting("m-stale");
    await store.saveMeeting({ ...a, title: "Writer A" });
    await expect(store.saveMeeting({ ...b, title: "Writer B" })).rejects.toBeInstanceOf(ConflictError);
    const stored = await store.getMeeting("m-stale");
    expect(stored.title).toBe("Writer A");
    expect(stored.version).toBe(a.version + 1);
  });

  it("does not create a meeting through saveMeeting", async () => {
    const store = await freshStore();
    await expect(store.saveMeeting(meeting("m-ghost"))).rejects.toBeInstanceOf(ConflictError);
    await expect(store.getMeeting("m-ghost")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("sets the phase, bumping the version and the updated time", async () => {
    const store = await freshStore();
    await store.createMeeting(meeting("m-phase"));
    const next = await store.setPhase("m-phase", "await-meeting", "2026-06-21T09:00:00.000Z");
    expect(next).toMatchObject({ phase: "await-meeting", updatedAt: "2026-06-21T09:00:00.000Z", version: 1 });
    expect((await store.getMeeting("m-phase")).phase).toBe("await-meeting");
  });

  it("lists only meetings in flight: a closed meeting drops out, a cancelled one when its cancellation is done", async () => {
    const store = await freshStore();
    for (const id of ["m-open", "m-closed", "m-cancelled"]) await store.createMeeting(meeting(id));
    expect((await store.listInFlight()).sort()).toEqual(["m-cancelled", "m-closed", "m-open"]);
    const toClose = await store.getMeeting("m-closed");
    await store.saveMeeting({ ...toClose, phase: "closed" });
    await store.setPhase("m-cancelled", "cancelled", "2026-06-22T09:00:00.000Z");
    expect((await store.listInFlight()).sort()).toEqual(["m-cancelled", "m-open"]);
    await store.endInFlight("m-cancelled");
    expect(await store.listInFlight()).toEqual(["m-open"]);
  });

  it("keeps a closed meeting with actions in flight until its trackers finish (endInFlight)", async () => {
    const store = await freshStore();
    await store.createMeeting(meeting("m-tracked", { actionCount: 4 }));
    await store.saveMeeting({ ...(await store.getMeeting("m-tracked")), phase: "closed" });
    expect(await store.listInFlight()).toEqual(["m-tracked"]);
    await store.endInFlight("m-tracked");
    expect(await store.listInFlight()).toEqual([]);
  });

  it("keeps send records per batch and recipient, read back with the undeliverable addresses in one batch", async () => {
    const store = await freshStore();
    await store.markUndeliverable("Gone@Example.org", "bounce: mailbox unknown", "2026-06-20T10:00:00.000Z");
    const pending = {
      batch: "final-minutes-v2",
      recipient: "Sam@Example.org",
      kind: "final-minutes",
      messageId: "abc@example.org",
      status: "pending" as const,
      at: "2026-06-20T10:00:00.000Z",
    };
    await store.putSends("m-sends", [pending], []);
    await store.putSends(
      "m-sends",
      [{ ...pending, batch: "final-minutes-v1", status: "sent", sentAt: "2026-06-20T10:00:01.000Z" }],
      [
        {
          at: "2026-06-20T10:00:01.000Z",
          meetingId: "m-sends",
          actor: "system",
          what: "email:final-minutes",
          via: "workflow",
          detail: {},
        },
      ],
    );
    const state = await store.sendState("m-sends", "final-minutes-v2", [
      "sam@example.org",
      "gone@example.org",
    ]);
    expect([...state.undeliverable]).toEqual(["gone@example.org"]);
    expect([...state.sends.entries()]).toEqual([
      ["sam@example.org", { ...pending, recipient: "sam@example.org" }],
    ]);
    const v1 = await store.sendState("m-sends", "final-minutes-v1", ["SAM@example.org"]);
    expect(v1.sends.get("sam@example.org")?.status).toBe("sent");
    expect(await store.sendState("m-sends", undefined, ["sam@example.org"])).toEqual({
      undeliverable: new Set(),
      sends: new Map(),
    });
    expect(await store.listAudit("m-sends")).toHaveLength(1);
  });
});

describe("answers, minutes, approvals and actions", () => {
  it("keeps one answer per invitee (the latest) and lists them in invitee order", async () => {
    const store = await freshStore();
    await store.putAnswer("m1", {
      index: 2,
      attendance: "attending",
      reportReceived: false,
      at: "2026-06-21T10:00:00Z",
    });
    await store.putAnswer("m1", {
      index: 1,
      attendance: "declined",
      reportReceived: false,
      at: "2026-06-21T11:00:00Z",
    });
    await store.putAnswer("m1", {
      index: 2,
      attendance: "apologies-with-report",
      reportReceived: true,
      at: "2026-06-22T10:00:00Z",
    });
    await store.putAnswer("m2", {
      index: 1,
      attendance: "attending",
      reportReceived: false,
      at: "2026-06-21T10:00:00Z",
    });
    const answers = await store.listAnswers("m1");
    expect(answers.map((a) => [a.index, a.attendance])).toEqual([
      [1, "declined"],
      [2, "apologies-with-report"],
    ]);
  });

  it("refuses an answer that does not fit the schema", async () => {
    const store = await freshStore();
    await expect(
      store.putAnswer("m1", { index: 1, attendance: "maybe" as never, reportReceived: false, at: "x" }),
    ).rejects.toThrow(/attendance/);
  });

  it("stores each minutes version once: writing version 1 twice is a ConflictError", async () => {
    const store = await freshStore();
    const v1 = {
      version: 1,
      hash: "abc",
      minutes: draftMinutes({ meeting: smallMeeting(), transcript: vtt([["Chair", "We agreed the plan."]]) }),
      createdAt: "2026-07-02T10:00:00Z",
      createdBy: "system",
    };
    await store.putMinutesVersion("m1", v1);
    await expect(store.putMinutesVersion("m1", { ...v1, hash: "other" })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await store.getMinutesVersion("m1", 1)).toEqual(v1);
    await store.putMinutesVersion("m1", { ...v1, version: 2, hash: "def" });
    expect((await store.getMinutesVersion("m1", 2)).hash).toBe("def");
    await expect(store.getMinutesVersion("m1", 3)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("replaces a stored minutes version only under a higher fence than it was written with (the orphan a crash leaves)", async () => {
    const store = await freshStore();
    const v2 = {
      version: 2,
      hash: "orphan",
      minutes: draftMinutes({ meeting: smallMeeting(), transcript: vtt([["Chair", "We agreed the plan."]]) }),
      createdAt: "2026-07-02T10:00:00Z",
      createdBy: "chair@example.org",
    };
    await store.putMinutesVersion("m1", v2, { meetingVersion: 5 });
    // Without `replace`, and with a fence no higher than the stored one, nothing is overwritten.
    await expect(
      store.putMinutesVersion("m1", { ...v2, hash: "a" }, { meetingVersion: 6 }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      store.putMinutesVersion("m1", { ...v2, hash: "b" }, { meetingVersion: 5, replace: true }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await store.getMinutesVersion("m1", 2)).hash).toBe("orphan");
    await store.putMinutesVersion("m1", { ...v2, hash: "c" }, { meetingVersion: 6, replace: true });
    expect((await store.getMinutesVersion("m1", 2)).hash).toBe("c");
    // The replacement carries its own fence: an older writer cannot come back over it.
    await expect(
      store.putMinutesVersion("m1", { ...v2, hash: "d" }, { meetingVersion: 6, replace: true }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await store.getMinutesVersion("m1", 2)).hash).toBe("c");
  });

  it("lists approvals of one minutes version only, a person's later response replacing the earlier", async () => {
    const store = await freshStore();
    await store.putApproval("m1", {
      version: 1,
      index: 1,
      response: "request-changes",
      text: "typo",
      at: "2026-07-03T09:00:00Z",
    });
    await store.putApproval("m1", { version: 1, index: 2, response: "approve", at: "2026-07-03T10:00:00Z" });
    await store.putApproval("m1", { version: 1, index: 1, response: "approve", at: "2026-07-03T11:00:00Z" });
    await store.putApproval("m1", { version: 2, index: 1, response: "deemed", at: "2026-07-06T16:00:00Z" });
    const v1 = await store.listApprovals("m1", 1);
    expect(v1.map((a) => [a.index, a.response])).toEqual([
      [1, "approve"],
      [2, "approve"],
    ]);
    expect((await store.listApprovals("m1", 2)).map((a) => a.response)).toEqual(["deemed"]);
    expect(await store.listApprovals("m1", 3)).toEqual([]);
  });

  it("stores actions by number, updates them in place and lists them in order", async () => {
    const store = await freshStore();
    const action = (number: number, status: Action["status"] = "open"): Action => ({
      number,
      action: `Action ${number}`,
      timescale: "2 weeks",
      dueDate: "2026-07-15",
      responsible: { name: "Sam Social Worker", email: "sam@example.org", inviteeIndex: 1 },
      notes: "",
      status,
      escalationLevel: 0,
    });
    await store.putAction("m1", action(2));
    await store.putAction("m1", action(1));
    await store.putAction("m1", action(2, "done"));
    expect((await store.listActions("m1")).map((a) => [a.number, a.status])).toEqual([
      [1, "open"],
      [2, "done"],
    ]);
    expect((await store.getAction("m1", 2)).status).toBe("done");
    await expect(store.getAction("m1", 3)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("waits", () => {
  it("closes a wait only with the token it holds, once, and only from waiting", async () => {
    const store = await freshStore();
    await store.putWait("m1", wait("token-1"));
    expect(
      await store.closeWait("m1", "approval", 1, "token-other", "completed", "2026-07-04T10:00:00Z"),
    ).toBe(false);
    expect((await store.getWait("m1", "approval", 1))?.status).toBe("waiting");

    expect(await store.closeWait("m1", "approval", 1, "token-1", "completed", "2026-07-04T10:00:00Z")).toBe(
      true,
    );
    expect(await store.getWait("m1", "approval", 1)).toMatchObject({
      status: "completed",
      completedAt: "2026-07-04T10:00:00Z",
      token: "token-1",
    });
    expect(await store.closeWait("m1", "approval", 1, "token-1", "expired", "2026-07-05T10:00:00Z")).toBe(
      false,
    );
    expect((await store.getWait("m1", "approval", 1))?.status).toBe("completed");
  });

  it("does not close a wait that has already expired, nor one that does not exist", async () => {
    const store = await freshStore();
    await store.putWait("m1", wait("token-1", { status: "expired" }));
    expect(await store.closeWait("m1", "approval", 1, "token-1", "completed", "2026-07-04T10:00:00Z")).toBe(
      false,
    );
    expect(await store.closeWait("m1", "action", 9, "token-1", "completed", "2026-07-04T10:00:00Z")).toBe(
      false,
    );
    expect(await store.getWait("m1", "action", 9)).toBeUndefined();
  });

  it("keeps waits apart by purpose and ref, and a re-armed wait replaces the old token", async () => {
    const store = await freshStore();
    await store.putWait("m1", wait("approval-token"));
    await store.putWait("m1", wait("action-1", { purpose: "action", ref: 1 }));
    await store.putWait("m1", wait("action-2", { purpose: "action", ref: 2 }));
    await store.putWait("m1", wait("action-1-rearmed", { purpose: "action", ref: 1 }));
    expect((await store.getWait("m1", "approval", 1))?.token).toBe("approval-token");
    expect((await store.getWait("m1", "action", 1))?.token).toBe("action-1-rearmed");
    expect((await store.getWait("m1", "action", 2))?.token).toBe("action-2");
    expect(await store.closeWait("m1", "action", 1, "action-1", "completed", "2026-07-04T10:00:00Z")).toBe(
      false,
    );
  });
});

describe("timers", () => {
  it("keeps apart the timers of two waits of one meeting that fall due at the same instant", async () => {
    const store = await freshStore();
    // Two actions agreed at one meeting, both due the same day: their level-0 deadlines coincide.
    const at = "2026-07-16T16:00:00.000Z";
    await store.putTimer(timer("m1", at, { purpose: "action", ref: 1, id: "d-0" }));
    await store.putTimer(timer("m1", at, { purpose: "action", ref: 2, id: "d-0" }));
    const due = await store.dueTimers("2026-07", at);
    expect(due.map((t) => `${t.purpose} ${t.ref}`).sort()).toEqual(["action 1", "action 2"]);
  });

  it("returns only the given month's timers due up to the instant, in time order", async () => {
    const store = await freshStore();
    await store.putTimer(timer("m1", "2026-07-06T16:00:00.000Z", { id: "d-0" }));
    await store.putTimer(timer("m2", "2026-07-06T08:00:00.000Z", { id: "r0-0", kind: "reminder" }));
    await store.putTimer(timer("m1", "2026-07-01T00:00:00.000Z", { id: "r1-0", kind: "reminder" }));
    await store.putTimer(timer("m1", "2026-06-30T23:59:59.999Z", { id: "r9-0", kind: "reminder" }));
    await store.putTimer(timer("m1", "2026-08-01T00:00:00.000Z", { id: "d-1", level: 1 }));

    const due = await store.dueTimers("2026-07", "2026-07-06T08:00:00.000Z");
    expect(due.map((t) => `${t.meetingId} ${t.dueAt}`)).toEqual([
      "m1 2026-07-01T00:00:00.000Z",
      "m2 2026-07-06T08:00:00.000Z",
    ]);
    const wholeMonth = await store.dueTimers("2026-07", "2026-07-31T23:59:59.999Z");
    expect(wholeMonth.map((t) => t.dueAt)).toEqual([
      "2026-07-01T00:00:00.000Z",
      "2026-07-06T08:00:00.000Z",
      "2026-07-06T16:00:00.000Z",
    ]);
    expect(await store.dueTimers("2026-07", "2026-06-30T23:59:59.999Z")).toEqual([]);
    expect((await store.dueTimers("2026-06", "2026-07-31T00:00:00.000Z")).map((t) => t.id)).toEqual(["r9-0"]);
    expect(wholeMonth[1]).toEqual({
      ...timer("m2", "2026-07-06T08:00:00.000Z", { id: "r0-0", kind: "reminder" }),
      arm: expect.any(String),
    });
  });

  it("writes a wait's timers in batches (more than 25), each found by the sweep's query, and refuses a bad one first", async () => {
    const store = await freshStore();
    const many = Array.from({ length: 30 }, (_, n) =>
      timer("m1", `2026-07-${String(1 + (n % 28)).padStart(2, "0")}T09:00:00.000Z`, {
        id: `r${n}-0`,
        kind: "reminder",
      }),
    );
    await store.putTimers(many);
    expect(await store.dueTimers("2026-07", "2026-07-31T23:59:59.999Z")).toHaveLength(30);
    const other = await freshStore();
    await expect(
      other.putTimers([
        timer("m1", "2026-07-01T09:00:00.000Z"),
        timer("m1", "2026-07-02T09:00:00.000Z", { level: -1 }),
      ]),
    ).rejects.toThrow();
    expect(await other.dueTimers("2026-07", "2026-07-31T23:59:59.999Z")).toEqual([]);
  });

  it("lets exactly one caller claim a timer, which then is no longer due", async () => {
    const store = await freshStore();
    await store.putTimer(timer("m1", "2026-07-06T16:00:00.000Z"));
    const [t] = await store.dueTimers("2026-07", "2026-07-06T23:00:00.000Z");
    if (!t) throw new Error("the timer is not due");
    expect(t).toEqual({ ...timer("m1", "2026-07-06T16:00:00.000Z"), arm: expect.any(String) });
    const claims = await Promise.all([store.claimTimer(t), store.claimTimer(t), store.claimTimer(t)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimTimer(t)).toBe(false);
    expect(await store.dueTimers("2026-07", "2026-07-06T23:00:00.000Z")).toEqual([]);
  });

  it("leaves the timer a wait re-armed with the same deadline wrote, when a sweep claims the one it read before", async () => {
    const store = await freshStore();
    // The sweep reads the deadline timer; the owner's update re-arms the wait, which writes its
    // timer again under the same key (same deadline, same level); the sweep then claims what it read.
    await store.putTimer(timer("m1", "2026-07-06T16:00:00.000Z"));
    const [read] = await store.dueTimers("2026-07", "2026-07-06T23:00:00.000Z");
    if (!read) throw new Error("the timer is not due");
    await store.deleteTimersFor("m1", "action", 1);
    await store.putTimers([timer("m1", "2026-07-06T16:00:00.000Z")]);
    expect(await store.claimTimer(read)).toBe(false);
    const [kept] = await store.dueTimers("2026-07", "2026-07-06T23:00:00.000Z");
    expect(kept?.id).toBe("d-0");
    expect(kept?.arm).not.toBe(read.arm);
    if (!kept) throw new Error("the re-armed timer was lost");
    expect(await store.claimTimer(kept)).toBe(true);
    expect(await store.dueTimers("2026-07", "2026-07-06T23:00:00.000Z")).toEqual([]);
  });

  it("finds the earliest timer strictly after an instant, across months and years, and nothing beyond upTo", async () => {
    const store = await freshStore();
    await store.putTimer(timer("m1", "2026-07-06T10:00:00.000Z", { id: "r0-0", kind: "reminder" }));
    await store.putTimer(timer("m2", "2026-09-02T16:00:00.000Z"));
    await store.putTimer(timer("m1", "2026-09-02T09:00:00.000Z", { id: "d-0" }));
    await store.putTimer(timer("m3", "2027-01-04T17:00:00.000Z"));
    const end = "2027-03-31T00:00:00.000Z";

    expect(await store.nextTimer("2026-06-01T00:00:00.000Z", end)).toBe("2026-07-06T10:00:00.000Z");
    expect(await store.nextTimer("2026-07-06T10:00:00.000Z", end)).toBe("2026-09-02T09:00:00.000Z");
    expect(await store.nextTimer("2026-09-02T09:00:00.000Z", end)).toBe("2026-09-02T16:00:00.000Z");
    expect(await store.nextTimer("2026-09-02T16:00:00.000Z", end)).toBe("2027-01-04T17:00:00.000Z");
    expect(await store.nextTimer("2026-07-06T10:00:00.000Z", "2026-09-02T09:00:00.000Z")).toBe(
      "2026-09-02T09:00:00.000Z",
    );
    expect(await store.nextTimer("2026-07-06T10:00:00.000Z", "2026-09-02T08:59:59.999Z")).toBeUndefined();
    expect(await store.nextTimer("2027-01-04T17:00:00.000Z", end)).toBeUndefined();
  });

  it("deletes the timers of one wait only", async () => {
    const store = await freshStore();
    const base = { purpose: "action", ref: 1 } as const;
    await store.putTimer(timer("m1", "2026-07-06T08:00:00.000Z", { ...base, id: "r0-0", kind: "reminder" }));
    await store.putTimer(timer("m1", "2026-07-06T16:00:00.000Z", { ...base, id: "d-0" }));
    await store.putTimer(timer("m1", "2026-07-07T16:00:00.000Z", { ...base, ref: 2, id: "d-0" }));
    await store.putTimer(
      timer("m1", "2026-07-08T16:00:00.000Z", { ...base, purpose: "approval", id: "d-0" }),
    );
    await store.putTimer(timer("m2", "2026-07-09T16:00:00.000Z", { ...base, id: "d-0" }));

    await store.deleteTimersFor("m1", "action", 1);
    const left = await store.dueTimers("2026-07", "2026-07-31T23:00:00.000Z");
    expect(left.map((t) => `${t.meetingId} ${t.purpose} ${t.ref}`)).toEqual([
      "m1 action 2",
      "m1 approval 1",
      "m2 action 1",
    ]);
  });

  it("reads timers by querying the due-month index, never by scanning the table", async () => {
    const store = await freshStore();
    await store.putTimer(timer("m1", "2026-07-06T10:00:00.000Z"));
    await store.putTimer(timer("m1", "2026-07-20T10:00:00.000Z", { id: "d-1" }));
    sent.length = 0;
    recording = true;
    try {
      await store.dueTimers("2026-07", "2026-07-06T23:00:00.000Z");
      await store.nextTimer("2026-07-06T10:00:00.000Z", "2026-07-31T00:00:00.000Z");
    } finally {
      recording = false;
    }
    expect(sent.length).toBeGreaterThan(1);
    expect(
      sent.every((c) => c.command === "QueryCommand" && c.indexName === tableDesign.timersIndex.name),
    ).toBe(true);
    expect(sent.some((c) => c.command === "ScanCommand")).toBe(false);
  });
});

describe("audit, inbound replay, undeliverable addresses and the sweeper mark", () => {
  const event = (at: string, n: number): AuditEvent => ({
    at,
    meetingId: "m-audit",
    actor: "system",
    what: `step-${n}`,
    via: "workflow",
    detail: { n },
  });

  it("lists audit events in time order whatever order they were written in", async () => {
    const store = await freshStore();
    await store.appendAudit(event("2026-07-02T10:00:00.000Z", 2));
    await store.appendAudit(event("2026-07-01T10:00:00.000Z", 1));
    await store.appendAudit(event("2026-07-03T10:00:00.000Z", 3));
    expect((await store.listAudit("m-audit")).map((e) => e.what)).toEqual(["step-1", "step-2", "step-3"]);
  });

  it("keeps every event written in the same millisecond, in the order written", async () => {
    const store = await freshStore();
    const at = "2026-07-01T10:00:00.000Z";
    await Promise.all(Array.from({ length: 25 }, (_, n) => store.appendAudit(event(at, n))));
    for (let n = 25; n < 30; n++) await store.appendAudit(event(at, n));
    const listed = await store.listAudit("m-audit");
    expect(listed.map((e) => e.detail.n)).toEqual(Array.from({ length: 30 }, (_, n) => n));
  });

  it("records an inbound message once: the replay is refused", async () => {
    const store = await freshStore();
    expect(await store.recordInbound("<msg-1@example.org>", "2026-07-01T10:00:00Z")).toBe(true);
    expect(await store.recordInbound("<msg-1@example.org>", "2026-07-01T10:05:00Z")).toBe(false);
    expect(await store.recordInbound("<msg-2@example.org>", "2026-07-01T10:05:00Z")).toBe(true);
  });

  it("marks an address undeliverable whatever its case, and only that address", async () => {
    const store = await freshStore();
    expect(await store.isUndeliverable("pat@example.org")).toBe(false);
    await store.markUndeliverable("Pat@Example.ORG", "mailbox unavailable", "2026-07-01T10:00:00Z");
    expect(await store.isUndeliverable("pat@example.org")).toBe(true);
    expect(await store.isUndeliverable("PAT@EXAMPLE.ORG")).toBe(true);
    expect(await store.isUndeliverable("sam@example.org")).toBe(false);
  });

  it("writes a batch of audit events (more than one BatchWriteItem) and lists them in order", async () => {
    const store = await freshStore();
    const at = "2026-07-01T10:00:00.000Z";
    await store.appendAudits(Array.from({ length: 60 }, (_, n) => event(at, n)));
    const listed = await store.listAudit("m-audit");
    expect(listed.map((e) => e.detail.n)).toEqual(Array.from({ length: 60 }, (_, n) => n));
  });

  it("refuses a batch with one malformed event and writes none of it", async () => {
    const store = await freshStore();
    const bad = { ...event("2026-07-01T10:00:00.000Z", 2), at: "yesterday" };
    await expect(store.appendAudits([event("2026-07-01T10:00:00.000Z", 1), bad])).rejects.toThrow();
    expect(await store.listAudit("m-audit")).toEqual([]);
  });

  it("reads which of many addresses are undeliverable in one batch, whatever their case", async () => {
    const store = await freshStore();
    await store.markUndeliverable("Pat@Example.ORG", "mailbox unavailable", "2026-07-01T10:00:00Z");
    await store.markUndeliverable("kim@example.org", "complaint", "2026-07-01T10:00:00Z");
    const many = Array.from({ length: 150 }, (_, n) => `person${n}@example.org`);
    const found = await store.undeliverableAmong([
      ...many,
      "PAT@example.org",
      "kim@example.org",
      "pat@example.org",
    ]);
    expect([...found].sort()).toEqual(["kim@example.org", "pat@example.org"]);
    expect(await store.undeliverableAmong([])).toEqual(new Set());
  });

  it("keeps the sweeper's high-water mark, undefined until first set", async () => {
    const store = await freshStore();
    expect(await store.getSweptUntil()).toBeUndefined();
    await store.setSweptUntil("2026-07-01T10:00:00.000Z");
    await store.setSweptUntil("2026-07-01T10:15:00.000Z");
    expect(await store.getSweptUntil()).toBe("2026-07-01T10:15:00.000Z");
  });
});

describe("the sweeper on the store", () => {
  it("escalates each of two actions due the same day when both are 1 working day overdue (seed 001)", async () => {
    const store = await freshStore();
    const clock = { now: new Date("2026-07-03T10:00:00.000Z") };
    const { kernel, failures } = await kernelOn(store, clock);
    await store.createMeeting(meeting("m-two", { phase: "track-actions" }));
    for (const n of [1, 2]) {
      await store.putAction("m-two", openAction(n));
      await registerWait(kernel, {
        meetingId: "m-two",
        purpose: "action",
        ref: n,
        level: 0,
        taskToken: `token-${n}`,
      });
    }
    clock.now = new Date("2026-07-16T16:05:00.000Z");
    await sweep(kernel);
    expect(failures.map((f) => f.token).sort()).toEqual(["token-1", "token-2"]);
  });

  const settings: LifecycleSettings = {
    id: "test-authority",
    name: "Test Authority",
    nation: "england-and-wales",
    timezone: "Europe/London",
    email: { from: { name: "Convene", email: "convene@example.org" }, replyDomain: "reply.example.org" },
    escalation: {
      actionReminderWorkingDaysBefore: 2,
      lineManagerAfterWorkingDays: 1,
      chairAfterWorkingDays: 3,
    },
    minutes: {
      approvalWorkingDays: 3,
      nonResponder: { rule: "deemed-agreed-with-chair-confirmation", afterWorkingDays: 3 },
    },
    contacts: { teamManager: { name: "Tess Manager", email: "tm@example.org" } },
  };

  /** An open action with no email, so its reminders need no mailer. */
  const openAction = (number: number): Action => ({
    number,
    action: `Action ${number}`,
    timescale: "2 weeks",
    dueDate: "2026-07-15",
    responsible: { role: "social-worker" },
    notes: "",
    status: "open",
    escalationLevel: 0,
  });

  /** The lifecycle with only what registerWait and sweep touch: store, clock, settings, workflow. */
  async function kernelOn(store: DynamoMeetingStore, clock: { now: Date }) {
    const failures: Array<{ token: string; error: string }> = [];
    const deps = {
      store,
      settings,
      clock: { now: () => clock.now },
      workflow: {
        startLifecycle: async () => undefined,
        startActionTracker: async () => undefined,
        sendTaskSuccess: async () => undefined,
        sendTaskFailure: async (token: string, error: string) => {
          failures.push({ token, error });
        },
      },
    } as unknown as LifecycleDeps;
    return { kernel: new LifecycleKernel(deps), failures };
  }

  it("fails an overdue action's token with DeadlinePassed once, by queries only (seed 001)", async () => {
    const store = await freshStore();
    const clock = { now: new Date("2026-07-03T10:00:00.000Z") };
    const { kernel, failures } = await kernelOn(store, clock);
    await store.createMeeting(meeting("m-sweep", { phase: "track-actions" }));
    await store.putAction("m-sweep", openAction(1));
    const { deadline } = await registerWait(kernel, {
      meetingId: "m-sweep",
      purpose: "action",
      ref: 1,
      level: 0,
      taskToken: "token-action-1",
    });
    // Due Wednesday 15 July: 1 working day overdue is the end of Thursday 16 July (17:00 BST).
    expect(deadline).toBe("2026-07-16T16:00:00.000Z");

    clock.now = new Date("2026-07-16T15:59:00.000Z");
    await sweep(kernel);
    expect(failures).toEqual([]);

    clock.now = new Date("2026-07-16T16:05:00.000Z");
    sent.length = 0;
    recording = true;
    try {
      await sweep(kernel);
    } finally {
      recording = false;
    }
    expect(failures).toEqual([{ token: "token-action-1", error: "DeadlinePassed" }]);
    expect(sent.filter((c) => c.command === "ScanCommand")).toEqual([]);
    expect(sent.filter((c) => c.indexName === tableDesign.timersIndex.name).length).toBeGreaterThan(0);
    expect((await store.getWait("m-sweep", "action", 1))?.status).toBe("expired");

    clock.now = new Date("2026-07-16T16:10:00.000Z");
    await sweep(kernel);
    expect(failures).toHaveLength(1);
  });

  it("writes its high-water mark when the month changes, and a deadline across the month boundary still fires", async () => {
    const store = await freshStore();
    const clock = { now: new Date("2026-07-28T09:00:00.000Z") };
    const { kernel, failures } = await kernelOn(store, clock);
    await store.createMeeting(meeting("m-month", { phase: "track-actions" }));
    await store.putAction("m-month", { ...openAction(1), dueDate: "2026-07-30" });
    const { deadline } = await registerWait(kernel, {
      meetingId: "m-month",
      purpose: "action",
      ref: 1,
      level: 0,
      taskToken: "token-month",
    });
    // Due Thursday 30 July: 1 working day overdue is the end of Friday 31 July; the sweep after it is in August.
    expect(deadline).toBe("2026-07-31T16:00:00.000Z");

    await sweep(kernel);
    expect(await store.getSweptUntil()).toBe("2026-07-28T09:00:00.000Z");
    // Later in the same month: only the month chooses the buckets, so the mark is not rewritten.
    clock.now = new Date("2026-07-30T09:00:00.000Z");
    await sweep(kernel);
    expect(await store.getSweptUntil()).toBe("2026-07-28T09:00:00.000Z");
    expect(failures).toEqual([]);
    // In August the July bucket is still read (the mark is in July), and the mark moves on.
    clock.now = new Date("2026-08-01T09:00:00.000Z");
    await sweep(kernel);
    expect(failures).toEqual([{ token: "token-month", error: "DeadlinePassed" }]);
    expect(await store.getSweptUntil()).toBe("2026-08-01T09:00:00.000Z");
  });
});

describe("the runtime's in-process transport to dynalite", () => {
  it("names an item written in an older layout instead of failing on it obscurely", async () => {
    const table = `convene-test-${randomUUID().slice(0, 8)}`;
    await ensureTable(dynamo.client, table);
    await dynamo.client.send(
      new PutItemCommand({
        TableName: table,
        Item: { pk: { S: "MEETING#old" }, sk: { S: "META" }, data: { M: { id: { S: "old" } } } },
      }),
    );
    await expect(new DynamoMeetingStore(dynamo.client, table).getMeeting("old")).rejects.toThrow(
      /item MEETING#old META: attribute data is neither a string nor a number \(an item in another layout, e.g. written by an older Convene\)/,
    );
  });

  it("passes dynalite's own errors through as the SDK's exceptions", async () => {
    const store = new DynamoMeetingStore(dynamo.client, "convene-no-such-table");
    await expect(store.getMeeting("m1")).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("gives the same answers and the same conditional-write errors as dynalite over HTTP", async () => {
    const overHttp = await startDynalite({ overHttp: true });
    try {
      const table = `convene-test-${randomUUID().slice(0, 8)}`;
      await ensureTable(overHttp.client, table);
      // The same dynalite, reached once over loopback HTTP and once in-process, on separate databases.
      const stores = [new DynamoMeetingStore(overHttp.client, table), await freshStore()];
      const seen = [];
      for (const store of stores) {
        await store.createMeeting(meeting("m-parity"));
        const saved = await store.saveMeeting(await store.getMeeting("m-parity"));
        const conflict = await store.saveMeeting({ ...saved, version: 0 }).catch((e: Error) => e);
        await store.appendAudits([
          {
            at: "2026-07-01T10:00:00.000Z",
            meetingId: "m-parity",
            actor: "a",
            what: "x",
            via: "t",
            detail: {},
          },
        ]);
        seen.push({
          version: (await store.getMeeting("m-parity")).version,
          conflict: conflict instanceof ConflictError,
          missing: await store.getMeeting("nope").catch((e: Error) => e.name),
          audit: (await store.listAudit("m-parity")).map((e) => e.what),
        });
      }
      expect(seen[0]).toEqual({ version: 1, conflict: true, missing: "NotFoundError", audit: ["x"] });
      expect(seen[1]).toEqual(seen[0]);
    } finally {
      await overHttp.close();
    }
  });
});

describe("a step's reads and writes in batches (issue 15: requests per lifecycle)", () => {
  const action = (number: number): Action => ({
    number,
    action: `Action ${number}`,
    timescale: "2 weeks",
    dueDate: "2026-07-20",
    responsible: { name: "Sam Social Worker", email: "sam@example.org", inviteeIndex: 1 },
    notes: "",
    status: "open",
    escalationLevel: 0,
  });

  it("reads a meeting with its wait and action in one request, absent ones left out", async () => {
    const store = await freshStore();
    await store.createMeeting(meeting("m1"));
    await store.putWait("m1", wait("token-1", { purpose: "action", ref: 2 }));
    await store.putAction("m1", action(2));
    sent.length = 0;
    recording = true;
    const read = await store.getMeetingWith("m1", { wait: { purpose: "action", ref: 2 }, action: 2 });
    recording = false;
    expect(sent.map((s) => s.command)).toEqual(["BatchGetItemCommand"]);
    expect(read.meeting.id).toBe("m1");
    expect(read.wait?.token).toBe("token-1");
    expect(read.action?.number).toBe(2);
    const none = await store.getMeetingWith("m1", { wait: { purpose: "approval", ref: 0 }, action: 9 });
    expect(none.wait).toBeUndefined();
    expect(none.action).toBeUndefined();
    await expect(store.getMeetingWith("nope", { action: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("writes a step's records in one request: the wait closes by its token, a timer removed and put again stays", async () => {
    const store = await freshStore();
    const kept = timer("m1", "2026-07-08T16:00:00.000Z", { purpose: "approval", ref: 1 });
    const gone = timer("m1", "2026-07-07T08:00:00.000Z", {
      id: "r0-0",
      kind: "reminder",
      purpose: "approval",
      ref: 1,
    });
    await store.putTimers([kept, gone]);
    sent.length = 0;
    recording = true;
    await store.putRecords("m1", {
      waits: [wait("token-2")],
      timers: [kept],
      removeTimers: [kept, gone],
      answers: [{ index: 1, attendance: "attending", reportReceived: false, at: "2026-06-21T10:00:00Z" }],
      approvals: [{ version: 1, index: 1, response: "approve", at: "2026-07-04T10:00:00Z" }],
      actions: [action(1)],
      events: [
        {
          at: "2026-07-04T10:00:00.000Z",
          meetingId: "m1",
          actor: "workflow",
          what: "wait:approval",
          via: "workflow",
          detail: {},
        },
      ],
    });
    recording = false;
    expect(sent.map((s) => s.command)).toEqual(["BatchWriteItemCommand"]);
    expect(await store.closeWait("m1", "approval", 1, "token-2", "completed", "2026-07-05T10:00:00Z")).toBe(
      true,
    );
    const due = await store.dueTimers("2026-07", "2026-07-31T00:00:00.000Z");
    expect(due.map((t) => t.id)).toEqual(["d-0"]);
    expect((await store.listAnswers("m1")).map((a) => a.index)).toEqual([1]);
    expect((await store.listApprovals("m1", 1)).map((a) => a.response)).toEqual(["approve"]);
    expect((await store.listActions("m1")).map((a) => a.number)).toEqual([1]);
    expect((await store.listAudit("m1")).map((e) => e.what)).toEqual(["wait:approval"]);
  });

  it("reads the answers and one version's approvals in one query", async () => {
    const store = await freshStore();
    await store.putAnswer("m1", {
      index: 1,
      attendance: "attended",
      reportReceived: false,
      at: "2026-06-21T10:00:00Z",
    });
    await store.putApproval("m1", {
      version: 1,
      index: 1,
      response: "request-changes",
      at: "2026-07-04T10:00:00Z",
    });
    await store.putApproval("m1", { version: 2, index: 1, response: "approve", at: "2026-07-05T10:00:00Z" });
    await store.putApproval("m1", { version: 3, index: 1, response: "approve", at: "2026-07-06T10:00:00Z" });
    await store.putAction("m1", action(1));
    sent.length = 0;
    recording = true;
    const read = await store.answersAndApprovals("m1", 2);
    recording = false;
    expect(sent.map((s) => s.command)).toEqual(["QueryCommand"]);
    expect(read.answers.map((a) => a.attendance)).toEqual(["attended"]);
    expect(read.approvals.map((a) => [a.version, a.response])).toEqual([[2, "approve"]]);
  });

  it("as its table's only writer, knows a bucket quiet until its first item, and still finds a timer written into it later", async () => {
    const table = `convene-test-${randomUUID().slice(0, 8)}`;
    await ensureTable(dynamo.client, table);
    const store = new DynamoMeetingStore(dynamo.client, table, { soleWriter: true });
    await store.putTimers([timer("m1", "2026-07-20T09:00:00.000Z")]);
    expect(await store.dueTimers("2026-07", "2026-07-10T00:00:00.000Z")).toEqual([]);
    sent.length = 0;
    recording = true;
    // Quiet until 20 July: no request, and the next timer is known without one either.
    expect(await store.dueTimers("2026-07", "2026-07-12T00:00:00.000Z")).toEqual([]);
    expect(await store.dueRetention("2026-07", "2026-07-12T00:00:00.000Z")).toEqual([]);
    expect(await store.dueRetention("2026-07", "2026-07-13T00:00:00.000Z")).toEqual([]);
    recording = false;
    expect(sent.filter((s) => s.indexName === tableDesign.timersIndex.name).length).toBe(1);
    // A timer written before the quiet instant is found by the next sweep.
    await store.putTimers([timer("m1", "2026-07-11T09:00:00.000Z", { id: "d-1", level: 1 })]);
    expect((await store.dueTimers("2026-07", "2026-07-12T00:00:00.000Z")).map((t) => t.id)).toEqual(["d-1"]);
    expect(await store.nextTimer("2026-07-12T00:00:00.000Z", "2026-07-31T00:00:00.000Z")).toBe(
      "2026-07-20T09:00:00.000Z",
    );
    // What is due is the whole answer, however much there is.
    await store.putTimers(
      Array.from({ length: 30 }, (_, i) =>
        timer("m2", `2026-07-15T09:${String(i).padStart(2, "0")}:00.000Z`, { id: `d-${i}`, ref: i }),
      ),
    );
    expect((await store.dueTimers("2026-07", "2026-07-16T00:00:00.000Z")).length).toBe(31);
  });

  it("as its table's only writer, answers every sweep and next-timer search as the table does, whatever was written and claimed (generated)", async () => {
    const sole = `convene-test-${randomUUID().slice(0, 8)}`;
    const plain = `convene-test-${randomUUID().slice(0, 8)}`;
    await ensureTable(dynamo.client, sole);
    await ensureTable(dynamo.client, plain);
    const at = (day: number, hour: number) =>
      `2026-07-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00.000Z`;
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("put" as const),
        meeting: fc.integer({ min: 0, max: 2 }),
        ref: fc.integer({ min: 0, max: 3 }),
        day: fc.integer({ min: 1, max: 28 }),
        hour: fc.integer({ min: 0, max: 23 }),
        count: fc.integer({ min: 1, max: 40 }),
      }),
      fc.record({
        kind: fc.constant("claim" as const),
        day: fc.integer({ min: 1, max: 28 }),
        pick: fc.nat(),
      }),
      fc.record({
        kind: fc.constant("delete" as const),
        meeting: fc.integer({ min: 0, max: 2 }),
        ref: fc.integer({ min: 0, max: 3 }),
      }),
      fc.record({ kind: fc.constant("due" as const), day: fc.integer({ min: 1, max: 28 }) }),
      fc.record({
        kind: fc.constant("next" as const),
        day: fc.integer({ min: 1, max: 28 }),
        span: fc.integer({ min: 0, max: 20 }),
      }),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
        run++;
        // Each run in its own month bucket of the two tables.
        const stores = [
          new DynamoMeetingStore(dynamo.client, sole, { soleWriter: true }),
          new DynamoMeetingStore(dynamo.client, plain),
        ] as const;
        const id = (m: number) => `r${run}-m${m}`;
        const shown = (timers: Timer[]) =>
          timers.map((t) => `${t.meetingId} ${t.purpose} ${t.ref} ${t.id} ${t.dueAt}`);
        for (const o of ops) {
          if (o.kind === "put") {
            const timers = Array.from({ length: o.count }, (_, i) =>
              timer(id(o.meeting), at(o.day, o.hour), { id: `t-${i}`, ref: o.ref, level: i }),
            );
            for (const store of stores) await store.putTimers(timers);
          } else if (o.kind === "claim") {
            const [a, b] = await Promise.all(stores.map((s) => s.dueTimers("2026-07", at(o.day, 23))));
            expect(shown(a ?? [])).toEqual(shown(b ?? []));
            const i = (a ?? []).length > 0 ? o.pick % (a ?? []).length : -1;
            if (i >= 0)
              expect(await stores[0].claimTimer((a ?? [])[i] as Timer)).toBe(
                await stores[1].claimTimer((b ?? [])[i] as Timer),
              );
          } else if (o.kind === "delete") {
            const due = await stores[1].dueTimers("2026-07", at(28, 23));
            const mine = due.filter((t) => t.meetingId === id(o.meeting) && t.ref === o.ref);
            for (const store of stores) await store.deleteTimers(mine);
          } else if (o.kind === "due") {
            const [a, b] = await Promise.all(stores.map((s) => s.dueTimers("2026-07", at(o.day, 12))));
            expect(shown(a ?? [])).toEqual(shown(b ?? []));
          } else {
            const after = at(o.day, 6);
            const upTo = at(Math.min(28, o.day + o.span), 18);
            const [a, b] = await Promise.all(stores.map((s) => s.nextTimer(after, upTo)));
            expect(a).toBe(b);
          }
        }
        // Clean the month for the next run: claim everything on both.
        for (const store of stores)
          for (const t of await store.dueTimers("2026-07", at(28, 23))) await store.claimTimer(t);
      }),
      { seed: 20261203, numRuns: 15 },
    );
  });

  it("as its table's only writer, reads back meetings, waits, answers and approvals as the table holds them, whatever was written, refused or closed, and when its bound lets items go (generated)", async () => {
    const sole = `convene-test-${randomUUID().slice(0, 8)}`;
    const plain = `convene-test-${randomUUID().slice(0, 8)}`;
    const bounded = `convene-test-${randomUUID().slice(0, 8)}`;
    await ensureTable(dynamo.client, sole);
    await ensureTable(dynamo.client, plain);
    await ensureTable(dynamo.client, bounded);
    type Op =
      | { kind: "create"; m: number }
      | { kind: "read"; m: number }
      | { kind: "save"; m: number; stale: boolean; title: string }
      | { kind: "wait"; m: number; token: string }
      | { kind: "close"; m: number; token: string }
      | { kind: "answer"; m: number; index: number; attendance: string }
      | { kind: "approve"; m: number; version: number; index: number; response: string }
      | { kind: "answers"; m: number; version: number; which: string };
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        arbitrary: fc.record({ kind: fc.constant("create" as const), m: fc.integer({ min: 0, max: 2 }) }),
        weight: 1,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant("save" as const),
          m: fc.integer({ min: 0, max: 2 }),
          stale: fc.boolean(),
          title: fc.constantFrom("Core group", "Review", "Professionals meeting"),
        }),
        weight: 2,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant("wait" as const),
          m: fc.integer({ min: 0, max: 2 }),
          token: fc.constantFrom("t1", "t2"),
        }),
        weight: 3,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant("close" as const),
          m: fc.integer({ min: 0, max: 2 }),
          token: fc.constantFrom("t1", "t1", "t2"),
        }),
        weight: 3,
      },
      {
        arbitrary: fc.record({ kind: fc.constant("read" as const), m: fc.integer({ min: 0, max: 2 }) }),
        weight: 4,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant("answer" as const),
          m: fc.constant(0),
          index: fc.integer({ min: 1, max: 4 }),
          attendance: fc.constantFrom("attending", "apologies", "attended"),
        }),
        weight: 3,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant("approve" as const),
          m: fc.constant(0),
          version: fc.integer({ min: 1, max: 3 }),
          index: fc.integer({ min: 1, max: 4 }),
          response: fc.constantFrom("approve", "request-changes"),
        }),
        weight: 3,
      },
      {
        arbitrary: fc.record({
          kind: fc.constant("answers" as const),
          m: fc.constant(0),
          version: fc.integer({ min: 1, max: 3 }),
          which: fc.constantFrom("both", "answers", "approvals"),
        }),
        weight: 4,
      },
    );
    let run = 0;
    let letGo = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        run++;
        const stores = [
          new DynamoMeetingStore(dynamo.client, sole, { soleWriter: true }),
          new DynamoMeetingStore(dynamo.client, plain),
          // Holds about one meeting (~1,000 characters): most reads find their item let go and read it.
          new DynamoMeetingStore(dynamo.client, bounded, { soleWriter: true, heldChars: 1_200 }),
        ] as const;
        const id = (m: number) => `g${run}-m${m}`;
        // Each step done on both stores; what each answered (or the error it gave) must agree.
        const both = async (step: (s: DynamoMeetingStore) => Promise<unknown>) => {
          const out = [];
          for (const store of stores)
            out.push(
              await step(store).then(
                (v) => JSON.stringify(v) ?? "undefined",
                (e: Error) => `error ${e.name}`,
              ),
            );
          expect(out[1]).toBe(out[0]);
          expect(out[2]).toBe(out[0]);
        };
        // The meetings exist from the start (a create again is refused on both).
        for (const m of [0, 1, 2]) await both((s) => s.createMeeting(testMeeting({ id: id(m) })));
        for (const o of ops) {
          if (o.kind === "create") await both((s) => s.createMeeting(testMeeting({ id: id(o.m) })));
          else if (o.kind === "save")
            await both(async (s) => {
              const current = await s.getMeeting(id(o.m));
              return s.saveMeeting({
                ...current,
                title: o.title,
                version: current.version - (o.stale ? 1 : 0),
              });
            });
          else if (o.kind === "wait") await both((s) => s.putWait(id(o.m), wait(o.token)));
          else if (o.kind === "close")
            await both((s) =>
              s.closeWait(id(o.m), "approval", 1, o.token, "completed", "2026-07-08T10:00:00.000Z"),
            );
          else if (o.kind === "read")
            await both((s) => s.getMeetingWith(id(o.m), { wait: { purpose: "approval", ref: 1 } }));
          else if (o.kind === "answer")
            await both((s) =>
              s.putAnswer(id(o.m), {
                index: o.index,
                attendance: o.attendance as "attended",
                reportReceived: false,
                at: "2026-06-21T10:00:00Z",
              }),
            );
          else if (o.kind === "approve")
            await both((s) =>
              s.putApproval(id(o.m), {
                version: o.version,
                index: o.index,
                response: o.response as "approve",
                at: "2026-07-04T10:00:00Z",
              }),
            );
          else if (o.which === "both") await both((s) => s.answersAndApprovals(id(o.m), o.version));
          else if (o.which === "answers") await both((s) => s.listAnswers(id(o.m)));
          else await both((s) => s.listApprovals(id(o.m), o.version));
        }
        const held = stores[2].heldSize;
        expect(held?.itemChars).toBeLessThanOrEqual(1_200);
        expect(held?.rangeChars).toBeLessThanOrEqual(1_200);
        if ((held?.items ?? 0) < (stores[0].heldSize?.items ?? 0)) letGo++;
      }),
      { seed: 20261203, numRuns: 25 },
    );
    // The bound did let items go in most runs (so the answers above were read back after it).
    expect(letGo).toBeGreaterThan(10);
  });
});
