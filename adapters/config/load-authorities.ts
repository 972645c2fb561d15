/**
 * Reads every authority file of a folder (`authorities/*.json`) for the CDK app, synchronously
 * (the CDK CLI reads the cloud assembly when the app's process exits). Every problem of every file
 * is collected, so one broken file does not hide another's errors, and what must differ between
 * authorities deployed side by side (id, reply domain, reply secret name) is checked across files.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { AuthorityConfig } from "#domain/authority/index.ts";
import { ConfigError, parseAuthorityConfig } from "./load-authority.ts";

/** One or more authority files are broken; the message lists every problem, one line each. */
export class AuthorityFilesError extends Error {
  override name = "AuthorityFilesError";
  /** `file: field: what`, one per problem, in file order. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in the authority files:\n${problems.join("\n")}`,
    );
    this.problems = problems;
  }
}

export interface LoadedAuthority {
  /** The file as shown in messages (relative to `shownFrom`). */
  file: string;
  /** Its absolute path. */
  path: string;
  authority: AuthorityConfig;
}

/** The reply secret's name: the file's, or `convene/<id>/reply-signing-key`. */
export function replySecretNameOf(authority: AuthorityConfig): string {
  return authority.email.replySecretName ?? `convene/${authority.id}/reply-signing-key`;
}

/**
 * Loads and validates every `*.json` of `dir`, in name order.
 * @throws AuthorityFilesError with every problem of every file and every clash between files.
 * @example const authorities = loadAuthorityDirectory("authorities");
 */
export function loadAuthorityDirectory(dir: string, shownFrom: string = process.cwd()): LoadedAuthority[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => path.resolve(dir, name));
  const problems: string[] = [];
  const loaded: LoadedAuthority[] = [];
  for (const file of files) {
    const shown = path.relative(shownFrom, file) || file;
    try {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, "utf8"));
      } catch (error) {
        throw new ConfigError(shown, `not valid JSON: ${(error as Error).message}`);
      }
      loaded.push({ file: shown, path: file, authority: parseAuthorityConfig(json, shown) });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.message.split("\n"));
    }
  }
  // Authorities side by side in one account: these name the stack and account-wide resources.
  const unique: Array<[field: string, read: (a: AuthorityConfig) => string, reason: string]> = [
    ["id", (a) => a.id, "it names the stack Convene-<id> and its resources"],
    ["email.replyDomain", (a) => a.email.replyDomain, "SES routes a domain's replies to one rule"],
    ["email.replySecretName", replySecretNameOf, "a secret name is unique in an account and Region"],
  ];
  for (const [field, read, reason] of unique) {
    const firstFile = new Map<string, string>();
    for (const { file, authority } of loaded) {
      const value = read(authority);
      const before = firstFile.get(value);
      if (before === undefined) firstFile.set(value, file);
      else
        problems.push(
          `${file}: ${field}: ${JSON.stringify(value)} is already used by ${before}; each authority needs its own (${reason})`,
        );
    }
  }
  if (problems.length > 0) throw new AuthorityFilesError(problems);
  return loaded;
}
