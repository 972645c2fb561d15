#!/usr/bin/env node
/**
 * Makes sure LibreOffice (headless Writer) and poppler's pdftotext are installed, for the tests that
 * convert the Word and PDF documents Convene sends and check them page by page. Installs Debian's
 * `libreoffice-writer-nogui` and `poppler-utils` when either program is missing (about 10 s here).
 *
 * Run it: `node scripts/ensure-libreoffice.mjs`. Import it: `const { soffice, pdftotext } = ensureLibreOffice()`.
 */
import { pathToFileURL } from "node:url";
import { ensureDebianPrograms } from "./ensure-debian.mjs";

export const libreOfficePrograms = { soffice: "/usr/bin/soffice", pdftotext: "/usr/bin/pdftotext" };

/**
 * @param {{ log?: boolean }} [options]
 * @returns {{ soffice: string; pdftotext: string }}
 */
export function ensureLibreOffice(options = {}) {
  ensureDebianPrograms(
    Object.values(libreOfficePrograms),
    ["libreoffice-writer-nogui", "poppler-utils"],
    options,
  );
  return libreOfficePrograms;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const programs = ensureLibreOffice({ log: true });
    console.log(`${programs.soffice} ${programs.pdftotext}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
