import { describe, expect, it } from "vitest";
import { cutForwardMarker, freshReplyText } from "#adapters/mail/parse-inbound.ts";

const below = [
  "From: Convene for Demo Borough Council <convene@demo.convene.local>",
  "Date: Mon, 2 Mar 2026 at 09:00",
  "Subject: OFFICIAL-SENSITIVE: Invitation: Professionals Meeting (ref C-104233)",
  "To: Mark Bell <senco@oakfield-primary.example.org>",
  "",
  "Please reply \u201cApologies\u201d if you cannot attend.",
].join("\n");

describe("fresh text above a forwarded or original message, in each client's own marker", () => {
  it.each([
    ["Gmail", "---------- Forwarded message ---------"],
    ["Gmail (French)", "---------- Message transféré ---------"],
    ["Gmail (German)", "---------- Weitergeleitete Nachricht ---------"],
    ["Outlook", "-----Original Message-----"],
    ["Outlook (German)", "-----Ursprüngliche Nachricht-----"],
    ["Thunderbird", "-------- Forwarded Message --------"],
    ["Apple Mail", "Begin forwarded message:"],
    ["Apple Mail (French)", "Début du message réexpédié :"],
    ["Outlook on the web", "________________________________"],
  ])("%s: %s", (_client, marker) => {
    const text = `Yes, I will attend.\n\nThanks, Mark\n\n${marker}\n${below}`;
    expect(cutForwardMarker(text).trim()).toBe("Yes, I will attend.\n\nThanks, Mark");
    expect(freshReplyText(text)).toMatch(/^Yes, I will attend\.\s+Thanks, Mark$/);
    expect(freshReplyText(text)).not.toMatch(/Apologies|Forwarded|Original|forwarded/);
  });

  it("keeps text that only mentions forwarding, or a rule of dashes in the writer's own words", () => {
    const text = "I forwarded the report yesterday.\n-----\nThe school will attend.";
    expect(cutForwardMarker(text)).toBe(text);
  });
});
