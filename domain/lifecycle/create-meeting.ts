/**
 * Create a meeting (issue 10, items 5–6): the one use case the local API, the CLI and the cloud
 * API call to convene a meeting. `now` is passed in.
 *
 * 1. Idempotency: a key seen before with the same body answers that meeting (created now if the
 *    first attempt stopped before creating it); with another body it is refused.
 * 2. Parse the request and plan it (domain/planning): every planning error at once.
 * 3. Convene-time rules (convene-checks.ts): refused with every blocking problem listed, unless
 *    each has a reason in `overrides`.
 * 4. The start is after now and at most 2 years ahead.
 * 5. Claim the key for a new meeting id (one conditional write, so it survives a restart).
 * 6. Line managers and the team manager from the staff directory, when there is one: each
 *    invitee's line manager (one named in the request wins), the team manager over the chair
 *    (else the authority's team manager contact) and that team manager's own line manager as the
 *    service manager (else the authority's service manager contact). Then store the meeting with its overrides, and on its agenda what earlier meetings feed into it
 *    (feed-forward.ts: a Specific Issue CPM's decisions into the next CPM, seed 002); audit its
 *    creation and each override.
 * 7. Start its lifecycle (whose convene step tells the team manager of a late date).
 */
import { createHash } from "node:crypto";
import type { AuthorityConfig } from "../authority/index.ts";
import { type Catalog, findMeetingType } from "../catalog/index.ts";
import { lineManagerOf, lineManagersFor, teamManagerFor } from "../directory/lookups.ts";
import { type PlanError, planMeeting } from "../planning/index.ts";
import type { DirectoryStore } from "../ports/directory.ts";
import { ConflictError, type MeetingStore, NotFoundError } from "../ports/store.ts";
import { meetingFromPlan, startMeetingSchema } from "./convene.ts";
import { decideConvene } from "./convene-checks.ts";
import { fedForward } from "./fed-forward-agenda.ts";
import type { Meeting } from "./model.ts";
import { seriesOf } from "./series.ts";

/** How far ahead a meeting may be started or moved: no review cycle plans further. */
export const maxStartAheadMs = 2 * 366 * 24 * 3_600_000;

export class StartMeetingError extends Error {
  override name = "StartMeetingError";
  constructor(readonly errors: PlanError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join("; "));
  }
}

/** An Idempotency-Key used before for a different request body. */
export class IdempotencyKeyMismatchError extends Error {
  override name = "IdempotencyKeyMismatchError";
  constructor(readonly key: string) {
    super(
      `Idempotency-Key ${JSON.stringify(key)}: already used for a different request body (use a new key for a new meeting)`,
    );
  }
}

export interface IdempotencyRecord {
  fingerprint: string;
  meetingId: string;
  at: string;
}

