/**
 * Every email Convene sends, one template per file under `templates/`, each laying out one block
 * model (`blocks.ts`) once to HTML (every value escaped) and once to plain text, in the shared
 * frame. This barrel keeps the one import path the lifecycle's messages, the answer page and the
 * tests use. Subjects carry the OFFICIAL-SENSITIVE marking and the child's case reference, never
 * the child's name. Emails that expect an answer carry the recipient's signed Reply-To address and
 * a link to the answer page `${baseUrl}/r/${token}`.
 */

export * from "./templates/action-dates-to-confirm.ts";
export * from "./templates/action-reassigned.ts";
export * from "./templates/action-redated.ts";
export * from "./templates/action-reminder.ts";
export * from "./templates/approval-request.ts";
export * from "./templates/attendance-prompt.ts";
export * from "./templates/cancellation.ts";
export * from "./templates/change-decision.ts";
export * from "./templates/change-request.ts";
export * from "./templates/closed-question-words.ts";
export * from "./templates/escalation.ts";
export * from "./templates/final-minutes.ts";
export * from "./templates/help.ts";
export * from "./templates/invitation.ts";
export * from "./templates/more-time-asked.ts";
export * from "./templates/more-time-received.ts";
export * from "./templates/more-time-refused.ts";
export * from "./templates/plan-overridden.ts";
export * from "./templates/reminder.ts";
export * from "./templates/reply-not-applied.ts";
export * from "./templates/reply-refused.ts";
export * from "./templates/report-received.ts";
export * from "./templates/report-request.ts";
export * from "./templates/review-scheduled.ts";
export {
  type EmailContent,
  formatWhen,
  type MailContext,
  type MeetingInfo,
  meetingSubject,
  pageUrl,
  type Recipient,
  type ReplyHandle,
  siteUrl,
  subjectPrefix,
} from "./templates/shared.ts";
export * from "./templates/undeliverable.ts";
