/**
 * Reads what the report and the returns need from the stores, once: every meeting of the authority
 * with its audit log and actions, and the team of each chair from the staff directory.
 */

import { personOf } from "../../domain/directory/lookups.ts";
import type { Caseload, MeetingRecord, VisitRecord } from "../../domain/oversight/caseload.ts";
import type { DirectoryStore } from "../../domain/ports/directory.ts";
import type { MeetingStore } from "../../domain/ports/store.ts";

/** How many meetings are read at once (each is three queries). */
const concurrency = 16;

export async function loadCaseload(
  authorityId: string,
  timeZone: string,
  stores: { store: MeetingStore; directory: DirectoryStore; visits?: () => Promise<VisitRecord[]> },
): Promise<Caseload> {
  // 1. The authority's meetings and its directory.
  const [listed, directory] = await Promise.all([
    stores.store.authorityMeetings(authorityId),
    stores.directory.getDirectory(authorityId),
  ]);
  // 2. Each meeting with its audit and actions, a bounded number at a time.
  const meetings: MeetingRecord[] = new Array(listed.length);
  let next = 0;
  const worker = async () => {
    while (next < listed.length) {
      const i = next++;
      const id = (listed[i] as { id: string }).id;
      const [meeting, audit, actions] = await Promise.all([
        stores.store.getMeeting(id),
        stores.store.listAudit(id),
        stores.store.listActions(id),
      ]);
      const chair = personOf(directory, meeting.chair.email);
      meetings[i] = {
        meeting,
        audit,
        actions,
        team: chair?.team ?? "Not in the directory",
        worker: { name: meeting.chair.name, email: meeting.chair.email.toLowerCase() },
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, listed.length) }, worker));
  // 3. The children's visits, where a visit store is wired.
  const visits = stores.visits ? await stores.visits() : [];
  return { authorityId, timeZone, meetings, visits };
}
