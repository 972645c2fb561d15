import { describe, expect, it } from "vitest";
import { addWorkingDays } from "#domain/clock/index.ts";
import {
  AgreementError,
  type AgreementState,
  canFinalize,
  confirmDeemedAgreement,
  decideChange,
  draftMinutes,
  finalize,
  hashMinutes,
  isFinal,
  type Minutes,
  type NonResponderRule,
  recordResponse,
  startAgreement,
} from "#domain/minutes/index.ts";
import { smallMeeting, vtt } from "./helpers.ts";

const meeting = smallMeeting();
const transcript = vtt([
  ["Tom Reid", "Mia told me she wants to keep going to football club after school."],
  ["Asha Patel", "Taking Mia's views into account, football club will continue on Tuesdays."],
  ["Asha Patel", "The contingency plan is a family network meeting if attendance does not improve."],
]);
const minutes = draftMinutes({ meeting, transcript });
const participants = meeting.attendees.map((a) => ({ id: a.email ?? a.name, name: a.name }));
const chair = "asha@council.example";
const t0 = "2026-03-31T09:00:00Z";
const deemed: NonResponderRule = { kind: "deemed-agreed-with-chair-confirmation", workingDays: 5 };

function start(): AgreementState {
  return startAgreement({ minutes, participants, chair, nation: "england-and-wales", now: t0 }).state;
}

function approveAll(state: AgreementState, version: number, except: string[] = []): AgreementState {
  let s = state;
  for (const p of participants) {
    if (except.includes(p.id)) continue;
    s = recordResponse(s, { attendee: p.id, version, response: { kind: "approve" }, at: t0 }).state;
  }
  return s;
}

