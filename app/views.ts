/**
 * Server-rendered pages: Nunjucks with GOV.UK Frontend's own macros and page template
 * (`govuk/template.njk`), one template per page in app/views. Autoescaping is on: every value a
 * person typed is escaped unless a macro is given it as `html` on purpose.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";

const here = dirname(fileURLToPath(import.meta.url));
/**
 * govuk-frontend's dist folder: its templates (`govuk/…`) and its built CSS, JS and assets. In the
 * web Lambda's bundle there is no node_modules: the bundling copies it beside the code.
 */
export const govukDist = (() => {
  try {
    return join(dirname(createRequire(import.meta.url).resolve("govuk-frontend/package.json")), "dist");
  } catch {
    return join(here, "govuk-frontend", "dist");
  }
})();

const environment = new nunjucks.Environment(
  new nunjucks.FileSystemLoader([join(here, "views"), govukDist], { noCache: false }),
  { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
);

/** Renders one page template with its context. */
export function renderPage(template: string, context: Record<string, unknown>): string {
  return environment.render(template, context);
}

/** Text made safe to put inside HTML (for the `html` of a GOV.UK table cell or summary row). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
