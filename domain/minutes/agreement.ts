/**
 * Agreeing the minutes (issue 5, section 4): "an effective minute … should be agreed by all
 * attendees" (seed 000, "Management of meetings"). Pure state transitions: each function takes
 * the state and a time, and returns the new state and the events to act on (emails, escalation).
 *
 * Who must agree: the attendees who were present. People who sent apologies receive the minutes
 * but are not asked to agree a record of a discussion they did not hear.
 */
import { createHash } from "node:crypto";
import { addWorkingDays, type IsoDate, type Nation } from "#domain/clock/index.ts";
import type { Minutes } from "./model.ts";

/** An attendee asked to agree; `id` is how responses name them (their email, normally). */
export interface Participant {
  id: string;
  name: string;
}

export interface MinutesVersion {
  version: number;
  /** sha256 of the canonical JSON of `minutes`. */
  hash: string;
  minutes: Minutes;
  /** ISO instant the version went out. */
  createdAt: string;
  /** The change requests this version takes in. */
  resolves: string[];
}

export type AgreementResponse = { kind: "approve" } | { kind: "request-changes"; text: string };

export interface ResponseRecord {
  attendee: string;
  version: number;
  response: AgreementResponse;
  at: string;
}

export interface ChangeRequest {
  id: string;
  version: number;
  attendee: string;
  text: string;
  at: string;
  status: "open" | "accepted" | "rejected";
  decidedAt?: string;
  /** The chair's note to the requester when rejected. */
  note?: string;
  /** The version that took the change in, when accepted. */
  acceptedIn?: number;
}

export interface AgreementState {
  nation: Nation;
  /** The chair's participant id. */
  chair: string;
  participants: Participant[];
  versions: MinutesVersion[];
  responses: ResponseRecord[];
  changes: ChangeRequest[];
  /** The chair's confirmations that non-responders are deemed to agree, per version. */
  confirmations: { version: number; at: string }[];
  final?: { version: number; hash: string; at: string; basis: "all-agreed" | "deemed-agreed" };
}

export type AgreementEvent =
  | { type: "version-circulated"; version: number; hash: string; to: string[] }
  | { type: "response-recorded"; attendee: string; version: number; response: AgreementResponse["kind"] }
  | { type: "stale-response"; attendee: string; version: number; current: number }
  | {
      type: "change-requested";
      changeId: string;
      attendee: string;
      version: number;
      text: string;
      to: string;
    }
  | { type: "change-accepted"; changeId: string; version: number }
  | { type: "change-rejected"; changeId: string; to: string; note: string }
  | { type: "chair-confirmed-deemed-agreement"; version: number }
  | { type: "minutes-final"; version: number; hash: string; basis: "all-agreed" | "deemed-agreed" };

/**
 * What the authority does about attendees who do not respond (per authority configuration):
 * deem them to agree after N working days once the chair confirms, or escalate after N working days.
 */
export type NonResponderRule =
  | { kind: "deemed-agreed-with-chair-confirmation"; workingDays: number }
  | { kind: "escalate"; workingDays: number };

export type Finality =
  | { final: true; basis: "all-agreed" | "deemed-agreed"; version: number; hash: string; deemed: string[] }
  | { final: false; outcome: "changes-requested"; open: ChangeRequest[] }
  | { final: false; outcome: "awaiting-responses"; waitingFor: string[]; deadline: IsoDate }
  | { final: false; outcome: "awaiting-chair-confirmation"; nonResponders: string[]; deadline: IsoDate }
  | { final: false; outcome: "escalate"; nonResponders: string[]; disagreeing: string[]; deadline: IsoDate };

/** An action the agreement does not allow (unknown attendee, not the chair, minutes already final). */
export class AgreementError extends Error {
  override name = "AgreementError";
}

type Result = { state: AgreementState; events: AgreementEvent[] };

/** JSON with object keys sorted at every level, so equal minutes hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** sha256 (hex) of the minutes' canonical JSON: the version's content hash. */
export function hashMinutes(minutes: Minutes): string {
  return createHash("sha256").update(canonicalJson(minutes)).digest("hex");
}

/**
 * Opens agreement on version 1 and sends it to every participant.
 * @example startAgreement({ minutes, participants, chair: "h.okafor@…", nation: "england-and-wales", now })
 */
export function startAgreement(input: {
  minutes: Minutes;
  participants: Participant[];
  chair: string;
  nation: Nation;
  now: string;
}): Result {
  if (!input.participants.some((p) => p.id === input.chair)) {
    throw new AgreementError(`chair: ${input.chair} is not one of the participants`);
  }
  const version: MinutesVersion = {
    version: 1,
    hash: hashMinutes(input.minutes),
    minutes: input.minutes,
    createdAt: input.now,
    resolves: [],
  };
  const state: AgreementState = {
    nation: input.nation,
    chair: input.chair,
    participants: input.participants,
    versions: [version],
    responses: [],
    changes: [],
    confirmations: [],
  };
  return { state, events: [circulated(state, version)] };
}

