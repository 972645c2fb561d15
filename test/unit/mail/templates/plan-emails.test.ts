/**
 * The child's plan emails (adapters/messages/plan-messages.ts, seed 004): laid out by the same
 * email frame as every other email, marked OFFICIAL-SENSITIVE in the subject and at the top and
 * bottom of both parts, Auto-Submitted, the child named only by case reference, and the plan's
 * workspace page linked for staff (never for the family).
 */
import { describe, expect, it } from "vitest";
import { EmailPlanMessages } from "#adapters/messages/plan-messages.ts";
import type { ChildPlan, Visit } from "#domain/plan/model.ts";
import {
  ctx,
  expectInBoth,
  expectKind,
  expectMarkedTopAndBottom,
  expectSubject,
  hostile,
} from "./fixtures.ts";

const messages = new EmailPlanMessages(ctx);

const plan: ChildPlan = {
  id: "p7aq2x9bmn3pr4st",
  authorityId: "exampleshire",
  childReference: "CH-1042",
  childName: "Jayden",
  kind: "progress-plan",
  status: "open",
  planStart: "2026-07-01",
  worker: { name: hostile, email: "worker@exampleshire.gov.uk" },
  teamManager: { name: "Tess Manager", email: "tm@exampleshire.gov.uk" },
  people: [],
  visits: [],
  scorings: [],
  createdAt: "2026-07-01T09:00:00.000Z",
  updatedAt: "2026-07-01T09:00:00.000Z",
  version: 1,
};
const visit: Visit = { number: 2, dueBy: "2026-07-29" };
const planPage = "https://answers.exampleshire.gov.uk/plan/p7aq2x9bmn3pr4st";

describe("the child's plan emails", () => {
  it("a visit reminder asks the worker to visit by the day, with the plan's page, marked and never naming the child", async () => {
    const email = await messages.visitReminder(plan, visit, "before-due");
    expectSubject(email, "Child in Need visit due soon: CH-1042");
    expectMarkedTopAndBottom(email);
    expectKind(email, "visit-reminder");
    expect(email.to).toEqual([plan.worker]);
    expectInBoth(email, `Dear ${hostile},`, "due by Wednesday 29 July 2026", planPage);
    expect(email.html).not.toContain("<script>");
    expect(`${email.subject}${email.text}`).not.toContain("Jayden");
  });

  it("an overdue visit goes to the team manager with the worker copied", async () => {
    const email = await messages.visitOverdue(plan, visit);
    expectSubject(email, "Child in Need visit overdue: CH-1042");
    expectMarkedTopAndBottom(email);
    expect(email.to).toEqual([plan.teamManager]);
    expect(email.cc).toEqual([plan.worker]);
    expectInBoth(email, "Dear Tess Manager,", "was due by Wednesday 29 July 2026", planPage);
  });

  it("a proposed closure says why (everyone scored 7 or more) and what to record", async () => {
    const email = await messages.closureProposed(plan, [plan.teamManager]);
    expectSubject(email, "Closure proposed: Child and Family Progress Plan, CH-1042");
    expectMarkedTopAndBottom(email);
    expectInBoth(email, "scored 7 or above on the safety scale", planPage);
  });

  it("the family's closure letter email carries the letter but no link to the staff workspace", async () => {
    const letter = await messages.closureLetter(plan, "parents");
    const email = await messages.closureLetterEmail(
      plan,
      { name: "Sam Parent", email: "sam@example.org" },
      letter,
    );
    expectSubject(email, "Your Child and Family Progress Plan has closed");
    expectMarkedTopAndBottom(email);
    expect(email.attachments?.map((a) => a.filename)).toEqual(["closure-letter-parents-CH-1042.docx"]);
    expect(email.text).not.toContain("/plan/");
    expect(email.html).not.toContain("/plan/");
    const professionals = await messages.closureLetterEmail(
      plan,
      { name: "Dr Aisha Karim", email: "aisha@camhs.example.org" },
      await messages.closureLetter(plan, "professionals"),
    );
    expectSubject(professionals, "Case closure: CH-1042");
    expectInBoth(professionals, planPage);
  });
});
