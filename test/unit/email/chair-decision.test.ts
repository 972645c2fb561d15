import { describe, expect, it } from "vitest";
import { chairDecision } from "../../../domain/email/chair-decision.ts";

describe("the chair's emailed decision on a change (seed 001: disagreements are decided and recorded)", () => {
  it.each([
    ["I accept the change", "accepted", undefined],
    ["Accept", "accepted", undefined],
    ["Yes, accepted.", "accepted", undefined],
    ["Agreed to the change, thanks", "accepted", undefined],
    ["Make the change please", "accepted", undefined],
    ["Reject. The hoist is not agreed yet.", "rejected", "The hoist is not agreed yet."],
    ["I reject the change: the school did report it.", "rejected", "the school did report it."],
    [
      "No, I don't accept this change - it was not said at the meeting",
      "rejected",
      "it was not said at the meeting",
    ],
    ["Rejected\n\nThe minutes record what was said.", "rejected", "The minutes record what was said."],
    ["  decline", "rejected", undefined],
  ])("%j is %s", (text, decision, reason) => {
    const parsed = chairDecision(text);
    expect(parsed?.decision).toBe(decision);
    expect(parsed?.reason).toBe(reason);
  });

  it.each([
    "Approved",
    "Approve",
    "Please change section 3 to say the school attended",
    "Thanks, I will look at this tomorrow",
    "",
    "The accepted plan is in section 4",
  ])("%j is no decision", (text) => {
    expect(chairDecision(text)).toBeUndefined();
  });
});
