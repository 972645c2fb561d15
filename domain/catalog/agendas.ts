/**
 * Agenda templates (domain.md section 6). Placeholders `[child]`, `[date]`, `[time]`, `[link]` and
 * `[transcriber]` are filled at convene by {@link fillAgenda}. Templates marked `derived` are
 * Convene's reading of a seed's text where the seed gives no agenda of its own; each says so.
 */
import type { AgendaItem, AgendaPlaceholder, AgendaTemplate } from "./schema.ts";

const items = (...texts: string[]): AgendaItem[] => texts.map((text) => ({ text }));

// (seed 000, "Professionals Meeting Agenda re [child]", purposes 1-5 and agenda points 1-8)
const professionalsMeetingPurposes = items(
  "Identify the support and services the family is currently receiving and what further support/services are available, if any.",
  "Identify the needs of both the child and parent(s).",
  "Identify where there are gaps in support / gaps in the care the parent is able to provide to the child and if and how they can be addressed.",
  "Inform Part 25 applications for any necessary expert assessments.",
  "Formulate a plan in the event that the court sanctions removal, including identifying a suitable placement; attendees to comment on the suitability of any placement identified.",
);

const professionalsMeetingPoints: AgendaItem[] = [
  {
    text: "Allocated social worker to provide an update on the family including any intervention/support and whether this has led to any improvement.",
  },
  {
    text: "Which professionals/services are currently involved with the family and the nature of their involvement, including:",
    subItems: [
      "Any services/support offered that the parent has/has not engaged with.",
      "Whether there is any additional support that should be offered, including overnight respite (if applicable).",
      "Whether any support carers require additional training and if so, the nature of that training.",
    ],
  },
  {
    text: "Whether the child's global needs are fully understood (including diagnoses, health and education needs); whether an early annual review of the child's EHCP should be convened or an EHC needs assessment applied for; whether any referrals need to be made.",
  },
  {
    text: "Whether it is necessary to apply to the court for permission to instruct any independent experts to assess the child and/or parent to address any gaps in the understanding of their needs.",
  },
  {
    text: "The parent's needs (as set out in their 'All About Me' document, if applicable), ensuring these are understood by all professionals working with the parent and that reasonable adjustments are made in line with their needs.",
  },
  {
    text: "How best to manage a move for the child if the court sanctions interim separation; suitability of any proposed interim placement; what training/support any other person caring for the child might require, where this can be sourced from and timescales.",
  },
  { text: "Any other issue(s) specific to the case." },
  { text: "Whether a follow up meeting will be required." },
];

const professionalsMeetingSections = (extraFirst: AgendaItem[]) => [
  // (seed 000: the agenda names who is invited, with email addresses, and the pre-reading agreed)
  { heading: "Attendees & email addresses", items: [], lists: "attendees" as const },
  { heading: "Apologies", items: [], lists: "apologies" as const },
  {
    heading: "Agreed list of pre-reading",
    guidance:
      "The documents sent to attendees to read in advance. Permission is required from the court to share court documents with third parties.",
    items: [],
    lists: "pre-reading" as const,
  },
  {
    heading: "Purpose of meeting",
    guidance:
      "A summary of the concerns, why the meeting is being held and what it hopes to achieve. The purpose of this meeting is to:",
    items: professionalsMeetingPurposes,
  },
  { heading: "Agenda points", items: [...extraFirst, ...professionalsMeetingPoints] },
  { heading: "Summary of key points flowing from the meeting", items: [] },
  {
    heading: "Agreed actions",
    guidance: "Action | Timescale | Responsible professional/department | Notes",
    items: [],
  },
];

/** Professionals Meeting agenda (seed 000), verbatim in substance. */
export const professionalsMeetingAgenda: AgendaTemplate = {
  title: "Professionals Meeting Agenda re [child]",
  lines: ["Via [link] on [date] at [time]", "(Meeting will be transcribed by [transcriber])"],
  sections: professionalsMeetingSections([]),
  derived: false,
  seed: "000",
};

