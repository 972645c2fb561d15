/**
 * Who may chair a meeting: one function per chair-rule kind of the catalog. The answer is
 * eligible, eligible with conditions (something to record first), or not eligible with a reason.
 */
import { type RoleId, roleById } from "./roles.ts";
import type { MeetingType, SeedId } from "./schema.ts";

/** The facts about the case that chair rules depend on. */
export interface ChairContext {
  /** The case is allocated to a social work student (seed 004). */
  caseAllocatedToStudent?: boolean;
  /** 1 for the initial meeting of this type, 2 for the next, … */
  meetingSequence?: number;
  /** Complex circumstances or contentious issues (seed 002). */
  complexOrContentious?: boolean;
  /** Who chairs was agreed with the Team Manager (seed 002). */
  chairAgreedWithTeamManager?: boolean;
  /** A court order recorded approving the child's solicitor's chairing time (seed 000). */
  courtApprovedChairingTime?: boolean;
}

/** Something to do or record before the chair can act, with its seed. */
export interface ChairCondition {
  text: string;
  seed: SeedId;
}

/** The answer of {@link chairEligibility}. */
export type ChairEligibility =
  | { status: "eligible"; notes: string[] }
  | { status: "eligible-with-conditions"; conditions: ChairCondition[]; notes: string[] }
  | { status: "not-eligible"; reason: string; seed: SeedId | null };

const eligible = (...notes: string[]): ChairEligibility => ({ status: "eligible", notes });
const withConditions = (conditions: ChairCondition[], ...notes: string[]): ChairEligibility => ({
  status: "eligible-with-conditions",
  conditions,
  notes,
});
const notEligible = (reason: string, seed: SeedId | null): ChairEligibility => ({
  status: "not-eligible",
  reason,
  seed,
});

/**
 * Decides whether someone in `role` may chair a meeting of `type`.
 * @example chairEligibility(cfpm, "social-worker", { caseAllocatedToStudent: true, meetingSequence: 1 }).status // "not-eligible"
 */
export function chairEligibility(
  type: MeetingType,
  role: RoleId,
  context: ChairContext = {},
): ChairEligibility {
  const chairRole = roleById(role);
  const rule = type.chair;
  switch (rule.kind) {
    case "childs-solicitor-should-chair":
      return professionalsMeetingChair(type, role, context);
    case "qualified-social-worker":
      return qualifiedSocialWorkerChair(type, role, context);
    case "social-worker-or-agreed-with-team-manager":
      return carePlanningMeetingChair(type, role, context);
    case "team-or-service-manager":
      // (seed 003, "Who to attend": "Team / service manager (Chair)")
      return rule.preferred.includes(role)
        ? eligible()
        : notEligible(
            `a ${type.name} is chaired by the Team Manager or Service Manager (seed 003); ${chairRole.name} is neither`,
            "003",
          );
    case "not-specified":
      return eligible(`The seeds name no chair for a ${type.name}.`);
  }
}

// (seed 000, "Management of meetings": "The child's solicitor should chair"; the agenda lists
// "Chair – Child's Solicitor/LA Solicitor/IRO/Other")
function professionalsMeetingChair(type: MeetingType, role: RoleId, context: ChairContext): ChairEligibility {
  const chairRole = roleById(role);
  if (chairRole.group === "family") {
    return notEligible(
      `a ${type.name} is a meeting of professionals; ${chairRole.name} cannot chair it (seed 000: child's solicitor, LA solicitor, IRO or another professional)`,
      "000",
    );
  }
  if (role === "childs-solicitor") {
    // (seed 000, consent order b.: the child's solicitor "requires the court's approval so that
    // their time can be claimed under the child's legal aid certificate")
    return context.courtApprovedChairingTime === true
      ? eligible("The court's approval of the chairing time is recorded.")
      : withConditions([
          {
            text: "court approval (consent order) needed to claim the child's solicitor's chairing time under the child's legal aid certificate",
            seed: "000",
          },
        ]);
  }
  if (type.chair.alternatives.includes(role)) {
    return eligible(
      `Seed 000: the child's solicitor should chair; ${chairRole.name} is a named alternative.`,
    );
  }
  return eligible(`Seed 000: the child's solicitor should chair; ${chairRole.name} chairs as "Other".`);
}

// (seed 004, section 2: "The meetings must be chaired by a qualified Social Worker and if the case
// is allocated to a social work student, the initial meeting and subsequently every other meeting
// must be chaired by an Advanced Practitioner or Practice Supervisor.")
// Reading: meeting 1 (the initial meeting) and then every other one after it — meetings 1, 3, 5, …
// — need an Advanced Practitioner or Practice Supervisor; meetings 2, 4, 6, … need a qualified
// social worker, as every meeting does.
const studentCaseChairs: readonly RoleId[] = ["advanced-practitioner", "practice-supervisor"];

/** True when a student-allocated case's meeting number `sequence` needs an AP or PS chair (seed 004). */
export function needsSeniorChairForStudentCase(sequence: number): boolean {
  return sequence % 2 === 1;
}

function qualifiedSocialWorkerChair(
  type: MeetingType,
  role: RoleId,
  context: ChairContext,
): ChairEligibility {
  const chairRole = roleById(role);
  if (context.caseAllocatedToStudent === true) {
    const sequence = context.meetingSequence;
    if (sequence === undefined) {
      return notEligible(
        "the meeting's sequence number is needed: for a case allocated to a social work student the initial meeting and every other meeting after it is chaired by an Advanced Practitioner or Practice Supervisor (seed 004)",
        "004",
      );
    }
    if (needsSeniorChairForStudentCase(sequence) && !studentCaseChairs.includes(role)) {
      return notEligible(
        `the case is allocated to a social work student, so meeting ${sequence} (the initial meeting and every other meeting after it) must be chaired by an Advanced Practitioner or Practice Supervisor (seed 004); got ${chairRole.name}`,
        "004",
      );
    }
  }
  if (!chairRole.qualifiedSocialWorker) {
    return notEligible(
      `a ${type.name} must be chaired by a qualified social worker (seed 004); ${chairRole.name} is not one`,
      "004",
    );
  }
  return eligible();
}

// (seed 002, "c. Chairing of Care Planning Meetings")
function carePlanningMeetingChair(type: MeetingType, role: RoleId, context: ChairContext): ChairEligibility {
  const chairRole = roleById(role);
  if (chairRole.group === "family") {
    return notEligible(
      `a ${type.name} is chaired by the social worker, or by the Advanced Practitioner or Team Manager (seed 002); ${chairRole.name} cannot chair it`,
      "002",
    );
  }
  const named = type.chair.preferred.includes(role) || type.chair.alternatives.includes(role);
  const agreed = context.chairAgreedWithTeamManager === true;
  if (context.complexOrContentious === true && !agreed) {
    return withConditions([
      {
        text: "complex or contentious case: agree who chairs with the Team Manager (an Advanced Practitioner or the Team Manager may be more appropriate)",
        seed: "002",
      },
    ]);
  }
  if (named || agreed) return eligible();
  return withConditions([
    {
      text: `Care Planning Meetings are largely chaired by the social worker; agree a ${chairRole.name} chair with the Team Manager`,
      seed: "002",
    },
  ]);
}
