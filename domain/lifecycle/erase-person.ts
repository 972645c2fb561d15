/**
 * Erasing a person's data on a lawful request (UK GDPR Article 17; issue 14), by email address, in
 * one authority. The statutory record stays intact where the law requires it: a child's social care
 * record is kept under the authority's legal obligations for its retention period (Article
 * 17(3)(b)), so the agreed minutes or plan (every version, as hashed and agreed), the names of those
 * who attended and the actions stay as they are. What is not the record goes.
 *
 * 1. Every meeting of the authority that holds the address is found (as chair, invitee, line
 *    manager, team or service manager, action owner).
 * 2. Nothing changes while any of them still needs the address (`erasureBlockers`): a meeting
 *    whose record is not final yet (cancel it, or wait until it is distributed), an open action they
 *    own (reassign it), an open action whose ladder reaches them, a member of staff still in the
 *    directory. Each is named, with what to do.
 * 3. In each meeting: the address is replaced by a tombstone that can never be mailed
 *    (`erased-<hmac>@erased.invalid`, RFC 2606), in the meeting, its actions and its log (audit
 *    events, send records); their own words outside the record (the note with an answer, the text
 *    of a change they asked for) are removed; the meeting's transcripts and recording (verbatim
 *    speech; the minutes are the record) are made due for removal now, which the retention sweep
 *    carries out (the sweeper is the one function allowed to delete them); an audit event `person-erased` names the
 *    request, who carried it out and the tombstone, never the address.
 * 4. Outside meetings: in the child's plans that have closed, the address is replaced the same way
 *    (an open plan refuses the erasure: it still visits and writes); its undeliverable mark is
 *    removed.
 *
 * With `dryRun`, steps 1 and 2 only: what would change, or why it cannot.
 */
import { createHmac } from "node:crypto";
import type { ReplySecrets } from "../email/reply-token.ts";
import type { ChildPlan } from "../plan/model.ts";
import type { LifecycleKernel } from "./kernel.ts";
import type { Action, Meeting } from "./model.ts";

/** Phases in which the meeting's record is final (distributed) or the meeting was cancelled. */
const finalPhases = new Set<Meeting["phase"]>(["track-actions", "review", "closed", "cancelled"]);

const same = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

export class ErasureRefusedError extends Error {
  override name = "ErasureRefusedError";
  constructor(readonly blockers: string[]) {
    super(`nothing was erased: ${blockers.join("; ")}`);
  }
}

/** The address a person's own is replaced with: stable per authority secret, never deliverable. */
export function tombstoneFor(email: string, secret: ReplySecrets): string {
  const key = Array.isArray(secret) ? secret[0] : secret;
  const mac = createHmac("sha256", key as string | Uint8Array)
    .update(`erasure:${email.trim().toLowerCase()}`)
    .digest("hex");
  return `erased-${mac.slice(0, 16)}@erased.invalid`;
}

/** Whether a child's plan holds the address (its worker, team manager, or a person in it). Pure. */
export function planHolds(plan: ChildPlan, email: string): boolean {
  return [plan.worker, plan.teamManager, ...plan.people].some((p) => same(p.email, email));
}

/** Where a meeting holds the address. Pure. */
export function rolesIn(meeting: Meeting, actions: readonly Action[], email: string): string[] {
  const roles: string[] = [];
  if (same(meeting.chair.email, email)) roles.push("chair");
  if (meeting.invitees.some((p) => same(p.email, email))) roles.push("invitee");
  if ([meeting.chair, ...meeting.invitees].some((p) => same(p.lineManager?.email, email)))
    roles.push("line manager");
  if (same(meeting.teamManager.email, email)) roles.push("team manager");
  if (same(meeting.serviceManager?.email, email)) roles.push("service manager");
  if (actions.some((a) => same(a.responsible.email, email))) roles.push("action owner");
  return roles;
}

/** Why the address cannot be erased from this meeting yet (empty: it can). Pure. */
export function erasureBlockers(meeting: Meeting, actions: readonly Action[], email: string): string[] {
  const roles = rolesIn(meeting, actions, email);
  if (roles.length === 0) return [];
  const name = `${meeting.typeName} ${meeting.id} (${meeting.child.reference})`;
  if (!finalPhases.has(meeting.phase))
    return [
      `${name} is still in progress (${meeting.phase}): cancel it, or erase once its record has been distributed`,
    ];
  const open = actions.filter((a) => a.status === "open" || a.status === "slipped");
  const out: string[] = [];
  for (const a of open)
    if (same(a.responsible.email, email))
      out.push(`${name}: action ${a.number} is theirs and open: reassign it first`);
  const onLadder = roles.some((r) => r !== "invitee" && r !== "action owner");
  if (open.length > 0 && onLadder && meeting.phase !== "cancelled")
    out.push(
      `${name}: its open actions escalate to them (${roles.join(", ")}): close or reassign those actions first`,
    );
  return out;
}

export interface ErasureRequest {
  email: string;
  /** The council's reference for the lawful request (audited). */
  request: string;
  /** Who carries it out (audited). */
  actor: string;
  via: string;
  dryRun?: boolean;
  /** Whether the address is in the staff directory now (staff are removed there first). */
  inDirectory: boolean;
}

