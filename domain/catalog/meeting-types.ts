/**
 * The meeting-type catalog as data (domain.md section 1). Parsed by `meetingTypeSchema` in
 * `loadCatalog()`. Where a seed gives no timescale the duration is `null` with a note saying so:
 * nothing here is invented. Role lists follow the seeds; where a seed names no attendees the
 * note says so and only the Good Practice Guide's key agencies and the family are listed as invited.
 */
import type { Duration } from "#domain/clock/index.ts";
import {
  carePlanningMeetingAgenda,
  childAndFamilyProgressMeetingAgenda,
  familyNetworkMeetingAgenda,
  goodPracticeGuideAgenda,
  legalPlanningMeetingAgenda,
  permanencyPlanningMeetingAgenda,
  preProceedingsMeetingAgenda,
  professionalsMeetingAgenda,
  reviewProfessionalsMeetingAgenda,
  specificIssueCarePlanningMeetingAgenda,
} from "./agendas.ts";
import { type RoleId, roles } from "./roles.ts";
import {
  type ChairRule,
  type GateId,
  type MeetingType,
  type MinuteSectionId,
  type MinuteSectionUse,
  minuteSectionIds,
} from "./schema.ts";

const workingDays = (amount: number): Duration => ({ kind: "working-days", amount });
const days = (amount: number): Duration => ({ kind: "days", amount });
const weeks = (amount: number): Duration => ({ kind: "weeks", amount });
const months = (amount: number): Duration => ({ kind: "months", amount });

/** Every role flagged as a key agency, in catalog order (seed 001, footnote 2). */
const keyAgencyRoles: RoleId[] = roles.filter((role) => role.keyAgency).map((role) => role.id);

const allSections: MinuteSectionId[] = [...minuteSectionIds];

/** All sections in order, the listed ones required. */
const sections = (...required: MinuteSectionId[]): MinuteSectionUse[] =>
  allSections.map((id) => ({ id, required: required.includes(id) }));

// The Good Practice Guide asks for the child's views, a contingency plan, how progress is measured
// and the review date in every record (seed 001, "Successful Multi-Agency Meetings").
const goodPracticeSections = sections(
  "header",
  "attendees",
  "apologies",
  "purpose",
  "agenda-items",
  "childs-views",
  "key-points",
  "decisions",
  "actions",
  "contingency-plan",
  "progress-measures",
  "next-review",
);
const formalSections = sections(
  "header",
  "attendees",
  "apologies",
  "purpose",
  "agenda-items",
  "decisions",
  "actions",
);

const goodPracticeGates: GateId[] = [
  "court-documents-need-permission",
  "key-agency-exclusion-needs-rationale",
  "key-agency-apologies-owe-report",
];

const noChairRule = (what: string, seed: "001" | "003" | "004"): ChairRule => ({
  kind: "not-specified",
  preferred: [],
  alternatives: [],
  seed,
  source: `The seeds name no chair for ${what}.`,
});

const cpmChair: ChairRule = {
  kind: "social-worker-or-agreed-with-team-manager",
  preferred: ["social-worker"],
  alternatives: ["advanced-practitioner", "team-manager"],
  seed: "002",
  source:
    "Care Planning Meetings as a standard will largely be chaired by the Social Worker. In more complex circumstances, where there are contentious issues, a discussion with the Team Manager should occur to discuss who should Chair the meeting. The Advanced Practitioner or Team Manager may be the more appropriate person.",
};

const professionalsMeetingChair: ChairRule = {
  kind: "childs-solicitor-should-chair",
  preferred: ["childs-solicitor"],
  alternatives: ["la-solicitor", "independent-reviewing-officer"],
  seed: "000",
  source: "The child's solicitor should chair. (Chair – Child's Solicitor/LA Solicitor/IRO/Other)",
};

// (seed 000, "Attendees & email addresses": the proposed list of key professionals to invite)
const professionalsMeetingRoles = {
  required: ["social-worker", "childrens-guardian"] as RoleId[],
  invited: [
    "childs-solicitor",
    "la-solicitor",
    "independent-reviewing-officer",
    "gp",
    "school-nurse",
    "occupational-therapist",
    "speech-and-language-therapist",
    "educational-psychologist",
    "camhs",
    "clinician",
    "integrated-care-board",
    "head-teacher",
    "class-teacher",
    "senco",
    "designated-safeguarding-lead",
    "virtual-school",
    "short-breaks",
    "send-ehcp-team",
    "children-with-disabilities-team",
    "housing",
    "parent-advocate",
    "family-support-worker",
    "contact-supervisor",
    "police",
    "other-key-agency",
    "part-25-expert",
  ] as RoleId[],
  observer: [] as RoleId[],
  conditional: [],
};

