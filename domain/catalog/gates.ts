/**
 * Gates: rules that hold something back until a condition is recorded, or ask for something extra.
 * Meeting types list the gates that apply to them; the planning use case and the lifecycle enforce
 * them. Each cites its seed.
 */
import type { GateId, SeedId } from "./schema.ts";

/** What a gate asks for. */
export interface Gate {
  id: GateId;
  description: string;
  seed: SeedId;
  source: string;
}

/** Every gate, by id. */
export const gates: Readonly<Record<GateId, Gate>> = {
  "court-documents-need-permission": {
    id: "court-documents-need-permission",
    description:
      "Court documents go to attendees only once the court's permission (a consent order) is recorded.",
    seed: "000",
    source:
      "A consent order is necessary where the parties agree that court documents should be disclosed to attendees; permission will be required from the court to share court documents with third parties.",
  },
  "chairing-time-needs-court-approval": {
    id: "chairing-time-needs-court-approval",
    description:
      "The child's solicitor needs the court's approval (consent order) to claim chairing time under the child's legal aid certificate.",
    seed: "000",
    source:
      "The child's solicitor will chair the meeting and requires the court's approval so that their time can be claimed under the child's legal aid certificate.",
  },
  "part-25-expert-needs-court-approval": {
    id: "part-25-expert-needs-court-approval",
    description:
      "Part 25 experts attend only if the court approves; costs under a legal aid certificate need court approval.",
    seed: "000",
    source:
      "Any related costs would need to be approved by the court if they fell under any party's legal aid certificate.",
  },
  "key-agency-exclusion-needs-rationale": {
    id: "key-agency-exclusion-needs-rationale",
    description: "A key agency not involved needs a rationale, recorded in the notes of the first meeting.",
    seed: "001",
    source:
      "The rationale for exclusion of key agencies should be recorded in the notes of the first multi-agency meeting.",
  },
  "key-agency-apologies-owe-report": {
    id: "key-agency-apologies-owe-report",
    description:
      "A key agency that cannot send a fully briefed representative owes a written or verbal report from its allocated worker: intervention since the last meeting, progress against expected outcomes, risk and unmet need.",
    seed: "001",
    source:
      "The allocated worker from the key agency should provide either a written or verbal report for presentation at the meeting.",
  },
  "complex-case-chair-agreed-with-team-manager": {
    id: "complex-case-chair-agreed-with-team-manager",
    description:
      "In complex or contentious cases, who chairs is agreed with the Team Manager (an Advanced Practitioner or the Team Manager may be more appropriate).",
    seed: "002",
    source:
      "Where there are contentious issues or a more challenging situation a discussion with the Team Manager should occur to discuss who should Chair the meeting.",
  },
  "student-case-chair": {
    id: "student-case-chair",
    description:
      "When the case is allocated to a social work student, the initial meeting and every other meeting after it is chaired by an Advanced Practitioner or Practice Supervisor.",
    seed: "004",
    source:
      "If the case is allocated to a social work student, the initial meeting and subsequently every other meeting must be chaired by an Advanced Practitioner or Practice Supervisor.",
  },
  "childs-views-available-to-chair": {
    id: "childs-views-available-to-chair",
    description:
      "The views of the child, their parents and significant others are available to the chair (writing, drawing, audio or video, or presented by someone on their behalf).",
    seed: "003",
    source:
      "It is essential that the views of the child and young person, their parents, and significant others are available to the chair.",
  },
};
