/**
 * Use case: an admin imports the authority's staff directory (CSV or JSON), replacing it whole.
 *
 * 1. Parse and check the whole file (parse-directory.ts); any problem refuses it, naming the line
 *    or entry and the field, and nothing is stored.
 * 2. Read the current directory: the import must be made against the revision the admin saw.
 * 3. Work out what it adds, removes and changes, for the history.
 * 4. Store it as the next revision, only if nobody changed the directory meanwhile.
 */
import type { DirectoryStore } from "../ports/directory.ts";
import { ConflictError } from "../ports/store.ts";
import { directoryDiff } from "./diff.ts";
import { type DirectoryFormat, parseDirectory } from "./parse-directory.ts";
import type { Directory } from "./person.ts";

export async function importDirectory(
  store: DirectoryStore,
  input: {
    authorityId: string;
    text: string;
    format: DirectoryFormat;
    expectedRevision: number;
    /** Who imports it (an email address, or "convene start"). */
    by: string;
    at: string;
  },
): Promise<Directory> {
  // 1. Parse and check.
  const people = parseDirectory(input.text, input.format);
  // 2. The revision seen.
  const current = await store.getDirectory(input.authorityId);
  if (current.revision !== input.expectedRevision)
    throw new ConflictError(
      `the directory changed since you opened it (now revision ${current.revision}): look at it again before importing`,
    );
  // 3. The difference.
  const diff = directoryDiff(current.people, people);
  // 4. Store.
  return store.replaceDirectory(input.authorityId, people, input.expectedRevision, {
    at: input.at,
    by: input.by,
    source: "import",
    summary: `imported ${people.length} ${people.length === 1 ? "person" : "people"} from ${input.format.toUpperCase()}`,
    ...diff,
  });
}
