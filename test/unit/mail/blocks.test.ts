import { describe, expect, it } from "vitest";
import { type Block, layoutEmail, toHtml, toText } from "#adapters/mail/blocks.ts";

const hostile = `<script>alert("x")</script> & Co`;

describe("the email block layouts", () => {
  it("numbers a list once and letters its sub-items, in the HTML by the list and in the text by the layout", () => {
    const blocks: Block[] = [
      {
        kind: "list",
        style: "numbered",
        items: [
          { text: "Introductions" },
          {
            text: "Updates",
            sub: { kind: "list", style: "lettered", items: [{ text: "School" }, { text: "Health" }] },
          },
          { text: "Next steps" },
        ],
      },
    ];
    expect(toHtml(blocks).value).toBe(
      '<ol><li>Introductions</li><li>Updates<ol type="a"><li>School</li><li>Health</li></ol></li><li>Next steps</li></ol>',
    );
    expect(toText(blocks)).toBe("1. Introductions\n2. Updates\n   a. School\n   b. Health\n3. Next steps");
  });

  it("letters past z as aa, ab", () => {
    const items = Array.from({ length: 28 }, (_, i) => ({ text: `s${i}` }));
    const text = toText([{ kind: "list", style: "lettered", items }]);
    expect(text.split("\n").slice(25)).toEqual(["z. s25", "aa. s26", "ab. s27"]);
  });

  it("lays a bulleted item's further lines under its text", () => {
    const blocks: Block[] = [
      { kind: "list", style: "bullets", items: [{ text: "No chair.", more: ["Reason given: on leave"] }] },
    ];
    expect(toText(blocks)).toBe("- No chair.\n  Reason given: on leave");
    expect(toHtml(blocks).value).toBe("<ul><li>No chair.<br>Reason given: on leave</li></ul>");
  });

  it("shows details as label and value rows, a link value as a link in HTML and its address in text", () => {
    const blocks: Block[] = [
      {
        kind: "details",
        rows: [
          { label: "When", value: "Thursday 3 July 2025, 10:00" },
          {
            label: "Online meeting",
            value: [{ kind: "link", text: "Join", href: "https://teams.example/m" }],
          },
        ],
      },
    ];
    const out = toHtml(blocks).value;
    expect(out).toMatch(/<tr><th [^>]*>When<\/th><td>Thursday 3 July 2025, 10:00<\/td><\/tr>/);
    expect(out).toMatch(
      /<tr><th [^>]*>Online meeting<\/th><td><a href="https:\/\/teams.example\/m">Join<\/a><\/td><\/tr>/,
    );
    expect(toText(blocks)).toBe("When: Thursday 3 July 2025, 10:00\nOnline meeting: https://teams.example/m");
  });

  it("escapes every value in HTML and keeps it as written in text", () => {
    const blocks: Block[] = [
      { kind: "heading", text: hostile, level: 2 },
      { kind: "paragraph", text: [hostile, { kind: "strong", text: hostile }] },
      { kind: "details", rows: [{ label: hostile, value: hostile }] },
      { kind: "list", style: "bullets", items: [{ text: hostile, more: [hostile] }] },
      { kind: "quote", text: `${hostile}\n\n${hostile}` },
      { kind: "answer", how: hostile, url: "https://answers.example/r/t" },
      { kind: "button", label: hostile, url: "https://answers.example/m" },
    ];
    const out = toHtml(blocks).value;
    expect(out).not.toContain("<script>");
    expect(out.split("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co").length - 1).toBe(11);
    expect(toText(blocks).split(hostile).length - 1).toBe(11);
  });

  it("puts only http(s) and mailto addresses in a link", () => {
    const out = toHtml([
      { kind: "paragraph", text: [{ kind: "link", text: "x", href: "javascript:alert(1)" }] },
      { kind: "button", label: "Go", url: "data:text/html,hi" },
      { kind: "answer", how: "Reply.", url: 'https://a.example/r/"onmouseover="x' },
    ]).value;
    expect(out).toContain('<a href="#">x</a>');
    expect(out).toMatch(/<a href="#" style="[^"]*">Go<\/a>/);
    expect(out).toContain('href="https://a.example/r/&quot;onmouseover=&quot;x"');
  });

  it("says how to answer and gives the answer page as a button in HTML and an address in text", () => {
    const blocks: Block[] = [{ kind: "answer", how: "Reply “Approved”.", url: "https://a.example/r/t" }];
    expect(toText(blocks)).toBe("Reply “Approved”.\nOr answer online: https://a.example/r/t");
    expect(toHtml(blocks).value).toMatch(
      /<p>Reply “Approved”.<\/p>\n<p><a href="https:\/\/a.example\/r\/t" style="[^"]*">Answer online<\/a><\/p>/,
    );
  });

  it("keeps a quote's paragraphs and line breaks", () => {
    const blocks: Block[] = [{ kind: "quote", text: "One\ntwo\r\n\r\nThree", tone: "alert" }];
    expect(toHtml(blocks).value).toMatch(
      /^<blockquote style="border-left:4px solid #d4351c[^"]*"><p>One<br>two<\/p>\n<p>Three<\/p><\/blockquote>$/,
    );
    expect(toText(blocks)).toBe("One\ntwo\n\nThree");
  });

  it("parts text blocks by a blank line, and puts a heading's content straight under it", () => {
    const text = toText([
      { kind: "paragraph", text: "Dear Jo," },
      { kind: "heading", text: "Agenda", level: 2 },
      { kind: "paragraph", text: "None set." },
      { kind: "paragraph", text: "Thanks." },
    ]);
    expect(text).toBe("Dear Jo,\n\nAgenda:\nNone set.\n\nThanks.");
  });

  it("emphasises a paragraph in bold in HTML only", () => {
    const blocks: Block[] = [{ kind: "paragraph", text: "Name the speakers.", emphasis: true }];
    expect(toHtml(blocks).value).toBe("<p><strong>Name the speakers.</strong></p>");
    expect(toText(blocks)).toBe("Name the speakers.");
  });
});

