import { describe, expect, it } from "vitest";
import {
  agendaPlaceholders,
  attendanceObligation,
  CatalogError,
  getMeetingType,
  loadCatalog,
  meetingTypeData,
  meetingTypeIds,
  minuteSectionIds,
  minuteSections,
  minuteSectionsFor,
  requirementRoles,
  roleById,
  roleIds,
  roles,
  validateMeetingTypes,
} from "#domain/catalog/index.ts";

const catalog = loadCatalog();
const type = (id: (typeof meetingTypeIds)[number]) => getMeetingType(catalog, id);

describe("the meeting-type catalog", () => {
  it("holds every meeting type of domain.md section 1, validated", () => {
    expect(catalog.meetingTypes.map((t) => t.id).sort()).toEqual([...meetingTypeIds].sort());
    expect(catalog.meetingTypes.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        "Professionals Meeting",
        "Review Professionals Meeting",
        "Child Protection Core Group",
        "Child and Family Progress Meeting",
        "Family Network Meeting",
        "Team Around the Child Meeting",
        "Care Planning Meeting",
        "Specific Issue Care Planning Meeting",
        "Legal Care Planning Meeting",
        "Legal Planning Meeting",
        "Pre-Proceedings Meeting",
        "Permanency Planning Meeting",
        "Multi-Agency Meeting",
      ]),
    );
  });

  it("names the seed each meeting type comes from", () => {
    expect(type("pm").seeds[0]).toBe("000");
    expect(type("cfpm").seeds[0]).toBe("004");
    expect(type("cpm").seeds[0]).toBe("002");
    expect(type("lpm").seeds[0]).toBe("003");
    expect(type("core-group").seeds[0]).toBe("001");
  });

  it("knows the Child in Need Meeting as another name of the CFPM (seed 004)", () => {
    expect(type("cfpm").aliases).toContain("Child in Need Meeting");
  });

  it("rejects catalog data with an unknown role, naming the field", () => {
    const broken = structuredClone(meetingTypeData);
    const cfpm = broken.find((t) => t.id === "cfpm");
    if (!cfpm) throw new Error("fixture: no cfpm");
    (cfpm.roles.invited as string[]).push("gp2");
    expect(() => validateMeetingTypes(broken, "test catalog")).toThrowError(CatalogError);
    expect(() => validateMeetingTypes(broken, "test catalog")).toThrowError(
      /^test catalog: \[3\]\.roles\.invited\[\d+\]: unknown role "gp2" \(expected one of social-worker,/,
    );
  });

  it("rejects a role listed at two attendance levels of one type", () => {
    const broken = structuredClone(meetingTypeData);
    const fnm = broken.find((t) => t.id === "fnm");
    if (!fnm) throw new Error("fixture: no fnm");
    fnm.roles.observer.push("parent");
    expect(() => validateMeetingTypes(broken, "test catalog")).toThrowError(
      /roles\.observer\[0\]: "parent" is also listed in roles\.required\[1\]/,
    );
  });

  it("rejects a 'within' timescale without a duration", () => {
    const broken = structuredClone(meetingTypeData);
    const first = broken.find((t) => t.id === "cfpm")?.timescales.first[0];
    if (!first) throw new Error("fixture: no cfpm timescale");
    first.duration = null;
    expect(() => validateMeetingTypes(broken, "test catalog")).toThrowError(
      /timescales\.first\[0\]\.duration: a 'within' timescale needs a duration/,
    );
  });

  it("rejects an agenda placeholder other than [child], [date], [time], [link], [transcriber]", () => {
    const broken = structuredClone(meetingTypeData);
    const pm = broken.find((t) => t.id === "pm");
    if (!pm?.agenda) throw new Error("fixture: no pm agenda");
    pm.agenda.title = "Agenda re [name]";
    expect(() => validateMeetingTypes(broken, "test catalog")).toThrowError(
      /agenda\.title: only the placeholders/,
    );
  });
});

describe("the role catalog (domain.md section 2)", () => {
  it("has one row per role id, each with an agency group", () => {
    expect(roles.map((r) => r.id)).toEqual([...roleIds]);
    for (const role of roles) {
      expect(["social-care", "health", "education-send", "legal", "family", "other"]).toContain(role.group);
    }
  });

  it("groups the seed 000 attendee list as the toolkit does", () => {
    expect(
      (["gp", "school-nurse", "camhs", "integrated-care-board"] as const).map((id) => roleById(id).group),
    ).toEqual(["health", "health", "health", "health"]);
    expect((["senco", "virtual-school", "send-ehcp-team"] as const).map((id) => roleById(id).group)).toEqual([
      "education-send",
      "education-send",
      "education-send",
    ]);
    expect(roleById("childrens-guardian").group).toBe("legal");
    expect(roleById("parent").group).toBe("family");
  });

  it("flags agencies as key agencies and family members as not (seed 001)", () => {
    expect(roleById("gp").keyAgency).toBe(true);
    expect(roleById("police").keyAgency).toBe(true);
    expect(roleById("parent").keyAgency).toBe(false);
    expect(roleById("childs-solicitor").keyAgency).toBe(false);
  });

  it("does not count a social work student as a qualified social worker (seed 004)", () => {
    expect(roleById("social-work-student").qualifiedSocialWorker).toBe(false);
    expect(roleById("social-worker").qualifiedSocialWorker).toBe(true);
  });
});

