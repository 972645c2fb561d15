/**
 * Which attachments of a reply are a written report. Mail clients attach much that is not: a
 * signature logo embedded in the HTML (Outlook's `image001.png`, shown through `cid:`), the
 * calendar part of an Outlook accept/decline (`text/calendar`, often also as `invite.ics`), a
 * vCard, tiny placeholders. A report is a document: PDF, Word (.doc, .docx), OpenDocument text,
 * RTF or a plain text file, attached, not embedded in the body, with a content type that fits its
 * file name, and not so small it cannot hold a report.
 *
 * Pure: decided from the parsed part's content type, disposition, Content-ID and file name.
 */

/** What the parser says about one MIME part it counts as an attachment. */
export interface AttachmentFacts {
  /** The file name (Content-Disposition filename or Content-Type name); undefined when there is none. */
  filename: string | undefined;
  /** The declared content type, e.g. "application/pdf" (parameters allowed). */
  contentType: string;
  /** Content-Disposition: "attachment", "inline", or undefined when absent. */
  disposition: string | undefined;
  /** The Content-ID, when the part has one (the body's HTML can show it with `cid:`). */
  contentId: string | undefined;
  /** The part is inside multipart/related: a resource of the HTML body, not a file sent with it. */
  related: boolean;
  /** Decoded size in bytes. */
  size: number;
}

export type DocumentFormat = "pdf" | "word" | "odt" | "rtf" | "text";

export type AttachmentVerdict =
  | { report: true; format: DocumentFormat }
  | {
      report: false;
      because:
        | "calendar"
        | "image-or-media"
        | "embedded-in-body"
        | "not-a-document"
        | "type-mismatch"
        | "too-small";
    };

const octetStream = "application/octet-stream";

/** Formats by extension: the content types that fit, and the smallest file that can hold a report. */
const formats: Record<string, { format: DocumentFormat; types: readonly string[]; minBytes: number }> = {
  pdf: { format: "pdf", types: ["application/pdf", "application/x-pdf"], minBytes: 200 },
  doc: { format: "word", types: ["application/msword", "application/vnd.ms-word"], minBytes: 200 },
  docx: {
    format: "word",
    types: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"],
    minBytes: 200,
  },
  odt: {
    format: "odt",
    types: ["application/vnd.oasis.opendocument.text", "application/zip"],
    minBytes: 200,
  },
  rtf: {
    format: "rtf",
    types: ["application/rtf", "text/rtf", "application/x-rtf", "text/richtext"],
    minBytes: 32,
  },
  txt: { format: "text", types: ["text/plain"], minBytes: 32 },
};

const calendarTypes = new Set(["text/calendar", "application/ics", "text/x-vcalendar", "application/x-ics"]);
const calendarExtensions = new Set(["ics", "ical", "ifb", "vcs"]);
const imageExtensions = new Set([
  "png",
  "jpg",
  "jpeg",
  "gif",
  "bmp",
  "tif",
  "tiff",
  "webp",
  "svg",
  "emz",
  "wmz",
]);

function baseType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

function extensionOf(filename: string | undefined): string {
  const match = /\.([a-z0-9]{1,8})$/i.exec((filename ?? "").trim());
  return match?.[1]?.toLowerCase() ?? "";
}

/**
 * Judges one attachment.
 * @example judgeAttachment({ filename: "report.pdf", contentType: "application/pdf", disposition: "attachment", contentId: undefined, related: false, size: 48_000 })
 *   // { report: true, format: "pdf" }
 */
export function judgeAttachment(part: AttachmentFacts): AttachmentVerdict {
  const type = baseType(part.contentType);
  const ext = extensionOf(part.filename);
  if (calendarTypes.has(type) || calendarExtensions.has(ext)) return { report: false, because: "calendar" };
  if (/^(image|audio|video)\//.test(type) || imageExtensions.has(ext)) {
    return { report: false, because: "image-or-media" };
  }
  // A part the body's HTML shows is part of the message itself (a signature, a pasted picture),
  // not a file sent with it: inside multipart/related, or inline with a Content-ID and no file
  // name. A named document shown inline (Apple Mail) is still a file sent with the message.
  const inline = part.disposition?.toLowerCase() !== "attachment";
  if (part.related || (inline && part.contentId && !part.filename)) {
    return { report: false, because: "embedded-in-body" };
  }
  let spec = formats[ext];
  if (!spec && ext === "" && !inline) {
    // A file without a name: only its declared type says what it is.
    spec = Object.values(formats).find((f) => f.types[0] === type);
  }
  if (!spec) return { report: false, because: "not-a-document" };
  if (type !== octetStream && !spec.types.includes(type)) return { report: false, because: "type-mismatch" };
  if (part.size < spec.minBytes) return { report: false, because: "too-small" };
  return { report: true, format: spec.format };
}

/** The attachments that are written reports, in their order. */
export function reportDocuments<T extends AttachmentFacts>(parts: readonly T[]): T[] {
  return parts.filter((part) => judgeAttachment(part).report);
}