/** Review Professionals Meeting: the seed 000 agenda with a first item reviewing agreed actions. */
export const reviewProfessionalsMeetingAgenda: AgendaTemplate = {
  title: "Review Professionals Meeting Agenda re [child]",
  lines: ["Via [link] on [date] at [time]", "(Meeting will be transcribed by [transcriber])"],
  // (seed 000, "Timing": RPMs review progress and avoid slippage of agreed actions)
  sections: professionalsMeetingSections([
    { text: "Progress on the actions agreed at the last professionals meeting: done, slipped, and why." },
  ]),
  derived: true,
  seed: "000",
  note: "Seed 000's agenda with a first point derived from its description of review meetings (reviewing progress and avoiding slippage of agreed actions).",
};

/** Child and Family Progress Meeting: the objectives of seed 004, section 2, as agenda items. */
export const childAndFamilyProgressMeetingAgenda: AgendaTemplate = {
  title: "Child and Family Progress Meeting re [child]",
  lines: ["[date] at [time], [link]", "(Meeting will be recorded by [transcriber])"],
  sections: [
    {
      heading: "Objectives of the meeting",
      items: items(
        "Listen to, inform and involve the children at every step of the Child in Need process.",
        "Ensure the Child and Family Progress Plan is a dynamic one that is continually reviewed and updated.",
        "Professionals lead the parents, support people and children in developing an everyday safety plan to ensure the children will always be safe when family life could, or does, become dangerous.",
        "Professionals lead the parents, support people and children in continually thinking through their current assessment of safety and family situation.",
        "Help the family find support people and establish them as a permanent, naturally connected support network (this may include a Family Network Meeting or Family Group Conference).",
        "Parents, support people and children demonstrate they can, and will, always use the safety plan.",
        "Identify and review service actions within the Child and Family Progress Plan.",
        "Update on what has worked well, and any worries there have been since the plan started or the previous meeting took place.",
        "Where siblings have open referrals to the Children with Disabilities Team and Team Around the Child/ESCO, consider information sharing and joint meetings.",
        "For young people transitioning towards adulthood, consider inviting Adult Social Care.",
        "Agree the date, time and venue of the next Child and Family Progress Meeting (where possible with other statutory reviews, e.g. EHCP reviews, transition review).",
      ),
    },
  ],
  derived: false,
  seed: "004",
};

/** Care Planning Meeting standard agenda, derived from seed 002 (its Appendix A is not given). */
export const carePlanningMeetingAgenda: AgendaTemplate = {
  title: "Care Planning Meeting re [child]",
  lines: ["[date] at [time], [link]", "(Meeting will be recorded by [transcriber])"],
  sections: [
    {
      heading: "Agenda",
      items: items(
        "The Care Plan: its efficacy and direction, and the activity supporting positive outcomes for the child / young person.",
        "Permanence: securing or sustaining permanence that supports the child's safety and development now and in the long term.",
        "Actions agreed at the last meeting: have they been addressed in a timely fashion? Any drift?",
        "Roles: a common understanding of what everybody is supposed to do; challenge where needed in the child's best interests.",
        "The views of the child / young person and of family members.",
        "Recommendations from any Specific Issue Care Planning Meetings since the last meeting.",
        "Proposals for the next Child Looked After Review (for scrutiny, approval and IRO ratification).",
        "Agreed actions and the date of the next Care Planning Meeting.",
      ),
    },
  ],
  derived: true,
  seed: "002",
  note: "Seed 002 says a set agenda (Appendix A) is to be followed but does not include it; these items are derived from the seed's purpose text.",
};

