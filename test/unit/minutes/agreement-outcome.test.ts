import { describe, expect, it } from "vitest";
import { type AgreementAnswer, decideAgreement } from "../../../domain/minutes/agreement-outcome.ts";
import { agreementLines } from "../../../domain/minutes/render.ts";

const approve = (index: number): AgreementAnswer => ({ index, response: "approve" });

describe("minutes agreement (seed 000: agreed by all attendees; seed 001: a disagreement is recorded)", () => {
  it("is open while an attendee has not answered", () => {
    expect(
      decideAgreement({ approvers: [0, 1, 2], answers: [approve(0), approve(2)], blockers: [] }),
    ).toEqual({
      status: "open",
      waitingFor: [1],
      undecidedChanges: [],
    });
  });

  it("is open while a change waits for the chair's decision", () => {
    const d = decideAgreement({
      approvers: [0, 1],
      answers: [approve(0), { index: 1, response: "request-changes", text: "add the school" }],
      blockers: [],
    });
    expect(d).toMatchObject({ status: "open", waitingFor: [1], undecidedChanges: [1] });
  });

  it("counts a rejected change as a disagreement, never as agreement", () => {
    const d = decideAgreement({
      approvers: [0, 1, 2],
      answers: [
        approve(0),
        {
          index: 1,
          response: "request-changes",
          text: "the hoist",
          chairDecision: "rejected",
          chairReason: "not agreed yet",
        },
        { index: 2, response: "deemed" },
      ],
      blockers: [],
    });
    expect(d).toEqual({
      status: "agreed",
      deemed: true,
      record: {
        agreed: [0],
        deemed: [2],
        disagreed: [{ index: 1, change: "the hoist", reason: "not agreed yet" }],
      },
    });
  });

  it("a requester who then approves is recorded as agreeing", () => {
    const d = decideAgreement({ approvers: [0, 1], answers: [approve(0), approve(1)], blockers: [] });
    expect(d).toMatchObject({ status: "agreed", deemed: false, record: { agreed: [0, 1], disagreed: [] } });
  });

  it("is blocked, not agreed, when a section the type requires is missing (seed 001: the child's views)", () => {
    const d = decideAgreement({
      approvers: [0, 1],
      answers: [approve(0), approve(1)],
      blockers: ["childsViews: the child's views are not recorded"],
    });
    expect(d.status).toBe("blocked");
  });

  it("the final minutes' lines name who agreed, was deemed to, and disagreed; the family copy omits the words", () => {
    const names = {
      agreed: ["Priya Shah (chair)"],
      deemed: ["Tom Reed (school)"],
      disagreed: [{ name: "Dr Aisha Karim (CAMHS)", change: "Add the hoist", reason: "Not agreed yet" }],
    };
    expect(agreementLines(names, "professional")).toEqual([
      "Agreed by: Priya Shah (chair).",
      "Deemed to agree (no answer by the deadline; confirmed by the chair): Tom Reed (school).",
      "Disagreed: Dr Aisha Karim (CAMHS) asked for a change the chair did not accept (“Add the hoist”); the chair's reason: Not agreed yet.",
    ]);
    expect(agreementLines(names, "family")[2]).toBe(
      "Disagreed: Dr Aisha Karim (CAMHS) asked for a change the chair did not accept.",
    );
  });
});
