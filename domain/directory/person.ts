/**
 * The staff directory of an authority: the people who run meetings and the line each of them
 * reports up. It is where a meeting's chair and council invitees are chosen from, where each
 * professional's line manager comes from (the first rung of the escalation ladder, seed 001) and
 * where each child's team manager is found (the team manager over the meeting's chair), instead of
 * being typed into every meeting or held once for the whole council.
 */
import { z } from "zod";
import { roleIdSchema } from "../catalog/roles.ts";

/** The workspace groups (Cognito groups in the cloud, a person's access in the directory locally). */
export const staffGroups = ["social-worker", "team-manager", "service-manager", "admin"] as const;
export type StaffGroup = (typeof staffGroups)[number];

const text = (what: string, max: number) =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, `enter ${what}`)
    .max(max, `expected ${what} of at most ${max} characters`);

export const staffEmailSchema = z
  .string({ error: "expected an email address" })
  .trim()
  .toLowerCase()
  .max(254, "expected an email address of at most 254 characters")
  .pipe(z.email({ error: (issue) => `${JSON.stringify(issue.input)} is not an email address` }));

export const staffPersonSchema = z.strictObject({
  email: staffEmailSchema,
  name: text("a name", 200),
  role: roleIdSchema,
  team: text("a team", 200),
  agency: text("an agency", 200),
  /** The email address of the person's line manager, who must be in the directory. */
  lineManager: staffEmailSchema.optional(),
  /** What the person may do in the workspace; none means they are in the directory only. */
  access: z
    .array(
      z.enum(staffGroups, {
        error: (issue) =>
          `unknown access ${JSON.stringify(issue.input)} (expected ${staffGroups.join(", ")})`,
      }),
    )
    .max(staffGroups.length)
    .transform((groups) => [...new Set(groups)])
    .default([]),
  /** A person who has left stays (meetings name them) but can no longer sign in or be chosen. */
  active: z.boolean().default(true),
});
export type StaffPerson = z.infer<typeof staffPersonSchema>;

export interface Directory {
  authorityId: string;
  /** 0 before anything was imported; each import or edit adds one. */
  revision: number;
  people: StaffPerson[];
}

/** One change to the directory, as its history shows it. */
export interface DirectoryRevision {
  revision: number;
  at: string;
  by: string;
  source: "import" | "edit";
  summary: string;
  added: number;
  removed: number;
  changed: number;
}

/** The most people one directory holds (a large county council has a few thousand staff). */
export const maxDirectoryPeople = 20_000;
