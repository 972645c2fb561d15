/**
 * `convene types [--json] [--authority FILE.json]` lists the meeting types;
 * `convene types show ID [--json] [--authority FILE.json]` prints one in full.
 * The authority's overrides (names, cadence, roles) are applied; default authorities/demo.json.
 */
import { parseArgs } from "node:util";
import { loadEffectiveCatalog } from "#adapters/config/effective-catalog.ts";
import { ConfigError } from "#adapters/config/load-authority.ts";
import {
  type Catalog,
  findMeetingType,
  gates,
  type MeetingType,
  minuteSectionsFor,
  type RoleId,
  requirementRoles,
  roleById,
  triggerDescriptions,
} from "#domain/catalog/index.ts";
import { type Duration, describeDuration } from "#domain/clock/index.ts";
import { type Command, UsageError } from "./io.ts";

/** Flags shared by `types` and `plan`. */
export interface CatalogFlags {
  json: boolean;
  authority: string | undefined;
  positionals: string[];
}

/**
 * Parses `--json` and `--authority FILE` plus positionals; anything else is a UsageError.
 * @example parseCatalogFlags(["show", "cfpm", "--json"]) // { json: true, authority: undefined, positionals: ["show", "cfpm"] }
 */
export function parseCatalogFlags(argv: string[]): CatalogFlags {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { json: { type: "boolean", default: false }, authority: { type: "string" } },
      allowPositionals: true,
      strict: true,
    });
    return { json: values.json === true, authority: values.authority, positionals };
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    if (unknown)
      throw new UsageError(`unknown option ${unknown[1]} (expected --json, --authority FILE.json)`);
    throw new UsageError(message.split("\n")[0] ?? message);
  }
}

