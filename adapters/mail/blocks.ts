/**
 * The body of every email as one block model, laid out twice: once to HTML (every value escaped by
 * `html`, every link through `safeUrl`) and once to plain text, so the two parts of an email always
 * say the same. The frame around the body (the OFFICIAL-SENSITIVE marking top and bottom, the
 * heading, the footer) is laid out once here too. The same way `domain/minutes/render.ts` lays out
 * the minutes once for Word and PDF.
 *
 * @example
 * const { html, text } = layoutEmail({ authorityName: "Exampleshire", heading: "Invitation", blocks: [
 *   { kind: "paragraph", text: "Dear Jo," },
 *   { kind: "answer", how: "Reply to this email.", url: "https://convene.example/r/abc" },
 * ] });
 */
import { subItemLetter } from "#domain/catalog/agenda-outline.ts";
import { protectiveMarking } from "./agenda-docx.ts";
import { html, paragraphs, type SafeHtml, safeUrl } from "./html.ts";

/** A piece of a sentence: plain words, words in bold, or a link. */
export type Inline = string | { kind: "strong"; text: string } | { kind: "link"; text: string; href: string };

/** Running text: a string, or pieces of one. */
export type Text = string | readonly Inline[];

/** One row of a details table: "When: Tuesday 3 December 2025, 10:00". */
export interface DetailRow {
  label: string;
  value: Text;
}

/** A list item: its text, further lines under it, and a list nested under it. */
export interface ListItem {
  text: Text;
  /** Lines shown under the item's text, in the same item ("Reason given: …"). */
  more?: readonly Text[];
  sub?: ListBlock;
}

/**
 * A list. The layout numbers it (1., 2., …) or letters it (a., b., …): item texts never carry their
 * own numbers, so an agenda is numbered once.
 */
export interface ListBlock {
  kind: "list";
  style: "bullets" | "numbered" | "lettered";
  items: readonly ListItem[];
}

export type Block =
  | { kind: "paragraph"; text: Text; emphasis?: boolean }
  | { kind: "heading"; text: string; level: 2 | 3 }
  | { kind: "details"; rows: readonly DetailRow[] }
  | ListBlock
  /** How to answer by reply, and the button to answer on the page. */
  | { kind: "answer"; how: string; url: string }
  /** A button to a page that is not the answer page ("Record attendance"). */
  | { kind: "button"; label: string; url: string }
  /** Words quoted as they were written (minutes, a request, a reason): paragraphs kept. */
  | { kind: "quote"; text: string; tone?: "neutral" | "alert" };

/** Everything an email's body is made of. */
export interface EmailLayout {
  /** e.g. "Exampleshire County Council", named in the footer. */
  authorityName: string;
  heading: string;
  blocks: readonly Block[];
}

const buttonStyle =
  "display:inline-block;padding:8px 16px;background:#00703c;color:#fff;text-decoration:none;font-weight:bold";
const labelStyle = "text-align:left;padding:2px 12px 2px 0";
const quoteBorder = { neutral: "#b1b4b6", alert: "#d4351c" } as const;

function partHtml(part: Inline): SafeHtml {
  if (typeof part === "string") return html`${part}`;
  switch (part.kind) {
    case "strong":
      return html`<strong>${part.text}</strong>`;
    case "link":
      return html`<a href="${safeUrl(part.href)}">${part.text}</a>`;
  }
}

function inlineHtml(text: Text): SafeHtml {
  return typeof text === "string" ? html`${text}` : html`${text.map(partHtml)}`;
}

function partText(part: Inline): string {
  if (typeof part === "string") return part;
  switch (part.kind) {
    case "strong":
      return part.text;
    case "link":
      // A link whose words are its address is shown once; otherwise the address follows.
      return part.text === part.href ? part.href : `${part.text} (${part.href})`;
  }
}

function inlineText(text: Text): string {
  return typeof text === "string" ? text : text.map(partText).join("");
}

/** A details row's value in text: a lone link shows its address, which is what a reader needs. */
function valueText(value: Text): string {
  if (typeof value !== "string" && value.length === 1) {
    const only = value[0];
    if (only !== undefined && typeof only !== "string" && only.kind === "link") return only.href;
  }
  return inlineText(value);
}

