/**
 * Reads an authority configuration file (`authorities/*.json`), parses the JSON and validates it.
 * Every failure is one {@link ConfigError} whose message names the file, the field and what was
 * expected, e.g. `authorities/x.json: meetingTypes.cfpm.roles.required[2]: unknown role "gp2" (expected one of …)`.
 */
import { readFile } from "node:fs/promises";
import { type AuthorityConfig, authorityConfigSchema } from "#domain/authority/index.ts";
import { describeProblem, problemsFromZod } from "#domain/catalog/index.ts";

/** An authority configuration file that cannot be read, is not JSON, or breaks the schema. */
export class ConfigError extends Error {
  override name = "ConfigError";
  /** The file, as the caller named it. */
  readonly file: string;

  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.file = file;
  }
}

/**
 * Validates already-parsed JSON as an authority configuration; `file` names it in errors.
 * @throws ConfigError with the first problem (and how many more there are).
 */
export function parseAuthorityConfig(json: unknown, file: string): AuthorityConfig {
  const result = authorityConfigSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = problemsFromZod(result.error);
  const [first] = problems;
  const more =
    problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? "s" : ""})` : "";
  throw new ConfigError(file, `${first ? describeProblem(first) : "invalid configuration"}${more}`);
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
