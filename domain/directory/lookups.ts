/**
 * Questions the workspace and the lifecycle ask of a directory: whose line manager is whom, who is
 * the team manager over a chair, who is in a manager's team. Pure functions; a directory is checked
 * for cycles when it is stored (parse-directory.ts), and each walk here also stops at a repeat.
 */
import type { Directory, StaffPerson } from "./person.ts";

const key = (email: string) => email.trim().toLowerCase();

export function personOf(directory: Directory, email: string): StaffPerson | undefined {
  const wanted = key(email);
  return directory.people.find((p) => p.email === wanted);
}

/** The person's line manager, when both are in the directory and the manager is active. */
export function lineManagerOf(directory: Directory, email: string): StaffPerson | undefined {
  const person = personOf(directory, email);
  const manager = person?.lineManager ? personOf(directory, person.lineManager) : undefined;
  return manager?.active ? manager : undefined;
}

/** The line from the person upwards (the person first), ending at the top or at a repeat. */
export function lineOf(directory: Directory, email: string): StaffPerson[] {
  const line: StaffPerson[] = [];
  const seen = new Set<string>();
  let person = personOf(directory, email);
  while (person && !seen.has(person.email)) {
    line.push(person);
    seen.add(person.email);
    person = person.lineManager ? personOf(directory, person.lineManager) : undefined;
  }
  return line;
}

/**
 * The team manager over a person: the first active person with team-manager access on their line
 * (themselves, when they are one). Undefined when their line reaches none, or they are not in the
 * directory (an invitee from another agency).
 */
export function teamManagerFor(directory: Directory, email: string): StaffPerson | undefined {
  return lineOf(directory, email).find((p) => p.active && p.access.includes("team-manager"));
}

/** Everyone whose line leads to the manager (not the manager). */
export function teamOf(directory: Directory, managerEmail: string): StaffPerson[] {
  const manager = key(managerEmail);
  return directory.people.filter(
    (p) => p.email !== manager && lineOf(directory, p.email).some((above) => above.email === manager),
  );
}

/** Line managers, by email, of those of the given people who are in the directory and have one. */
export function lineManagersFor(
  directory: Directory,
  emails: readonly string[],
): Record<string, { name: string; email: string }> {
  const out: Record<string, { name: string; email: string }> = {};
  for (const email of emails) {
    const manager = lineManagerOf(directory, email);
    if (manager) out[key(email)] = { name: manager.name, email: manager.email };
  }
  return out;
}