/** Specific Issue Care Planning Meeting: not the standard agenda (seed 002 b); items derived from b.1–2. */
export const specificIssueCarePlanningMeetingAgenda: AgendaTemplate = {
  title: "Specific Issue Care Planning Meeting re [child]",
  lines: ["[date] at [time], [link]"],
  sections: [
    {
      heading: "Specific issue",
      guidance:
        "e.g. education provision, placement difficulty, reunification programme, specific issues relating to contact.",
      items: items(
        "The specific issue and the activity on it.",
        "Actions agreed on the specific issue.",
        "Recommendations to feed back into the next standard Care Planning Meeting.",
        "Has a significant event occurred? If so, update or consult the IRO: is a Child Looked After Review needed to revise the Care Plan?",
      ),
    },
  ],
  derived: true,
  seed: "002",
  note: "Seed 002: the standard agenda does not apply; the practitioner records the discussion. These prompts are derived from the seed's points b.1 and b.2.",
};

/** Legal Planning Meeting agenda (seed 003, "Agenda" and "In addition"). */
export const legalPlanningMeetingAgenda: AgendaTemplate = {
  title: "Legal Planning Meeting re [child]",
  lines: ["[date] at [time], [link]"],
  sections: [
    {
      heading: "Agenda",
      items: items(
        "Identify and locate all persons with parental responsibility.",
        "Any potential issues/documentation regarding parental capacity.",
        "The reasons for the concerns and the evidential basis for establishing significant harm, and whether the Threshold Criteria are met.",
        "The action/decisions already taken and where they were made (e.g. Strategy Discussion, Child Protection Conference, Core Group).",
        "The evidence already available (Child and Family Assessment, medical and other expert involvement) supporting the Local Authority's concerns.",
        "What evidence is outstanding / needs to be obtained, and the timescales for this.",
        "Whether to instruct any further expert assessment before proceedings start.",
        "Previous court proceedings in relation to the family.",
        "What action the Local Authority should take to safeguard the child: follow the Pre-Proceedings process or initiate proceedings?",
      ),
    },
    {
      heading: "In addition",
      items: items(
        "The proposed Care Plan for the child; consultation with parents and the wider family; family members available to care for the child on an interim or permanent basis.",
        "Other permanency options, including Concurrency / Foster to Adopt in suitable cases; ensure a Permanency Planning Meeting is called.",
        "Whether an immediate issue letter should be sent, and its timing.",
        "Agree a revised plan for the child, to be confirmed in writing to the parents: what the parents and the local authority must do, the support offered, and the timescales for progress.",
        "The steps the local authority will take at the end of this period, depending on whether progress has been demonstrated.",
        "Review arrangements for identifying potential family carers and for assessments with the parents, particularly where letters of instruction are needed.",
      ),
    },
  ],
  derived: false,
  seed: "003",
};

/** Pre-Proceedings Meeting: the plan-setting items of seed 003's agenda (derived selection). */
export const preProceedingsMeetingAgenda: AgendaTemplate = {
  title: "Pre-Proceedings Meeting re [child]",
  lines: ["[date] at [time], [link]"],
  sections: [
    {
      heading: "Agenda",
      items: items(
        "The concerns and what needs to change for the child to be safe.",
        "Agree a revised plan for the child, to be confirmed in writing to the parents: what the parents and the local authority must do, the support the local authority will give, and the timescales within which progress must be made for proceedings to be avoided.",
        "The steps the local authority will take at the end of this period, depending on whether progress has been demonstrated.",
        "Arrangements for identifying potential family carers and for assessments with the parents.",
        "Date to review the child's plan (within six weeks of this meeting).",
      ),
    },
  ],
  derived: true,
  seed: "003",
  note: "Seed 003 gives one agenda for its legal and pre-proceedings meetings; these are the items that concern the plan agreed with the parents, plus its six-week review.",
};

