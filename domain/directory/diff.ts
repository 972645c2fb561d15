/** What a new revision of a directory adds, removes and changes, for its history. */
import type { StaffPerson } from "./person.ts";

export function directoryDiff(
  before: readonly StaffPerson[],
  after: readonly StaffPerson[],
): { added: number; removed: number; changed: number } {
  const old = new Map(before.map((p) => [p.email, p]));
  const now = new Set(after.map((p) => p.email));
  let added = 0;
  let changed = 0;
  for (const person of after) {
    const was = old.get(person.email);
    if (!was) added++;
    else if (JSON.stringify(canonical(was)) !== JSON.stringify(canonical(person))) changed++;
  }
  return { added, removed: before.filter((p) => !now.has(p.email)).length, changed };
}

const canonical = (p: StaffPerson) => ({
  ...p,
  access: [...p.access].sort(),
  lineManager: p.lineManager ?? "",
});
