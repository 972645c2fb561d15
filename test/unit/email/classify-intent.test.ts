import { describe, expect, it } from "vitest";
import { classifyIntent, intentsForPurpose, normaliseReply } from "#domain/email/classify-intent.ts";
import type { ReplyPurpose } from "#domain/email/reply-token.ts";

type Case = [text: string, expected: string, extra?: Record<string, unknown>];

function check(purpose: ReplyPurpose | undefined, cases: Case[], hasAttachments = false) {
  for (const [text, expected, extra] of cases) {
    const result = classifyIntent(text, { purpose, hasAttachments });
    expect(result.intent, `${purpose ?? "any"}: ${JSON.stringify(text)}`).toBe(expected);
    if (extra) expect(result).toMatchObject(extra);
  }
}

describe("classifyIntent: invitations", () => {
  it("reads real acceptances", () => {
    check("invitation", [
      ["Yes I'll be there", "accept"],
      ["Happy to attend", "accept"],
      ["Thanks, I will attend.", "accept"],
      ["Yes", "accept"],
      ["I can make it - see you then", "accept"],
      ["Sorry for the slow reply, yes I\u2019ll be there", "accept"],
      ["I accept", "accept"],
    ]);
  });

  it("reads refusals as decline, and apologies when the person apologises or reports", () => {
    check("invitation", [
      ["Unable to attend", "decline"],
      ["I won't be able to attend, it clashes with court", "decline"],
      ["Not attending", "decline"],
      ["I am on annual leave that week", "decline"],
      ["Apologies, I can't make it", "apologies", { report: "none" }],
      ["Sorry, I am unable to attend", "apologies", { report: "none" }],
      ["Please accept my apologies", "apologies"],
    ]);
  });

  it("records a report promised or attached with apologies (seed 001, key agencies report in writing)", () => {
    check("invitation", [
      ["Can't make it, sending my report", "apologies", { report: "promised" }],
      ["Unable to attend but I will send a written report by Friday", "apologies", { report: "promised" }],
      ["Cannot attend - report to follow", "apologies", { report: "promised" }],
    ]);
    check("invitation", [["Can't attend, report attached", "apologies", { report: "attached" }]], true);
  });

  it("does not treat a negated acceptance as acceptance", () => {
    check("invitation", [
      ["I will not attend", "decline"],
      ["I'm afraid I can't accept", "decline"],
    ]);
  });

  it("answers hedges and unrelated text with unknown", () => {
    check("invitation", [
      ["Not sure I can attend yet, will confirm", "unknown"],
      ["Maybe", "unknown"],
      ["What is the address of the venue?", "unknown"],
      ["", "unknown"],
    ]);
  });
});

describe("classifyIntent: minutes approval", () => {
  it("reads approvals, including 'no changes'", () => {
    check("approval", [
      ["Agreed, no changes", "approve"],
      ["Approved", "approve"],
      ["I approve the minutes. Thanks", "approve"],
      ["Happy with these", "approve"],
      ["All correct", "approve"],
      ["Looks good to me", "approve"],
      ["Yes", "approve"],
      ["Nothing to add", "approve"],
    ]);
  });

  it("keeps the change text when changes are asked for", () => {
    const text = "Approved with one amendment: item 3 should read 'school nurse', not 'GP'.";
    expect(classifyIntent(text, { purpose: "approval", hasAttachments: false })).toEqual({
      intent: "request-changes",
      changes: text,
    });
    check("approval", [
      ["I don't agree with the summary of item 2", "request-changes"],
      ["Not approved", "request-changes"],
      ["I do not approve these minutes", "request-changes"],
      ["Please correct my job title to Designated Safeguarding Lead", "request-changes"],
      ["The action for housing is missing", "request-changes"],
      ["I disagree with the decision recorded", "request-changes"],
      ["Agreed subject to the date of the next review being 3 March", "request-changes"],
    ]);
  });
});

describe("classifyIntent: actions", () => {
  it("reads a request for more time before anything else, and keeps the words for the team manager (issue 13)", () => {
    for (const text of [
      "I need more time \u2013 can we extend this to 15 January?",
      "Could we push this back to the end of the month? The family are away.",
      "I can't make the deadline, the assessment clinic is full until February.",
      "Requesting an extension to 20/01/2027 please",
      "Not done yet - I need until Friday 29th",
    ])
      expect(classifyIntent(text, { purpose: "action", hasAttachments: false }), text).toEqual({
        intent: "more-time",
        note: text,
      });
  });

  it("reads completions and keeps the note", () => {
    expect(
      classifyIntent("Completed \u2013 referral sent on 3 Dec", { purpose: "action", hasAttachments: false }),
    ).toEqual({ intent: "done", note: "Completed \u2013 referral sent on 3 Dec" });
    check("action", [
      ["Done", "done"],
      ["I have made the referral to CAMHS", "done"],
      ["Referral was sent yesterday", "done"],
    ]);
  });

  it("does not count progress as completion", () => {
    check("action", [
      ["Not done yet, waiting for the GP", "unknown"],
      ["Still waiting on a reply from housing", "unknown"],
      ["I haven't completed it", "unknown"],
      ["In progress", "unknown"],
    ]);
  });
});

describe("classifyIntent: report requests", () => {
  it("takes an attachment as the report, and a promise as promised", () => {
    check("report", [["Please see attached", "apologies", { report: "attached" }]], true);
    check("report", [
      ["I will send the report on Monday", "apologies", { report: "promised" }],
      ["Thanks", "unknown"],
    ]);
  });
});

describe("classifyIntent: purpose narrows the answer", () => {
  it("never returns an intent the purpose does not accept", () => {
    const texts = [
      "Yes I'll be there",
      "Agreed, no changes",
      "Completed",
      "Can't make it, sending my report",
      "Not approved",
      "Yes",
    ];
    for (const purpose of Object.keys(intentsForPurpose) as ReplyPurpose[]) {
      for (const text of texts) {
        for (const hasAttachments of [false, true]) {
          const { intent } = classifyIntent(text, { purpose, hasAttachments });
          expect(intentsForPurpose[purpose]).toContain(intent);
        }
      }
    }
  });

  it("classifies without a purpose (a token not checked), and a bare yes stays unknown", () => {
    check(undefined, [
      ["Happy to attend", "accept"],
      ["Can't make it, sending my report", "apologies"],
      ["Agreed, no changes", "approve"],
      ["Approved with one amendment: add the GP", "request-changes"],
      ["Completed - referral sent on 3 Dec", "done"],
      ["Yes", "unknown"],
      ["Hello", "unknown"],
    ]);
  });
});

describe("normaliseReply", () => {
  it("folds case, quotes, dashes and white space", () => {
    expect(normaliseReply("  I\u2019LL  be\nthere \u2013 Jo ")).toBe("i'll be there - jo");
  });
});