const professionalsMeetingPreReading = [
  "Parent 'All About Me' document",
  "Child 'All About Me' document",
  "Key pre-proceedings assessments (e.g. cognitive / parenting)",
  "Any other documents considered relevant",
];

const professionalsMeetingGates: GateId[] = [
  "court-documents-need-permission",
  "chairing-time-needs-court-approval",
  "part-25-expert-needs-court-approval",
  "key-agency-exclusion-needs-rationale",
  "key-agency-apologies-owe-report",
];

const professionalsMeetingMinutes = {
  separateMinutes: true,
  recordName: "Minutes",
  distribution: null,
  agreedByAllAttendees: true,
  seed: "000" as const,
  note: "Seed 000 gives no distribution timescale; the minute (AI or as agreed) is agreed by all attendees.",
};

/** A meeting the seeds describe only through the Good Practice Guide (seed 001). */
const goodPracticeMeeting = (
  fields: Pick<MeetingType, "id" | "name" | "abbreviation" | "aliases" | "seeds" | "when" | "notes">,
): MeetingType => ({
  ...fields,
  goodPracticeGuideApplies: true,
  roles: {
    required: [],
    invited: ["social-worker", "parent", "child", ...keyAgencyRoles],
    observer: [],
    conditional: [],
  },
  chair: noChairRule(`a ${fields.name}`, "001"),
  preReading: ["Multi-agency chronology (single agency chronologies brought together)"],
  agenda: goodPracticeGuideAgenda(fields.name),
  minuteSections: goodPracticeSections,
  timescales: {
    first: [],
    firstNote: "Seed 001 asks how frequently the meetings need to take place but sets no timescale.",
    schedule: null,
    review: {
      next: null,
      thereafter: null,
      seed: "001",
      note: "When the plan / purpose of the meeting will be reviewed is agreed and recorded at the first meeting (seed 001); the seeds give no interval.",
    },
    minutes: {
      separateMinutes: true,
      recordName: "Record of the meeting",
      distribution: null,
      agreedByAllAttendees: false,
      seed: null,
      note: "Seed 001 assumes the meeting is recorded and linked to the child's plan; no distribution timescale is given.",
    },
    followUps: [],
  },
  gates: goodPracticeGates,
});

const cpmMinutes = {
  separateMinutes: true,
  recordName: "Care Planning Meeting Form",
  distribution: days(5),
  agreedByAllAttendees: false,
  seed: "002" as const,
  note: "Recorded on the Care Planning Meeting Form (the same form in all circumstances), filed on the child's record with a case note saying the meeting was held and where the minutes are, and distributed to participants within 5 days of the meeting.",
};

