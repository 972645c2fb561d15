/**
 * Turns zod issues into one-line messages that name the field and what was expected, e.g.
 * `meetingTypes.cfpm.roles.required[2]: unknown role "gp2" (expected one of …)`. Shared by the
 * catalog, the authority config and the planning request so every boundary reads the same way.
 */
import { z } from "zod";

/** A field path as written in messages: `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** One problem found in an input: where, and what is wrong. */
export interface FieldProblem {
  /** The field path, e.g. `chair.role`; empty for the whole input. */
  path: string;
  message: string;
}

function cleanMessage(message: string): string {
  const trimmed = message.replace(/^Invalid input: /, "");
  if (/received undefined$/.test(trimmed)) {
    return `missing (${trimmed.replace(/, received undefined$/, "")})`;
  }
  return trimmed;
}

/** Flattens zod issues (including unknown keys, one problem per key) into field problems. */
export function problemsFromZod(error: z.ZodError): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({ path: formatPath([...issue.path, key]), message: cleanMessage(issue.message) });
      }
    } else if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // Report the branch that got furthest (most path segments) rather than "Invalid input".
      const nested = issue.errors.flat();
      const deepest = nested.reduce((best, next) => (next.path.length > best.path.length ? next : best));
      problems.push({
        path: formatPath([...issue.path, ...deepest.path]),
        message: cleanMessage(deepest.message),
      });
    } else {
      problems.push({ path: formatPath(issue.path), message: cleanMessage(issue.message) });
    }
  }
  return problems;
}

/** `path: message`, or the message alone for the whole input. */
export function describeProblem(problem: FieldProblem): string {
  return problem.path === "" ? problem.message : `${problem.path}: ${problem.message}`;
}

/**
 * A strict object whose unknown keys are reported with the fields that were expected.
 * @example strictObject({ name: z.string() }) // { nmae: "x" } → `nmae: unknown field (expected one of name)`
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape, what = "field") {
  const known = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown ${what} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")} (expected one of ${known})`
        : undefined,
  });
}
