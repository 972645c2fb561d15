import { describe, expect, it } from "vitest";
import {
  chairEligibility,
  getMeetingType,
  loadCatalog,
  needsSeniorChairForStudentCase,
  type RoleId,
} from "#domain/catalog/index.ts";

const catalog = loadCatalog();
const cfpm = getMeetingType(catalog, "cfpm");
const cpm = getMeetingType(catalog, "cpm");
const pm = getMeetingType(catalog, "pm");
const permanency = getMeetingType(catalog, "permanency-planning");

describe("CFPM chair (seed 004)", () => {
  it("is a qualified social worker; a social work student cannot chair (seed 004)", () => {
    expect(chairEligibility(cfpm, "social-worker").status).toBe("eligible");
    expect(chairEligibility(cfpm, "team-manager").status).toBe("eligible");
    const student = chairEligibility(cfpm, "social-work-student");
    expect(student.status).toBe("not-eligible");
    expect(student.status === "not-eligible" && student.reason).toMatch(/qualified social worker/);
    expect(chairEligibility(cfpm, "gp").status).toBe("not-eligible");
  });

  it("reads 'the initial meeting and subsequently every other meeting' as meetings 1, 3, 5, … (seed 004)", () => {
    expect([1, 2, 3, 4, 5, 6, 7].filter(needsSeniorChairForStudentCase)).toEqual([1, 3, 5, 7]);
  });

  it("needs an Advanced Practitioner or Practice Supervisor for meetings 1, 3, 5 of a student's case (seed 004)", () => {
    for (const meetingSequence of [1, 3, 5]) {
      const context = { caseAllocatedToStudent: true, meetingSequence };
      expect(chairEligibility(cfpm, "advanced-practitioner", context).status).toBe("eligible");
      expect(chairEligibility(cfpm, "practice-supervisor", context).status).toBe("eligible");
      for (const role of ["social-worker", "team-manager"] as RoleId[]) {
        const answer = chairEligibility(cfpm, role, context);
        expect(answer.status, `${role} at meeting ${meetingSequence}`).toBe("not-eligible");
        expect(answer.status === "not-eligible" && answer.reason).toMatch(
          new RegExp(
            `meeting ${meetingSequence} .*Advanced Practitioner or Practice Supervisor \\(seed 004\\)`,
          ),
        );
      }
    }
  });

  it("lets a qualified social worker chair meetings 2, 4 of a student's case, but not the student (seed 004)", () => {
    for (const meetingSequence of [2, 4]) {
      const context = { caseAllocatedToStudent: true, meetingSequence };
      expect(chairEligibility(cfpm, "social-worker", context).status).toBe("eligible");
      expect(chairEligibility(cfpm, "social-work-student", context).status).toBe("not-eligible");
    }
  });

  it("asks for the meeting number when the case is a student's (seed 004)", () => {
    const answer = chairEligibility(cfpm, "advanced-practitioner", { caseAllocatedToStudent: true });
    expect(answer.status).toBe("not-eligible");
    expect(answer.status === "not-eligible" && answer.reason).toMatch(/sequence number is needed/);
  });

  it("applies no student rule when the case is not allocated to a student (seed 004)", () => {
    expect(
      chairEligibility(cfpm, "social-worker", { caseAllocatedToStudent: false, meetingSequence: 1 }).status,
    ).toBe("eligible");
  });
});

describe("CPM chair (seed 002)", () => {
  it("is the social worker as standard (seed 002)", () => {
    expect(chairEligibility(cpm, "social-worker").status).toBe("eligible");
  });

  it("needs the chair agreed with the Team Manager in complex or contentious cases (seed 002)", () => {
    const answer = chairEligibility(cpm, "social-worker", { complexOrContentious: true });
    expect(answer.status).toBe("eligible-with-conditions");
    expect(answer.status === "eligible-with-conditions" && answer.conditions).toEqual([
      expect.objectContaining({
        seed: "002",
        text: expect.stringMatching(/agree who chairs with the Team Manager/),
      }),
    ]);
    expect(
      chairEligibility(cpm, "advanced-practitioner", {
        complexOrContentious: true,
        chairAgreedWithTeamManager: true,
      }).status,
    ).toBe("eligible");
  });

  it("asks for the Team Manager's agreement to a chair the seed does not name (seed 002)", () => {
    expect(chairEligibility(cpm, "independent-reviewing-officer").status).toBe("eligible-with-conditions");
    expect(
      chairEligibility(cpm, "independent-reviewing-officer", { chairAgreedWithTeamManager: true }).status,
    ).toBe("eligible");
    expect(chairEligibility(cpm, "parent").status).toBe("not-eligible");
  });

  it("applies to Specific Issue and Legal Care Planning Meetings too (seed 002)", () => {
    for (const id of ["specific-issue-cpm", "legal-cpm"] as const) {
      const type = getMeetingType(catalog, id);
      expect(chairEligibility(type, "social-worker", { complexOrContentious: true }).status).toBe(
        "eligible-with-conditions",
      );
    }
  });
});

describe("professionals meeting chair (seed 000)", () => {
  it("requires the child's solicitor's chairing time to have court approval to be claimed on legal aid (seed 000)", () => {
    const answer = chairEligibility(pm, "childs-solicitor");
    expect(answer.status).toBe("eligible-with-conditions");
    expect(answer.status === "eligible-with-conditions" && answer.conditions[0]?.text).toMatch(
      /court approval .* chairing time .* legal aid/,
    );
    expect(chairEligibility(pm, "childs-solicitor", { courtApprovedChairingTime: true }).status).toBe(
      "eligible",
    );
  });

  it("accepts the LA solicitor, IRO or another professional as chair, and says the child's solicitor should chair (seed 000)", () => {
    for (const role of ["la-solicitor", "independent-reviewing-officer", "social-worker"] as RoleId[]) {
      const answer = chairEligibility(pm, role);
      expect(answer.status, role).toBe("eligible");
      expect(answer.status === "eligible" && answer.notes.join(" ")).toMatch(
        /child's solicitor should chair/,
      );
    }
  });

  it("does not let a family member chair a meeting of professionals (seed 000)", () => {
    expect(chairEligibility(pm, "parent").status).toBe("not-eligible");
    expect(chairEligibility(getMeetingType(catalog, "rpm"), "child").status).toBe("not-eligible");
  });
});

describe("permanency planning chair (seed 003)", () => {
  it("is the Team Manager or Service Manager (seed 003)", () => {
    expect(chairEligibility(permanency, "team-manager").status).toBe("eligible");
    expect(chairEligibility(permanency, "service-manager").status).toBe("eligible");
    expect(chairEligibility(permanency, "social-worker").status).toBe("not-eligible");
  });
});

describe("meeting types without a chair rule", () => {
  it("accept any chair and say the seeds name none", () => {
    const answer = chairEligibility(getMeetingType(catalog, "lpm"), "la-solicitor");
    expect(answer).toEqual({ status: "eligible", notes: [expect.stringMatching(/name no chair/)] });
  });
});