/** The catalog data, before validation. `loadCatalog()` parses it. */
export const meetingTypeData: MeetingType[] = [
  {
    id: "pm",
    name: "Professionals Meeting",
    abbreviation: "PM",
    aliases: ["Multi-disciplinary professionals meeting"],
    seeds: ["000", "001"],
    when: "In care proceedings, as early as possible in the case, ideally before the Case Management Hearing (CMH). Usually convened by the local authority, usually online.",
    goodPracticeGuideApplies: true,
    roles: professionalsMeetingRoles,
    chair: professionalsMeetingChair,
    preReading: professionalsMeetingPreReading,
    agenda: professionalsMeetingAgenda,
    minuteSections: sections(
      "header",
      "attendees",
      "apologies",
      "pre-reading",
      "purpose",
      "agenda-items",
      "childs-views",
      "key-points",
      "decisions",
      "actions",
      "contingency-plan",
      "progress-measures",
      "next-review",
    ),
    timescales: {
      first: [
        {
          trigger: "case-management-hearing",
          rule: "before",
          duration: null,
          basis: "recommended",
          seed: "000",
          source:
            "Ideally before the Case Management Hearing; effort should be made to hold the meeting prior to the CMH to avoid multiple hearings.",
        },
        {
          trigger: "proceedings-issued",
          rule: "after",
          duration: null,
          basis: "recommended",
          seed: "000",
          source: "As early as possible in the case.",
          note: "Seed 000 gives no number of days.",
        },
      ],
      schedule: null,
      review: {
        next: null,
        thereafter: null,
        seed: "000",
        note: "Review professionals meetings can be held at any point in the proceedings; agenda point 8 decides whether a follow-up meeting is required. Seed 000 gives no interval.",
      },
      minutes: professionalsMeetingMinutes,
      followUps: [],
    },
    gates: professionalsMeetingGates,
    notes: [
      "The role lists follow seed 000's proposed list of key professionals: the social work team and the Children's Guardian are required, the rest invited as relevant.",
      "A consent order may be agreed for the meeting to take place before the CMH (seed 000).",
      "Distinct from experts meetings (seed 000).",
    ],
  },
  {
    id: "rpm",
    name: "Review Professionals Meeting",
    abbreviation: "RPM",
    aliases: [],
    seeds: ["000", "001"],
    when: "Any time during the proceedings, reviewing progress and avoiding slippage of agreed actions.",
    goodPracticeGuideApplies: true,
    roles: professionalsMeetingRoles,
    chair: professionalsMeetingChair,
    preReading: [
      ...professionalsMeetingPreReading,
      "Minutes and agreed actions of the previous professionals meeting",
    ],
    agenda: reviewProfessionalsMeetingAgenda,
    minuteSections: sections(
      "header",
      "attendees",
      "apologies",
      "pre-reading",
      "purpose",
      "agenda-items",
      "childs-views",
      "key-points",
      "decisions",
      "actions",
      "contingency-plan",
      "progress-measures",
      "next-review",
    ),
    timescales: {
      first: [
        {
          trigger: "previous-meeting",
          rule: "after",
          duration: null,
          basis: "recommended",
          seed: "000",
          source: "Professionals meetings can take place at any point during the proceedings.",
          note: "Seed 000 gives no interval between professionals meetings.",
        },
      ],
      schedule: null,
      review: {
        next: null,
        thereafter: null,
        seed: "000",
        note: "Held as needed during the proceedings; seed 000 gives no interval.",
      },
      minutes: professionalsMeetingMinutes,
      followUps: [],
    },
    gates: professionalsMeetingGates,
    notes: ["Distinct from experts meetings; Part 25 experts may attend if the court approves (seed 000)."],
  },
  goodPracticeMeeting({
    id: "core-group",
    name: "Child Protection Core Group",
    abbreviation: "Core Group",
    aliases: ["Core Group Meeting"],
    seeds: ["001"],
    when: "No timescale in the seeds; the Good Practice Guide applies.",
    notes: ["Seed 001 names no attendees for a Core Group: key agencies with current relevance are invited."],
  }),
  {
    id: "cfpm",
    name: "Child and Family Progress Meeting",
    abbreviation: "CFPM",
    aliases: ["Child in Need Meeting", "Child in Need Review"],
    seeds: ["004", "001"],
    when: "First within 10 working days of the Strategy Discussion or the end of the S47 enquiry, or within 10 days of the Child and Family Progress Plan starting; next in 3 months; then at least every 6 months.",
    goodPracticeGuideApplies: true,
    roles: {
      // (seed 004, section 2: the allocated Social Worker holds the meeting "with the child (if
      // appropriate), family and key agencies")
      required: ["social-worker", "parent"],
      invited: ["child", "family-network", ...keyAgencyRoles],
      observer: [],
      conditional: [
        {
          role: "social-work-student",
          when: "case-allocated-to-student",
          level: "invited",
          otherwise: "omit",
          seed: "004",
          source: "If the case is allocated to a social work student …",
        },
      ],
    },
    chair: {
      kind: "qualified-social-worker",
      preferred: ["social-worker"],
      alternatives: ["advanced-practitioner", "practice-supervisor", "team-manager"],
      seed: "004",
      source:
        "The meetings must be chaired by a qualified Social Worker and if the case is allocated to a social work student, the initial meeting and subsequently every other meeting must be chaired by an Advanced Practitioner or Practice Supervisor.",
    },
    preReading: ["The Child and Family Progress Plan"],
    agenda: childAndFamilyProgressMeetingAgenda,
    minuteSections: goodPracticeSections,
    timescales: {
      first: [
        {
          trigger: "strategy-discussion",
          rule: "within",
          duration: workingDays(10),
          basis: "required",
          seed: "004",
          source:
            "The first Child and Family Progress meeting will take place within 10 working days from the date of the Strategy Discussion.",
        },
        {
          trigger: "s47-enquiry-end",
          rule: "within",
          duration: workingDays(10),
          basis: "required",
          seed: "004",
          source:
            "The first Child and Family Progress Meeting will take place within 10 working days from the end date of the Section 47 Enquiry.",
        },
        {
          trigger: "plan-start",
          rule: "within",
          duration: days(10),
          basis: "required",
          seed: "004",
          source: "Within 10 days of the Child and Family Progress Plan starting.",
          note: "Seed 004 section 2 also says 'within 10 days of the Strategy Discussion or the S47 enquiry'; its section 1 says 10 working days for those, which is what Convene uses (domain.md section 1).",
        },
      ],
      schedule: null,
      review: {
        next: months(3),
        thereafter: months(6),
        seed: "004",
        note: "A subsequent meeting takes place in 3 months' time; following this, no less frequently than once every 6 months.",
      },
      minutes: {
        // (seed 004, section 2: "There will be no separate minutes produced alongside the plan")
        separateMinutes: false,
        recordName: "Child and Family Progress Plan",
        distribution: workingDays(5),
        agreedByAllAttendees: false,
        seed: "004",
        note: "The Child and Family Progress Plan combines the plan with the record of the meeting: no separate minutes. Business Support circulates the plan within 5 working days.",
      },
      followUps: [
        {
          id: "family-network-or-fgc-referral",
          what: "Organise a Family Network Meeting, or make a referral to Family Group Conference within 5 working days of the meeting, where this was agreed at the meeting.",
          after: "initial-meeting",
          duration: workingDays(5),
          seed: "004",
          // (seed 004: "where this was agreed at the meeting")
          agreedWhenMinutesMention: ["family network meeting", "family group conference", "FGC", "FNM"],
        },
      ],
    },
    gates: ["student-case-chair", ...goodPracticeGates],
    notes: [
      "The Child and Family Progress Plan replaces the TAC/ESCO plan when a Child and Family Assessment finds a child in need (seed 004).",
      "Child in Need visits happen outside the meetings: every 4 weeks for the first 3 months, then at least every 12 weeks (seed 004).",
      "Closing the plan is usually decided at a meeting when everyone scores 7 or above on the safety scale; closure letters go to the children, parents and professionals (seed 004).",
      "Management oversight of the plan is through supervision (seed 004).",
    ],
  },
  {
    id: "fnm",
    name: "Family Network Meeting",
    abbreviation: "FNM",
    aliases: [],
    seeds: ["004"],
    when: "Within 5 working days where there is a Section 47 investigation and the Child Protection threshold is met; within 20 working days for all Child in Need cases.",
    goodPracticeGuideApplies: false,
    roles: {
      required: ["social-worker", "parent"],
      invited: ["family-network", "child", "family-support-worker"],
      observer: [],
      conditional: [],
    },
    chair: noChairRule("a Family Network Meeting", "004"),
    preReading: [],
    agenda: familyNetworkMeetingAgenda,
    minuteSections: sections("header", "attendees", "apologies", "agenda-items", "decisions", "actions"),
    timescales: {
      first: [
        {
          trigger: "s47-cp-threshold-met",
          rule: "within",
          duration: workingDays(5),
          basis: "required",
          seed: "004",
          source:
            "An initial Family Network Meeting is convened within 5 working days in cases where there is a Section 47 investigation and it is deemed that threshold for Child Protection is met.",
          note: "The seed does not name the day the count starts; Convene counts from the decision that the threshold is met.",
        },
        {
          trigger: "plan-start",
          rule: "within",
          duration: workingDays(20),
          basis: "required",
          seed: "004",
          source: "For all Child in Need cases a Family Network Meeting is convened within 20 working days.",
          note: "The seed does not name the day the count starts; Convene counts from the Child and Family Progress Plan starting.",
        },
      ],
      schedule: null,
      review: {
        next: null,
        thereafter: null,
        seed: null,
        note: "The seeds give no cadence for Family Network Meetings.",
      },
      minutes: {
        separateMinutes: true,
        recordName: "Record of the meeting",
        distribution: null,
        agreedByAllAttendees: false,
        seed: null,
        note: "The seeds give no distribution timescale for a Family Network Meeting.",
      },
      followUps: [],
    },
    gates: ["court-documents-need-permission"],
    notes: [
      "After the initial Child and Family Progress Meeting the social worker organises a Family Network Meeting, or refers to Family Group Conference within 5 working days where agreed (seed 004).",
    ],
  },
  goodPracticeMeeting({
    id: "tac",
    name: "Team Around the Child Meeting",
    abbreviation: "TAC",
    aliases: ["TAC/ESCO meeting"],
    seeds: ["001", "004"],
    when: "No timescale in the seeds; the Good Practice Guide applies.",
    notes: [
      "A TAC/ESCO plan stays open until a Child and Family Assessment decides a Child and Family Progress Plan is needed, which then replaces it (seed 004).",
      "When a Child in Need case closes with additional needs, a Child and Family Progress Meeting is held to transfer to TAC/ESCO (seed 004).",
    ],
  }),
  {
    id: "cpm",
    name: "Care Planning Meeting",
    abbreviation: "CPM",
    aliases: [],
    seeds: ["002"],
    when: "For a child looked after: at least 1 between the 1st and 2nd CLA Review; at least 2 between each later 6-monthly Review; at least 1 where a Review is brought forward.",
    goodPracticeGuideApplies: false,
    roles: {
      // (seed 002: "work on a partnership basis with all professionals involved, family members
      // and the young person")
      required: ["social-worker"],
      invited: [
        "child",
        "parent",
        "family-network",
        "team-manager",
        "advanced-practitioner",
        ...keyAgencyRoles,
      ],
      observer: [],
      conditional: [],
    },
    chair: cpmChair,
    preReading: ["The Care Plan"],
    agenda: carePlanningMeetingAgenda,
    minuteSections: formalSections,
    // The child's views and the contingency plan are part of a care plan's record (seed 001).
    finaliseBlocking: ["childs-views", "contingency-plan"],
    timescales: {
      first: [],
      firstNote:
        "Scheduled against the Child Looked After Review dates rather than from one trigger (seed 002): see the CLA review schedule.",
      schedule: "cla-reviews",
      review: {
        next: null,
        thereafter: null,
        seed: "002",
        note: "Counted between CLA Reviews (at least 1, 2, or 1 where a Review is brought forward); more often where needed.",
      },
      minutes: cpmMinutes,
      followUps: [],
    },
    gates: ["complex-case-chair-agreed-with-team-manager", "court-documents-need-permission"],
    notes: [
      "Alteration to the schedule can only occur in specific circumstances; a settled long-term placement may need less, decided at a CLA Review (seed 002).",
    ],
  },
  {
    id: "specific-issue-cpm",
    name: "Specific Issue Care Planning Meeting",
    abbreviation: "Specific Issue CPM",
    aliases: [],
    seeds: ["002"],
    when: "As needed: education provision, placement difficulty, reunification programme, specific issues relating to contact.",
    goodPracticeGuideApplies: false,
    roles: {
      required: ["social-worker"],
      invited: [
        "child",
        "parent",
        "family-network",
        "team-manager",
        "advanced-practitioner",
        ...keyAgencyRoles,
      ],
      observer: [],
      conditional: [],
    },
    chair: cpmChair,
    preReading: ["The Care Plan"],
    agenda: specificIssueCarePlanningMeetingAgenda,
    minuteSections: formalSections,
    timescales: {
      first: [
        {
          trigger: "specific-issue",
          rule: "after",
          duration: null,
          basis: "required",
          seed: "002",
          source: "Specific Issue Care Planning Meetings can be held in respect of a number of issues.",
          note: "Seed 002 gives no timescale.",
        },
      ],
      schedule: null,
      review: {
        next: null,
        thereafter: null,
        seed: "002",
        note: "Held as needed; recommendations feed into the next standard Care Planning Meeting.",
      },
      minutes: { ...cpmMinutes, recordName: "Care Planning Meeting Form (Specific issue ticked)" },
      followUps: [
        {
          id: "feed-into-next-cpm",
          what: "Feed the recommendations and discussion back into the next standard Care Planning Meeting.",
          after: "every-meeting",
          duration: null,
          seed: "002",
        },
        {
          id: "update-iro",
          what: "Update or consult the IRO if a significant event has occurred and a Child Looked After Review is required to revise the Care Plan.",
          after: "every-meeting",
          duration: null,
          seed: "002",
        },
      ],
    },
    gates: ["complex-case-chair-agreed-with-team-manager", "court-documents-need-permission"],
    notes: ["The standard agenda does not apply (seed 002)."],
  },
  {
    id: "legal-cpm",
    name: "Legal Care Planning Meeting",
    abbreviation: "Legal CPM",
    aliases: [],
    seeds: ["002"],
    when: "Post legal gateway: the Local Authority considers its position and direction.",
    goodPracticeGuideApplies: false,
    roles: {
      required: ["social-worker"],
      invited: ["team-manager", "advanced-practitioner", "service-manager", "la-solicitor"],
      observer: [],
      conditional: [],
    },
    chair: cpmChair,
    preReading: ["The Care Plan"],
    agenda: null,
    agendaNote:
      "Seed 002 gives no agenda for a Legal Care Planning Meeting; it is recorded on the Care Planning Meeting form, titled 'Legal Care Planning Meeting'.",
    minuteSections: formalSections,
    timescales: {
      first: [
        {
          trigger: "legal-gateway",
          rule: "after",
          duration: null,
          basis: "required",
          seed: "002",
          source: "Post the legal gateway.",
          note: "Seed 002 gives no timescale.",
        },
      ],
      schedule: null,
      review: { next: null, thereafter: null, seed: null, note: "The seeds give no cadence." },
      minutes: {
        ...cpmMinutes,
        recordName: "Care Planning Meeting Form, titled 'Legal Care Planning Meeting'",
      },
      followUps: [],
    },
    gates: ["complex-case-chair-agreed-with-team-manager", "court-documents-need-permission"],
    notes: [
      "Seed 002 names no attendees: it is the Local Authority considering its position, so the invitees are local authority roles.",
    ],
  },
  {
    id: "lpm",
    name: "Legal Planning Meeting",
    abbreviation: "LPM",
    aliases: [],
    seeds: ["003"],
    when: "No timescale in the seeds.",
    goodPracticeGuideApplies: false,
    roles: {
      // (seed 003, "Who to attend", LPM column)
      required: ["social-worker", "la-solicitor"],
      invited: ["social-work-assistant", "team-manager"],
      observer: [],
      conditional: [],
    },
    chair: noChairRule("a Legal Planning Meeting", "003"),
    preReading: [
      "Relevant assessment(s)",
      "An up to date chronology",
      "A plan, or a clear indication that options for a plan have been considered",
      "A genogram",
      "All relevant reports from other agencies such as health and education",
      "Minutes from previous statutory meetings (e.g. strategy meetings, CP conferences)",
    ],
    agenda: legalPlanningMeetingAgenda,
    minuteSections: formalSections,
    // The child's views and the contingency plan are part of a care plan's record (seed 001).
    finaliseBlocking: ["childs-views", "contingency-plan"],
    timescales: {
      first: [],
      firstNote: "Seed 003 gives no timescale for a Legal Planning Meeting.",
      schedule: null,
      review: { next: null, thereafter: null, seed: null, note: "The seeds give no cadence." },
      minutes: {
        separateMinutes: true,
        recordName: "Minutes",
        distribution: null,
        agreedByAllAttendees: false,
        seed: null,
        note: "The seeds give no distribution timescale for a Legal Planning Meeting.",
      },
      followUps: [],
    },
    gates: ["court-documents-need-permission"],
    notes: [
      "The social work assistant is invited if involved with the family; the proposed new team manager and/or social worker if the case is due to transfer (seed 003).",
      "An LPM considering permanency should ensure a Permanency Planning Meeting is called (seed 003).",
    ],
  },
  {
    id: "pre-proceedings",
    name: "Pre-Proceedings Meeting",
    abbreviation: "Pre-Proceedings",
    aliases: ["PLO meeting"],
    seeds: ["003"],
    when: "No timescale in the seeds; the child's plan is reviewed within six weeks of the meeting.",
    goodPracticeGuideApplies: false,
    roles: {
      // (seed 003, "Who to attend", Pre Proceedings column)
      required: [
        "parent",
        "parents-legal-representative",
        "social-worker",
        ["team-manager", "service-manager"],
        "la-solicitor",
      ],
      invited: [],
      observer: [],
      conditional: [],
    },
    chair: noChairRule("a Pre-Proceedings Meeting", "003"),
    preReading: ["Relevant assessment(s)", "An up to date chronology", "A genogram"],
    agenda: preProceedingsMeetingAgenda,
    minuteSections: sections(
      "header",
      "attendees",
      "apologies",
      "purpose",
      "agenda-items",
      "decisions",
      "actions",
      "next-review",
    ),
    timescales: {
      first: [],
      firstNote: "Seed 003 gives no timescale for a Pre-Proceedings Meeting.",
      schedule: null,
      review: {
        // (seed 003: "The child's plan should be reviewed within six weeks of the meeting")
        next: weeks(6),
        thereafter: null,
        seed: "003",
        note: "The child's plan should be reviewed within six weeks of the meeting to ensure that sufficient progress is being made.",
      },
      minutes: {
        separateMinutes: true,
        recordName: "Minutes",
        distribution: null,
        agreedByAllAttendees: false,
        seed: null,
        note: "The revised plan is confirmed in writing to the parents (seed 003); no distribution timescale is given.",
      },
      followUps: [],
    },
    gates: ["court-documents-need-permission"],
    notes: [],
  },
  {
    id: "permanency-planning",
    name: "Permanency Planning Meeting",
    abbreviation: "Permanency Planning",
    aliases: [],
    seeds: ["003"],
    when: "Organised by the child's social worker; no timescale in the seeds.",
    goodPracticeGuideApplies: false,
    roles: {
      // (seed 003, "Who to attend", Permanency Planning meeting column)
      required: ["social-worker", ["team-manager", "service-manager"], "children-in-care-team"],
      invited: ["independent-reviewing-officer"],
      observer: ["childrens-guardian"],
      conditional: [
        {
          role: "fostering-social-worker",
          when: "child-under-11",
          level: "required",
          otherwise: "invited",
          seed: "003",
          source: "The social worker from the fostering team … (where relevant – all children under 11)",
        },
        {
          role: "family-finding-social-worker",
          when: "child-under-11",
          level: "required",
          otherwise: "invited",
          seed: "003",
          source: "… and the family finding adoption team (where relevant – all children under 11)",
        },
        {
          role: "la-solicitor",
          when: "in-care-proceedings",
          level: "required",
          otherwise: "omit",
          seed: "003",
          source: "If the case is in Care Proceedings, the local authority responsible solicitor.",
        },
      ],
    },
    chair: {
      kind: "team-or-service-manager",
      preferred: ["team-manager", "service-manager"],
      alternatives: [],
      seed: "003",
      source: "Team / service manager (Chair)",
    },
    preReading: [
      "Child and Family assessment",
      "Care Plan statement for court",
      "Parenting assessments",
      "Expert assessments",
      "Child's Permanence Report",
      "Any other legal orders",
    ],
    agenda: permanencyPlanningMeetingAgenda,
    minuteSections: sections(
      "header",
      "attendees",
      "apologies",
      "purpose",
      "agenda-items",
      "childs-views",
      "decisions",
      "actions",
      "contingency-plan",
    ),
    timescales: {
      first: [],
      firstNote: "Seed 003 gives no timescale for a Permanency Planning Meeting.",
      schedule: null,
      review: { next: null, thereafter: null, seed: null, note: "The seeds give no cadence." },
      minutes: {
        separateMinutes: true,
        recordName: "Minutes",
        distribution: null,
        agreedByAllAttendees: false,
        seed: null,
        note: "The seeds give no distribution timescale; the decision goes to the Statutory Child Care Review (seed 003).",
      },
      followUps: [],
    },
    gates: ["childs-views-available-to-chair", "court-documents-need-permission"],
    notes: [
      "The Children in Care Team social worker and/or Team Manager must be invited; the Children's Guardian is invited as an observer (seed 003).",
    ],
  },
  goodPracticeMeeting({
    id: "generic",
    name: "Multi-Agency Meeting",
    abbreviation: "Multi-agency",
    aliases: ["Generic multi-agency meeting"],
    seeds: ["001"],
    when: "Any multi-agency meeting without a formal structure of its own; the Good Practice Guide applies.",
    notes: [
      "Not for S47 strategy discussions, child protection conferences or CLA reviews, which have their own formal structures (seed 001).",
    ],
  }),
];
