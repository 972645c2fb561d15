/**
 * The port for an authority's staff directory: the current people, replaced whole at a revision
 * (an import, or one person edited), with the history of who changed it and when.
 */
import type { Directory, DirectoryRevision, StaffPerson } from "../directory/person.ts";

export interface DirectoryStore {
  /** The current directory; revision 0 and nobody before the first import. */
  getDirectory(authorityId: string): Promise<Directory>;
  /**
   * Stores `people` as the next revision, only if the current one is still `expectedRevision`.
   * @throws ConflictError when someone else changed the directory first (nothing is stored).
   */
  replaceDirectory(
    authorityId: string,
    people: StaffPerson[],
    expectedRevision: number,
    change: Omit<DirectoryRevision, "revision">,
  ): Promise<Directory>;
  /** Every revision, newest first. */
  directoryHistory(authorityId: string): Promise<DirectoryRevision[]>;
}
