import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAuthorityFile } from "#adapters/config/load-authority.ts";
import { applyAuthority } from "#domain/authority/index.ts";
import { loadCatalog } from "#domain/catalog/index.ts";
import { type PlanError, planMeeting } from "#domain/planning/index.ts";
import { base, catalog, demo, person, plan } from "./requests.ts";

const example = (name: string) =>
  JSON.parse(readFileSync(`examples/${name}`, "utf8")) as Record<string, unknown>;
const professionalsMeeting = () => example("plan-professionals-meeting.json");
const cfpmStudent = () => example("plan-cfpm-student.json");

function errors(request: unknown): PlanError[] {
  const result = planMeeting(request, catalog, demo);
  if (result.ok) throw new Error("expected errors, got a plan");
  return result.errors;
}

describe("planning the seed 000 professionals meeting (examples/plan-professionals-meeting.json)", () => {
  const pm = plan(professionalsMeeting());

  it("plans the meeting before the Case Management Hearing (seed 000)", () => {
    expect(pm.meetingType.id).toBe("pm");
    expect(pm.dueBy).toBe("2026-03-18");
    expect(pm.onTime).toBe(true);
    expect(pm.deadline.basis).toBe("recommended");
  });

  it("holds court documents back until the court's permission is recorded (seed 000)", () => {
    expect(pm.documents.heldBack.map((d) => d.title)).toEqual([
      "Social work evidence template (care proceedings)",
    ]);
    expect(pm.documents.heldBack[0]?.reason).toMatch(/consent order/);
    expect(pm.documents.shared.every((d) => !d.court)).toBe(true);
    expect(pm.conditions.map((c) => c.text)).toContain(
      "record the court's permission (consent order) to share 1 court document with attendees",
    );
  });

  it("shares court documents once the consent order is recorded (seed 000)", () => {
    const permitted = plan({
      ...professionalsMeeting(),
      courtPermission: { recorded: true, orderDate: "2026-03-02" },
    });
    expect(permitted.documents.heldBack).toEqual([]);
    expect(permitted.documents.shared.filter((d) => d.court)).toHaveLength(1);
  });

  it("requires the child's solicitor's chairing time to have court approval (seed 000)", () => {
    expect(pm.chair.eligibility.status).toBe("eligible-with-conditions");
    const approved = plan({
      ...professionalsMeeting(),
      courtPermission: { recorded: true, covers: ["chairing-time"] },
    });
    expect(approved.chair.eligibility.status).toBe("eligible");
    expect(approved.documents.heldBack).toHaveLength(1);
  });

  it("flags a key agency left out without a rationale (seed 001)", () => {
    expect(pm.keyAgencies.needingRationale).toEqual([{ agency: "Demo Police" }]);
    expect(pm.keyAgencies.excluded.map((k) => k.agency)).toEqual(["Demo Homes (housing)"]);
    expect(pm.conditions.map((c) => c.text)).toContain(
      "record the rationale for not involving Demo Police in the notes of the first meeting",
    );
  });

  it("tells invited key agencies they owe a report if they send apologies (seed 001)", () => {
    const gp = pm.invites.find((i) => i.role === "gp");
    expect(gp?.keyAgency).toBe(true);
    expect(gp?.ifApologies).toMatch(/written or verbal report/);
    expect(pm.invites.find((i) => i.role === "childrens-guardian")?.ifApologies).toBeUndefined();
  });

  it("fills the agenda with the child's reference, date, time and link", () => {
    expect(pm.agenda?.title).toBe("Professionals Meeting Agenda re C-104233");
    expect(pm.agenda?.lines[0]).toBe(
      "Via https://teams.example.org/l/meetup-join/demo-c104233 on Tuesday 10 March 2026 at 10:00",
    );
    expect(JSON.stringify(pm.agenda)).not.toMatch(/\[(child|date|time|link|transcriber)\]/);
  });

  it("uses the child's name in the agenda when one is given", () => {
    const named = plan({ ...professionalsMeeting(), child: { reference: "C-104233", name: "Child A" } });
    expect(named.agenda?.title).toBe("Professionals Meeting Agenda re Child A");
  });

  it("lists the chair first and every invitee with their attendance level", () => {
    expect(pm.invites[0]).toMatchObject({ level: "chair", role: "childs-solicitor" });
    expect(pm.invites.find((i) => i.role === "social-worker")?.level).toBe("required");
    expect(pm.invites.find((i) => i.role === "senco")?.level).toBe("invited");
    expect(pm.missingRequiredRoles).toEqual([]);
  });

  it("flags the Children's Guardian missing when not invited (seed 000)", () => {
    const request = professionalsMeeting();
    request.invitees = (request.invitees as { role: string }[]).filter(
      (i) => i.role !== "childrens-guardian",
    );
    expect(plan(request).missingRequiredRoles).toEqual([
      {
        roles: ["childrens-guardian"],
        names: ["Children's Guardian"],
        reason: "required for a Professionals Meeting",
      },
    ]);
  });

  it("says the seeds give no minutes deadline for a professionals meeting", () => {
    expect(pm.minutes.dueBy).toBeNull();
    expect(pm.minutes.rule).toMatch(/no distribution timescale/);
  });

  it("adds the court-approval condition when a Part 25 expert is invited (seed 000)", () => {
    const request = professionalsMeeting();
    request.invitees = [...(request.invitees as object[]), person("part-25-expert", "Dr Expert")];
    expect(plan(request).conditions.map((c) => c.text)).toContain(
      "Part 25 experts attend only if the court approves; costs under a legal aid certificate need court approval.",
    );
  });
});

