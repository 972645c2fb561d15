import { describe, expect, it } from "vitest";
import { actionEscalationRecipients, oneCopyEach } from "#domain/lifecycle/escalation-recipients.ts";

const chair = { name: "Priya Shah", email: "priya.shah@council.example" };
const tm = { name: "Jordan Ellis", email: "jordan.ellis@council.example" };
const lm = { name: "Dr Sam Patel", email: "sam.patel@camhs.example" };
const owner = { name: "Dr Aisha Karim", email: "aisha.karim@camhs.example", lineManager: lm, isChair: false };
const emails = (list: Array<{ email: string }>) => list.map((p) => p.email);

describe("who an overdue action's escalation goes to (seed 001: the owner's own line manager first)", () => {
  it("goes first to the owner's line manager, with the owner copied", () => {
    const r = actionEscalationRecipients({ level: 1, chair, teamManager: tm, owner });
    expect(emails(r.to)).toEqual([lm.email]);
    expect(emails(r.cc)).toEqual([owner.email]);
  });

  it("goes next to the chair and the child's team manager, the line manager copied", () => {
    const r = actionEscalationRecipients({ level: 2, chair, teamManager: tm, owner });
    expect(emails(r.to)).toEqual([chair.email, tm.email]);
    expect(emails(r.cc)).toEqual([lm.email]);
  });

  it("goes then to the service manager over the team manager, the chair, team manager and line manager copied (issue 13)", () => {
    const sm = { name: "Sam Okafor", email: "sam.okafor@council.example" };
    const r = actionEscalationRecipients({ level: 3, chair, teamManager: tm, owner, serviceManager: sm });
    expect(emails(r.to)).toEqual([sm.email]);
    expect(emails(r.cc)).toEqual([tm.email, chair.email, lm.email]);
    expect(r.notes).toEqual([]);
  });

  it("goes to the chair and team manager again, saying why, when no service manager is recorded", () => {
    const r = actionEscalationRecipients({ level: 3, chair, teamManager: tm, owner });
    expect(emails(r.to)).toEqual([chair.email, tm.email]);
    expect(r.notes).toEqual(["no-service-manager"]);
  });

  it("comes to the chair, saying why, when no line manager is recorded", () => {
    const r = actionEscalationRecipients({
      level: 1,
      chair,
      teamManager: tm,
      owner: { ...owner, lineManager: undefined },
    });
    expect(emails(r.to)).toEqual([chair.email]);
    expect(r.notes).toEqual(["no-line-manager"]);
  });

  it("sends the chair's own overdue action to the team manager, never to the chair alone", () => {
    const own = { ...chair, isChair: true };
    for (const level of [1, 2]) {
      const r = actionEscalationRecipients({ level, chair, teamManager: tm, owner: own });
      expect(emails(r.to)).toEqual([tm.email]);
      expect(r.notes).toEqual(["chairs-own-action"]);
    }
  });

  it("sends one copy when the chair is also the team manager", () => {
    const r = actionEscalationRecipients({
      level: 2,
      chair,
      teamManager: { ...chair, email: "PRIYA.SHAH@council.example" },
      owner,
    });
    expect(emails(r.to)).toEqual([chair.email]);
  });

  it("never copies someone already addressed", () => {
    expect(emails(oneCopyEach([chair], [chair, tm]).cc)).toEqual([tm.email]);
  });
});
