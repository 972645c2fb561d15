/**
 * The children's Child in Need visits for the oversight read model (domain/oversight/caseload.ts):
 * every visit of the authority's progress plans, due and recorded, with the visiting worker's team
 * from the staff directory. Passed to loadCaseload as its `visits` loader.
 * @example loadCaseload(id, tz, { store, directory, visits: () => loadVisits(id, { plans, directory }) })
 */
import { personOf } from "../../domain/directory/lookups.ts";
import type { VisitRecord } from "../../domain/oversight/caseload.ts";
import { visitRecords } from "../../domain/plan/service.ts";
import type { DirectoryStore } from "../../domain/ports/directory.ts";
import type { PlanStore } from "../../domain/ports/plans.ts";

export async function loadVisits(
  authorityId: string,
  stores: { plans: PlanStore; directory: DirectoryStore },
): Promise<VisitRecord[]> {
  const [plans, directory] = await Promise.all([
    stores.plans.authorityPlans(authorityId),
    stores.directory.getDirectory(authorityId),
  ]);
  return visitRecords(
    plans.sort((a, b) => (a.planStart < b.planStart ? -1 : a.planStart > b.planStart ? 1 : 0)),
    (email) => personOf(directory, email)?.team ?? "Not in the directory",
  );
}