describe("planning a Child and Family Progress Meeting (seed 004)", () => {
  it("plans the student-case example chaired by an Advanced Practitioner (seed 004)", () => {
    const cfpm = plan(cfpmStudent());
    expect(cfpm.chair.eligibility.status).toBe("eligible");
    expect(cfpm.invites.find((i) => i.role === "social-work-student")?.level).toBe("invited");
    expect(cfpm.minutes).toMatchObject({
      separateMinutes: false,
      recordName: "Child and Family Progress Plan",
    });
  });

  it("refuses a social worker as chair of the initial meeting of a student's case (seed 004)", () => {
    const request = cfpmStudent();
    request.chair = { name: "Chloe Adams", email: "chloe.adams@demo.convene.local", role: "social-worker" };
    request.invitees = (request.invitees as { role: string }[]).filter((i) => i.role !== "social-worker");
    const found = errors(request);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("chair.role");
    expect(found[0]?.message).toMatch(
      /meeting 1 .*Advanced Practitioner or Practice Supervisor \(seed 004\)/,
    );
  });

  it("lets a qualified social worker chair meeting 2 of a student's case (seed 004)", () => {
    const request = cfpmStudent();
    request.chair = { name: "Chloe Adams", email: "chloe.adams@demo.convene.local", role: "social-worker" };
    request.invitees = (request.invitees as { role: string }[]).filter((i) => i.role !== "social-worker");
    request.meetingSequence = 2;
    request.trigger = { kind: "previous-meeting", date: "2025-12-15" };
    const second = plan(request);
    expect(second.chair.eligibility.status).toBe("eligible");
    // Meeting 2 follows the first within 3 months (seed 004).
    expect(second.dueBy).toBe("2026-03-15");
    expect(second.followUps).toEqual([]);
  });

  it("asks for the meeting number when the case is allocated to a student (seed 004)", () => {
    const { meetingSequence: _omitted, ...request } = cfpmStudent();
    expect(errors(request)).toEqual([
      expect.objectContaining({
        path: "meetingSequence",
        message: expect.stringMatching(/^missing: .*seed 004/),
      }),
    ]);
  });

  it("is due 10 working days after the strategy discussion, skipping Easter bank holidays (seed 004)", () => {
    const cfpm = plan(
      base({
        meetingType: "cfpm",
        trigger: { kind: "strategy-discussion", date: "2026-04-01" },
        proposedStart: "2026-04-20T10:00:00+01:00",
        invitees: [person("parent")],
      }),
    );
    // Good Friday 3 April and Easter Monday 6 April 2026 are not working days in England and Wales.
    expect(cfpm.dueBy).toBe("2026-04-17");
    expect(cfpm.onTime).toBe(false);
    expect(cfpm.notes[0]).toBe("The proposed date 2026-04-20 is after the due date 2026-04-17.");
  });

  it("is due 10 calendar days after the plan starts (seed 004)", () => {
    const cfpm = plan(
      base({
        meetingType: "cfpm",
        trigger: { kind: "plan-start", date: "2026-03-03" },
        invitees: [person("parent")],
      }),
    );
    expect(cfpm.dueBy).toBe("2026-03-13");
    expect(cfpm.onTime).toBe(true);
  });

  it("circulates the plan within 5 working days and reviews it in 3 months, then 6 (seed 004)", () => {
    const first = plan(
      base({
        meetingType: "cfpm",
        trigger: { kind: "plan-start", date: "2026-03-03" },
        invitees: [person("parent")],
      }),
    );
    expect(first.minutes.dueBy).toBe("2026-03-19");
    expect(first.nextReview.dueBy).toBe("2026-06-12");
    const third = plan(
      base({
        meetingType: "cfpm",
        meetingSequence: 3,
        trigger: { kind: "previous-meeting", date: "2026-01-12" },
        invitees: [person("parent")],
      }),
    );
    expect(third.dueBy).toBe("2026-07-12");
    expect(third.nextReview.dueBy).toBe("2026-09-12");
  });

  it("flags the parent missing from the invite list", () => {
    const cfpm = plan(base({ meetingType: "cfpm", trigger: { kind: "plan-start", date: "2026-03-03" } }));
    expect(cfpm.missingRequiredRoles.map((m) => m.roles)).toEqual([["parent"]]);
  });

  it("uses the authority's name and cadence for the same meeting", async () => {
    const cin = await loadAuthorityFile("test/fixtures/authorities/child-in-need.json");
    const cinCatalog = applyAuthority(loadCatalog(), cin);
    const second = plan(
      base({
        meetingType: "cfpm",
        meetingSequence: 2,
        trigger: { kind: "previous-meeting", date: "2025-12-15" },
        invitees: [person("parent"), person("senco")],
      }),
      cin,
      cinCatalog,
    );
    expect(second.meetingType.name).toBe("Child in Need Meeting");
    expect(second.agenda?.title).toBe("Child in Need Meeting re C-555001");
    expect(second.nextReview.dueBy).toBe("2026-06-12");
  });
});

