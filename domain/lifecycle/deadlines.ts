/**
 * When each wait of the lifecycle expires and when it reminds, from the statutory clock and the
 * authority's escalation settings. Pure: the caller passes `now`.
 */
import { addDays, addWorkingDays, isWorkingDay } from "../clock/index.ts";
import type { Action, Meeting } from "./model.ts";
import type { WaitPurpose } from "./phases.ts";
import type { LifecycleSettings } from "./settings.ts";
import { atLocalTime, localDate } from "./time.ts";

/** Working deadlines fall at the end of the working day; reminders go out at the start of one. */
export const endOfDay = "17:00";
export const startOfDay = "09:00";

export interface WaitPlan {
  deadline: Date;
  reminders: Date[];
}

const working = (date: string, n: number, s: LifecycleSettings) => addWorkingDays(date, n, s.nation);

/** Invitees are asked to answer by the end of the working day this many working days before the meeting. */
export const invitationReplyByWorkingDays = 2;

/**
 * The day an invitation asks for an answer by: the end of the working day 2 working days before
 * the meeting's day; none when that has passed (a meeting called at short notice asks for an
 * answer before the meeting).
 */
export function invitationReplyBy(meeting: Meeting, now: Date, s: LifecycleSettings): Date | undefined {
  const meetingDay = localDate(new Date(meeting.start), s.timezone);
  const replyBy = atLocalTime(
    backWorkingDays(meetingDay, invitationReplyByWorkingDays, s),
    endOfDay,
    s.timezone,
  );
  return replyBy > now ? replyBy : undefined;
}

/**
 * The deadline and reminders of a wait.
 * - meeting-held: the chair records attendance by the end of the next working day after the meeting.
 *   Its first reminder chases the invitees who have not answered, at the start of the working day
 *   after the reply-by day (when that is still before the meeting); its last, at the meeting's end,
 *   asks the chair to record who attended.
 * - transcript: by the end of the next working day after the meeting.
 * - approval: `approvalWorkingDays` after the request; one reminder the working day before. Each
 *   escalation (level) gives `nonResponder.afterWorkingDays` more.
 * - action: reminder `actionReminderWorkingDaysBefore` working days before due and on the due day;
 *   level 0 expires 1 working day after due (1 working day overdue → line manager, seed 001), level 1
 *   `chairAfterWorkingDays` later (→ chair and team manager), level 2 `serviceManagerAfterWorkingDays`
 *   later (→ service manager, issue 13), level 3 as long again (→ slipped).
 * - resume: 10 working days, then the workflow retries the phase by itself.
 */
export function planWait(
  purpose: WaitPurpose,
  level: number,
  context: { meeting: Meeting; now: Date; action?: Action },
  s: LifecycleSettings,
): WaitPlan {
  const tz = s.timezone;
  const today = localDate(context.now, tz);
  const meetingDay = localDate(new Date(context.meeting.end), tz);
  switch (purpose) {
    case "meeting-held": {
      const deadline = atLocalTime(working(meetingDay, 1 + level, s), endOfDay, tz);
      if (level > 0) return { deadline, reminders: [] };
      const replyBy = invitationReplyBy(context.meeting, context.now, s);
      const chase = replyBy ? atLocalTime(working(localDate(replyBy, tz), 1, s), startOfDay, tz) : undefined;
      const start = new Date(context.meeting.start);
      return {
        deadline,
        reminders: [...(chase && chase < start ? [chase] : []), new Date(context.meeting.end)],
      };
    }
    case "transcript":
      return { deadline: atLocalTime(working(meetingDay, 1 + level, s), endOfDay, tz), reminders: [] };
    case "approval": {
      const days = s.minutes.approvalWorkingDays + level * s.minutes.nonResponder.afterWorkingDays;
      const lastDay = working(
        today,
        Math.max(1, level === 0 ? days : s.minutes.nonResponder.afterWorkingDays),
        s,
      );
      const deadline = atLocalTime(lastDay, endOfDay, tz);
      const reminderDay = working(
        today,
        Math.max(0, (level === 0 ? days : s.minutes.nonResponder.afterWorkingDays) - 1),
        s,
      );
      const reminder = atLocalTime(reminderDay, startOfDay, tz);
      return { deadline, reminders: reminder > context.now && reminder < deadline ? [reminder] : [] };
    }
    case "action": {
      const action = context.action;
      if (!action) throw new Error("an action wait needs the action");
      const e = s.escalation;
      const serviceManagerDays = e.serviceManagerAfterWorkingDays ?? e.chairAfterWorkingDays;
      const overdueDays = [
        e.lineManagerAfterWorkingDays,
        e.lineManagerAfterWorkingDays + e.chairAfterWorkingDays,
        e.lineManagerAfterWorkingDays + e.chairAfterWorkingDays + serviceManagerDays,
        e.lineManagerAfterWorkingDays + e.chairAfterWorkingDays + 2 * serviceManagerDays,
      ];
      const deadline = atLocalTime(
        working(action.dueDate, overdueDays[Math.min(level, 3)] ?? 1, s),
        endOfDay,
        tz,
      );
      const reminders =
        level === 0
          ? [
              atLocalTime(
                backWorkingDays(action.dueDate, e.actionReminderWorkingDaysBefore, s),
                startOfDay,
                tz,
              ),
              // The due-day reminder goes out on the due date, or the working day before when it is not one.
              atLocalTime(
                isWorkingDay(action.dueDate, s.nation)
                  ? action.dueDate
                  : backWorkingDays(action.dueDate, 1, s),
                startOfDay,
                tz,
              ),
            ].filter((r) => r > context.now)
          : [];
      return { deadline, reminders };
    }
    case "resume":
      return { deadline: atLocalTime(working(today, 10, s), endOfDay, tz), reminders: [] };
    case "visit":
      throw new Error("a visit has no workflow wait: its timers come from domain/plan/visit-timers.ts");
  }
}

/** The working day `n` working days before `date` (the date itself when n is 0). */
export function backWorkingDays(date: string, n: number, s: LifecycleSettings): string {
  let candidate = date;
  for (let found = 0; found < n; ) {
    candidate = addDays(candidate, -1);
    if (isWorkingDay(candidate, s.nation)) found++;
  }
  return candidate;
}
