/**
 * The role catalog (domain.md section 2): who can be invited to a multi-agency meeting, each with
 * the agency group it belongs to. Meeting types list these ids as required, invited or observer.
 *
 * Two flags carry rules:
 * - `keyAgency`: the role represents an agency that, when it has current relevance for the child and
 *   family, is a "key agency" (seed 001, footnote 2). A key agency left out of the meeting needs a
 *   recorded rationale, and one that sends apologies owes a report (seed 001, "Preparation").
 *   Family members, the convening social work team and legal representatives are not flagged: the
 *   guide's duty is on the agencies working with the family.
 * - `qualifiedSocialWorker`: the role is held by a qualified social worker, which is what seed 004
 *   asks of a Child and Family Progress Meeting chair. A social work student or assistant is not.
 */
import { z } from "zod";

/** The agency groups of domain.md section 2. */
export const agencyGroups = ["social-care", "health", "education-send", "legal", "family", "other"] as const;
export type AgencyGroup = (typeof agencyGroups)[number];

/** The ids of every role, in catalog order. */
export const roleIds = [
  // Social care (seed 000 "Social work team"; seeds 002, 003, 004)
  "social-worker",
  "social-work-student",
  "social-work-assistant",
  "advanced-practitioner",
  "practice-supervisor",
  "team-manager",
  "service-manager",
  "independent-reviewing-officer",
  "children-with-disabilities-team",
  "children-in-care-team",
  "fostering-social-worker",
  "family-finding-social-worker",
  "family-support-worker",
  "contact-supervisor",
  "adult-social-care",
  "business-support",
  // Health (seed 000 "Health")
  "gp",
  "school-nurse",
  "occupational-therapist",
  "speech-and-language-therapist",
  "educational-psychologist",
  "camhs",
  "clinician",
  "integrated-care-board",
  // Education/SEND (seed 000 "Education/SEND")
  "head-teacher",
  "class-teacher",
  "senco",
  "designated-safeguarding-lead",
  "virtual-school",
  "short-breaks",
  "send-ehcp-team",
  // Legal (seeds 000, 003)
  "childs-solicitor",
  "la-solicitor",
  "childrens-guardian",
  "parents-legal-representative",
  // Family (seeds 002, 003, 004)
  "child",
  "parent",
  "family-network",
  // Other (seed 000 "Other")
  "housing",
  "parent-advocate",
  "police",
  "other-key-agency",
  "part-25-expert",
] as const;

/** A role id, e.g. `"senco"`. */
export type RoleId = (typeof roleIds)[number];

/** One role of the catalog. */
export interface Role {
  id: RoleId;
  /** The name as social workers write it, e.g. "SENCo". */
  name: string;
  group: AgencyGroup;
  /** An agency that is a key agency when it has current relevance (seed 001). */
  keyAgency: boolean;
  /** Held by a qualified social worker (seed 004 chair rule). */
  qualifiedSocialWorker: boolean;
  /** The seeds that name the role. */
  seeds: string[];
  note?: string;
}

/** Builds the zod enum of role ids with an error that lists what was expected. */
export const roleIdSchema = z.enum(roleIds, {
  error: (issue) => `unknown role ${JSON.stringify(issue.input)} (expected one of ${roleIds.join(", ")})`,
});

type RoleRow = [
  id: RoleId,
  name: string,
  group: AgencyGroup,
  flags: { key?: boolean; qsw?: boolean },
  seeds: string[],
  note?: string,
];

