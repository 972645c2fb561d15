/**
 * A cheap look at raw inbound bytes before mailparser sees them: one pass over the lines, no
 * decoding, no allocation per part. It refuses what is not an email or is built to make a parser
 * work hard (tens of thousands of header fields, MIME nested thousands deep, thousands of parts),
 * with one line naming what was wrong, so the caller can answer 400 / SMTP 554 instead of leaving
 * it to the parser's own limits (whose messages name none of this).
 *
 * It follows multipart boundaries (RFC 2046 section 5.1) and message/rfc822 parts the way a MIME
 * parser does; a message it reads differently from mailparser is still parsed by mailparser with
 * its own limits, so this only ever refuses earlier, never accepts what mailparser would refuse.
 */

/** Header fields allowed in one header section (a real reply has 20 to 150, mostly Received). */
export const maxInboundHeaderFields = 1000;
/** Bytes allowed in one header section (mailparser's own cap is 1 MiB, counted differently). */
export const maxInboundHeaderBytes = 512 * 1024;
/** Nesting allowed: multiparts and attached messages inside one another (a forward of a forward adds 2 or 3). */
export const maxInboundMimeDepth = 50;
/** MIME parts allowed in one message (mailparser stops at 1000 nodes). */
export const maxInboundMimeParts = 500;

const headerField = /^([!-9;-~]+)[ \t]*:/;
/** Top-level fields that make it an email (as parse-inbound's check after parsing). */
const addressing = new Set(["from", "to", "message-id", "delivered-to"]);

interface Frame {
  /** The boundary that separates this multipart's children; undefined for an attached message. */
  boundary: string | undefined;
}

function boundaryOf(contentType: string): {
  multipart: boolean;
  boundary: string | undefined;
  message: boolean;
} {
  const type = /^\s*([^\s;]+)/.exec(contentType)?.[1]?.toLowerCase() ?? "";
  const boundary = /(?:^|;)\s*boundary\s*=\s*(?:"([^"]*)"|([^\s;"]+))/i.exec(contentType);
  return {
    multipart: type.startsWith("multipart/"),
    boundary: boundary ? (boundary[1] ?? boundary[2]) : undefined,
    message: type === "message/rfc822" || type === "message/global",
  };
}

/**
 * What is wrong with `bytes` as an email, in one line, or undefined when nothing this scan can see.
 * @example findRawEmailProblem(Buffer.from('{"json": true}')) // "not an email: …"
 */
export function findRawEmailProblem(bytes: Buffer): string | undefined {
  // latin1 keeps one character per byte, so lengths below are bytes.
  const text = bytes.toString("latin1");
  const stack: Frame[] = [];
  let inHeader = true;
  let topLevel = true;
  let firstLine = true;
  let parts = 1;
  let addressed = false;
  // The header section being read.
  let fields = 0;
  let headerBytes = 0;
  let contentType: string | undefined;
  let encoding: string | undefined;
  let reading: "content-type" | "content-transfer-encoding" | undefined;
  const startHeader = () => {
    inHeader = true;
    fields = 0;
    headerBytes = 0;
    contentType = undefined;
    encoding = undefined;
    reading = undefined;
  };

  const endHeader = (): string | undefined => {
    if (topLevel) {
      if (fields === 0)
        return "not an email: it has no header fields (Name: value lines before a blank line)";
      if (!addressed) return "not an email: no From, To or Message-ID header";
      topLevel = false;
    }
    inHeader = false;
    const type = contentType === undefined ? undefined : boundaryOf(contentType);
    // An attached message is parsed as a message only when it is not encoded (base64 or
    // quoted-printable make it an opaque attachment, as mailparser treats it).
    const opaque = encoding !== undefined && !["7bit", "8bit", "binary"].includes(encoding.toLowerCase());
    if (type?.multipart && type.boundary) stack.push({ boundary: type.boundary });
    else if (type?.message && !opaque) {
      stack.push({ boundary: undefined });
      startHeader();
    } else return undefined;
    if (stack.length > maxInboundMimeDepth) {
      return `not accepted: MIME parts are nested more than ${maxInboundMimeDepth} deep`;
    }
    return undefined;
  };

  /** A delimiter line of an open multipart ends whatever is being read inside it. */
  const delimiter = (line: string): "next" | "close" | undefined => {
    const trimmed = line.replace(/[ \t]+$/, "");
    for (let i = stack.length - 1; i >= 0; i--) {
      const boundary = stack[i]?.boundary;
      if (boundary === undefined) continue;
      if (trimmed === `--${boundary}`) {
        stack.length = i + 1;
        return "next";
      }
      if (trimmed === `--${boundary}--`) {
        stack.length = i;
        return "close";
      }
    }
    return undefined;
  };

  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const raw = text.slice(start, end);
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    start = end + 1;

    if (line.startsWith("--") && stack.length > 0) {
      const found = delimiter(line);
      if (found === "next") {
        parts++;
        if (parts > maxInboundMimeParts) return `not accepted: more than ${maxInboundMimeParts} MIME parts`;
        startHeader();
        continue;
      }
      if (found === "close") {
        inHeader = false;
        continue;
      }
    }
    if (!inHeader) continue;

    if (line === "") {
      const problem = endHeader();
      if (problem) return problem;
      continue;
    }
    headerBytes += raw.length + 1;
    if (headerBytes > maxInboundHeaderBytes) {
      return `not accepted: a header section is larger than ${maxInboundHeaderBytes} bytes`;
    }
    if (line.startsWith(" ") || line.startsWith("\t")) {
      if (reading === "content-type") contentType += ` ${line.trim()}`;
      if (reading === "content-transfer-encoding") encoding = `${encoding ?? ""}${line.trim()}`;
      continue;
    }
    const field = headerField.exec(line);
    if (!field) {
      if (topLevel && firstLine) {
        // An mbox export starts with a "From sender date" separator line: not a header, allowed.
        firstLine = false;
        if (line.startsWith("From ")) continue;
        return "not an email: the first line is not a header field (Name: value)";
      }
      reading = undefined;
      continue;
    }
    firstLine = false;
    fields++;
    if (fields > maxInboundHeaderFields) {
      return `not accepted: more than ${maxInboundHeaderFields} header fields in one header section`;
    }
    const name = field[1]?.toLowerCase() ?? "";
    if (topLevel && addressing.has(name)) addressed = true;
    const value = line.slice(line.indexOf(":") + 1).trim();
    reading = name === "content-type" || name === "content-transfer-encoding" ? name : undefined;
    if (name === "content-type") contentType = value;
    if (name === "content-transfer-encoding") encoding = value;
  }
  if (inHeader && topLevel) return endHeader();
  return undefined;
}