describe("planning Care Planning Meetings (seed 002)", () => {
  const claReviews = [{ date: "2026-01-20" }, { date: "2026-04-20" }, { date: "2026-10-20" }];

  it("is due before the next CLA review, and shows the window's minimum (seed 002)", () => {
    const cpm = plan(base({ meetingType: "cpm", claReviews, proposedStart: "2026-06-01T10:00:00+01:00" }));
    expect(cpm.dueBy).toBe("2026-10-19");
    expect(cpm.onTime).toBe(true);
    expect(cpm.cpmSchedule?.window).toMatchObject({ from: "2026-04-20", to: "2026-10-20", minimum: 2 });
    expect(cpm.deadline.rule).toMatch(
      /at least 2 Care Planning Meetings between subsequent 6-monthly Reviews/,
    );
  });

  it("distributes the minutes within 5 calendar days, over a weekend (seed 002)", () => {
    const cpm = plan(base({ meetingType: "cpm", claReviews, proposedStart: "2026-06-05T10:00:00+01:00" }));
    expect(cpm.minutes.dueBy).toBe("2026-06-10");
  });

  it("asks for the CLA review dates (seed 002)", () => {
    expect(errors(base({ meetingType: "cpm" }))).toEqual([
      expect.objectContaining({ path: "claReviews", message: expect.stringMatching(/^missing .*seed 002/) }),
    ]);
  });

  it("adds the Team Manager condition to the chair in a complex case (seed 002)", () => {
    const cpm = plan(base({ meetingType: "cpm", claReviews, complexOrContentious: true }));
    expect(cpm.chair.eligibility.status).toBe("eligible-with-conditions");
    expect(cpm.conditions[0]?.seed).toBe("002");
  });
});

