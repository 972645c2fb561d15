/** The reasons the lifecycle escalates, as a schema for handler events. */
import { z } from "zod";
import type { EscalationReason } from "../ports/messages.ts";

export const escalationReasons = [
  "meeting-not-recorded",
  "transcript-missing",
  "approvals-overdue",
  "distribution-late",
  "action-overdue",
  "handler-failure",
] as const satisfies readonly EscalationReason[];
export const escalationReasonSchema = z.enum(escalationReasons);
