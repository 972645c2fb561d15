/**
 * What the lifecycle needs from an authority's configuration. The full authority config
 * (domain/authority) satisfies this structurally; tests may pass just these fields.
 */
import type { Nation } from "../clock/index.ts";

export interface LifecycleSettings {
  id: string;
  name: string;
  nation: Nation;
  timezone: string;
  email: { from: { name: string; email: string }; replyDomain: string };
  escalation: {
    /** Reminder to the responsible professional this many working days before an action is due. */
    actionReminderWorkingDaysBefore: number;
    /** Escalate to the line manager when an action is this many working days overdue (seed 001 ladder). */
    lineManagerAfterWorkingDays: number;
    /** Then to the chair and the child's team manager after this many more working days. */
    chairAfterWorkingDays: number;
    /** Then to the service manager after this many more (absent: `chairAfterWorkingDays`). */
    serviceManagerAfterWorkingDays?: number | undefined;
  };
  minutes: {
    /** Attendees have this many working days to approve or ask for changes. */
    approvalWorkingDays: number;
    nonResponder: { rule: "deemed-agreed-with-chair-confirmation" | "escalate"; afterWorkingDays: number };
  };
  contacts: {
    teamManager: { name: string; email: string };
    serviceManager?: { name: string; email: string };
  };
  /** Years the authority keeps a meeting's record after its minutes are final (absent: kept). */
  retentionYears?: number;
  /** Overrides of the retention periods, in days (transcripts and recordings after the minutes are final). */
  deployment?: { retentionDays?: { transcripts?: number | undefined; recordings?: number | undefined } };
}
