/**
 * Plan a meeting (issue 2, section 4): a pure use case. Given a request, it returns the plan — the
 * statutory due-by date, the invite list with missing required roles flagged, chair eligibility,
 * key agencies left out needing a rationale, court documents held back until permission is
 * recorded, the filled agenda, the minutes deadline and the next review — or every error found,
 * each naming the field and exactly what is wrong.
 *
 * Primary course:
 * 1. Parse the request (zod) and find the meeting type in the authority's effective catalog.
 * 2. Place the meeting in the authority's time zone; work out the child's age if needed.
 * 3. Work out the deadline from the trigger (or the CLA Review schedule for Care Planning Meetings).
 * 4. Check the chair against the type's chair rule.
 * 5. Build the invite list; flag required roles nobody holds.
 * 6. Key agencies left out, documents shared or held back, conditions to record.
 * 7. Fill the agenda; minutes deadline, next review and follow-ups.
 */

import type { AuthorityConfig } from "#domain/authority/index.ts";
import {
  type Catalog,
  chairEligibility,
  cpmSchedule,
  cpmWindowFor,
  fillAgenda,
  findMeetingType,
  gates,
  type MeetingType,
  problemsFromZod,
  type RoleCondition,
  type RoleId,
  type RoleRequirement,
  requirementRoles,
  roleById,
  type TriggerKind,
  triggerDescriptions,
} from "#domain/catalog/index.ts";
import {
  addDays,
  addDuration,
  type Duration,
  describeDuration,
  HolidayDataError,
  InvalidDateError,
  type IsoDate,
  type Nation,
} from "#domain/clock/index.ts";
import {
  type MeetingPlan,
  type MissingRole,
  type PlanCondition,
  type PlanError,
  type PlannedInvitee,
  type PlannedLevel,
  type PlanRequest,
  type PlanResult,
  planRequestSchema,
} from "./plan-request.ts";

/** Local date, time and long date of an instant in a time zone. */
function placeInTimeZone(iso: string, timeZone: string): { date: IsoDate; time: string; longDate: string } {
  const instant = new Date(iso);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    weekday: "long",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const long = new Intl.DateTimeFormat("en-GB", { timeZone, month: "long" }).format(instant);
  return {
    date: `${part("year")}-${part("month")}-${part("day")}`,
    time: `${part("hour")}:${part("minute")}`,
    longDate: `${part("weekday")} ${Number(part("day"))} ${long} ${part("year")}`,
  };
}

/** Whole years from `dateOfBirth` to `on`. */
function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** Runs clock arithmetic, turning a clock error into a plan error on `path`. */
function safely<T>(errors: PlanError[], path: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof HolidayDataError || error instanceof InvalidDateError) {
      errors.push({ path, message: error.message });
      return undefined;
    }
    throw error;
  }
}

const describe = (duration: Duration) => describeDuration(duration);

interface Deadline {
  dueBy: IsoDate | null;
  rule: string;
  basis: "required" | "recommended" | null;
  seed: MeetingPlan["deadline"]["seed"];
  cpmSchedule: MeetingPlan["cpmSchedule"];
}

/** The triggers a type's deadlines can run from. */
function acceptedTriggers(type: MeetingType): TriggerKind[] {
  const kinds = new Set<TriggerKind>(type.timescales.first.map((t) => t.trigger));
  const review = type.timescales.review;
  if (review.next !== null || review.thereafter !== null) kinds.add("previous-meeting");
  if (type.timescales.schedule === "cla-reviews") kinds.add("cla-review");
  return [...kinds];
}

/** The interval to the next meeting after meeting number `sequence`. */
function intervalAfter(type: MeetingType, sequence: number): Duration | null {
  const { next, thereafter } = type.timescales.review;
  return sequence <= 1 ? (next ?? thereafter) : (thereafter ?? next);
}