export interface ErasureResult {
  tombstone: string;
  /** Closed children's plans that named them (seed 004). */
  plans: string[];
  meetings: Array<{ id: string; roles: string[]; logItems: number }>;
  dryRun: boolean;
}

export async function erasePerson(k: LifecycleKernel, input: ErasureRequest): Promise<ErasureResult> {
  const email = input.email.trim().toLowerCase();
  const tombstone = tombstoneFor(email, k.deps.replySecret);
  // 1. Every meeting that holds the address.
  const found: Array<{ meeting: Meeting; actions: Action[]; roles: string[] }> = [];
  for (const listed of await k.deps.store.authorityMeetings(k.deps.settings.id)) {
    const meeting = await k.deps.store.getMeeting(listed.id);
    const actions = meeting.actionCount > 0 ? await k.deps.store.listActions(meeting.id) : [];
    const roles = rolesIn(meeting, actions, email);
    if (roles.length > 0) found.push({ meeting, actions, roles });
  }
  // The children's plans that hold it (seed 004): a live plan still visits and writes to them.
  const planStore = k.deps.plans?.plans;
  const plans = (planStore ? await planStore.authorityPlans(k.deps.settings.id) : []).filter((p) =>
    planHolds(p, email),
  );
  // 2. Refused, changing nothing, while anything still needs it.
  const blockers = found.flatMap((f) => erasureBlockers(f.meeting, f.actions, email));
  for (const p of plans)
    if (p.status === "open" || p.status === "closure-proposed")
      blockers.push(`the child's plan ${p.id} (${p.childReference}) is open and names them: close it first`);
  if (input.inDirectory)
    blockers.unshift(
      "they are in the staff directory: an admin removes them there first (staff records follow the council's own retention)",
    );
  if (blockers.length > 0) throw new ErasureRefusedError(blockers);
  const result: ErasureResult = { tombstone, meetings: [], plans: [], dryRun: input.dryRun === true };
  if (input.dryRun) {
    result.plans = plans.map((p) => p.id);
    result.meetings = found.map((f) => ({ id: f.meeting.id, roles: f.roles, logItems: 0 }));
    return result;
  }
  // 3. Each meeting: the address replaced, their words outside the record removed, transcripts gone.
  const swap = <T extends { email?: string }>(p: T): T =>
    same(p.email, email) ? { ...p, email: tombstone } : p;
  for (const { meeting, actions, roles } of found) {
    const people = [meeting.chair, ...meeting.invitees]
      .filter((p) => same(p.email, email))
      .map((p) => p.index);
    const withLine = <T extends Meeting["chair"]>(p: T): T =>
      swap(
        p.lineManager && same(p.lineManager.email, email)
          ? { ...p, lineManager: { ...p.lineManager, email: tombstone } }
          : p,
      );
    const current = await k.deps.store.getMeeting(meeting.id);
    await k.deps.store.saveMeeting({
      ...current,
      chair: withLine(current.chair),
      invitees: current.invitees.map(withLine),
      teamManager: swap(current.teamManager),
      ...(current.serviceManager ? { serviceManager: swap(current.serviceManager) } : {}),
      updatedAt: k.now().toISOString(),
    });
    for (const a of actions)
      if (same(a.responsible.email, email))
        await k.deps.store.putAction(meeting.id, {
          ...a,
          responsible: { ...a.responsible, email: tombstone },
        });
    for (const answer of await k.deps.store.listAnswers(meeting.id))
      if (people.includes(answer.index) && answer.note !== undefined) {
        const { note: _note, ...rest } = answer;
        await k.deps.store.putAnswer(meeting.id, rest);
      }
    for (let v = 1; v <= current.minutesVersion; v++)
      for (const approval of await k.deps.store.listApprovals(meeting.id, v))
        if (people.includes(approval.index) && approval.text !== undefined) {
          const { text: _text, ...rest } = approval;
          await k.deps.store.putApproval(meeting.id, rest);
        }
    const logItems = await k.deps.store.redactAddressInLog(meeting.id, email, tombstone);
    // The transcripts and recording are removed by retention, due now: the sweeper (the one
    // function allowed to delete them) does it on its next run, audited (retention.ts).
    await k.deps.store.putRetention({
      meetingId: meeting.id,
      what: "transcripts",
      dueAt: k.now().toISOString(),
    });
    await k.audit(meeting.id, input.actor, "person-erased", input.via, {
      request: input.request,
      tombstone,
      roles,
      logItems,
    });
    result.meetings.push({ id: meeting.id, roles, logItems });
  }
  // 4. Outside meetings: closed plans' people, and the undeliverable mark.
  if (planStore)
    for (const p of plans) {
      const current = await planStore.getPlan(p.id);
      await planStore.savePlan({
        ...current,
        worker: swap(current.worker),
        teamManager: swap(current.teamManager),
        people: current.people.map(swap),
        updatedAt: k.now().toISOString(),
      });
      await k.audit(p.id, input.actor, "person-erased", input.via, { request: input.request, tombstone });
      result.plans.push(p.id);
    }
  await k.deps.store.clearUndeliverable(email);
  return result;
}