describe("the email frame", () => {
  const framed = layoutEmail({
    authorityName: "Exampleshire & Co",
    heading: `Invitation: ${hostile}`,
    blocks: [{ kind: "paragraph", text: "Dear Jo," }],
  });

  it("marks both parts OFFICIAL-SENSITIVE at the top and the bottom", () => {
    const lines = framed.text.trimEnd().split("\n");
    expect(lines[0]).toBe("OFFICIAL-SENSITIVE");
    expect(lines.at(-1)).toBe("OFFICIAL-SENSITIVE");
    expect(framed.html.match(/>OFFICIAL-SENSITIVE<\/p>/g)).toHaveLength(2);
    expect(framed.html).toMatch(/<body[^>]*>\n<p [^>]*>OFFICIAL-SENSITIVE<\/p>\n<h1/);
    expect(framed.html).toMatch(/<p [^>]*>OFFICIAL-SENSITIVE<\/p>\n<\/body><\/html>$/);
  });

  it("heads the body with the email's heading, escaped, as the HTML title too", () => {
    expect(framed.text.split("\n")[2]).toBe(`Invitation: ${hostile}`);
    expect(framed.html).toContain("<title>Invitation: &lt;script&gt;");
    expect(framed.html).toContain('<h1 style="font-size:20px">Invitation: &lt;script&gt;');
    expect(framed.html).not.toContain("<script>");
  });

  it("ends with the footer naming the authority and asking to keep it secure", () => {
    expect(framed.text).toContain(
      "Sent by Convene for Exampleshire & Co. This email contains information about a child: keep it secure",
    );
    expect(framed.html).toContain("Sent by Convene for Exampleshire &amp; Co.");
  });
});