describe("planning a Permanency Planning Meeting (seed 003)", () => {
  const permanency = (child: Record<string, unknown>, invitees: unknown[] = []) =>
    base({
      meetingType: "permanency-planning",
      child: { reference: "C-700001", ...child },
      chair: { name: "TM", email: "tm@example.org", role: "team-manager" },
      invitees: [person("social-worker"), person("children-in-care-team"), ...invitees],
    });

  it("requires the fostering and family finding social workers for a child under 11 (seed 003)", () => {
    const under11 = plan(permanency({ dateOfBirth: "2016-03-13" }));
    expect(under11.child.ageAtMeeting).toBe(9);
    expect(under11.missingRequiredRoles.map((m) => m.roles[0])).toEqual([
      "fostering-social-worker",
      "family-finding-social-worker",
    ]);
    expect(under11.missingRequiredRoles[0]?.reason).toMatch(/when the child is under 11 \(seed 003\)/);
  });

  it("only invites them where relevant for a child of 11 or over (seed 003)", () => {
    const eleven = plan(permanency({ dateOfBirth: "2015-03-12" }, [person("fostering-social-worker")]));
    expect(eleven.child.ageAtMeeting).toBe(11);
    expect(eleven.missingRequiredRoles).toEqual([]);
    expect(eleven.invites.find((i) => i.role === "fostering-social-worker")?.level).toBe("invited");
  });

  it("needs the child's age for the under-11 rule (seed 003)", () => {
    expect(errors(permanency({})).map((e) => e.path)).toEqual(["child.dateOfBirth"]);
  });

  it("has the Children's Guardian observe and the LA solicitor attend in care proceedings (seed 003)", () => {
    const request = { ...permanency({ age: 12 }, [person("childrens-guardian")]), inCareProceedings: true };
    const planned = plan(request);
    expect(planned.invites.find((i) => i.role === "childrens-guardian")?.level).toBe("observer");
    expect(planned.missingRequiredRoles.map((m) => m.roles[0])).toEqual(["la-solicitor"]);
    expect(planned.conditions.map((c) => c.seed)).toContain("003");
  });

  it("refuses a social worker as chair (seed 003)", () => {
    const request = {
      ...permanency({ age: 12 }),
      chair: { name: "SW", email: "sw2@example.org", role: "social-worker" },
    };
    expect(errors(request).map((e) => e.path)).toEqual(["chair.role"]);
  });
});

describe("pre-proceedings and other meetings", () => {
  it("reviews the child's plan within 6 weeks of a Pre-Proceedings Meeting (seed 003)", () => {
    const planned = plan(base({ meetingType: "pre-proceedings" }));
    expect(planned.nextReview.dueBy).toBe("2026-04-23");
    expect(planned.missingRequiredRoles.map((m) => m.names.join(" or "))).toContain(
      "Team Manager or Service Manager",
    );
  });

  it("needs no trigger for a later review professionals meeting, which has no interval (seed 000)", () => {
    const rpm = plan(
      base({
        meetingType: "rpm",
        meetingSequence: 2,
        chair: { name: "IRO", email: "iro@example.org", role: "independent-reviewing-officer" },
      }),
    );
    expect(rpm.dueBy).toBeNull();
    expect(rpm.nextReview.dueBy).toBeNull();
  });

  it("needs the previous meeting's date for a later CFPM (seed 004)", () => {
    expect(errors(base({ meetingType: "cfpm", meetingSequence: 2 }))).toEqual([
      expect.objectContaining({ path: "trigger", message: expect.stringMatching(/previous-meeting/) }),
    ]);
  });

  it("plans a Core Group with no due date and says the seeds give none (seed 001)", () => {
    const planned = plan(base({ meetingType: "core-group" }));
    expect(planned.dueBy).toBeNull();
    expect(planned.onTime).toBeNull();
    expect(planned.deadline.rule).toMatch(/sets no timescale/);
  });

  it("places the meeting in the authority's time zone (British Summer Time)", () => {
    const planned = plan(
      base({ meetingType: "core-group", proposedStart: "2026-06-10T09:00:00Z", durationMinutes: 90 }),
    );
    expect(planned.meeting).toMatchObject({
      date: "2026-06-10",
      time: "10:00",
      end: "2026-06-10T10:30:00.000Z",
    });
  });

  it("notes a key agency left out of a meeting outside the Good Practice Guide without asking for a rationale", () => {
    const planned = plan(
      base({
        meetingType: "lpm",
        keyAgenciesNotInvited: [{ agency: "Demo Police" }],
        invitees: [person("la-solicitor")],
      }),
    );
    expect(planned.keyAgencies.needingRationale).toEqual([]);
    expect(planned.keyAgencies.excluded).toEqual([{ agency: "Demo Police", rationale: "not recorded" }]);
  });
});

