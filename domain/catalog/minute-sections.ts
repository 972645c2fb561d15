/**
 * The sections of the record of a meeting (domain.md section 4), from the seed 000 agenda and the
 * seed 001 good-practice questions. Each meeting type says which it uses and which are required.
 *
 * `restricted` sections are left out of the family copy of the minutes (the copy sent to parents,
 * the child and family network members) and replaced by a line saying they were withheld:
 * - `pre-reading` can name court documents, which reach third parties only with the court's
 *   permission (seed 000, "Agreed list of pre-reading"), and agency reports;
 * - `agency-reports` holds the written reports of key agencies that sent apologies (seed 001): they
 *   are other agencies' information about the family and third parties, shared by those agencies
 *   for the professionals' meeting.
 * Everything else (decisions, actions, the child's views, the contingency plan) is the family's
 * plan too and stays in their copy.
 */
import type { MinuteSectionId, SeedId } from "./schema.ts";

/** One section of the record. */
export interface MinuteSection {
  id: MinuteSectionId;
  title: string;
  description: string;
  /** Left out of the family copy (see module comment). */
  restricted: boolean;
  seeds: SeedId[];
}

/** Every minute section, in the order the record prints them. */
export const minuteSections: readonly MinuteSection[] = [
  {
    id: "header",
    title: "Meeting details",
    description: "Child, meeting type, date, time, online link, who transcribed.",
    restricted: false,
    seeds: ["000"],
  },
  {
    id: "attendees",
    title: "Attendees",
    description: "Who attended, with their roles and email addresses.",
    restricted: false,
    seeds: ["000"],
  },
  {
    id: "apologies",
    title: "Apologies",
    description: "Who sent apologies.",
    restricted: false,
    seeds: ["000"],
  },
  {
    id: "pre-reading",
    title: "Agreed pre-reading",
    description:
      "The documents sent to attendees in advance (court documents only with the court's permission).",
    restricted: true,
    seeds: ["000", "003"],
  },
  {
    id: "purpose",
    title: "Purpose of meeting",
    description:
      "The concerns, why the meeting is held, hearing dates and positions, what it hopes to achieve.",
    restricted: false,
    seeds: ["000", "001"],
  },
  {
    id: "agenda-items",
    title: "Agenda items and discussion",
    description: "Each agenda item with the discussion: analysis of impact and progress, not only the story.",
    restricted: false,
    seeds: ["000", "001"],
  },
  {
    id: "childs-views",
    title: "The child's views",
    description:
      "The child's views about their current and past situation, how they influenced the decisions, why not if not acted on, and how the decision will be communicated to the child.",
    restricted: false,
    seeds: ["001", "003"],
  },
  {
    id: "key-points",
    title: "Summary of key points",
    description: "Summary of key points flowing from the meeting.",
    restricted: false,
    seeds: ["000"],
  },
  {
    id: "decisions",
    title: "Decisions",
    description: "The decisions made.",
    restricted: false,
    seeds: ["001"],
  },
  {
    id: "actions",
    title: "Agreed actions",
    description: "Action | Timescale | Responsible professional/department | Notes.",
    restricted: false,
    seeds: ["000"],
  },
  {
    id: "contingency-plan",
    title: "Contingency plan",
    description: "What will happen if progress is not made within the required timescale.",
    restricted: false,
    seeds: ["001"],
  },
  {
    id: "progress-measures",
    title: "How progress is measured",
    description: "The tools and measures used, realistic timescales, and who measures.",
    restricted: false,
    seeds: ["001"],
  },
  {
    id: "next-review",
    title: "Next review",
    description: "When the plan / purpose of the meeting will be reviewed (agreed at the first meeting).",
    restricted: false,
    seeds: ["001"],
  },
  {
    id: "agency-reports",
    title: "Reports from key agencies not attending",
    description:
      "Written reports from key agencies that sent apologies: intervention since the last meeting, progress against expected outcomes, risk and unmet need.",
    restricted: true,
    seeds: ["001"],
  },
];

/** The columns of the agreed actions table (seed 000, "Agreed Actions"). */
export const actionColumns = ["Action", "Timescale", "Responsible professional/department", "Notes"] as const;
