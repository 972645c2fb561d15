/**
 * The staff directory in the authority's table (table-design.ts): a head item naming the current
 * revision, each revision's people as JSON in parts of at most ~300 KB (DynamoDB items stop at
 * 400 KB; a directory of thousands of staff is a few MB), and one history item per revision.
 *
 * | item | key |
 * |---|---|
 * | the current revision | pk=DIRECTORY#authority, sk=HEAD (rev, parts) |
 * | part n of revision r, as saved by one attempt | pk=DIRECTORY#authority, sk=REV#rrrrrrrr#attempt#PART#nnnn |
 * | revision r's history line | pk=DIRECTORY#authority, sk=HISTORY#rrrrrrrr |
 *
 * A new revision's parts are written first under a key of their own attempt, where nothing reads
 * them, then the head moves from the expected revision to the new one (naming the attempt) in one
 * conditional write: readers see the old directory or the new one, never half of one, and of two
 * admins saving at once one wins and the other's parts are removed again without touching the
 * winner's. The history line is written once the head has moved.
 */

import { randomUUID } from "node:crypto";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { z } from "zod";
import type { Directory, DirectoryRevision, StaffPerson } from "../../domain/directory/person.ts";
import { staffPersonSchema } from "../../domain/directory/person.ts";
import type { DirectoryStore } from "../../domain/ports/directory.ts";
import { ConflictError } from "../../domain/ports/store.ts";
import { FlatTable } from "./flat-table.ts";

const pk = (authorityId: string) => `DIRECTORY#${authorityId}`;
const rev = (n: number) => String(n).padStart(8, "0");
const partSk = (revision: number, attempt: string, n: number) =>
  `REV#${rev(revision)}#${attempt}#PART#${String(n).padStart(4, "0")}`;
const partBytes = 300_000;

const historySchema = z.object({
  revision: z.number().int(),
  at: z.string(),
  by: z.string(),
  source: z.enum(["import", "edit"]),
  summary: z.string(),
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
});

export class DynamoDirectoryStore implements DirectoryStore {
  private readonly table: FlatTable;

  constructor(client: DynamoDBClient, tableName: string) {
    this.table = new FlatTable(client, tableName);
  }

  async getDirectory(authorityId: string): Promise<Directory> {
    const head = await this.table.get({ pk: pk(authorityId), sk: "HEAD" });
    if (!head) return { authorityId, revision: 0, people: [] };
    const revision = Number(head.rev);
    const keys = Array.from({ length: Number(head.parts) }, (_, n) => ({
      pk: pk(authorityId),
      sk: partSk(revision, String(head.attempt), n),
    }));
    const parts = (await this.table.getAll(keys)).sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
    if (parts.length !== keys.length)
      throw new Error(
        `directory of ${authorityId}: revision ${revision} has ${parts.length} of its ${head.parts} parts`,
      );
    const people = parts.flatMap((part) => z.array(staffPersonSchema).parse(JSON.parse(String(part.body))));
    return { authorityId, revision, people };
  }

  async replaceDirectory(
    authorityId: string,
    people: StaffPerson[],
    expectedRevision: number,
    change: Omit<DirectoryRevision, "revision">,
  ): Promise<Directory> {
    const revision = expectedRevision + 1;
    const attempt = randomUUID();
    const bodies = chunk(people);
    const items = bodies.map((body, n) => ({ pk: pk(authorityId), sk: partSk(revision, attempt, n), body }));
    await this.table.putAll(items);
    try {
      if (expectedRevision === 0)
        await this.table.put(
          { pk: pk(authorityId), sk: "HEAD", rev: revision, parts: bodies.length, attempt },
          { expression: "attribute_not_exists(pk)" },
        );
      else
        await this.table.update(
          { pk: pk(authorityId), sk: "HEAD" },
          "SET rev = :rev, parts = :parts, attempt = :attempt",
          "rev = :expected",
          { ":rev": revision, ":parts": bodies.length, ":attempt": attempt, ":expected": expectedRevision },
        );
    } catch (error) {
      if (
        !(
          error instanceof ConditionalCheckFailedException ||
          (error as Error).name === "ConditionalCheckFailedException"
        )
      )
        throw error;
      // Another save won: this one's parts and history line go (unless they are the winner's own).
      const winner = await this.table.get({ pk: pk(authorityId), sk: "HEAD" });
      if (Number(winner?.rev) !== revision)
        await this.table.deleteAll(items.map(({ pk, sk }) => ({ pk, sk })));
      throw new ConflictError(
        `the directory changed while this was saved (someone else saved revision ${winner?.rev ?? "?"}): look at it again`,
      );
    }
    // The revision before this one's parts are no longer read: they stay as its history's content.
    await this.table.put({
      pk: pk(authorityId),
      sk: `HISTORY#${rev(revision)}`,
      body: JSON.stringify({ revision, ...change }),
    });
    return { authorityId, revision, people };
  }

  async directoryHistory(authorityId: string): Promise<DirectoryRevision[]> {
    const head = await this.table.get({ pk: pk(authorityId), sk: "HEAD" });
    const current = Number(head?.rev ?? 0);
    const items = await this.table.queryAll({
      keyCondition: "pk = :pk AND begins_with(sk, :prefix)",
      values: { ":pk": pk(authorityId), ":prefix": "HISTORY#" },
      consistent: true,
    });
    return items
      .map((item) => historySchema.parse(JSON.parse(String(item.body))))
      .filter((h) => h.revision <= current)
      .sort((a, b) => b.revision - a.revision);
  }
}

/** The people as JSON arrays of at most partBytes each (at least one, for an empty directory). */
function chunk(people: StaffPerson[]): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const person of people) {
    const json = JSON.stringify(person);
    const bytes = Buffer.byteLength(json, "utf8");
    if (current.length && size + bytes + 1 > partBytes) {
      parts.push(`[${current.join(",")}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += bytes + 1;
  }
  parts.push(`[${current.join(",")}]`);
  return parts;
}