function planClaReviewDeadline(
  type: MeetingType,
  request: PlanRequest,
  date: IsoDate,
  errors: PlanError[],
): Deadline {
  const reviews = request.claReviews ?? [];
  if (reviews.length === 0) {
    errors.push({
      path: "claReviews",
      message: `missing (a ${type.name} is scheduled between Child Looked After Reviews: list the child's CLA Reviews from the 1st, including the next one scheduled; seed 002)`,
    });
    return { dueBy: null, rule: "", basis: null, seed: "002", cpmSchedule: null };
  }
  // (seed 002, "The schedule is as listed below")
  const windows = cpmSchedule(reviews);
  const window = cpmWindowFor(windows, date) ?? null;
  if (window === null) {
    const sorted = reviews.map((r) => r.date).sort();
    const last = sorted[sorted.length - 1];
    const rule =
      sorted.length === 1 || (last !== undefined && date > last)
        ? `no next CLA Review is listed after ${last}: add the next scheduled Review to get a due date (seed 002)`
        : `the meeting is not between two listed CLA Reviews (on or before the 1st, or on a Review date): the schedule counts Care Planning Meetings between Reviews (seed 002)`;
    return { dueBy: null, rule, basis: null, seed: "002", cpmSchedule: { windows, window: null } };
  }
  return {
    // Held between the reviews, so the last possible day is the day before the next review.
    dueBy: addDays(window.to, -1),
    rule: `before CLA Review ${window.toReviewNumber} on ${window.to}: at least ${window.minimum} Care Planning Meeting${window.minimum === 1 ? "" : "s"} ${window.reason}`,
    basis: "required",
    seed: "002",
    cpmSchedule: { windows, window },
  };
}

function planDeadline(
  type: MeetingType,
  request: PlanRequest,
  date: IsoDate,
  sequence: number,
  nation: Nation,
  errors: PlanError[],
): Deadline {
  const accepted = acceptedTriggers(type);
  const trigger = request.trigger;
  if (trigger !== undefined && accepted.length > 0 && !accepted.includes(trigger.kind)) {
    errors.push({
      path: "trigger.kind",
      message: `a ${type.name} has no timescale from ${JSON.stringify(trigger.kind)} (expected one of ${accepted.join(", ")})`,
    });
    return { dueBy: null, rule: "", basis: null, seed: null, cpmSchedule: null };
  }
  if (type.timescales.schedule === "cla-reviews") return planClaReviewDeadline(type, request, date, errors);

  const none = (rule: string): Deadline => ({
    dueBy: null,
    rule,
    basis: null,
    seed: null,
    cpmSchedule: null,
  });
  // A first meeting needs its trigger when a seed sets a deadline for it; a later one when there is a cadence.
  const review = type.timescales.review;
  const hasCadence = review.next !== null || review.thereafter !== null;
  const needsTrigger = type.timescales.first.some((t) => t.rule === "within") || (sequence > 1 && hasCadence);
  if (trigger === undefined) {
    if (needsTrigger) {
      errors.push({
        path: "trigger",
        message: `missing (a ${type.name}'s deadline runs from one of: ${accepted.join(", ")})`,
      });
      return none("");
    }
    const advice = type.timescales.first.map((t) => `${t.source} (seed ${t.seed}, ${t.basis})`).join(" ");
    return none(advice || (type.timescales.firstNote ?? "The seeds give no timescale."));
  }
  if (accepted.length === 0) {
    return none(`${type.timescales.firstNote ?? "The seeds give no timescale."} The trigger is not used.`);
  }
  const timescale = type.timescales.first.find((t) => t.trigger === trigger.kind);
  if (date < trigger.date && timescale?.rule !== "before") {
    errors.push({
      path: "proposedStart",
      message: `the meeting (${date}) is before ${triggerDescriptions[trigger.kind]} (${trigger.date})`,
    });
    return none("");
  }
  if (timescale !== undefined) {
    if (sequence > 1 && timescale.trigger !== "previous-meeting") {
      errors.push({
        path: "trigger.kind",
        message: `${JSON.stringify(trigger.kind)} sets the deadline of the first ${type.name}; meeting ${sequence} runs from "previous-meeting"`,
      });
      return none("");
    }
    const base = { basis: timescale.basis, seed: timescale.seed, cpmSchedule: null };
    const note = timescale.note ? ` ${timescale.note}` : "";
    if (timescale.rule === "within" && timescale.duration !== null) {
      const duration = timescale.duration;
      const dueBy = safely(errors, "trigger.date", () => addDuration(trigger.date, duration, nation)) ?? null;
      return {
        ...base,
        dueBy,
        rule: `within ${describe(duration)} of ${triggerDescriptions[trigger.kind]} (seed ${timescale.seed}).${note}`,
      };
    }
    if (timescale.rule === "before") {
      // A date on or after the trigger is not an error ("ideally before", seed 000): onTime shows it.
      return {
        ...base,
        dueBy: addDays(trigger.date, -1),
        rule: `before ${triggerDescriptions[trigger.kind]} on ${trigger.date} (seed ${timescale.seed}, ${timescale.basis}): ${timescale.source}${note}`,
      };
    }
    return { ...base, dueBy: null, rule: `${timescale.source} (seed ${timescale.seed}).${note}` };
  }

  // previous-meeting through the review cadence.
  if (sequence < 2) {
    errors.push({
      path: "meetingSequence",
      message: `expected 2 or more with a "previous-meeting" trigger (the interval after the first ${type.name} differs from later ones)`,
    });
    return none("");
  }
  const interval = intervalAfter(type, sequence - 1);
  if (interval === null) return none(type.timescales.review.note);
  const dueBy = safely(errors, "trigger.date", () => addDuration(trigger.date, interval, nation)) ?? null;
  const seed = type.timescales.review.seed;
  return {
    dueBy,
    rule: `within ${describe(interval)} of the previous meeting${seed ? ` (seed ${seed})` : ""}. ${type.timescales.review.note}`,
    basis: "required",
    seed,
    cpmSchedule: null,
  };
}