describe("versions and content hashes", () => {
  it("hashes minutes by content: the same minutes, whatever the key order, hash the same", () => {
    const reordered = Object.fromEntries(Object.entries(minutes).reverse()) as Minutes;
    expect(hashMinutes(reordered)).toBe(hashMinutes(minutes));
    expect(hashMinutes({ ...minutes, purpose: "changed" })).not.toBe(hashMinutes(minutes));
    expect(hashMinutes(minutes)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("circulates version 1 to every attendee present (not to apologies)", () => {
    const { events } = startAgreement({ minutes, participants, chair, nation: "england-and-wales", now: t0 });
    expect(events).toEqual([
      {
        type: "version-circulated",
        version: 1,
        hash: hashMinutes(minutes),
        to: participants.map((p) => p.id),
      },
    ]);
  });
});

describe("agreement by all attendees (seed 000, 'An effective minute … should be agreed by all attendees')", () => {
  it("is final only when every attendee has approved the current version", () => {
    const almost = approveAll(start(), 1, ["tom@oak.example"]);
    expect(isFinal(almost, deemed, t0)).toMatchObject({
      final: false,
      outcome: "awaiting-responses",
      waitingFor: ["tom@oak.example"],
    });
    const all = approveAll(start(), 1);
    expect(isFinal(all, deemed, t0)).toMatchObject({ final: true, basis: "all-agreed", version: 1 });
  });

  it("accepting a change makes a new version that needs everyone's approval again", () => {
    let s = approveAll(start(), 1, ["tom@oak.example"]);
    const asked = recordResponse(s, {
      attendee: "tom@oak.example",
      version: 1,
      response: { kind: "request-changes", text: "Football is on Wednesdays." },
      at: t0,
    });
    expect(asked.events.at(-1)).toMatchObject({ type: "change-requested", changeId: "change-1", to: chair });
    s = asked.state;
    expect(isFinal(s, deemed, t0)).toMatchObject({ final: false, outcome: "changes-requested" });
    const revised = { ...minutes, decisions: [{ text: "Football club will continue on Wednesdays." }] };
    const accepted = decideChange(s, {
      changeId: "change-1",
      by: chair,
      decision: "accept",
      minutes: revised,
      at: t0,
    });
    expect(accepted.events.map((e) => e.type)).toEqual(["change-accepted", "version-circulated"]);
    s = accepted.state;
    expect(s.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(s.versions[1]?.hash).toBe(hashMinutes(revised));
    expect(isFinal(s, deemed, t0)).toMatchObject({ final: false, outcome: "awaiting-responses" });
    expect(isFinal(approveAll(s, 2), deemed, t0)).toMatchObject({
      final: true,
      version: 2,
      hash: hashMinutes(revised),
    });
  });

  it("rejecting a change sends the chair's note to the requester", () => {
    const s = recordResponse(start(), {
      attendee: "tom@oak.example",
      version: 1,
      response: { kind: "request-changes", text: "Remove the bit about football." },
      at: t0,
    }).state;
    const { events, state } = decideChange(s, {
      changeId: "change-1",
      by: chair,
      decision: "reject",
      note: "It was said in the meeting.",
      at: t0,
    });
    expect(events).toEqual([
      {
        type: "change-rejected",
        changeId: "change-1",
        to: "tom@oak.example",
        note: "It was said in the meeting.",
      },
    ]);
    expect(state.versions).toHaveLength(1);
  });

  it("does not count a response to a superseded version", () => {
    let s = recordResponse(start(), {
      attendee: "tom@oak.example",
      version: 1,
      response: { kind: "request-changes", text: "x" },
      at: t0,
    }).state;
    s = decideChange(s, {
      changeId: "change-1",
      by: chair,
      decision: "accept",
      minutes: { ...minutes, purpose: "p" },
      at: t0,
    }).state;
    const late = recordResponse(s, {
      attendee: "lena@park.example",
      version: 1,
      response: { kind: "approve" },
      at: t0,
    });
    expect(late.events).toEqual([
      { type: "stale-response", attendee: "lena@park.example", version: 1, current: 2 },
    ]);
    expect(late.state).toBe(s);
  });

  it("refuses responses from people not at the meeting and change decisions by anyone but the chair", () => {
    expect(() =>
      recordResponse(start(), {
        attendee: "ben@hv.example",
        version: 1,
        response: { kind: "approve" },
        at: t0,
      }),
    ).toThrow(AgreementError);
    const s = recordResponse(start(), {
      attendee: "tom@oak.example",
      version: 1,
      response: { kind: "request-changes", text: "x" },
      at: t0,
    }).state;
    expect(() =>
      decideChange(s, { changeId: "change-1", by: "tom@oak.example", decision: "reject", note: "n", at: t0 }),
    ).toThrow(/only the chair/);
  });
});

describe("the authority's rule for non-responders", () => {
  const silent = approveAll(start(), 1, ["lena@park.example"]);
  const deadline = addWorkingDays("2026-03-31", 5, "england-and-wales");

  it("waits N working days, counted past the Easter bank holidays", () => {
    // Five weekdays from Tuesday 31 March would be 7 April; Good Friday and Easter Monday push it on.
    expect(deadline > "2026-04-07").toBe(true);
    expect(isFinal(silent, deemed, "2026-04-06T12:00:00Z")).toMatchObject({
      outcome: "awaiting-responses",
      deadline,
    });
  });

  it("deems non-responders to agree after N working days only once the chair confirms", () => {
    const after = `${deadline}T09:00:00Z`;
    expect(isFinal(silent, deemed, after)).toMatchObject({
      final: false,
      outcome: "awaiting-chair-confirmation",
      nonResponders: ["lena@park.example"],
    });
    const confirmed = confirmDeemedAgreement(silent, { by: chair, version: 1, at: after }).state;
    expect(isFinal(confirmed, deemed, after)).toMatchObject({
      final: true,
      basis: "deemed-agreed",
      deemed: ["lena@park.example"],
    });
  });

  it("escalates after N working days under the escalate rule", () => {
    const rule: NonResponderRule = { kind: "escalate", workingDays: 5 };
    expect(isFinal(silent, rule, `${deadline}T09:00:00Z`)).toMatchObject({
      final: false,
      outcome: "escalate",
      nonResponders: ["lena@park.example"],
    });
  });

  it("escalates an attendee who still disagrees after their change was rejected (seed 001, escalation policy)", () => {
    let s = recordResponse(silent, {
      attendee: "lena@park.example",
      version: 1,
      response: { kind: "request-changes", text: "x" },
      at: t0,
    }).state;
    s = decideChange(s, { changeId: "change-1", by: chair, decision: "reject", note: "no", at: t0 }).state;
    s = confirmDeemedAgreement(s, { by: chair, version: 1, at: t0 }).state;
    expect(isFinal(s, deemed, `${deadline}T09:00:00Z`)).toMatchObject({
      outcome: "escalate",
      disagreeing: ["lena@park.example"],
    });
  });
});

describe("finalizing (seed 001)", () => {
  it("refuses minutes without the child's views or a contingency plan, with clear reasons", () => {
    const bare: Minutes = {
      ...minutes,
      childsViews: { views: "", influence: "", sourceRefs: [] },
      contingencyPlan: { text: " ", sourceRefs: [] },
    };
    expect(canFinalize(bare)).toEqual({
      ok: false,
      reasons: [
        "childs-views: the minutes do not record the child's views (seed 001)",
        "contingency-plan: the minutes have no contingency plan for when progress is not made (seed 001)",
      ],
    });
    const state = approveAll(
      startAgreement({ minutes: bare, participants, chair, nation: "england-and-wales", now: t0 }).state,
      1,
    );
    expect(() => finalize(state, deemed, t0)).toThrow(/cannot finalize: childs-views/);
  });

  it("requires how the child's views influenced decisions, or why they were not acted on (seed 001)", () => {
    const verdict = canFinalize({
      ...minutes,
      childsViews: { views: "Mia wants football.", influence: "", sourceRefs: [] },
    });
    expect(verdict.ok).toBe(false);
    expect(
      canFinalize({
        ...minutes,
        childsViews: { views: "v", influence: "", notActedOnWhy: "Not safe.", sourceRefs: [] },
      }),
    ).toEqual({
      ok: true,
    });
  });

  it("finalizes agreed minutes once, then refuses further responses", () => {
    const { state, events } = finalize(approveAll(start(), 1), deemed, t0);
    expect(events).toEqual([
      { type: "minutes-final", version: 1, hash: hashMinutes(minutes), basis: "all-agreed" },
    ]);
    expect(() =>
      recordResponse(state, { attendee: chair, version: 1, response: { kind: "approve" }, at: t0 }),
    ).toThrow(/final/);
    expect(() => finalize(state, deemed, t0)).toThrow(/already final/);
  });
});
