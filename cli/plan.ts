/**
 * `convene plan FILE.json [--json] [--authority FILE.json]`: plans a meeting from a request file
 * and prints the plan (exit 0), or the request's errors, one per line (exit 1). An unreadable file,
 * invalid JSON or an unknown flag is a usage error (exit 2, one line).
 */
import { readFile } from "node:fs/promises";
import { agendaForMeeting, agendaText, describeProblem } from "#domain/catalog/index.ts";
import { type MeetingPlan, planMeeting } from "#domain/planning/index.ts";
import { type Command, UsageError } from "./io.ts";
import { loadCatalogFor, parseCatalogFlags } from "./types.ts";

async function readRequest(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot read the file${code ? ` (${code})` : ""}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
}

const yesNo = (value: boolean | null, yes: string, no: string, none: string) =>
  value === null ? none : value ? yes : no;

/** The plan as text for a person. */
export function formatPlan(plan: MeetingPlan): string {
  const out: string[] = [];
  const m = plan.meeting;
  out.push(
    `${plan.meetingType.name} (${plan.meetingType.abbreviation}) for ${plan.child.name ?? plan.child.reference} — ${plan.authority.name}`,
  );
  out.push(
    `When:      ${m.date} at ${m.time} (${m.timezone}), ${m.durationMinutes} minutes, meeting ${m.sequence}`,
  );
  if (m.onlineLink) out.push(`Link:      ${m.onlineLink}`);
  if (plan.trigger) out.push(`Trigger:   ${plan.trigger.kind} on ${plan.trigger.date}`);
  out.push(
    `Due by:    ${plan.dueBy ?? "no due date"}${plan.dueBy ? ` — ${yesNo(plan.onTime, "on time", "LATE", "")}` : ""}`,
  );
  if (plan.deadline.rule) out.push(`           ${plan.deadline.rule}`);
  if (plan.cpmSchedule) {
    for (const w of plan.cpmSchedule.windows) {
      const here = plan.cpmSchedule.window === w ? "  ← this meeting" : "";
      out.push(
        `           CLA Reviews ${w.from} → ${w.to}: at least ${w.minimum} CPM${w.minimum === 1 ? "" : "s"}${here}`,
      );
    }
  }

  const e = plan.chair.eligibility;
  out.push("", `Chair:     ${plan.chair.name} <${plan.chair.email}>, ${plan.chair.roleName} — ${e.status}`);
  if (e.status === "eligible-with-conditions") {
    for (const c of e.conditions) out.push(`           - ${c.text} (seed ${c.seed})`);
  }
  if (e.status !== "not-eligible") for (const n of e.notes) out.push(`           ${n}`);

  out.push("", `Invite list (${plan.invites.length})`);
  for (const i of plan.invites) {
    out.push(
      `  ${i.level.padEnd(10)} ${i.name} <${i.email}> — ${i.roleName}${i.agency ? `, ${i.agency}` : ""}${i.keyAgency ? " [key agency]" : ""}`,
    );
  }
  out.push(
    plan.missingRequiredRoles.length === 0
      ? "Missing required roles: none"
      : `Missing required roles (${plan.missingRequiredRoles.length})`,
  );
  for (const r of plan.missingRequiredRoles) out.push(`  - ${r.names.join(" or ")}: ${r.reason}`);
  if (plan.invites.some((i) => i.ifApologies)) {
    out.push(
      "Key agencies sending apologies: send a fully briefed representative or a written report (seed 001)",
    );
  }

  if (plan.keyAgencies.needingRationale.length + plan.keyAgencies.excluded.length > 0) {
    out.push("", "Key agencies not invited");
    for (const k of plan.keyAgencies.needingRationale)
      out.push(`  - ${k.agency}: NEEDS A RATIONALE (seed 001)`);
    for (const k of plan.keyAgencies.excluded) out.push(`  - ${k.agency}: ${k.rationale}`);
  }

  out.push("", "Documents");
  for (const d of plan.documents.shared)
    out.push(`  shared:    ${d.title}${d.court ? " (court document, permission recorded)" : ""}`);
  for (const d of plan.documents.heldBack) out.push(`  HELD BACK: ${d.title} — ${d.reason}`);
  if (plan.documents.shared.length + plan.documents.heldBack.length === 0) out.push("  none");

  if (plan.conditions.length > 0) {
    out.push("", "To record before the meeting");
    for (const c of plan.conditions) out.push(`  - ${c.text} (seed ${c.seed})`);
  }

  out.push(
    "",
    `${plan.minutes.recordName}: ${plan.minutes.dueBy ? `due by ${plan.minutes.dueBy}` : "no distribution deadline"}`,
  );
  out.push(`  ${plan.minutes.rule}`);
  out.push(
    `Next review: ${plan.nextReview.dueBy ? `due by ${plan.nextReview.dueBy}` : "no date set by the seeds"}`,
  );
  out.push(`  ${plan.nextReview.rule}`);
  for (const f of plan.followUps) out.push(`Follow-up: ${f.what}${f.dueBy ? ` Due by ${f.dueBy}.` : ""}`);

  out.push("", "Agenda");
  if (plan.agenda) {
    // The agenda's own lists (seed 000's attendees and pre-reading) as the invitation will show them.
    const shown = agendaForMeeting(plan.agenda, {
      attendees: plan.invites.map((i) => ({
        name: i.name,
        role: i.role,
        ...(i.agency ? { agency: i.agency } : {}),
        email: i.email,
        chair: i.level === "chair",
        family: i.group === "family",
      })),
      preReading: plan.documents.shared.map((d) => d.title),
    });
    out.push(...agendaText(shown, "  "));
    if (plan.agenda.derived) out.push(`  (derived: ${plan.agenda.note ?? `from seed ${plan.agenda.seed}`})`);
  } else {
    out.push(`  ${plan.agendaNote ?? "none"}`);
  }
  if (plan.preReading.length > 0)
    out.push("", "Typical pre-reading", ...plan.preReading.map((p) => `  - ${p}`));
  if (plan.notes.length > 0) out.push("", "Notes", ...plan.notes.map((n) => `  - ${n}`));
  return out.join("\n");
}

/** `convene plan FILE.json [--json] [--authority FILE.json]`. */
export const planCommand: Command = async (argv, io) => {
  const flags = parseCatalogFlags(argv);
  const [file, ...extra] = flags.positionals;
  if (file === undefined) throw new UsageError("expected a request file: convene plan FILE.json");
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const request = await readRequest(file);
  const { authority, catalog } = await loadCatalogFor(flags.authority);
  const result = planMeeting(request, catalog, authority);
  if (!result.ok) {
    io.err(`${file}: ${result.errors.length} error${result.errors.length === 1 ? "" : "s"}`);
    for (const error of result.errors) io.err(`  ${describeProblem(error)}`);
    return 1;
  }
  io.out(flags.json ? JSON.stringify(result.plan, null, 2) : formatPlan(result.plan));
  return 0;
};