/** Whether a conditional role's condition holds, from the request's facts. */
function conditionHolds(condition: RoleCondition, request: PlanRequest, age: number | undefined): boolean {
  switch (condition) {
    case "child-under-11":
      return age !== undefined && age < 11;
    case "in-care-proceedings":
      return request.inCareProceedings === true;
    case "case-allocated-to-student":
      return request.caseAllocatedToStudent === true;
  }
}

const conditionWords: Record<RoleCondition, string> = {
  "child-under-11": "the child is under 11",
  "in-care-proceedings": "the case is in care proceedings",
  "case-allocated-to-student": "the case is allocated to a social work student",
};

/** The type's role levels for this case, with the reason for each required entry. */
function effectiveRoles(type: MeetingType, request: PlanRequest, age: number | undefined) {
  const levels = new Map<RoleId, Exclude<PlannedLevel, "chair" | "additional">>();
  const required: { entry: RoleRequirement; reason: string }[] = [];
  for (const entry of type.roles.required) {
    for (const role of requirementRoles(entry)) levels.set(role, "required");
    required.push({ entry, reason: `required for a ${type.name}` });
  }
  for (const role of type.roles.invited) levels.set(role, "invited");
  for (const role of type.roles.observer) levels.set(role, "observer");
  for (const conditional of type.roles.conditional) {
    const holds = conditionHolds(conditional.when, request, age);
    const level = holds ? conditional.level : conditional.otherwise;
    if (level === "omit") continue;
    levels.set(conditional.role, level);
    if (level === "required") {
      required.push({
        entry: conditional.role,
        reason: `required for a ${type.name} when ${conditionWords[conditional.when]} (seed ${conditional.seed})`,
      });
    }
  }
  return { levels, required };
}

/**
 * Plans a meeting. Pure: no I/O, no clock reads; dates come from the request.
 * @example
 * const result = planMeeting(request, applyAuthority(loadCatalog(), demo), demo);
 * if (result.ok) result.plan.dueBy; else result.errors.map((e) => `${e.path}: ${e.message}`);
 */