export interface CreateMeetingPorts {
  store: Pick<
    MeetingStore,
    "createMeeting" | "getMeeting" | "appendAudits" | "childMeetings" | "getMinutesVersion"
  > & {
    getIdempotencyRecord(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
    claimIdempotencyKey(scope: string, key: string, record: IdempotencyRecord): Promise<boolean>;
  };
  startLifecycle(meetingId: string): Promise<void>;
  newMeetingId(): string;
  catalog: Catalog;
  authority: AuthorityConfig;
  /** The authority's staff directory, where line managers and team managers come from. */
  directory?: Pick<DirectoryStore, "getDirectory">;
}

export interface CreateMeetingInput {
  body: unknown;
  now: Date;
  /** Who asks (an email address, or "local-api"): audited. */
  actor?: string;
  via: string;
  idempotencyKey?: string;
}

/** JSON with keys sorted, so two equal bodies give one fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Who transcribes, as the plan request names them (the plan keeps it only inside the filled agenda). */
function transcribedBy(request: unknown): string | undefined {
  const value = (request as { transcribedBy?: unknown } | null)?.transcribedBy;
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

async function existing(ports: CreateMeetingPorts, id: string): Promise<Meeting | undefined> {
  try {
    return await ports.store.getMeeting(id);
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

/** Steps 2–4: the meeting this request would create, or every problem with it. */
export function checkMeetingRequest(
  body: unknown,
  ports: Pick<CreateMeetingPorts, "catalog" | "authority">,
  now: Date,
) {
  const parsed = startMeetingSchema.parse(body);
  const result = planMeeting(parsed.plan, ports.catalog, ports.authority);
  if (!result.ok)
    throw new StartMeetingError(
      result.errors.map((e) => ({ ...e, path: e.path ? `plan.${e.path}` : "plan" })),
    );
  const decision = decideConvene(result.plan, parsed.overrides);
  if (!decision.ok) throw new StartMeetingError(decision.errors);
  const start = new Date(result.plan.meeting.start);
  if (start <= now) {
    // Invitations to a meeting already past help nobody: say so instead of sending them.
    throw new StartMeetingError([
      {
        path: "plan.proposedStart",
        message: `the meeting would start at ${start.toISOString()}, which is not after now (${now.toISOString()}): choose a time in the future`,
      },
    ]);
  }
  if (start.getTime() - now.getTime() > maxStartAheadMs) {
    throw new StartMeetingError([
      {
        path: "plan.proposedStart",
        message: `the meeting would start at ${start.toISOString()}, more than 2 years after now (${now.toISOString()}): expected a date within 2 years`,
      },
    ]);
  }
  return { parsed, plan: result.plan, overrides: decision.overrides };
}

export async function createMeeting(
  ports: CreateMeetingPorts,
  input: CreateMeetingInput,
): Promise<{ meeting: Meeting; replayed: boolean }> {
  const { store } = ports;
  const key = input.idempotencyKey;
  const fingerprint = createHash("sha256").update(canonicalJson(input.body)).digest("hex");
  let id: string | undefined;
  // 1. A key seen before.
  if (key !== undefined) {
    const seen = await store.getIdempotencyRecord("start-meeting", key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) throw new IdempotencyKeyMismatchError(key);
      const found = await existing(ports, seen.meetingId);
      if (found) return { meeting: found, replayed: true };
      id = seen.meetingId;
    }
  }
  // 2–4. Plan and check.
  const { parsed, plan, overrides } = checkMeetingRequest(input.body, ports, input.now);
  // 5. Claim the key.
  if (key !== undefined && id === undefined) {
    const claimed = ports.newMeetingId();
    const won = await store.claimIdempotencyKey("start-meeting", key, {
      fingerprint,
      meetingId: claimed,
      at: input.now.toISOString(),
    });
    if (won) id = claimed;
    else {
      // Lost a race with the same key: go on as its retry (creating under its id, or answering it).
      const winner = await store.getIdempotencyRecord("start-meeting", key);
      if (!winner) throw new Error(`Idempotency-Key ${JSON.stringify(key)}: claimed but not readable`);
      if (winner.fingerprint !== fingerprint) throw new IdempotencyKeyMismatchError(key);
      id = winner.meetingId;
    }
  }
  // 6. Line managers and team manager from the directory; store and audit.
  const staff = ports.directory ? await ports.directory.getDirectory(ports.authority.id) : undefined;
  const teamManager = staff ? teamManagerFor(staff, plan.chair.email) : undefined;
  const serviceManager = staff && teamManager ? lineManagerOf(staff, teamManager.email) : undefined;
  const meeting = meetingFromPlan(plan, {
    id: id ?? ports.newMeetingId(),
    now: input.now,
    settings: ports.authority,
    lineManagers: staff
      ? {
          ...lineManagersFor(staff, [plan.chair.email, ...plan.invites.map((p) => p.email)]),
          ...parsed.lineManagers,
        }
      : parsed.lineManagers,
    ...(teamManager ? { teamManager: { name: teamManager.name, email: teamManager.email } } : {}),
    ...(serviceManager ? { serviceManager: { name: serviceManager.name, email: serviceManager.email } } : {}),
    overrides,
    minutesAgreedBy: findMeetingType(ports.catalog, plan.meetingType.id)?.timescales.minutes
      .agreedByAllAttendees
      ? "all-attendees"
      : "chair",
    series: seriesOf(plan, ports.catalog, {
      child: plan.child.name ?? plan.child.reference,
      ...(plan.meeting.onlineLink ? { link: plan.meeting.onlineLink } : {}),
      ...(transcribedBy(parsed.plan) ? { transcriber: transcribedBy(parsed.plan) } : {}),
    }),
  });
  const fed = await fedForward(ports.store, ports.authority.timezone, meeting);
  if (fed) meeting.agenda = { ...meeting.agenda, sections: [fed, ...meeting.agenda.sections] };
  try {
    await store.createMeeting(meeting);
  } catch (error) {
    // The same key's other request created it a moment ago.
    if (error instanceof ConflictError && key !== undefined)
      return { meeting: await store.getMeeting(meeting.id), replayed: true };
    throw error;
  }
  const at = input.now.toISOString();
  const actor = input.actor ?? meeting.chair.email;
  // The creation and each override, audited in one batched write.
  await store.appendAudits([
    {
      at,
      meetingId: meeting.id,
      actor,
      what: "meeting-created",
      via: input.via,
      detail: { type: meeting.typeId, dueBy: meeting.dueBy },
    },
    ...overrides.map((o) => ({
      at,
      meetingId: meeting.id,
      actor,
      what: `plan-override:${o.kind}`,
      via: input.via,
      detail: { code: o.code, problem: o.problem, reason: o.reason },
    })),
  ]);
  // 7. Start the lifecycle.
  await ports.startLifecycle(meeting.id);
  return { meeting, replayed: false };
}
