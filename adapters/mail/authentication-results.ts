/**
 * Reads an `Authentication-Results` header (RFC 8601): who checked (the authserv-id) and each
 * method's result with its properties. Lenient where Amazon SES departs from the RFC: SES writes
 * `spf=pass (comment) client-ip=…; envelope-from=…; helo=…;` (the SPF properties as further
 * `;`-separated items without a `ptype.`) and `dkim=pass header.i=@example.com` (the AUID, not
 * `header.d`), e.g.
 * `amazonses.com; spf=pass (spfCheck: …) client-ip=203.0.113.0; envelope-from=a@example.com;
 * helo=smtp.example.com; dkim=pass header.i=@example.com; dmarc=none header.from=example.com;`
 * (docs.aws.amazon.com/ses/latest/dg/receiving-email-notifications-examples.html).
 * Pure; it reads, it does not judge (adapters/mail/ses-receipt.ts decides what to trust).
 */

/** One method's result, e.g. `dkim=pass header.d=example.com`. */
export interface AuthenticationResult {
  /** Lowercase method: `spf`, `dkim`, `dmarc`, … */
  method: string;
  /** Lowercase result: `pass`, `fail`, `none`, … */
  result: string;
  /** Properties by lowercase name (`header.d`, `smtp.mailfrom`, SES's `envelope-from`). */
  properties: Record<string, string>;
}

export interface AuthenticationResults {
  /** Lowercase authserv-id: who wrote the header (SES: `amazonses.com`). */
  authservId: string;
  results: AuthenticationResult[];
}

/** Methods in IANA's Email Authentication Methods registry (RFC 8601 section 6.2 and updates). */
const methods = new Set([
  "arc",
  "auth",
  "bimi",
  "dkim",
  "dkim-adsp",
  "dkim-atps",
  "dmarc",
  "domainkeys",
  "iprev",
  "rrvs",
  "sender-id",
  "smime",
  "spf",
  "vbr",
]);

/** Removes RFC 5322 comments (nested parentheses), leaving quoted strings alone. */
function withoutComments(value: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === "\\" && (quoted || depth > 0)) {
      if (depth === 0) out += value.slice(i, i + 2);
      i++;
      continue;
    }
    if (depth === 0 && c === '"') quoted = !quoted;
    if (!quoted && c === "(") {
      depth++;
      continue;
    }
    if (!quoted && c === ")" && depth > 0) {
      depth--;
      out += " ";
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}

/** Splits on `;` outside quoted strings. */
function items(value: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    if (c === ";" && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function keyValue(token: string): [string, string] | undefined {
  const eq = token.indexOf("=");
  if (eq <= 0) return undefined;
  return [token.slice(0, eq).toLowerCase(), token.slice(eq + 1).replace(/^"|"$/g, "")];
}

/**
 * Parses one header value (without the `Authentication-Results:` name).
 * @returns undefined when the value has no authserv-id.
 * @example parseAuthenticationResults("mx.example.org; spf=pass smtp.mailfrom=example.com")
 */
export function parseAuthenticationResults(value: string): AuthenticationResults | undefined {
  const [head, ...rest] = items(withoutComments(value.replace(/\r?\n[ \t]*/g, " ")));
  // The authserv-id may be followed by a version number ("example.org 1").
  const authservId = head?.split(/\s+/)[0]?.toLowerCase();
  if (!authservId || authservId.includes("=")) return undefined;
  const results: AuthenticationResult[] = [];
  for (const item of rest) {
    const tokens = item.split(/\s+/).filter((t) => t !== "");
    const first = tokens[0] ? keyValue(tokens[0]) : undefined;
    if (!first) continue;
    const [name, value] = first;
    const method = name.split("/")[0] ?? name;
    const props = tokens.slice(1).flatMap((t) => {
      const kv = keyValue(t);
      return kv ? [kv] : [];
    });
    if (methods.has(method)) {
      results.push({ method, result: value.toLowerCase(), properties: Object.fromEntries(props) });
      continue;
    }
    // SES's `envelope-from=…; helo=…` items: properties of the method before them.
    const last = results[results.length - 1];
    if (last) for (const [k, v] of [first, ...props]) last.properties[k] ??= v;
  }
  return { authservId, results };
}

/** The domain of `local@domain`, `@domain` or a bare domain; lowercase, no trailing dot. */
export function domainOf(identity: string | undefined): string | undefined {
  if (!identity) return undefined;
  const bare = identity.trim().replace(/^<|>$/g, "");
  const domain = bare.slice(bare.lastIndexOf("@") + 1).replace(/\.$/, "");
  return domain === "" ? undefined : domain.toLowerCase();
}
