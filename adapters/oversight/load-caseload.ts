/**
 * Reads what the report and the returns need from the stores, once: the authority's meetings (or
 * the ones given: those a signed-in person may see) with their audit logs and actions, the team of
 * each chair from the staff directory, and the children's visits where a visit store is wired.
 */
import { personOf } from "../../domain/directory/lookups.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import type { Caseload, MeetingRecord, VisitRecord } from "../../domain/oversight/caseload.ts";
import type { DirectoryStore } from "../../domain/ports/directory.ts";
import type { PlanStore } from "../../domain/ports/plans.ts";
import type { MeetingStore } from "../../domain/ports/store.ts";
import { loadVisits } from "./load-visits.ts";

/** How many meetings are read at once (each is up to three queries). */
const concurrency = 16;

export interface CaseloadSources {
  store: MeetingStore;
  directory: DirectoryStore;
  /** The children's plans, whose visits the report and the returns count (seed 004). */
  plans?: PlanStore;
  /** The visits, when they come from somewhere else than `plans`. */
  visits?: () => Promise<VisitRecord[]>;
}

export async function loadCaseload(
  authorityId: string,
  timeZone: string,
  sources: CaseloadSources,
  /** Only these meetings (already read, e.g. what a person may see); every meeting when absent. */
  only?: Meeting[],
): Promise<Caseload> {
  // 1. The meetings (listed, or given) and the directory.
  const [listed, directory] = await Promise.all([
    only ? Promise.resolve(only.map((m) => ({ id: m.id }))) : sources.store.authorityMeetings(authorityId),
    sources.directory.getDirectory(authorityId),
  ]);
  const given = new Map((only ?? []).map((m) => [m.id, m]));
  // 2. Each meeting with its audit and actions, a bounded number at a time.
  const meetings: MeetingRecord[] = new Array(listed.length);
  let next = 0;
  const worker = async () => {
    while (next < listed.length) {
      const i = next++;
      const id = (listed[i] as { id: string }).id;
      const [meeting, audit, actions] = await Promise.all([
        given.get(id) ?? sources.store.getMeeting(id),
        sources.store.listAudit(id),
        sources.store.listActions(id),
      ]);
      meetings[i] = {
        meeting,
        audit,
        actions,
        team: personOf(directory, meeting.chair.email)?.team ?? "Not in the directory",
        worker: { name: meeting.chair.name, email: meeting.chair.email.toLowerCase() },
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, listed.length) }, worker));
  // 3. The children's visits, where a visit store is wired.
  const plans = sources.plans;
  const visits = sources.visits
    ? await sources.visits()
    : plans
      ? await loadVisits(authorityId, { plans, directory: sources.directory })
      : [];
  return { authorityId, timeZone, meetings, visits };
}