/** Loads the effective catalog; a bad authority file is a usage error (one line, exit 2). */
export async function loadCatalogFor(authority: string | undefined) {
  try {
    return await loadEffectiveCatalog(authority);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** "Care Planning Meeting (CPM)"; the abbreviation is left out when the name already starts with it. */
export const titleOf = (type: MeetingType): string =>
  type.name.toLowerCase().startsWith(type.abbreviation.toLowerCase())
    ? type.name
    : `${type.name} (${type.abbreviation})`;

const duration = (d: Duration | null): string => (d === null ? "none in the seeds" : describeDuration(d));
const roleNames = (ids: readonly RoleId[]) => ids.map((id) => roleById(id).name).join(", ") || "none";

/** One line about when the first meeting is due. */
export function describeFirstTimescales(type: MeetingType): string {
  if (type.timescales.schedule === "cla-reviews") return "between CLA Reviews (1 / 2 / 1 if brought forward)";
  if (type.timescales.first.length === 0) return "no timescale in the seeds";
  return type.timescales.first
    .map((t) => {
      const from = triggerDescriptions[t.trigger];
      if (t.rule === "within" && t.duration) return `${describeDuration(t.duration)} from ${from}`;
      if (t.rule === "before") return `before ${from}${t.basis === "recommended" ? " (ideally)" : ""}`;
      return `after ${from}`;
    })
    .join("; ");
}

function listTypes(catalog: Catalog): string {
  const rows = catalog.meetingTypes.map((type) => [
    type.id,
    titleOf(type),
    type.seeds.join(" "),
    describeFirstTimescales(type),
  ]);
  const header = ["ID", "NAME", "SEEDS", "FIRST MEETING"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** The full definition of one meeting type, as text. */
export function describeMeetingType(type: MeetingType): string {
  const out: string[] = [];
  const t = type.timescales;
  out.push(`${titleOf(type)} — id ${type.id}`);
  if (type.aliases.length > 0) out.push(`Also called: ${type.aliases.join("; ")}`);
  out.push(
    `Seeds: ${type.seeds.join(", ")}${type.goodPracticeGuideApplies ? " · Good Practice Guide (seed 001) applies" : ""}`,
  );
  out.push(`When: ${type.when}`);
  out.push("", "Roles");
  out.push(
    `  required: ${
      type.roles.required
        .map((entry) =>
          requirementRoles(entry)
            .map((id) => roleById(id).name)
            .join(" or "),
        )
        .join(", ") || "none"
    }`,
  );
  out.push(`  invited:  ${roleNames(type.roles.invited)}`);
  out.push(`  observer: ${roleNames(type.roles.observer)}`);
  for (const c of type.roles.conditional) {
    out.push(
      `  ${roleById(c.role).name}: ${c.level} when ${c.when}, otherwise ${c.otherwise} (seed ${c.seed})`,
    );
  }
  out.push(
    "",
    `Chair (${type.chair.kind}${type.chair.seed ? `, seed ${type.chair.seed}` : ""})`,
    `  ${type.chair.source}`,
  );
  if (type.chair.preferred.length > 0) out.push(`  preferred: ${roleNames(type.chair.preferred)}`);
  if (type.chair.alternatives.length > 0) out.push(`  alternatives: ${roleNames(type.chair.alternatives)}`);
  out.push("", "Timescales");
  if (t.first.length === 0) out.push(`  first meeting: ${t.firstNote ?? "none"}`);
  for (const s of t.first) {
    out.push(
      `  first meeting: ${s.rule} ${s.duration ? `${describeDuration(s.duration)} of ` : ""}${triggerDescriptions[s.trigger]} (seed ${s.seed}, ${s.basis})${s.note ? ` — ${s.note}` : ""}`,
    );
  }
  out.push(
    `  next meeting: ${duration(t.review.next)}; thereafter at most: ${duration(t.review.thereafter)}`,
  );
  out.push(`    ${t.review.note}`);
  out.push(
    `  ${t.minutes.recordName}: distributed within ${duration(t.minutes.distribution)}${t.minutes.separateMinutes ? "" : " (plan and record are one document: no separate minutes)"}`,
  );
  out.push(`    ${t.minutes.note}`);
  for (const f of t.followUps) out.push(`  follow-up: ${f.what} (${duration(f.duration)}, seed ${f.seed})`);
  if (type.preReading.length > 0)
    out.push("", "Typical pre-reading", ...type.preReading.map((p) => `  - ${p}`));
  out.push("", "Minute sections (* required, ◊ left out of the family copy)");
  for (const s of minuteSectionsFor(type)) {
    out.push(`  ${s.required ? "*" : " "}${s.restricted ? "◊" : " "} ${s.id}: ${s.title}`);
  }
  out.push("", "Agenda");
  if (type.agenda) {
    out.push(
      `  ${type.agenda.title}${type.agenda.derived ? `  [derived from seed ${type.agenda.seed}]` : ` [seed ${type.agenda.seed}]`}`,
    );
    if (type.agenda.note) out.push(`  (${type.agenda.note})`);
    for (const section of type.agenda.sections) {
      out.push(`  ${section.heading}`);
      section.items.forEach((item, i) => {
        out.push(`    ${i + 1}. ${item.text}`);
        for (const sub of item.subItems ?? []) out.push(`       - ${sub}`);
      });
    }
  } else {
    out.push(`  ${type.agendaNote ?? "none"}`);
  }
  if (type.gates.length > 0) {
    out.push("", "Gates");
    for (const id of type.gates) out.push(`  ${id}: ${gates[id].description} (seed ${gates[id].seed})`);
  }
  if (type.notes.length > 0) out.push("", "Notes", ...type.notes.map((n) => `  - ${n}`));
  return out.join("\n");
}

/** `convene types [--json]` and `convene types show ID [--json]`, with `--authority FILE.json`. */
export const typesCommand: Command = async (argv, io) => {
  const flags = parseCatalogFlags(argv);
  const [sub, id, ...extra] = flags.positionals;
  if (sub !== undefined && sub !== "show")
    throw new UsageError(`unknown subcommand '${sub}' (expected: types [--json] | types show ID)`);
  if (sub === "show" && id === undefined) throw new UsageError("types show: expected a meeting type ID");
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const { catalog } = await loadCatalogFor(flags.authority);
  if (sub === undefined) {
    io.out(flags.json ? JSON.stringify(catalog.meetingTypes, null, 2) : listTypes(catalog));
    return 0;
  }
  const type = findMeetingType(catalog, id ?? "");
  if (!type) {
    throw new UsageError(
      `unknown meeting type '${id}' (expected one of ${catalog.meetingTypes.map((t) => t.id).join(", ")})`,
    );
  }
  io.out(flags.json ? JSON.stringify(type, null, 2) : describeMeetingType(type));
  return 0;
};