// Rows kept compact so the whole catalog reads as one table.
const rows: RoleRow[] = [
  ["social-worker", "Allocated social worker", "social-care", { qsw: true }, ["000", "002", "003", "004"]],
  [
    "social-work-student",
    "Social work student",
    "social-care",
    {},
    ["004"],
    "Not a qualified social worker: cannot chair a Child and Family Progress Meeting (seed 004).",
  ],
  ["social-work-assistant", "Social work assistant", "social-care", {}, ["003"]],
  ["advanced-practitioner", "Advanced Practitioner", "social-care", { qsw: true }, ["002", "004"]],
  ["practice-supervisor", "Practice Supervisor", "social-care", { qsw: true }, ["004"]],
  ["team-manager", "Team Manager", "social-care", { qsw: true }, ["002", "003", "004"]],
  ["service-manager", "Service Manager", "social-care", { qsw: true }, ["003"]],
  [
    "independent-reviewing-officer",
    "Independent Reviewing Officer (IRO)",
    "social-care",
    { qsw: true },
    ["000", "002", "003"],
    'Seed 000 lists the IRO under "Other"; the IRO is a social care role.',
  ],
  [
    "children-with-disabilities-team",
    "Children with Disabilities Team",
    "social-care",
    { key: true },
    ["000"],
  ],
  [
    "children-in-care-team",
    "Children in Care Team social worker or Team Manager",
    "social-care",
    { qsw: true },
    ["003"],
  ],
  ["fostering-social-worker", "Fostering team social worker", "social-care", { qsw: true }, ["003"]],
  [
    "family-finding-social-worker",
    "Family finding / adoption team social worker",
    "social-care",
    { qsw: true },
    ["003"],
  ],
  ["family-support-worker", "Family support worker", "social-care", { key: true }, ["000"]],
  ["contact-supervisor", "Contact supervisor", "social-care", { key: true }, ["000"]],
  [
    "adult-social-care",
    "Adult Social Care",
    "social-care",
    { key: true },
    ["004"],
    "For young people transitioning towards adulthood (seed 004).",
  ],
  [
    "business-support",
    "Business support",
    "social-care",
    {},
    ["004"],
    "Sets up the meeting and circulates the plan (seed 004).",
  ],
  ["gp", "GP", "health", { key: true }, ["000"]],
  ["school-nurse", "School nurse", "health", { key: true }, ["000"]],
  ["occupational-therapist", "SEND occupational therapist", "health", { key: true }, ["000"]],
  ["speech-and-language-therapist", "Speech and language therapist", "health", { key: true }, ["000"]],
  ["educational-psychologist", "Educational psychologist", "health", { key: true }, ["000"]],
  ["camhs", "CAMHS", "health", { key: true }, ["000"]],
  ["clinician", "Clinician", "health", { key: true }, ["000"]],
  ["integrated-care-board", "Integrated Care Board (ICB)", "health", { key: true }, ["000"]],
  ["head-teacher", "Head teacher", "education-send", { key: true }, ["000"]],
  ["class-teacher", "Class teacher / specialist teacher", "education-send", { key: true }, ["000"]],
  ["senco", "SENCo", "education-send", { key: true }, ["000"]],
  ["designated-safeguarding-lead", "Designated Safeguarding Lead", "education-send", { key: true }, ["000"]],
  ["virtual-school", "Virtual School", "education-send", { key: true }, ["000"]],
  ["short-breaks", "Short breaks / respite", "education-send", { key: true }, ["000"]],
  [
    "send-ehcp-team",
    "SEND / Education, Health and Care Plan (EHCP) team",
    "education-send",
    { key: true },
    ["000"],
  ],
  ["childs-solicitor", "Child's solicitor", "legal", {}, ["000"]],
  [
    "la-solicitor",
    "Local authority solicitor / legal adviser",
    "legal",
    {},
    ["000", "003"],
    'One role for seed 000\'s "LA Solicitor" and seed 003\'s "local authority legal adviser".',
  ],
  ["childrens-guardian", "Children's Guardian", "legal", {}, ["000", "003"]],
  ["parents-legal-representative", "Parents' legal representative", "legal", {}, ["003"]],
  ["child", "The child or young person", "family", {}, ["002", "003", "004"]],
  ["parent", "Parent or other person with parental responsibility", "family", {}, ["003", "004"]],
  [
    "family-network",
    "Family network / support person",
    "family",
    {},
    ["003", "004"],
    'Seed 003 "significant others", seed 004 "support people".',
  ],
  ["housing", "Housing", "other", { key: true }, ["000"]],
  ["parent-advocate", "Parent advocate", "other", {}, ["000"]],
  ["police", "Police", "other", { key: true }, ["000"]],
  ["other-key-agency", "Other key agency working with the family", "other", { key: true }, ["000", "001"]],
  [
    "part-25-expert",
    "Part 25 expert",
    "other",
    {},
    ["000"],
    "May attend if the court approves; costs under a legal aid certificate need court approval (seed 000).",
  ],
];

/** The role catalog, in order. */
export const roles: readonly Role[] = rows.map(([id, name, group, flags, seeds, note]) => ({
  id,
  name,
  group,
  keyAgency: flags.key === true,
  qualifiedSocialWorker: flags.qsw === true,
  seeds,
  ...(note === undefined ? {} : { note }),
}));

const byId = new Map<RoleId, Role>(roles.map((role) => [role.id, role]));

/**
 * Looks a role up by id.
 * @example roleById("senco").group // "education-send"
 */
export function roleById(id: RoleId): Role {
  const role = byId.get(id);
  // Every RoleId has a row: the catalog test checks the table covers roleIds exactly.
  if (!role) throw new RangeError(`no role ${id} in the role catalog`);
  return role;
}