describe("attendance answers", () => {
  it("makes a key agency that sends apologies owe a written report (seed 001)", () => {
    const owed = attendanceObligation("gp", "apologies");
    expect(owed.kind).toBe("report-owed");
    expect(owed.kind === "report-owed" && owed.what).toMatch(/progress against expected outcomes/);
    expect(attendanceObligation("gp", "apologies-with-report").kind).toBe("report-promised");
    expect(attendanceObligation("gp", "attending").kind).toBe("none");
  });

  it("asks no report of a family member who sends apologies (seed 001 is about agencies)", () => {
    expect(attendanceObligation("parent", "apologies").kind).toBe("none");
  });
});

describe("roles per meeting type", () => {
  it("invites the seed 000 proposed list to a professionals meeting, Part 25 experts included", () => {
    const pm = type("pm");
    expect(pm.roles.required).toEqual(["social-worker", "childrens-guardian"]);
    expect(pm.roles.invited).toEqual(
      expect.arrayContaining(["gp", "senco", "camhs", "independent-reviewing-officer", "part-25-expert"]),
    );
    expect(pm.gates).toContain("part-25-expert-needs-court-approval");
  });

  it("invites fostering and family-finding social workers for all children under 11 to permanency planning (seed 003)", () => {
    const conditional = type("permanency-planning").roles.conditional;
    for (const role of ["fostering-social-worker", "family-finding-social-worker"] as const) {
      expect(conditional).toContainEqual(
        expect.objectContaining({
          role,
          when: "child-under-11",
          level: "required",
          otherwise: "invited",
          seed: "003",
        }),
      );
    }
  });

  it("has the Children's Guardian observe a Permanency Planning Meeting (seed 003)", () => {
    expect(type("permanency-planning").roles.observer).toEqual(["childrens-guardian"]);
  });

  it("needs a Team Manager or Service Manager at a Pre-Proceedings Meeting (seed 003)", () => {
    const entries = type("pre-proceedings").roles.required.map(requirementRoles);
    expect(entries).toContainEqual(["team-manager", "service-manager"]);
    expect(entries).toContainEqual(["parents-legal-representative"]);
  });
});

describe("timescales as data", () => {
  it("holds the first CFPM within 10 working days of the strategy discussion or end of S47, 10 days of plan start (seed 004)", () => {
    const first = type("cfpm").timescales.first;
    expect(first.find((t) => t.trigger === "strategy-discussion")?.duration).toEqual({
      kind: "working-days",
      amount: 10,
    });
    expect(first.find((t) => t.trigger === "s47-enquiry-end")?.duration).toEqual({
      kind: "working-days",
      amount: 10,
    });
    expect(first.find((t) => t.trigger === "plan-start")?.duration).toEqual({ kind: "days", amount: 10 });
  });

  it("reviews a CFPM after 3 months, then at most every 6 months (seed 004)", () => {
    const review = type("cfpm").timescales.review;
    expect(review.next).toEqual({ kind: "months", amount: 3 });
    expect(review.thereafter).toEqual({ kind: "months", amount: 6 });
  });

  it("makes the CFPM plan the record, circulated within 5 working days (seed 004)", () => {
    const minutes = type("cfpm").timescales.minutes;
    expect(minutes.separateMinutes).toBe(false);
    expect(minutes.distribution).toEqual({ kind: "working-days", amount: 5 });
  });

  it("distributes CPM minutes within 5 calendar days (seed 002)", () => {
    for (const id of ["cpm", "specific-issue-cpm", "legal-cpm"] as const) {
      expect(type(id).timescales.minutes.distribution).toEqual({ kind: "days", amount: 5 });
    }
    expect(type("cpm").timescales.schedule).toBe("cla-reviews");
  });

  it("convenes a Family Network Meeting within 5 or 20 working days (seed 004)", () => {
    const first = type("fnm").timescales.first;
    expect(first.find((t) => t.trigger === "s47-cp-threshold-met")?.duration).toEqual({
      kind: "working-days",
      amount: 5,
    });
    expect(first.find((t) => t.trigger === "plan-start")?.duration).toEqual({
      kind: "working-days",
      amount: 20,
    });
  });

  it("reviews the pre-proceedings plan within 6 weeks (seed 003)", () => {
    expect(type("pre-proceedings").timescales.review.next).toEqual({ kind: "weeks", amount: 6 });
  });

  it("refers to Family Group Conference within 5 working days after the initial CFPM (seed 004)", () => {
    expect(type("cfpm").timescales.followUps).toContainEqual(
      expect.objectContaining({ after: "initial-meeting", duration: { kind: "working-days", amount: 5 } }),
    );
  });

  it("says so, with null and a note, wherever a seed gives no timescale", () => {
    for (const t of catalog.meetingTypes) {
      if (t.timescales.first.length === 0) expect(t.timescales.firstNote, t.id).toMatch(/\S/);
      expect(t.timescales.review.note, t.id).toMatch(/\S/);
      if (t.timescales.minutes.distribution === null) {
        expect(t.timescales.minutes.note, t.id).toMatch(/no distribution timescale|gives no|no timescale/i);
      }
    }
    expect(type("pm").timescales.minutes.distribution).toBeNull();
    expect(type("lpm").timescales.first).toEqual([]);
  });
});

