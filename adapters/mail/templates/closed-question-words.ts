/** The words for a reply to a question that has closed, shared by the reply-not-applied email and the answer page. */
import type { QuestionClosed } from "#domain/email/open-question.ts";

/** What a closed question's answer says: what happened, and what to do instead. */
export interface ClosedQuestionWords {
  /** e.g. "The minutes have been updated" */
  title: string;
  /** What happened, ending with "your answer was not recorded" (or "nothing was changed"). */
  what: string;
  /** What to do instead. */
  next: string;
}

/**
 * The words for a reply to a closed question, shared by the email and the answer page.
 * `when` is the meeting's (current) date and time, `chair` the chair's name.
 */
export function closedQuestionWords(
  closed: QuestionClosed,
  context: { chair: string; when: string },
): ClosedQuestionWords {
  const contactChair = `If you need to tell the chair something, please contact ${context.chair} directly.`;
  switch (closed.reason) {
    case "meeting-cancelled":
      return {
        title: "The meeting was cancelled",
        what: "This meeting has been cancelled, so your answer was not recorded.",
        next: contactChair,
      };
    case "meeting-held":
      return {
        title: "The meeting has been held",
        what: "The meeting has already been held and the chair has recorded who attended, so your answer was not recorded.",
        next: `If you need to tell the chair something, or send a report for the meeting, please contact ${context.chair} directly.`,
      };
    case "meeting-rescheduled":
      return {
        title: "The meeting has been moved",
        what: `The meeting has been moved to ${context.when}, so this invitation is out of date and your answer was not recorded.`,
        next: "Please answer using the link in the updated invitation.",
      };
    case "minutes-superseded":
      return closed.version > 0
        ? {
            title: "The minutes have been updated",
            what: `The minutes have been updated to version ${closed.version}, so your answer about an earlier version was not recorded.`,
            next: `Please use the link in the email with version ${closed.version} of the minutes to answer.`,
          }
        : {
            title: "No minutes are out for approval",
            what: "No minutes are out for approval at the moment, so your answer was not recorded.",
            next: contactChair,
          };
    case "minutes-agreed":
      return {
        title: "The minutes have been agreed",
        what: `Version ${closed.version} of the minutes has already been agreed and is being sent to everyone, so your answer was not recorded.`,
        next: `If something in the minutes is wrong, please contact the chair, ${context.chair}, directly.`,
      };
    case "minutes-distributed":
      return {
        title: "The minutes have been sent out",
        what: `The agreed minutes (version ${closed.version}) have been sent to everyone, so approval is closed and your answer was not recorded.`,
        next: `If something in the minutes is wrong, please contact the chair, ${context.chair}, directly.`,
      };
    case "change-ambiguous":
      return {
        title: "Which change did you mean?",
        what: `${closed.waiting} changes to the minutes are waiting for your decision and your reply does not name whose change it decides, so nothing was changed.`,
        next: "Reply again naming the person who asked for the change (e.g. “Accept Dr Karim's change”), or use the buttons on the page linked from the email about the minutes.",
      };
    case "change-decided":
      return {
        title: `The change was already ${closed.decision}`,
        what: `This change has already been ${closed.decision}, so nothing was changed.`,
        next: "Please use the link in the latest email about the minutes.",
      };
    case "no-change-requested":
      return {
        title: "No change is waiting for a decision",
        what: `No change to version ${closed.version} of the minutes is waiting for your decision, so nothing was changed.`,
        next: "Please use the link in the latest email about the minutes.",
      };
    case "action-closed":
      return {
        title: `Action ${closed.number} is already closed`,
        what: `Action ${closed.number} is already recorded as ${closed.status}, so nothing was changed.`,
        next: `If that is wrong, please contact the chair, ${context.chair}, directly.`,
      };
    case "no-such-action":
      return {
        title: `There is no action ${closed.number}`,
        what: `This meeting has no action ${closed.number}, so nothing was changed.`,
        next: `Please contact the chair, ${context.chair}, directly.`,
      };
    case "action-reassigned":
      return {
        title: `Action ${closed.number} is no longer yours`,
        what: `Action ${closed.number} has been given to ${closed.owner}, so nothing was changed.`,
        next: `If you still have something to tell about it, please contact the chair, ${context.chair}, directly.`,
      };
  }
}
