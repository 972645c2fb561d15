/**
 * HTML for emails and pages with every interpolated value escaped: `html\`<p>${name}</p>\``
 * escapes `name`; only values that are themselves `html` results pass through unescaped. So a
 * name or a note can never inject markup.
 */

/** A fragment of HTML that is safe to insert: built by `html`, never from untrusted text. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => entities[c] ?? c);
}

/** Something `html` accepts as an interpolated value. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every interpolated value.
 * @example html`<p>Dear ${name},</p>`.value
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** Text with line breaks as escaped HTML paragraphs/line breaks (for notes and minutes text). */
export function paragraphs(text: string): SafeHtml {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  return new SafeHtml(blocks.map((b) => `<p>${b.split("\n").map(escapeHtml).join("<br>")}</p>`).join("\n"));
}

/** Only http(s) and mailto links are put in an href; anything else becomes "#". */
export function safeUrl(url: string): string {
  return /^(https?:\/\/|mailto:)/i.test(url.trim()) ? url.trim() : "#";
}
