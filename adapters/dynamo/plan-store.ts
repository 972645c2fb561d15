/**
 * DynamoPlanStore: the child's plans (domain/plan) in the authority's table (table-design.ts).
 * A plan is one item (its visits, scores and closure inside it, parsed by zod on every read),
 * with two listing items so a child's plans and an authority's plans are one Query each:
 *
 * | item | key |
 * |---|---|
 * | a plan | pk=PLAN#id, sk=META (`ver` for optimistic writes) |
 * | a child's plans | pk=CHILDPLANS#authority#reference, sk=PLAN#planStart#id |
 * | an authority's plans | pk=PLANS#authority, sk=PLAN#id |
 * | the child's one open plan of a kind (a lock) | pk=CHILDPLANS#authority#reference, sk=OPEN#kind |
 *
 * A plan's visit timers are the sweeper's own (purpose `visit`, the plan id in the meeting-id
 * slot), its audit events and send records are under pk=MEETING#<plan id> like a meeting's.
 * Every write is a single-item conditional write (dynalite has no transactions): the listings are
 * written after the plan and hold only its id, so a crash between leaves a plan no list shows
 * until it is saved again, never a listing without a plan. A child has at most one open plan of a
 * kind: creating one first takes the `OPEN#kind` item (conditional), and closing or replacing it
 * gives that item up, so two starts at the same instant cannot both succeed.
 */
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { z } from "zod";
import { type ChildPlan, childPlanSchema } from "../../domain/plan/model.ts";
import type { PlanStore } from "../../domain/ports/plans.ts";
import { ConflictError, NotFoundError } from "../../domain/ports/store.ts";
import { FlatTable } from "./flat-table.ts";

const planPk = (id: string) => `PLAN#${id}`;
const childPk = (authorityId: string, reference: string) => `CHILDPLANS#${authorityId}#${reference}`;
const authorityPk = (authorityId: string) => `PLANS#${authorityId}`;
const listingSchema = z.object({ id: z.string() });

const conditionFailed = (error: unknown) =>
  error instanceof Error && error.name === "ConditionalCheckFailedException";

export class DynamoPlanStore implements PlanStore {
  private readonly table: FlatTable;
  constructor(client: DynamoDBClient, tableName: string) {
    this.table = new FlatTable(client, tableName);
  }

  private lockKey(plan: Pick<ChildPlan, "authorityId" | "childReference" | "kind">) {
    return { pk: childPk(plan.authorityId, plan.childReference), sk: `OPEN#${plan.kind}` };
  }

  async createPlan(plan: ChildPlan): Promise<void> {
    const parsed = childPlanSchema.parse(plan);
    const open = parsed.status === "open" || parsed.status === "closure-proposed";
    if (open)
      try {
        await this.table.put(
          { ...this.lockKey(parsed), body: JSON.stringify({ id: parsed.id }) },
          { expression: "attribute_not_exists(pk)" },
        );
      } catch (error) {
        if (conditionFailed(error))
          throw new ConflictError(
            `the child ${parsed.childReference} already has an open ${parsed.kind} plan`,
          );
        throw error;
      }
    try {
      await this.table.put(
        { pk: planPk(parsed.id), sk: "META", body: JSON.stringify(parsed), ver: parsed.version },
        { expression: "attribute_not_exists(pk)" },
      );
    } catch (error) {
      if (open) await this.table.delete(this.lockKey(parsed));
      if (conditionFailed(error)) throw new ConflictError(`plan ${plan.id} exists already`);
      throw error;
    }
    await this.list(parsed);
  }

  private async list(plan: ChildPlan) {
    const body = JSON.stringify({ id: plan.id });
    await this.table.putAll([
      { pk: childPk(plan.authorityId, plan.childReference), sk: `PLAN#${plan.planStart}#${plan.id}`, body },
      { pk: authorityPk(plan.authorityId), sk: `PLAN#${plan.id}`, body },
    ]);
  }

  async getPlan(id: string): Promise<ChildPlan> {
    const item = await this.table.get({ pk: planPk(id), sk: "META" });
    if (!item || typeof item.body !== "string") throw new NotFoundError(`plan ${id} not found`);
    return childPlanSchema.parse(JSON.parse(item.body));
  }

  async savePlan(plan: ChildPlan): Promise<ChildPlan> {
    const next = childPlanSchema.parse({ ...plan, version: plan.version + 1 });
    try {
      await this.table.put(
        { pk: planPk(plan.id), sk: "META", body: JSON.stringify(next), ver: next.version },
        { expression: "ver = :ver", values: { ":ver": plan.version } },
      );
    } catch (error) {
      if (conditionFailed(error))
        throw new ConflictError(`plan ${plan.id} changed since it was read (version ${plan.version})`);
      throw error;
    }
    // Closed or replaced: the child may have a new open plan of this kind.
    if (next.status === "closed" || next.status === "replaced") {
      const lock = await this.table.get(this.lockKey(next));
      if (lock && typeof lock.body === "string" && listingSchema.parse(JSON.parse(lock.body)).id === next.id)
        await this.table.delete(this.lockKey(next));
    }
    return next;
  }

  private async listed(pk: string): Promise<ChildPlan[]> {
    const items = await this.table.queryAll({
      keyCondition: "pk = :pk AND begins_with(sk, :plan)",
      values: { ":pk": pk, ":plan": "PLAN#" },
      consistent: true,
    });
    const ids = items.map((i) => listingSchema.parse(JSON.parse(String(i.body))).id);
    return Promise.all(ids.map((id) => this.getPlan(id)));
  }

  childPlans(authorityId: string, reference: string): Promise<ChildPlan[]> {
    return this.listed(childPk(authorityId, reference));
  }

  authorityPlans(authorityId: string): Promise<ChildPlan[]> {
    return this.listed(authorityPk(authorityId));
  }
}