/** The version now out for agreement. */
export function currentVersion(state: AgreementState): MinutesVersion {
  const v = state.versions.at(-1);
  if (!v) throw new AgreementError("no version of the minutes has been circulated");
  return v;
}

/**
 * Records an attendee's response to a version. A response to a superseded version is not
 * counted (event `stale-response`): the attendee must respond to the current one. A later response
 * replaces the attendee's earlier one to the same version.
 */
export function recordResponse(
  state: AgreementState,
  input: { attendee: string; version: number; response: AgreementResponse; at: string },
): Result {
  assertOpen(state);
  if (!state.participants.some((p) => p.id === input.attendee)) {
    throw new AgreementError(`attendee: ${input.attendee} was not at the meeting, so is not asked to agree`);
  }
  const current = currentVersion(state);
  if (input.version !== current.version) {
    return {
      state,
      events: [
        {
          type: "stale-response",
          attendee: input.attendee,
          version: input.version,
          current: current.version,
        },
      ],
    };
  }
  const responses = [
    ...state.responses.filter((r) => !(r.attendee === input.attendee && r.version === input.version)),
    { attendee: input.attendee, version: input.version, response: input.response, at: input.at },
  ];
  const events: AgreementEvent[] = [
    {
      type: "response-recorded",
      attendee: input.attendee,
      version: input.version,
      response: input.response.kind,
    },
  ];
  let changes = state.changes;
  if (input.response.kind === "request-changes") {
    const id = `change-${state.changes.length + 1}`;
    changes = [
      ...changes,
      {
        id,
        version: input.version,
        attendee: input.attendee,
        text: input.response.text,
        at: input.at,
        status: "open",
      },
    ];
    events.push({
      type: "change-requested",
      changeId: id,
      attendee: input.attendee,
      version: input.version,
      text: input.response.text,
      to: state.chair,
    });
  }
  return { state: { ...state, responses, changes }, events };
}

/**
 * The chair accepts a requested change (with the revised minutes: a new version that supersedes
 * the current one and goes back out for fresh approval by everyone) or rejects it (with a note
 * that goes to the requester).
 */
export function decideChange(
  state: AgreementState,
  input:
    | { changeId: string; by: string; decision: "accept"; minutes: Minutes; at: string }
    | { changeId: string; by: string; decision: "reject"; note: string; at: string },
): Result {
  assertOpen(state);
  if (input.by !== state.chair)
    throw new AgreementError(`by: only the chair (${state.chair}) decides on changes`);
  const change = state.changes.find((c) => c.id === input.changeId);
  if (!change) throw new AgreementError(`changeId: no change request ${input.changeId}`);
  if (change.status !== "open")
    throw new AgreementError(`changeId: ${input.changeId} was already ${change.status}`);
  if (input.decision === "reject") {
    const decided: ChangeRequest = { ...change, status: "rejected", decidedAt: input.at, note: input.note };
    return {
      state: { ...state, changes: state.changes.map((c) => (c.id === change.id ? decided : c)) },
      events: [{ type: "change-rejected", changeId: change.id, to: change.attendee, note: input.note }],
    };
  }
  const next: MinutesVersion = {
    version: currentVersion(state).version + 1,
    hash: hashMinutes(input.minutes),
    minutes: input.minutes,
    createdAt: input.at,
    resolves: [change.id],
  };
  const decided: ChangeRequest = {
    ...change,
    status: "accepted",
    decidedAt: input.at,
    acceptedIn: next.version,
  };
  const newState: AgreementState = {
    ...state,
    versions: [...state.versions, next],
    changes: state.changes.map((c) => (c.id === change.id ? decided : c)),
  };
  return {
    state: newState,
    events: [
      { type: "change-accepted", changeId: change.id, version: next.version },
      circulated(newState, next),
    ],
  };
}

/** The chair confirms that attendees who have not responded to `version` are deemed to agree. */
export function confirmDeemedAgreement(
  state: AgreementState,
  input: { by: string; version: number; at: string },
): Result {
  assertOpen(state);
  if (input.by !== state.chair)
    throw new AgreementError(`by: only the chair (${state.chair}) can confirm deemed agreement`);
  if (input.version !== currentVersion(state).version) {
    throw new AgreementError(
      `version: ${input.version} is not the current version (${currentVersion(state).version})`,
    );
  }
  return {
    state: { ...state, confirmations: [...state.confirmations, { version: input.version, at: input.at }] },
    events: [{ type: "chair-confirmed-deemed-agreement", version: input.version }],
  };
}

