/**
 * The child's plan forms: their fields turned into the same bodies the JSON API takes
 * (domain/plan's schemas), and the domain's errors put back beside the fields they name. It
 * decides nothing: every rule runs in domain/plan.
 */
import { z } from "zod";
import { atLocalTime } from "../domain/lifecycle/time.ts";
import type { ChildPlan } from "../domain/plan/model.ts";
import { PlanError } from "../domain/plan/model.ts";
import { type FormValues, isoDate, one } from "./convene-form.ts";
import { mapError } from "./errors.ts";

/** Rows for people on the start form. */
export const personRows = 4;

const yesNo = (values: FormValues, name: string) =>
  one(values, name) === "yes" ? true : one(values, name) === "no" ? false : undefined;

/** The start form as the start-plan body (domain/plan/start-plan.ts). */
export function startPlanBody(
  values: FormValues,
  worker: { name: string; email: string },
  timezone: string,
): Record<string, unknown> {
  const people: Record<string, unknown>[] = [];
  const invitees: Record<string, unknown>[] = [];
  for (let i = 0; i < personRows; i++) {
    const name = one(values, `person${i}Name`);
    const relationship = one(values, `person${i}Relationship`);
    const email = one(values, `person${i}Email`);
    const role = one(values, `person${i}Role`);
    const agency = one(values, `person${i}Agency`);
    if (!name && !email && !relationship) continue;
    people.push({ name, relationship, ...(email ? { email } : {}), ...(agency ? { agency } : {}) });
    const asRole = role || (relationship === "professional" ? "" : relationship);
    if (email)
      invitees.push({
        name,
        email,
        role: asRole,
        agency: agency || (relationship === "professional" ? "" : "Family"),
      });
  }
  const meetingDate = isoDate(values, "meetingDate");
  const time = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/.exec(one(values, "meetingTime"));
  const assessmentStart = isoDate(values, "assessmentStart");
  const kind = one(values, "kind") || "progress-plan";
  return {
    kind,
    childReference: one(values, "childReference"),
    ...(one(values, "childName") ? { childName: one(values, "childName") } : {}),
    ...(assessmentStart ? { assessmentStart } : {}),
    planStart: isoDate(values, "planStart") ?? "",
    ...(one(values, "lateReason") ? { lateReason: one(values, "lateReason") } : {}),
    worker,
    people,
    ...(meetingDate && kind === "progress-plan"
      ? {
          firstMeeting: {
            // Not a real date or time: left empty, so the plan's own check names the field.
            proposedStart: time
              ? isoOrEmpty(
                  atLocalTime(meetingDate, `${(time[1] ?? "").padStart(2, "0")}:${time[2]}`, timezone),
                )
              : "",
            durationMinutes: Number(one(values, "durationMinutes") || "60"),
            invitees,
          },
        }
      : {}),
  };
}

const isoOrEmpty = (at: Date) => (Number.isNaN(at.getTime()) ? "" : at.toISOString());

export function visitBody(values: FormValues): Record<string, unknown> {
  return {
    visitedOn: isoDate(values, "visitedOn") ?? "",
    seen: yesNo(values, "seen"),
    seenAlone: yesNo(values, "seenAlone"),
    atHome: yesNo(values, "atHome"),
    duringProgressMeeting: one(values, "duringProgressMeeting") === "yes",
    ...(one(values, "note") ? { note: one(values, "note") } : {}),
  };
}

/** The participants scored: the plan's people, then any free rows filled in. */
export function scoresBody(values: FormValues, plan: ChildPlan): Record<string, unknown> {
  const scores: Record<string, unknown>[] = [];
  const score = (name: string) => {
    const v = one(values, name);
    return v === "" ? undefined : /^\d+$/.test(v) ? Number(v) : Number.NaN;
  };
  plan.people.forEach((p, i) => {
    const s = score(`score${i}`);
    if (s !== undefined) scores.push({ name: p.name, relationship: p.relationship, score: s });
  });
  for (let i = 0; i < 3; i++) {
    const name = one(values, `other${i}Name`);
    if (!name) continue;
    scores.push({ name, relationship: one(values, `other${i}Relationship`), score: score(`other${i}Score`) });
  }
  return { meetingId: one(values, "meetingId"), scores };
}

export function closeBody(values: FormValues): Record<string, unknown> {
  const decidedAt = one(values, "decidedAt");
  return {
    decidedAt,
    ...(decidedAt === "progress-meeting" && one(values, "meetingId")
      ? { meetingId: one(values, "meetingId") }
      : {}),
    rationale: one(values, "rationale"),
  };
}

/** Form field ids for the fields the domain names. */
const fieldIds: Record<string, string> = {
  assessmentStart: "assessmentStart-day",
  planStart: "planStart-day",
  visitedOn: "visitedOn-day",
  "plan.proposedStart": "meetingDate-day",
  "plan.invitees": "person0Name",
  "plan.trigger.date": "planStart-day",
};

/** A domain error as GOV.UK error-summary items and per-field messages; undefined for a 500. */
export function formErrors(
  error: unknown,
): { status: number; list: { text: string; href: string }[]; fields: Record<string, string> } | undefined {
  const mapped =
    error instanceof PlanError
      ? {
          status: 400,
          errors: [{ field: error.field, message: error.message.slice(error.field.length + 2) }],
        }
      : error instanceof z.ZodError
        ? {
            status: 400,
            errors: error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })),
          }
        : mapError(error);
  if (mapped.status === 500) return undefined;
  const fields: Record<string, string> = {};
  const list = mapped.errors.map((e) => {
    const top = e.field.replace(/\.\d+.*$/, "").replace(/^people\.\d+.*/, "people");
    const id =
      fieldIds[e.field] ??
      fieldIds[top] ??
      (e.field.startsWith("people") ? `person${e.field.split(".")[1] ?? 0}Name` : undefined) ??
      (e.field.startsWith("scores") ? "meetingId" : undefined) ??
      (e.field.startsWith("plan.") ? "meetingDate-day" : (e.field.split(".")[0] ?? ""));
    if (id && !fields[id]) fields[id] = e.message;
    return { text: e.field ? `${e.field}: ${e.message}` : e.message, href: `#${id || "main-content"}` };
  });
  return { status: mapped.status, list, fields };
}
