import { describe, expect, it } from "vitest";
import { type AttachmentFacts, judgeAttachment, reportDocuments } from "#domain/email/report-attachment.ts";

const attached = (overrides: Partial<AttachmentFacts>): AttachmentFacts => ({
  filename: "report.pdf",
  contentType: "application/pdf",
  disposition: "attachment",
  contentId: undefined,
  related: false,
  size: 48_000,
  ...overrides,
});

describe("judgeAttachment", () => {
  it("counts attached PDF, Word, OpenDocument, RTF and text files as reports", () => {
    const cases: Array<[string, string, string]> = [
      ["gp-report.pdf", "application/pdf", "pdf"],
      ["school report.doc", "application/msword", "word"],
      ["SALT report.DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word"],
      ["report.odt", "application/vnd.oasis.opendocument.text", "odt"],
      ["report.rtf", "text/rtf", "rtf"],
      ["report.txt", "text/plain; charset=utf-8", "text"],
      // Many clients send any file as octet-stream: the name decides.
      ["report.pdf", "application/octet-stream", "pdf"],
    ];
    for (const [filename, contentType, format] of cases) {
      expect(judgeAttachment(attached({ filename, contentType })), filename).toEqual({
        report: true,
        format,
      });
    }
  });

  it("does not count a signature logo, inline or attached", () => {
    const logo = { filename: "logo.png", contentType: "image/png", size: 4_000 };
    expect(
      judgeAttachment(attached({ ...logo, disposition: "inline", contentId: "logo@x", related: true })),
    ).toEqual({ report: false, because: "image-or-media" });
    expect(judgeAttachment(attached(logo))).toEqual({ report: false, because: "image-or-media" });
    expect(judgeAttachment(attached({ ...logo, contentType: "application/octet-stream" }))).toEqual({
      report: false,
      because: "image-or-media",
    });
  });

  it("does not count Outlook's calendar part or its invite.ics", () => {
    expect(
      judgeAttachment(
        attached({ filename: undefined, contentType: "text/calendar", disposition: undefined }),
      ),
    ).toEqual({ report: false, because: "calendar" });
    expect(judgeAttachment(attached({ filename: "invite.ics", contentType: "application/ics" }))).toEqual({
      report: false,
      because: "calendar",
    });
  });

  it("does not count a document the body embeds (multipart/related, or a nameless inline part with a Content-ID)", () => {
    expect(judgeAttachment(attached({ related: true }))).toEqual({
      report: false,
      because: "embedded-in-body",
    });
    expect(
      judgeAttachment(attached({ filename: undefined, disposition: "inline", contentId: "part1@x" })),
    ).toEqual({
      report: false,
      because: "embedded-in-body",
    });
  });

  it("counts a named document shown inline, with or without a Content-ID (Apple Mail's inline PDFs)", () => {
    expect(judgeAttachment(attached({ disposition: "inline" }))).toEqual({ report: true, format: "pdf" });
    expect(judgeAttachment(attached({ disposition: "inline", contentId: "2F1C@apple" }))).toEqual({
      report: true,
      format: "pdf",
    });
  });

  it("does not count a file whose type contradicts its name, or that is not a document", () => {
    expect(
      judgeAttachment(attached({ filename: "report.pdf", contentType: "application/x-msdownload" })),
    ).toEqual({
      report: false,
      because: "type-mismatch",
    });
    expect(judgeAttachment(attached({ filename: "contact.vcf", contentType: "text/vcard" }))).toEqual({
      report: false,
      because: "not-a-document",
    });
    expect(
      judgeAttachment(attached({ filename: "winmail.dat", contentType: "application/ms-tnef" })),
    ).toEqual({
      report: false,
      because: "not-a-document",
    });
  });

  it("judges an attached file without a name by its declared type, and an inline one not at all", () => {
    expect(judgeAttachment(attached({ filename: undefined }))).toEqual({ report: true, format: "pdf" });
    expect(judgeAttachment(attached({ filename: undefined, disposition: "inline" }))).toEqual({
      report: false,
      because: "not-a-document",
    });
  });

  it("does not count a file too small to hold a report", () => {
    expect(judgeAttachment(attached({ size: 120 }))).toEqual({ report: false, because: "too-small" });
    expect(judgeAttachment(attached({ filename: "r.txt", contentType: "text/plain", size: 5 }))).toEqual({
      report: false,
      because: "too-small",
    });
  });

  it("keeps only the reports, in order", () => {
    const parts = [
      attached({ filename: "logo.png", contentType: "image/png" }),
      attached({ filename: "a.pdf" }),
      attached({ filename: "invite.ics", contentType: "text/calendar" }),
      attached({ filename: "b.txt", contentType: "text/plain" }),
    ];
    expect(reportDocuments(parts).map((p) => p.filename)).toEqual(["a.pdf", "b.txt"]);
  });
});