/**
 * Whether the minutes are final at `now` (an ISO instant; its date is used for working days).
 * Final only when every participant approved the current version, or the non-responder rule has
 * run: after N working days (statutory clock) non-responders are deemed to agree once the chair has
 * confirmed it, or the rule says escalate. Open change requests hold everything up; an attendee
 * whose change was rejected and who has not approved is disagreeing, which escalates (seed 001,
 * "What if some members disagree with the decisions made?": the agency's escalation policy).
 */
export function isFinal(state: AgreementState, rule: NonResponderRule, now: string): Finality {
  const current = currentVersion(state);
  if (state.final) {
    return {
      final: true,
      basis: state.final.basis,
      version: state.final.version,
      hash: state.final.hash,
      deemed: [],
    };
  }
  const open = state.changes.filter((c) => c.status === "open");
  if (open.length > 0) return { final: false, outcome: "changes-requested", open };
  const forCurrent = state.responses.filter((r) => r.version === current.version);
  const approved = new Set(forCurrent.filter((r) => r.response.kind === "approve").map((r) => r.attendee));
  const responded = new Set(forCurrent.map((r) => r.attendee));
  const pending = state.participants.filter((p) => !approved.has(p.id)).map((p) => p.id);
  if (pending.length === 0)
    return { final: true, basis: "all-agreed", version: current.version, hash: current.hash, deemed: [] };
  const deadline = addWorkingDays(current.createdAt.slice(0, 10), rule.workingDays, state.nation);
  if (now.slice(0, 10) < deadline)
    return { final: false, outcome: "awaiting-responses", waitingFor: pending, deadline };
  const nonResponders = pending.filter((id) => !responded.has(id));
  const disagreeing = pending.filter((id) => responded.has(id));
  if (disagreeing.length > 0 || rule.kind === "escalate") {
    return { final: false, outcome: "escalate", nonResponders, disagreeing, deadline };
  }
  if (!state.confirmations.some((c) => c.version === current.version)) {
    return { final: false, outcome: "awaiting-chair-confirmation", nonResponders, deadline };
  }
  return {
    final: true,
    basis: "deemed-agreed",
    version: current.version,
    hash: current.hash,
    deemed: nonResponders,
  };
}

/**
 * Minutes cannot be finalized without the child's views, how they shaped the decisions (or why
 * they were not acted on), and a contingency plan.
 */
export function canFinalize(minutes: Minutes): { ok: true } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  // "The record of the meeting should reflect the child's views" (seed 001, "How is the child's voice taken into account?").
  if (minutes.childsViews.views.trim() === "") {
    reasons.push("childs-views: the minutes do not record the child's views (seed 001)");
  } else if (minutes.childsViews.influence.trim() === "" && !minutes.childsViews.notActedOnWhy?.trim()) {
    reasons.push(
      "childs-views: say how the child's views influenced the decisions, or why they were not acted on (seed 001)",
    );
  }
  // "All plans should include a contingency plan" (seed 001, "What if progress is not being made?").
  if (minutes.contingencyPlan.text.trim() === "") {
    reasons.push(
      "contingency-plan: the minutes have no contingency plan for when progress is not made (seed 001)",
    );
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

/**
 * Marks the minutes final when {@link isFinal} and {@link canFinalize} both allow it.
 * @throws AgreementError naming every reason it cannot.
 */
export function finalize(state: AgreementState, rule: NonResponderRule, now: string): Result {
  if (state.final) throw new AgreementError(`the minutes are already final (version ${state.final.version})`);
  const finality = isFinal(state, rule, now);
  const current = currentVersion(state);
  const reasons: string[] = [];
  if (!finality.final) reasons.push(`agreement: ${finality.outcome}`);
  const content = canFinalize(current.minutes);
  if (!content.ok) reasons.push(...content.reasons);
  if (!finality.final || reasons.length > 0)
    throw new AgreementError(`cannot finalize: ${reasons.join("; ")}`);
  const final = { version: current.version, hash: current.hash, at: now, basis: finality.basis };
  return {
    state: { ...state, final },
    events: [{ type: "minutes-final", version: current.version, hash: current.hash, basis: finality.basis }],
  };
}

function circulated(state: AgreementState, version: MinutesVersion): AgreementEvent {
  return {
    type: "version-circulated",
    version: version.version,
    hash: version.hash,
    to: state.participants.map((p) => p.id),
  };
}

function assertOpen(state: AgreementState): void {
  if (state.final)
    throw new AgreementError(`the minutes are final (version ${state.final.version}); no more changes`);
}
