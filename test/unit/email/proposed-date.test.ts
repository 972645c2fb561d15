/**
 * The date named in a request for more time (domain/email/proposed-date.ts), read as British
 * people write dates (day before month), always after today.
 */
import { describe, expect, it } from "vitest";
import { proposedDate } from "../../../domain/email/proposed-date.ts";

const today = "2026-12-03";

describe("proposedDate", () => {
  it.each([
    ["can we extend this to 15 January?", "2027-01-15"],
    ["I need until 20/01/2027", "2027-01-20"],
    ["an extension to 3/2/27 please", "2027-02-03"],
    ["by Friday 11th December", "2026-12-11"],
    ["could it be done in 2 weeks?", "2026-12-17"],
  ])("reads %j as %s", (text, expected) => {
    expect(proposedDate(text, today)).toBe(expected);
  });

  it("gives none when no later date is named", () => {
    expect(proposedDate("I need more time, sorry", today)).toBeUndefined();
    expect(proposedDate("it was due on 1 December", today)).not.toBe("2026-12-01");
  });
});
