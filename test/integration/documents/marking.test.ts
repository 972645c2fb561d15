/**
 * Documents as councils file them (issue 12, section 5): every page of every Word and PDF copy of
 * the minutes carries OFFICIAL-SENSITIVE in its header and footer, drafts say DRAFT on every page,
 * and Word copies number their pages. Checked the way a council's document system would see them:
 * Word files converted by LibreOffice headless, every PDF read back page by page by poppler's
 * pdftotext (both installed by scripts/ensure-libreoffice.mjs when missing).
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minutesToDocx } from "#adapters/documents/minutes-docx.ts";
import { minutesToPdf } from "#adapters/documents/minutes-pdf.ts";
import { buildAgendaDocx } from "#adapters/mail/agenda-docx.ts";
import { fillAgenda, professionalsMeetingAgenda } from "#domain/catalog/index.ts";
import { draftMinutes } from "#domain/minutes/index.ts";
import { ensureLibreOffice } from "../../../scripts/ensure-libreoffice.mjs";
import { exampleMeeting, exampleTranscript } from "../../unit/minutes/helpers.ts";

const run = promisify(execFile);
const programs = ensureLibreOffice();
const minutes = draftMinutes({ meeting: await exampleMeeting(), transcript: await exampleTranscript() });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "convene-marking-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The text of each page of a PDF, as pdftotext lays it out (pages end with a form feed). */
async function pdfPages(pdf: Buffer, name: string): Promise<string[]> {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await run(programs.pdftotext, ["-layout", file, "-"], { maxBuffer: 20 * 1024 * 1024 });
  return stdout.split("\f").filter((page) => page.trim() !== "");
}

/** A Word file converted to PDF by LibreOffice headless, then read page by page. */
async function wordPages(docx: Buffer, name: string): Promise<string[]> {
  const file = path.join(dir, `${name}.docx`);
  await writeFile(file, docx);
  // Its own profile folder, so a LibreOffice the developer has open is never disturbed.
  const profile = `file://${path.join(dir, `profile-${name}`)}`;
  await run(
    programs.soffice,
    [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, file],
    { timeout: 120_000 },
  );
  return pdfPages(await readFile(path.join(dir, `${name}.pdf`)), `${name}-read`);
}

const markings = (page: string) => page.match(/OFFICIAL-SENSITIVE/g)?.length ?? 0;

describe("every page is marked as councils file case records", () => {
  it("marks every page of the draft minutes in Word OFFICIAL-SENSITIVE top and bottom, DRAFT, and numbered", async () => {
    const pages = await wordPages(await minutesToDocx(minutes, { status: "draft", version: 1 }), "draft");
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(markings(page), `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(page, `page ${i + 1}`).toMatch(/\bDRAFT\b/);
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it("marks every page of the final minutes in Word and never says DRAFT", async () => {
    const pages = await wordPages(await minutesToDocx(minutes, { status: "final", version: 2 }), "final");
    pages.forEach((page, i) => {
      expect(markings(page), `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(page, `page ${i + 1}`).not.toMatch(/\bDRAFT\b/);
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it("marks every page of the PDF minutes, draft and final, professional and family copies", async () => {
    for (const status of ["draft", "final"] as const) {
      for (const copy of ["professional", "family"] as const) {
        const pages = await pdfPages(await minutesToPdf(minutes, { status, copy }), `${status}-${copy}`);
        expect(pages.length, `${status} ${copy}`).toBeGreaterThan(1);
        pages.forEach((page, i) => {
          const where = `${status} ${copy} page ${i + 1}`;
          expect(markings(page), where).toBeGreaterThanOrEqual(2);
          expect(page, where).toContain(`page ${i + 1} of ${pages.length}`);
          if (status === "draft") expect(page, where).toMatch(/\bDRAFT\b/);
          else expect(page, where).not.toMatch(/\bDRAFT\b/);
        });
      }
    }
  });

  it("marks and numbers every page of the agenda sent with an invitation, its items numbered once", async () => {
    const filled = fillAgenda(professionalsMeetingAgenda, {
      child: "CH-1042",
      date: "Thursday 3 July 2025",
      time: "10:00",
    });
    const pages = await wordPages(
      await buildAgendaDocx({
        typeName: "Professionals Meeting",
        childReference: "CH-1042",
        when: "Thursday 3 July 2025, 10:00",
        chair: "Sam Chair",
        agenda: { title: filled.title, lines: filled.lines, sections: filled.sections },
        preReading: ["Chronology"],
      }),
      "agenda",
    );
    pages.forEach((page, i) => {
      expect(markings(page), `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(page, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    const all = pages.join("\n");
    expect(all).toMatch(/1\. Allocated social worker/);
    expect(all).not.toMatch(/\d+\.\s+\d+\.\s/);
  });
});
