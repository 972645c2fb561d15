/**
 * Use case: an admin adds one person to the directory or changes one (name, role, team, agency,
 * line manager, access, whether they are active).
 *
 * 1. Check the person's fields (person.ts).
 * 2. Read the current directory: the edit must be made against the revision the admin saw.
 * 3. Put the person in place of the one with the same email address, or add them.
 * 4. Check the directory as a whole still holds (their line manager is in it, no loop, an admin).
 * 5. Store it as the next revision, only if nobody changed the directory meanwhile.
 */
import type { DirectoryStore } from "../ports/directory.ts";
import { ConflictError } from "../ports/store.ts";
import { directoryDiff } from "./diff.ts";
import { DirectoryImportError, directoryProblems } from "./parse-directory.ts";
import { type Directory, staffPersonSchema } from "./person.ts";

export async function editPerson(
  store: DirectoryStore,
  input: { authorityId: string; person: unknown; expectedRevision: number; by: string; at: string },
): Promise<Directory> {
  // 1. The fields.
  const person = staffPersonSchema.parse(input.person);
  // 2. The revision seen.
  const current = await store.getDirectory(input.authorityId);
  if (!Number.isInteger(input.expectedRevision) || current.revision !== input.expectedRevision)
    throw new ConflictError(
      `the directory changed since you opened this page (now revision ${current.revision}): open the person again`,
    );
  // 3. In place, or added.
  const existing = current.people.findIndex((p) => p.email === person.email);
  const people =
    existing >= 0 ? current.people.map((p, i) => (i === existing ? person : p)) : [...current.people, person];
  // 4. The whole still holds; problems about others are named by their email address.
  const problems = directoryProblems(
    people.map((p) => ({ where: p.email === person.email ? "" : p.email, person: p })),
  );
  if (problems.length) throw new DirectoryImportError(problems);
  // 5. Store.
  const diff = directoryDiff(current.people, people);
  return store.replaceDirectory(input.authorityId, people, input.expectedRevision, {
    at: input.at,
    by: input.by,
    source: "edit",
    summary: `${existing >= 0 ? "changed" : "added"} ${person.name} (${person.email})`,
    ...diff,
  });
}
