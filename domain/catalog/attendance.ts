/**
 * Attendance answers (domain.md section 2) and what a key agency owes when it sends apologies.
 */
import { z } from "zod";
import { type RoleId, roleById } from "./roles.ts";

/** How an invitee answered. */
export const attendanceAnswers = [
  "attending",
  "apologies",
  "apologies-with-report",
  "not-responded",
] as const;
export const attendanceAnswerSchema = z.enum(attendanceAnswers);
export type AttendanceAnswer = z.infer<typeof attendanceAnswerSchema>;

/** What an invitee still owes the meeting after answering. */
export type AttendanceObligation =
  | { kind: "none" }
  | { kind: "report-owed"; what: string; seed: "001" }
  | { kind: "report-promised"; seed: "001" };

/**
 * A key agency that will not be represented owes a report from its allocated worker (seed 001,
 * "What happens if a key agency will not be represented"). Roles that are not key agencies owe
 * nothing; an agency that already promised a report (`apologies-with-report`) is reminded of nothing.
 * @example attendanceObligation("gp", "apologies").kind // "report-owed"
 */
export function attendanceObligation(role: RoleId, answer: AttendanceAnswer): AttendanceObligation {
  if (!roleById(role).keyAgency) return { kind: "none" };
  // (seed 001, "Preparation": a written or verbal report summarising intervention since the last
  // meeting, progress against expected outcomes, and risk/unmet need)
  if (answer === "apologies") {
    return {
      kind: "report-owed",
      what: "a written report from the allocated worker for presentation at the meeting: intervention since the last meeting, progress against expected outcomes, and assessment of risk / unmet need",
      seed: "001",
    };
  }
  if (answer === "apologies-with-report") return { kind: "report-promised", seed: "001" };
  return { kind: "none" };
}