export function planMeeting(input: unknown, catalog: Catalog, authority: AuthorityConfig): PlanResult {
  // 1. Parse the request and find the meeting type.
  const parsed = planRequestSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: problemsFromZod(parsed.error) };
  const request = parsed.data;
  const errors: PlanError[] = [];
  const type = findMeetingType(catalog, request.meetingType);
  if (!type) {
    return {
      ok: false,
      errors: [
        {
          path: "meetingType",
          message: `${JSON.stringify(request.meetingType)} is not in this authority's catalog`,
        },
      ],
    };
  }

  // 2. Place the meeting; the child's age when a rule needs it.
  const when = placeInTimeZone(request.proposedStart, authority.timezone);
  const end = new Date(
    new Date(request.proposedStart).getTime() + request.durationMinutes * 60_000,
  ).toISOString();
  let age = request.child.age;
  if (request.child.dateOfBirth !== undefined) {
    if (request.child.dateOfBirth > when.date) {
      errors.push({
        path: "child.dateOfBirth",
        message: `${request.child.dateOfBirth} is after the meeting (${when.date})`,
      });
    } else {
      const fromBirth = ageOn(request.child.dateOfBirth, when.date);
      if (age !== undefined && age !== fromBirth) {
        errors.push({
          path: "child.age",
          message: `${age} does not match child.dateOfBirth (${request.child.dateOfBirth}: ${fromBirth} on ${when.date})`,
        });
      }
      age = fromBirth;
    }
  }
  if (age === undefined && type.roles.conditional.some((c) => c.when === "child-under-11")) {
    errors.push({
      path: "child.dateOfBirth",
      message: `missing (or give child.age): a ${type.name} invites the fostering and family finding social workers for all children under 11 (seed 003)`,
    });
  }
  if (
    request.caseAllocatedToStudent === true &&
    request.meetingSequence === undefined &&
    type.gates.includes("student-case-chair")
  ) {
    errors.push({
      path: "meetingSequence",
      message:
        "missing: the case is allocated to a social work student, so the chair depends on the meeting's number (1 = initial; the initial meeting and every other meeting after it need an Advanced Practitioner or Practice Supervisor, seed 004)",
    });
  }
  const sequence = request.meetingSequence ?? 1;

  // 3. Deadline.
  const deadline = planDeadline(type, request, when.date, sequence, authority.nation, errors);

  // 4. Chair.
  const covers = request.courtPermission.recorded
    ? (request.courtPermission.covers ?? ["court-documents", "chairing-time"])
    : [];
  const eligibility = chairEligibility(type, request.chair.role, {
    ...(request.caseAllocatedToStudent === undefined
      ? {}
      : { caseAllocatedToStudent: request.caseAllocatedToStudent }),
    ...(request.meetingSequence === undefined ? {} : { meetingSequence: request.meetingSequence }),
    ...(request.complexOrContentious === undefined
      ? {}
      : { complexOrContentious: request.complexOrContentious }),
    ...(request.chairAgreedWithTeamManager === undefined
      ? {}
      : { chairAgreedWithTeamManager: request.chairAgreedWithTeamManager }),
    courtApprovedChairingTime: covers.includes("chairing-time"),
  });
  if (
    eligibility.status === "not-eligible" &&
    !(request.caseAllocatedToStudent && request.meetingSequence === undefined)
  ) {
    errors.push({
      path: "chair.role",
      message: `${JSON.stringify(request.chair.role)} cannot chair: ${eligibility.reason}`,
    });
  }

  // 5. Invite list and missing required roles.
  const { levels, required } = effectiveRoles(type, request, age);
  const seenEmails = new Map<string, string>([[request.chair.email.toLowerCase(), "chair.email"]]);
  request.invitees.forEach((invitee, index) => {
    const before = seenEmails.get(invitee.email.toLowerCase());
    if (before !== undefined) {
      errors.push({
        path: `invitees[${index}].email`,
        message: `${invitee.email} is already on the list (${before})`,
      });
    }
    seenEmails.set(invitee.email.toLowerCase(), `invitees[${index}].email`);
  });
  const owesReport = type.gates.includes("key-agency-apologies-owe-report");
  const chairRole = roleById(request.chair.role);
  const person = (
    p: { name: string; email: string; role: RoleId; agency?: string | undefined },
    level: PlannedLevel,
  ): PlannedInvitee => {
    const role = roleById(p.role);
    return {
      name: p.name,
      email: p.email,
      role: p.role,
      roleName: role.name,
      ...(p.agency === undefined ? {} : { agency: p.agency }),
      group: role.group,
      level,
      keyAgency: role.keyAgency,
      // (seed 001, "What happens if a key agency will not be represented")
      ...(role.keyAgency && owesReport
        ? {
            ifApologies:
              "send a fully briefed representative, or the allocated worker provides a written or verbal report: intervention since the last meeting, progress against expected outcomes, risk and unmet need (seed 001)",
          }
        : {}),
    };
  };
  const invites: PlannedInvitee[] = [
    person(request.chair, "chair"),
    ...request.invitees.map((invitee) => person(invitee, levels.get(invitee.role) ?? "additional")),
  ];
  const heldRoles = new Set<RoleId>(invites.map((invitee) => invitee.role));
  const missingRequiredRoles: MissingRole[] = required
    .filter(({ entry }) => !requirementRoles(entry).some((role) => heldRoles.has(role)))
    .map(({ entry, reason }) => {
      const roles = requirementRoles(entry);
      return { roles, names: roles.map((role) => roleById(role).name), reason };
    });

  // 6. Key agencies left out, documents, conditions.
  const conditions: PlanCondition[] = [];
  if (eligibility.status === "eligible-with-conditions") conditions.push(...eligibility.conditions);
  const needsRationale = type.gates.includes("key-agency-exclusion-needs-rationale");
  const invitedAgencies = new Map(request.invitees.map((invitee, i) => [invitee.agency.toLowerCase(), i]));
  request.keyAgenciesNotInvited.forEach((left, index) => {
    const invitedAt = invitedAgencies.get(left.agency.toLowerCase());
    if (invitedAt !== undefined) {
      errors.push({
        path: `keyAgenciesNotInvited[${index}].agency`,
        message: `${JSON.stringify(left.agency)} is also invited (invitees[${invitedAt}])`,
      });
    }
  });
  // Without the seed 001 gate (meetings outside the Good Practice Guide) a missing rationale is noted, not asked for.
  const needingRationale = needsRationale
    ? request.keyAgenciesNotInvited
        .filter((left) => left.rationale === undefined)
        .map((left) => ({ agency: left.agency }))
    : [];
  const excluded = request.keyAgenciesNotInvited.flatMap((left) =>
    left.rationale === undefined && needsRationale
      ? []
      : [{ agency: left.agency, rationale: left.rationale ?? "not recorded" }],
  );
  for (const left of needingRationale) {
    // (seed 001, "Who needs to attend?")
    conditions.push({
      text: `record the rationale for not involving ${left.agency} in the notes of the first meeting`,
      seed: "001",
    });
  }
  const documentsAllowed = covers.includes("court-documents");
  const shared = request.documents.filter((d) => !d.court || documentsAllowed);
  const heldBack = request.documents
    .filter((d) => d.court && !documentsAllowed)
    .map((d) => ({
      ...d,
      // (seed 000, "Agreed list of pre-reading": permission from the court to share court documents)
      reason:
        "court document: shared with attendees only once the court's permission (consent order) is recorded (seed 000)",
    }));
  if (heldBack.length > 0) {
    conditions.push({
      text: `record the court's permission (consent order) to share ${heldBack.length} court document${heldBack.length === 1 ? "" : "s"} with attendees`,
      seed: "000",
    });
  }
  if (type.gates.includes("part-25-expert-needs-court-approval") && heldRoles.has("part-25-expert")) {
    conditions.push({ text: gates["part-25-expert-needs-court-approval"].description, seed: "000" });
  }
  if (type.gates.includes("childs-views-available-to-chair")) {
    conditions.push({ text: gates["childs-views-available-to-chair"].description, seed: "003" });
  }

  if (errors.length > 0) return { ok: false, errors };

  // 7. Agenda, minutes, next review, follow-ups.
  const agenda = type.agenda
    ? fillAgenda(type.agenda, {
        child: request.child.name ?? request.child.reference,
        date: when.longDate,
        time: when.time,
        ...(request.onlineLink === undefined ? {} : { link: request.onlineLink }),
        ...(request.transcribedBy === undefined ? {} : { transcriber: request.transcribedBy }),
      })
    : null;
  const minutesRule = type.timescales.minutes;
  const distribution = minutesRule.distribution;
  const minutes = {
    separateMinutes: minutesRule.separateMinutes,
    recordName: minutesRule.recordName,
    dueBy: distribution
      ? (safely(errors, "proposedStart", () => addDuration(when.date, distribution, authority.nation)) ??
        null)
      : null,
    rule: distribution
      ? `${minutesRule.recordName} distributed within ${describe(distribution)} of the meeting${minutesRule.seed ? ` (seed ${minutesRule.seed})` : ""}. ${minutesRule.note}`
      : minutesRule.note,
  };
  const interval = intervalAfter(type, sequence);
  const nextReview = {
    dueBy: interval
      ? (safely(errors, "proposedStart", () => addDuration(when.date, interval, authority.nation)) ?? null)
      : null,
    rule: interval
      ? `within ${describe(interval)} of this meeting. ${type.timescales.review.note}`
      : type.timescales.review.note,
  };
  const followUps = type.timescales.followUps
    .filter((f) => f.after === "every-meeting" || sequence === 1)
    .map((f) => {
      const after = f.duration;
      return {
        id: f.id,
        what: `${f.what.replace(/\.$/, "")} (seed ${f.seed}).`,
        seed: f.seed,
        ...(f.agreedWhenMinutesMention ? { agreedWhenMinutesMention: f.agreedWhenMinutesMention } : {}),
        dueBy: after
          ? (safely(errors, "proposedStart", () => addDuration(when.date, after, authority.nation)) ?? null)
          : null,
      };
    });

  if (errors.length > 0) return { ok: false, errors };

  const notes = [...type.notes];
  if (deadline.dueBy !== null && when.date > deadline.dueBy) {
    notes.unshift(`The proposed date ${when.date} is after the due date ${deadline.dueBy}.`);
  }
  if (chairRole.group === "family") notes.push(`The chair is a family member (${chairRole.name}).`);

  return {
    ok: true,
    plan: {
      meetingType: { id: type.id, name: type.name, abbreviation: type.abbreviation },
      authority: { id: authority.id, name: authority.name },
      child: {
        reference: request.child.reference,
        ...(request.child.name === undefined ? {} : { name: request.child.name }),
        ...(age === undefined ? {} : { ageAtMeeting: age }),
      },
      meeting: {
        start: request.proposedStart,
        end,
        date: when.date,
        time: when.time,
        timezone: authority.timezone,
        durationMinutes: request.durationMinutes,
        ...(request.onlineLink === undefined ? {} : { onlineLink: request.onlineLink }),
        sequence,
      },
      trigger: request.trigger ?? null,
      dueBy: deadline.dueBy,
      onTime: deadline.dueBy === null ? null : when.date <= deadline.dueBy,
      deadline: { rule: deadline.rule, basis: deadline.basis, seed: deadline.seed },
      chair: {
        name: request.chair.name,
        email: request.chair.email,
        role: request.chair.role,
        roleName: chairRole.name,
        eligibility,
      },
      invites,
      missingRequiredRoles,
      keyAgencies: { needingRationale, excluded },
      documents: { shared, heldBack },
      preReading: type.preReading,
      agenda,
      ...(type.agendaNote === undefined ? {} : { agendaNote: type.agendaNote }),
      minutes,
      nextReview,
      followUps,
      cpmSchedule: deadline.cpmSchedule,
      conditions,
      notes,
    },
  };
}
