/**
 * The meeting-type catalog (issue 2, section 2): every meeting type of domain.md section 1 as typed
 * data, validated by zod when loaded, with the role catalog, minute sections, agenda templates,
 * chair rules and the Care Planning Meeting schedule.
 * @example
 * ```ts
 * import { loadCatalog, getMeetingType } from "#domain/catalog/index.ts";
 * const cfpm = getMeetingType(loadCatalog(), "cfpm");
 * cfpm.timescales.minutes.distribution; // { kind: "working-days", amount: 5 }
 * ```
 */
import { z } from "zod";
import { meetingTypeData } from "./meeting-types.ts";
import { type MinuteSection, minuteSections } from "./minute-sections.ts";
import { type Role, type RoleId, roles } from "./roles.ts";
import {
  type MeetingType,
  type MeetingTypeId,
  meetingTypeIds,
  meetingTypeSchema,
  type RoleRequirement,
} from "./schema.ts";
import { describeProblem, problemsFromZod } from "./validation.ts";

export * from "./agenda-outline.ts";
export * from "./agendas.ts";
export * from "./attendance.ts";
export * from "./chair.ts";
export * from "./cpm-schedule.ts";
export * from "./gates.ts";
export { meetingTypeData } from "./meeting-types.ts";
export * from "./minute-sections.ts";
export * from "./roles.ts";
export * from "./schema.ts";
export * from "./validation.ts";

/** The catalog: meeting types, roles and minute sections. */
export interface Catalog {
  meetingTypes: readonly MeetingType[];
  roles: readonly Role[];
  minuteSections: readonly MinuteSection[];
}

/** The catalog data failed validation: a bug in the data, named by field. */
export class CatalogError extends Error {
  override name = "CatalogError";
}

/** The roles of one requirement entry (a single role, or any one of several). */
export function requirementRoles(requirement: RoleRequirement): RoleId[] {
  return typeof requirement === "string" ? [requirement] : requirement;
}

/**
 * Checks a list of meeting types beyond their schema: every catalog id present once, and no role
 * listed at two attendance levels of the same type. Returns problems as `path: message` lines.
 */
export function checkMeetingTypes(types: readonly MeetingType[], requireAll: boolean): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  types.forEach((type, index) => {
    if (seen.has(type.id)) problems.push(`[${index}].id: duplicate meeting type "${type.id}"`);
    seen.add(type.id);
    const levels = new Map<RoleId, string>();
    const note = (role: RoleId, where: string) => {
      const before = levels.get(role);
      if (before !== undefined) {
        problems.push(`[${index}] (${type.id}).roles.${where}: "${role}" is also listed in roles.${before}`);
      }
      levels.set(role, where);
    };
    type.roles.required.forEach((entry, i) => {
      for (const role of requirementRoles(entry)) note(role, `required[${i}]`);
    });
    type.roles.invited.forEach((role, i) => {
      note(role, `invited[${i}]`);
    });
    type.roles.observer.forEach((role, i) => {
      note(role, `observer[${i}]`);
    });
    type.roles.conditional.forEach((entry, i) => {
      note(entry.role, `conditional[${i}]`);
    });
    if (type.agenda === null && type.agendaNote === undefined) {
      problems.push(`[${index}] (${type.id}).agendaNote: missing (say why there is no agenda)`);
    }
    if (type.timescales.first.length === 0 && type.timescales.firstNote === undefined) {
      problems.push(`[${index}] (${type.id}).timescales.firstNote: missing (say why there is no timescale)`);
    }
  });
  if (requireAll) {
    for (const id of meetingTypeIds) {
      if (!seen.has(id)) problems.push(`meeting type "${id}" is missing from the catalog`);
    }
  }
  return problems;
}

/**
 * Validates meeting types with the schema and the cross-checks, throwing {@link CatalogError}
 * with the first problem (`what` names the source in the message).
 */
export function validateMeetingTypes(input: unknown, what: string, requireAll = true): MeetingType[] {
  const parsed = z.array(meetingTypeSchema).safeParse(input);
  if (!parsed.success) {
    const [first] = problemsFromZod(parsed.error);
    throw new CatalogError(`${what}: ${first ? describeProblem(first) : "invalid"}`);
  }
  const problems = checkMeetingTypes(parsed.data, requireAll);
  if (problems.length > 0) throw new CatalogError(`${what}: ${problems[0]}`);
  return parsed.data;
}

let cached: Catalog | undefined;

/**
 * The built-in catalog, validated (once; later calls return the same object).
 * @throws CatalogError when the catalog data breaks its schema.
 */
export function loadCatalog(): Catalog {
  cached ??= {
    meetingTypes: validateMeetingTypes(meetingTypeData, "meeting-type catalog"),
    roles,
    minuteSections,
  };
  return cached;
}

/** The meeting type with this id, or undefined. */
export function findMeetingType(catalog: Catalog, id: string): MeetingType | undefined {
  return catalog.meetingTypes.find((type) => type.id === id);
}

/**
 * The meeting type with this id.
 * @throws RangeError when the catalog has no such type (ids are checked at load, so this is a bug).
 */
export function getMeetingType(catalog: Catalog, id: MeetingTypeId): MeetingType {
  const type = findMeetingType(catalog, id);
  if (!type) throw new RangeError(`no meeting type "${id}" in the catalog`);
  return type;
}

/** The minute sections a meeting type uses, in record order, with `required` for that type. */
export function minuteSectionsFor(type: MeetingType): (MinuteSection & { required: boolean })[] {
  return type.minuteSections.flatMap((use) => {
    const section = minuteSections.find((s) => s.id === use.id);
    return section ? [{ ...section, required: use.required }] : [];
  });
}