/** Permanency Planning Meeting: the permanency items of seed 003. */
export const permanencyPlanningMeetingAgenda: AgendaTemplate = {
  title: "Permanency Planning Meeting re [child]",
  lines: ["[date] at [time], [link]"],
  sections: [
    {
      heading: "Views",
      guidance:
        "The views of the child / young person, their parents and significant others, available to the chair (in writing, drawing, audio or video, or presented by someone on their behalf).",
      items: [],
    },
    {
      heading: "Consideration of the options for permanency",
      items: items(
        "Primary plan (for deliberation in the meeting).",
        "Parallel or contingency plan (for deliberation in the meeting).",
        "Preparation for permanency (to be reported on in the meeting).",
        "Family finding process (for the meeting).",
        "Decision on permanence plan(s) to be recommended to the Statutory Child Care Review on behalf of the Local Authority.",
      ),
    },
  ],
  derived: false,
  seed: "003",
};

/** A multi-agency meeting under the Good Practice Guide (seed 001): its questions as items. */
export const goodPracticeGuideAgenda = (title: string): AgendaTemplate => ({
  title: `${title} re [child]`,
  lines: ["[date] at [time], [link]"],
  sections: [
    {
      heading: "Agenda",
      items: items(
        "Purpose of the meeting, and everyone's role and responsibilities.",
        "Key agencies: who is represented, reports from those not attending, and the rationale for any key agency not involved.",
        "The child's views: how they were gathered, who presents them, and how they influence the decisions.",
        "Progress since the last meeting against the plan: what it means for the child's needs and risks, how it was measured and by whom.",
        "Decisions and agreed actions, with realistic timescales.",
        "Contingency plan: what will happen if progress is not made within the timescale.",
        "When the plan / purpose of the meeting will be reviewed.",
      ),
    },
  ],
  derived: true,
  seed: "001",
  note: "Seed 001 sets no agenda; these items are derived from its preparation and good-practice questions.",
});

/** Family Network Meeting: derived from seed 004's description of the support network. */
export const familyNetworkMeetingAgenda: AgendaTemplate = {
  title: "Family Network Meeting re [child]",
  lines: ["[date] at [time], [link]"],
  sections: [
    {
      heading: "Agenda",
      items: items(
        "Who is in the family's network: support people who can provide a watchful eye.",
        "The everyday safety plan: how the network helps keep the children safe when family life could, or does, become dangerous.",
        "What each support person will do, and when.",
        "Whether a Family Group Conference referral is needed.",
      ),
    },
  ],
  derived: true,
  seed: "004",
  note: "Seed 004 gives no agenda for the Family Network Meeting; these items are derived from its objectives for the support network.",
};

/** The values put in the placeholders. Missing values print as "to be confirmed". */
export type AgendaValues = Partial<Record<AgendaPlaceholder, string>>;

/** An agenda with every placeholder replaced. */
export type FilledAgenda = Omit<AgendaTemplate, "title" | "lines"> & { title: string; lines: string[] };

const placeholderPattern = /\[(child|date|time|link|transcriber)\]/g;

/** Replaces `[child]`, `[date]`, `[time]`, `[link]`, `[transcriber]` in one string. */
export function fillText(text: string, values: AgendaValues): string {
  return text.replace(placeholderPattern, (_match, name: AgendaPlaceholder) => {
    const value = values[name]?.trim();
    return value === undefined || value === "" ? "to be confirmed" : value;
  });
}

/**
 * Fills an agenda template's placeholders everywhere (title, lines, headings, guidance, items).
 * @example fillAgenda(professionalsMeetingAgenda, { child: "C-104233", date: "Monday 9 March 2026", time: "10:00", link: "https://…" })
 */
export function fillAgenda(template: AgendaTemplate, values: AgendaValues): FilledAgenda {
  const fill = (text: string) => fillText(text, values);
  return {
    ...template,
    title: fill(template.title),
    lines: template.lines.map(fill),
    sections: template.sections.map((section) => ({
      heading: fill(section.heading),
      ...(section.guidance === undefined ? {} : { guidance: fill(section.guidance) }),
      ...(section.lists === undefined ? {} : { lists: section.lists }),
      items: section.items.map((item) => ({
        text: fill(item.text),
        ...(item.subItems === undefined ? {} : { subItems: item.subItems.map(fill) }),
      })),
    })),
  };
}
