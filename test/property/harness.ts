/**
 * Generated hostile input (issue 15, section 2), with fast-check: a fixed seed and a few hundred
 * runs per property in `npm test`; `npm run fuzz` runs 10,000 per property (CONVENE_FUZZ_RUNS to
 * change it) and prints, per property, how many inputs ended in each outcome, so a property that
 * only ever sees one kind of input shows up as such.
 */
import fc from "fast-check";
import { afterAll } from "vitest";

export const fuzzing = process.env.CONVENE_FUZZ === "1";
export const runs = fuzzing ? Number(process.env.CONVENE_FUZZ_RUNS ?? 10_000) : 200;
export const seed = Number(process.env.CONVENE_FUZZ_SEED ?? 20_261_202);

const outcomes = new Map<string, Map<string, number>>();

/** Counts one generated input of `property` as ending in `outcome` (e.g. "accepted", "refused: expired"). */
export function tally(property: string, outcome: string): void {
  const counts = outcomes.get(property) ?? new Map<string, number>();
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  outcomes.set(property, counts);
}

/** Outcomes seen so far for `property` (tests check a property really reached each kind of input). */
export function outcomesOf(property: string): Map<string, number> {
  return outcomes.get(property) ?? new Map();
}

/** Runs a property with the fixed seed and this run's count. */
export function check<T>(property: fc.IProperty<T> | fc.IAsyncProperty<T>): Promise<void> | void {
  return fc.assert(property as fc.IAsyncProperty<T>, { seed, numRuns: runs });
}

afterAll(() => {
  if (!fuzzing) return;
  const lines: string[] = [];
  for (const [property, counts] of outcomes) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    lines.push(`${property}: ${total} inputs`);
    const sorted = [...counts].sort((a, b) => b[1] - a[1]);
    for (const [outcome, n] of sorted.slice(0, 12)) lines.push(`  ${n}\t${outcome}`);
    if (sorted.length > 12) {
      const rest = sorted.slice(12).reduce((sum, [, n]) => sum + n, 0);
      lines.push(`  ${rest}\tin ${sorted.length - 12} other outcomes`);
    }
  }
  console.log(lines.join("\n"));
});

/**
 * Mutations of a known-good text: truncated, a slice removed, garbage inserted, a line repeated,
 * bytes flipped. Real hostile input is usually almost right.
 */
export function mutated(text: string): fc.Arbitrary<string> {
  const at = fc.nat({ max: Math.max(0, text.length) });
  return fc.oneof(
    at.map((i) => text.slice(0, i)),
    fc.tuple(at, at).map(([a, b]) => text.slice(0, Math.min(a, b)) + text.slice(Math.max(a, b))),
    fc
      .tuple(at, fc.string({ maxLength: 40, unit: "binary" }))
      .map(([i, junk]) => text.slice(0, i) + junk + text.slice(i)),
    fc
      .tuple(
        at,
        fc.constantFrom(
          "\n",
          "\r\n",
          "-->",
          "<v ",
          "{",
          "}",
          '"',
          ":",
          "\u0000",
          "=?utf-8?",
          "--",
          "\\",
          // Names every object has: input that names them must be taken as text, never as Object's.
          "<v constructor>",
          "constructor",
          "__proto__",
          "toString",
        ),
      )
      .map(([i, junk]) => text.slice(0, i) + junk + text.slice(i)),
    fc.tuple(at, fc.nat({ max: 20 })).map(([i, n]) => {
      const line = text.slice(i).split("\n")[0] ?? "";
      return text.slice(0, i) + `${line}\n`.repeat(n) + text.slice(i);
    }),
    fc.array(fc.tuple(at, fc.integer({ min: 0, max: 0xffff })), { maxLength: 5 }).map((flips) => {
      const chars = [...text];
      for (const [i, c] of flips) if (i < chars.length) chars[i] = String.fromCharCode(c);
      return chars.join("");
    }),
  );
}

/** Mutations of a JSON value: a field removed, replaced by another JSON value, or the whole replaced. */
export function mutatedJson(value: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(value, []);
  const edit = fc.tuple(
    fc.constantFrom(...paths),
    fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 3000 })),
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 6,
      arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
        let copy = structuredClone(value) as unknown;
        for (const [path, replacement] of edits) {
          if (path.length === 0) {
            copy = replacement;
            continue;
          }
          let parent = copy as Record<string | number, unknown> | undefined;
          for (const key of path.slice(0, -1))
            parent = (parent as Record<string | number, unknown> | undefined)?.[key] as never;
          const last = path[path.length - 1] as string | number;
          if (parent && typeof parent === "object") {
            if (replacement === undefined) delete parent[last];
            else parent[last] = replacement;
          }
        }
        return copy;
      }),
    },
  );
}