function listHtml(list: ListBlock): SafeHtml {
  const items = list.items.map(
    (item) =>
      html`<li>${inlineHtml(item.text)}${(item.more ?? []).map((line) => html`<br>${inlineHtml(line)}`)}${item.sub ? listHtml(item.sub) : ""}</li>`,
  );
  switch (list.style) {
    case "bullets":
      return html`<ul>${items}</ul>`;
    case "numbered":
      return html`<ol>${items}</ol>`;
    case "lettered":
      return html`<ol type="a">${items}</ol>`;
  }
}

function marker(style: ListBlock["style"], index: number): string {
  switch (style) {
    case "bullets":
      return "- ";
    case "numbered":
      return `${index + 1}. `;
    case "lettered":
      return `${subItemLetter(index)}. `;
  }
}

function listText(list: ListBlock, indent = ""): string[] {
  return list.items.flatMap((item, i) => {
    const mark = marker(list.style, i);
    const under = indent + " ".repeat(mark.length);
    return [
      `${indent}${mark}${inlineText(item.text)}`,
      ...(item.more ?? []).map((line) => `${under}${inlineText(line)}`),
      ...(item.sub ? listText(item.sub, under) : []),
    ];
  });
}

/** One block as HTML. */
export function blockHtml(block: Block): SafeHtml {
  switch (block.kind) {
    case "paragraph":
      return block.emphasis
        ? html`<p><strong>${inlineHtml(block.text)}</strong></p>`
        : html`<p>${inlineHtml(block.text)}</p>`;
    case "heading":
      return block.level === 2
        ? html`<h2 style="font-size:17px">${block.text}</h2>`
        : html`<h3 style="font-size:15px">${block.text}</h3>`;
    case "details":
      return html`<table role="presentation" style="border-collapse:collapse">
${block.rows.map((row) => html`<tr><th style="${labelStyle}">${row.label}</th><td>${inlineHtml(row.value)}</td></tr>\n`)}</table>`;
    case "list":
      return listHtml(block);
    case "answer":
      return html`<p>${block.how}</p>
<p><a href="${safeUrl(block.url)}" style="${buttonStyle}">Answer online</a></p>`;
    case "button":
      return html`<p><a href="${safeUrl(block.url)}" style="${buttonStyle}">${block.label}</a></p>`;
    case "quote":
      return html`<blockquote style="border-left:4px solid ${quoteBorder[block.tone ?? "neutral"]};padding-left:12px">${paragraphs(block.text)}</blockquote>`;
  }
}

/** One block as plain text. */
export function blockText(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return inlineText(block.text);
    case "heading":
      return block.level === 2 ? `${block.text}:` : block.text;
    case "details":
      return block.rows.map((row) => `${row.label}: ${valueText(row.value)}`).join("\n");
    case "list":
      return listText(block).join("\n");
    case "answer":
      return `${block.how}\nOr answer online: ${block.url}`;
    case "button":
      return `${block.label}: ${block.url}`;
    case "quote":
      return block.text.replace(/\r\n?/g, "\n").trim();
  }
}

/** The blocks as HTML, one after another. */
export function toHtml(blocks: readonly Block[]): SafeHtml {
  return html`${blocks.map((block, i) => html`${i > 0 ? "\n" : ""}${blockHtml(block)}`)}`;
}

/** The blocks as plain text: a blank line between blocks, none under a heading. */
export function toText(blocks: readonly Block[]): string {
  let out = "";
  blocks.forEach((block, i) => {
    const previous = blocks[i - 1];
    if (previous) out += previous.kind === "heading" ? "\n" : "\n\n";
    out += blockText(block);
  });
  return out;
}

const footer = (authorityName: string) =>
  `Sent by Convene for ${authorityName}. This email contains information about a child: keep it secure and do not forward it outside the professionals involved.`;

/** The whole email, framed: the marking top and bottom, the heading, the body, the footer. */
export function layoutEmail(email: EmailLayout): { html: string; text: string } {
  const banner = html`<p style="margin:0;padding:4px 8px;background:#c00000;color:#fff;font-weight:bold;text-align:center">${protectiveMarking}</p>`;
  const page = html`<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${email.heading}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#0b0c0c;max-width:680px">
${banner}
<h1 style="font-size:20px">${email.heading}</h1>
${toHtml(email.blocks)}
<p style="color:#505a5f;font-size:13px">${footer(email.authorityName)}</p>
${banner}
</body></html>`;
  const text = [
    protectiveMarking,
    "",
    email.heading,
    "",
    toText(email.blocks).trim(),
    "",
    footer(email.authorityName),
    protectiveMarking,
    "",
  ].join("\n");
  return { html: page.value, text };
}
