/**
 * DynamoPlanStore against dynalite (the embedded runtime's DynamoDB): plans created once, saved
 * only from the version read, listed per child and per authority, parsed on every read; and the
 * visits loader that fills the oversight read model's VisitRecord[] for loadCaseload (seed 004).
 */
import { randomUUID } from "node:crypto";
import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DynamoDirectoryStore } from "../../../adapters/dynamo/directory-store.ts";
import { DynamoMeetingStore, ensureTable } from "../../../adapters/dynamo/meeting-store.ts";
import { DynamoPlanStore } from "../../../adapters/dynamo/plan-store.ts";
import { type LocalDynamo, startDynalite } from "../../../adapters/local/dynalite-server.ts";
import { loadCaseload } from "../../../adapters/oversight/load-caseload.ts";
import { loadVisits } from "../../../adapters/oversight/load-visits.ts";
import type { ChildPlan } from "../../../domain/plan/model.ts";
import { ConflictError, NotFoundError } from "../../../domain/ports/store.ts";

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite({});
});
afterAll(async () => {
  await dynamo.close();
});

async function freshTable() {
  const name = `plans-${randomUUID()}`;
  await ensureTable(dynamo.client, name);
  return { name, plans: new DynamoPlanStore(dynamo.client, name) };
}

const plan = (over: Partial<ChildPlan> = {}): ChildPlan => ({
  id: `plan${randomUUID().slice(0, 8)}`,
  authorityId: "demo",
  childReference: "C-4004",
  kind: "progress-plan",
  status: "open",
  assessmentStart: "2026-02-16",
  planStart: "2026-03-02",
  worker: { name: "Tom Hughes", email: "Tom.Hughes@demo.convene.local" },
  teamManager: { name: "Jordan Ellis", email: "jordan.ellis@demo.convene.local" },
  people: [],
  visits: [
    {
      number: 1,
      dueBy: "2026-03-30",
      visitedOn: "2026-03-27",
      seen: true,
      seenAlone: false,
      atHome: true,
      note: "Asked for mum to stay.",
    },
    { number: 2, dueBy: "2026-04-24" },
  ],
  scorings: [],
  createdAt: "2026-03-02T09:00:00.000Z",
  updatedAt: "2026-03-02T09:00:00.000Z",
  version: 0,
  ...over,
});

describe("DynamoPlanStore (seed 004)", () => {
  it("seed 004: creates a plan once and reads it back parsed", async () => {
    const { plans } = await freshTable();
    const p = plan();
    await plans.createPlan(p);
    expect(await plans.getPlan(p.id)).toEqual(p);
    await expect(plans.createPlan(p)).rejects.toBeInstanceOf(ConflictError);
    await expect(plans.getPlan("plannope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("saves only from the version read (optimistic lock)", async () => {
    const { plans } = await freshTable();
    const p = plan();
    await plans.createPlan(p);
    const saved = await plans.savePlan({ ...p, status: "closure-proposed" });
    expect(saved.version).toBe(1);
    await expect(plans.savePlan({ ...p, status: "closed" })).rejects.toBeInstanceOf(ConflictError);
    expect((await plans.getPlan(p.id)).status).toBe("closure-proposed");
  });

  it("lists a child's plans in the order they started, and an authority's plans", async () => {
    const { plans } = await freshTable();
    const tac = plan({ kind: "tac-esco", planStart: "2026-01-05", visits: [], status: "replaced" });
    const progress = plan();
    const other = plan({ childReference: "C-9", authorityId: "elsewhere" });
    for (const p of [progress, tac, other]) await plans.createPlan(p);
    expect((await plans.childPlans("demo", "C-4004")).map((p) => p.id)).toEqual([tac.id, progress.id]);
    expect((await plans.authorityPlans("demo")).map((p) => p.id).sort()).toEqual(
      [tac.id, progress.id].sort(),
    );
  });

  it("seed 004: keeps one open plan of a kind per child, free again once it is closed or replaced", async () => {
    const { plans } = await freshTable();
    const first = plan();
    await plans.createPlan(first);
    await expect(plans.createPlan(plan())).rejects.toThrow(/already has an open progress-plan plan/);
    await plans.createPlan(plan({ kind: "tac-esco", visits: [] }));
    await plans.savePlan({ ...first, status: "closed" });
    const next = plan();
    await plans.createPlan(next);
    expect((await plans.childPlans("demo", "C-4004")).map((p) => p.id)).toContain(next.id);
  });

  it("refuses an item not in the plan's shape, naming the field", async () => {
    const { name, plans } = await freshTable();
    await dynamo.client.send(
      new PutItemCommand({
        TableName: name,
        Item: {
          pk: { S: "PLAN#planbad" },
          sk: { S: "META" },
          body: { S: JSON.stringify({ ...plan({ id: "planbad" }), status: "half-closed" }) },
        },
      }),
    );
    await expect(plans.getPlan("planbad")).rejects.toThrow(/status/);
  });

  it("seed 004: fills the caseload's visits (due, visited, seen, seen alone, worker, team) for loadCaseload", async () => {
    const { name, plans } = await freshTable();
    await plans.createPlan(plan());
    await plans.createPlan(plan({ kind: "tac-esco", childReference: "C-7", visits: [] }));
    const directory = new DynamoDirectoryStore(dynamo.client, name);
    const caseload = await loadCaseload("demo", "Europe/London", {
      store: new DynamoMeetingStore(dynamo.client, name),
      directory,
      visits: () => loadVisits("demo", { plans, directory }),
    });
    expect(caseload.visits).toEqual([
      {
        childReference: "C-4004",
        dueBy: "2026-03-30",
        visitedOn: "2026-03-27",
        seen: true,
        seenAlone: false,
        worker: { name: "Tom Hughes", email: "tom.hughes@demo.convene.local" },
        team: "Not in the directory",
      },
      {
        childReference: "C-4004",
        dueBy: "2026-04-24",
        worker: { name: "Tom Hughes", email: "tom.hughes@demo.convene.local" },
        team: "Not in the directory",
      },
    ]);
  });
});