describe("agenda templates (domain.md section 6)", () => {
  it("gives the professionals meeting its 5 purposes and 8 agenda points (seed 000)", () => {
    const agenda = type("pm").agenda;
    expect(agenda?.derived).toBe(false);
    expect(agenda?.sections.find((s) => s.heading === "Purpose of meeting")?.items).toHaveLength(5);
    expect(agenda?.sections.find((s) => s.heading === "Agenda points")?.items).toHaveLength(8);
    expect(agenda?.title).toBe("Professionals Meeting Agenda re [child]");
  });

  it("says the CPM standard agenda is derived, because seed 002 does not give Appendix A", () => {
    const agenda = type("cpm").agenda;
    expect(agenda?.derived).toBe(true);
    expect(agenda?.note).toMatch(/Appendix A/);
  });

  it("carries the LPM agenda and the permanency items of seed 003", () => {
    const lpm = type("lpm").agenda;
    expect(lpm?.sections.flatMap((s) => s.items.map((i) => i.text))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/persons with parental responsibility/),
        expect.stringMatching(/immediate issue letter/),
      ]),
    );
    const permanency = type("permanency-planning").agenda;
    expect(permanency?.sections.find((s) => s.heading.startsWith("Consideration"))?.items).toHaveLength(5);
  });

  it("gives the CFPM its 11 objectives (seed 004)", () => {
    expect(type("cfpm").agenda?.sections[0]?.items).toHaveLength(11);
  });

  it("explains every missing agenda", () => {
    for (const t of catalog.meetingTypes) {
      if (t.agenda === null) expect(t.agendaNote, t.id).toMatch(/\S/);
    }
  });

  it("uses only the known placeholders", () => {
    const used = new Set<string>();
    for (const t of catalog.meetingTypes) {
      for (const text of [t.agenda?.title ?? "", ...(t.agenda?.lines ?? [])]) {
        for (const m of text.matchAll(/\[([a-z-]+)\]/g)) used.add(m[1] ?? "");
      }
    }
    expect([...used].every((p) => (agendaPlaceholders as readonly string[]).includes(p))).toBe(true);
    expect(used).toContain("child");
  });
});

describe("minute sections (domain.md section 4)", () => {
  it("defines every section id once, with required and restricted", () => {
    expect(minuteSections.map((s) => s.id)).toEqual([...minuteSectionIds]);
    expect(minuteSections.filter((s) => s.restricted).map((s) => s.id)).toEqual([
      "pre-reading",
      "agency-reports",
    ]);
  });

  it("requires the child's views, contingency plan, progress measures and next review under the Good Practice Guide (seed 001)", () => {
    for (const t of catalog.meetingTypes.filter((m) => m.goodPracticeGuideApplies)) {
      const required = minuteSectionsFor(t)
        .filter((s) => s.required)
        .map((s) => s.id);
      expect(required, t.id).toEqual(
        expect.arrayContaining(["childs-views", "contingency-plan", "progress-measures", "next-review"]),
      );
    }
  });

  it("requires a header, attendees and actions in every record", () => {
    for (const t of catalog.meetingTypes) {
      const required = minuteSectionsFor(t)
        .filter((s) => s.required)
        .map((s) => s.id);
      expect(required, t.id).toEqual(expect.arrayContaining(["header", "attendees", "actions"]));
    }
  });
});
