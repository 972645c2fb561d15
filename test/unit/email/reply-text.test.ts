import { describe, expect, it } from "vitest";
import { escapeHtml, html, paragraphs, safeUrl } from "#adapters/mail/html.ts";
import {
  cutAttributionBeforeQuote,
  cutOutlookHeaderBlock,
  freshReplyText,
} from "#adapters/mail/parse-inbound.ts";

describe("fresh reply text", () => {
  it("cuts Outlook's header block when From carries only a display name (Outlook desktop, Exchange)", () => {
    const text = [
      "Yes, I will attend.",
      "",
      "From: Smith, Jane",
      "Sent: 01 December 2025 09:12",
      "To: Bloggs, Jo",
      "Subject: OFFICIAL-SENSITIVE: Invitation: Professionals Meeting",
      "",
      "Please reply \u201cApologies\u201d if you cannot attend.",
    ].join("\n");
    expect(cutOutlookHeaderBlock(text).trim()).toBe("Yes, I will attend.");
    expect(freshReplyText(text)).toBe("Yes, I will attend.");
  });

  it("cuts a wrapped attribution in another language above a > quote (Android mail app)", () => {
    const text =
      'Hello\n02.04.2012 14:20 \u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c "bob@xxx.mailgun.org" <\nbob@xxx.mailgun.org> \u043d\u0430\u043f\u0438\u0441\u0430\u043b:\n\n> Hi\n>\n';
    expect(cutAttributionBeforeQuote(text)).toBe("Hello");
  });

  it("leaves text alone when the line above a quote is not an attribution", () => {
    const text = "I agree with this point:\n> the plan is reviewed in 6 weeks\nAnd that is fine.";
    expect(cutAttributionBeforeQuote(text)).toBe(text);
    expect(cutOutlookHeaderBlock("From: the school's point of view, yes.\nThanks")).toBe(
      "From: the school's point of view, yes.\nThanks",
    );
  });

  it("drops words that appear only in the quoted invitation", () => {
    const text =
      "Thanks for sending this.\n\nOn Mon, 1 Dec 2025 at 09:00, Convene <noreply@council.example> wrote:\n> Reply Yes, I will attend\n";
    expect(freshReplyText(text)).toBe("Thanks for sending this.");
  });
});

describe("html escaping", () => {
  it("escapes every interpolated value, arrays too, and passes nested html through", () => {
    const name = `<script>alert("x")</script>`;
    const out = html`<p title="${name}">${name}</p>${[name, html`<b>${"&"}</b>`]}`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<b>&amp;</b>',
    );
    expect(escapeHtml("'`")).toBe("&#39;&#96;");
  });

  it("keeps line breaks of free text as escaped paragraphs", () => {
    expect(paragraphs("a <b>\nc\n\nd").value).toBe("<p>a &lt;b&gt;<br>c</p>\n<p>d</p>");
  });

  it("only links http(s) and mailto", () => {
    expect(safeUrl("javascript:alert(1)")).toBe("#");
    expect(safeUrl(" https://teams.example/meet ")).toBe("https://teams.example/meet");
  });
});
