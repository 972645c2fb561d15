/**
 * Reads an authority configuration file (`authorities/*.json`), parses the JSON and validates it.
 * Every failure is one {@link ConfigError} whose message names the file, the field and what was
 * expected, e.g. `authorities/x.json: meetingTypes.cfpm.roles.required[2]: unknown role "gp2" (expected one of …)`.
 */
import { readFile } from "node:fs/promises";
import { type AuthorityConfig, authorityConfigSchema } from "#domain/authority/index.ts";
import { describeProblem, problemsFromZod } from "#domain/catalog/index.ts";
import { functionSpecs } from "#functions/catalog.ts";

/**
 * An authority configuration file that cannot be read, is not JSON, or breaks the schema. The
 * message has one line per problem, each starting with the file: `authorities/x.json: field: what`.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
  /** The file, as the caller named it. */
  readonly file: string;
  /** Every problem found, without the file name ("field: what was expected"). */
  readonly problems: readonly string[];

  constructor(file: string, problems: string | readonly string[]) {
    const list = typeof problems === "string" ? [problems] : [...problems];
    super(list.map((problem) => `${file}: ${problem}`).join("\n"));
    this.file = file;
    this.problems = list;
  }
}

/**
 * Problems zod cannot see from the domain: reserved concurrency must name functions of
 * functions/catalog.ts.
 */
function deploymentProblems(json: unknown): string[] {
  const deployment = (json as { deployment?: { reservedConcurrency?: unknown } } | null)?.deployment;
  const reserved = deployment?.reservedConcurrency;
  if (typeof reserved !== "object" || reserved === null || Array.isArray(reserved)) return [];
  const known: readonly string[] = functionSpecs.map((spec) => spec.name);
  return Object.keys(reserved)
    .filter((name) => !known.includes(name))
    .map(
      (name) =>
        `deployment.reservedConcurrency.${name}: unknown function (expected one of ${known.join(", ")})`,
    );
}

/**
 * Validates already-parsed JSON as an authority configuration; `file` names it in errors.
 * @throws ConfigError with every problem, one line each.
 */
export function parseAuthorityConfig(json: unknown, file: string): AuthorityConfig {
  const result = authorityConfigSchema.safeParse(json);
  const extra = deploymentProblems(json);
  if (result.success && extra.length === 0) return result.data;
  const problems = [...(result.success ? [] : problemsFromZod(result.error).map(describeProblem)), ...extra];
  throw new ConfigError(file, problems.length > 0 ? problems : ["invalid configuration"]);
}

/**
 * Reads, parses and validates an authority configuration file; `shownAs` names it in messages.
 * @throws ConfigError naming the file, the field path and what was expected.
 * @example const demo = await loadAuthorityFile("authorities/demo.json");
 */
export async function loadAuthorityFile(path: string, shownAs: string = path): Promise<AuthorityConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(shownAs, `cannot read the file${code ? ` (${code})` : ""}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(shownAs, `not valid JSON: ${(error as Error).message}`);
  }
  return parseAuthorityConfig(json, shownAs);
}
