/**
 * Applies an authority's overrides to the catalog: its names for meeting types, its cadence and
 * timescales, its role lists. The result is validated again like the built-in catalog.
 */

import {
  type Catalog,
  type MeetingType,
  type RoleId,
  requirementRoles,
  type Timescale,
  validateMeetingTypes,
} from "#domain/catalog/index.ts";
import { type Duration, describeDuration } from "#domain/clock/index.ts";
import type { AuthorityConfig, MeetingTypeOverride } from "./schema.ts";

const describe = (duration: Duration | null): string =>
  duration === null ? "none" : describeDuration(duration);

function overrideTimescale(
  timescale: Timescale,
  duration: Duration | undefined,
  authority: string,
): Timescale {
  if (duration === undefined) return timescale;
  return {
    ...timescale,
    duration,
    note: `${authority} sets ${describe(duration)} (seed ${timescale.seed}: ${describe(timescale.duration)}).`,
  };
}

function applyOverride(type: MeetingType, override: MeetingTypeOverride, authority: string): MeetingType {
  const name = override.name ?? type.name;
  // The catalog's own name stays findable as an alias ("Child and Family Progress Meeting").
  const aliases =
    override.aliases ?? [...new Set([type.name, ...type.aliases])].filter((alias) => alias !== name);

  const roles = { ...type.roles };
  const given = override.roles ?? {};
  const moved = new Set<RoleId>([
    ...(given.required ?? []).flatMap(requirementRoles),
    ...(given.invited ?? []),
    ...(given.observer ?? []),
  ]);
  // A role the authority lists at one level leaves the catalog's other levels.
  roles.required =
    given.required ??
    type.roles.required.filter((entry) => !requirementRoles(entry).some((r) => moved.has(r)));
  roles.invited = given.invited ?? type.roles.invited.filter((role) => !moved.has(role));
  roles.observer = given.observer ?? type.roles.observer.filter((role) => !moved.has(role));
  roles.conditional = type.roles.conditional.filter((entry) => !moved.has(entry.role));

  const t = override.timescales ?? {};
  const review = { ...type.timescales.review };
  const changed: string[] = [];
  if (t.review?.next !== undefined) {
    changed.push(`next ${describe(t.review.next)} (catalog: ${describe(review.next)})`);
    review.next = t.review.next;
  }
  if (t.review?.thereafter !== undefined) {
    changed.push(`thereafter ${describe(t.review.thereafter)} (catalog: ${describe(review.thereafter)})`);
    review.thereafter = t.review.thereafter;
  }
  if (changed.length > 0) review.note = `${review.note} ${authority} sets ${changed.join(", ")}.`;

  const minutes = { ...type.timescales.minutes };
  if (t.minutesDistribution !== undefined) {
    minutes.note = `${minutes.note} ${authority} sets ${describe(t.minutesDistribution)} (catalog: ${describe(minutes.distribution)}).`;
    minutes.distribution = t.minutesDistribution;
  }

  // The authority's name also heads the agenda ("Child in Need Meeting re [child]").
  const agenda =
    type.agenda && name !== type.name
      ? { ...type.agenda, title: type.agenda.title.replace(type.name, name) }
      : type.agenda;

  return {
    ...type,
    name,
    agenda,
    abbreviation: override.abbreviation ?? type.abbreviation,
    aliases,
    roles,
    timescales: {
      ...type.timescales,
      first: type.timescales.first.map((timescale) =>
        overrideTimescale(timescale, t.first?.[timescale.trigger], authority),
      ),
      review,
      minutes,
    },
  };
}

/**
 * The effective catalog for an authority: its overrides applied, then validated again.
 * @throws CatalogError when the overrides leave a meeting type invalid.
 * @example applyAuthority(loadCatalog(), demo).meetingTypes.find((t) => t.id === "cfpm")?.name
 */
export function applyAuthority(catalog: Catalog, config: AuthorityConfig): Catalog {
  const meetingTypes = catalog.meetingTypes.map((type) => {
    const override = config.meetingTypes[type.id];
    return override ? applyOverride(type, override, config.name) : type;
  });
  return {
    ...catalog,
    meetingTypes: validateMeetingTypes(meetingTypes, `authority "${config.id}" meeting types`),
  };
}