describe("request errors say exactly what is wrong", () => {
  it("names each bad field", () => {
    const found = errors({
      meetingType: "cfpm2",
      child: { reference: "" },
      proposedStart: "2026-03-12 14:00",
      durationMinutes: 5,
      chair: { name: "A", email: "nope", role: "gp2" },
      invitees: [{ name: "x", email: "x@example.org", role: "senco" }],
      colour: "blue",
    });
    expect(found.map((e) => e.path)).toEqual([
      "meetingType",
      "child.reference",
      "proposedStart",
      "durationMinutes",
      "chair.email",
      "chair.role",
      "invitees[0].agency",
      "colour",
    ]);
    expect(found.find((e) => e.path === "chair.role")?.message).toMatch(
      /^unknown role "gp2" \(expected one of /,
    );
    expect(found.find((e) => e.path === "invitees[0].agency")?.message).toBe("missing (expected string)");
    expect(found.find((e) => e.path === "proposedStart")?.message).toMatch(
      /expected an ISO date-time with an offset/,
    );
  });

  it("rejects a trigger the meeting type has no timescale from", () => {
    expect(
      errors(
        base({ meetingType: "cfpm", trigger: { kind: "cla-review", date: "2026-03-02" }, invitees: [] }),
      ),
    ).toEqual([
      {
        path: "trigger.kind",
        message:
          'a Child and Family Progress Meeting has no timescale from "cla-review" (expected one of strategy-discussion, s47-enquiry-end, plan-start, previous-meeting)',
      },
    ]);
  });

  it("asks for a trigger where the deadline depends on one", () => {
    expect(errors(base({ meetingType: "fnm" }))[0]?.path).toBe("trigger");
  });

  it("rejects a meeting proposed before its trigger", () => {
    expect(
      errors(base({ meetingType: "cfpm", trigger: { kind: "plan-start", date: "2026-03-20" } })),
    ).toEqual([
      {
        path: "proposedStart",
        message:
          "the meeting (2026-03-12) is before the Child and Family Progress Plan starting (2026-03-20)",
      },
    ]);
  });

  it("rejects a first-meeting trigger for a later meeting", () => {
    const found = errors(
      base({ meetingType: "cfpm", meetingSequence: 2, trigger: { kind: "plan-start", date: "2026-03-03" } }),
    );
    expect(found[0]).toEqual({
      path: "trigger.kind",
      message:
        '"plan-start" sets the deadline of the first Child and Family Progress Meeting; meeting 2 runs from "previous-meeting"',
    });
  });

  it("rejects the same email twice and an agency both invited and left out", () => {
    const found = errors(
      base({
        meetingType: "core-group",
        invitees: [person("gp"), { ...person("senco"), email: "GP@example.org" }],
        keyAgenciesNotInvited: [{ agency: "gp agency" }],
      }),
    );
    expect(found).toEqual([
      { path: "invitees[1].email", message: "GP@example.org is already on the list (invitees[0].email)" },
      { path: "keyAgenciesNotInvited[0].agency", message: '"gp agency" is also invited (invitees[0])' },
    ]);
  });

  it("rejects a date of birth after the meeting and an age that contradicts it", () => {
    expect(
      errors(base({ meetingType: "core-group", child: { reference: "C-1", dateOfBirth: "2027-01-01" } }))[0]
        ?.path,
    ).toBe("child.dateOfBirth");
    expect(
      errors(
        base({ meetingType: "core-group", child: { reference: "C-1", dateOfBirth: "2016-01-01", age: 4 } }),
      )[0]?.message,
    ).toBe("4 does not match child.dateOfBirth (2016-01-01: 10 on 2026-03-12)");
  });
});
