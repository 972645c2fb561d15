/**
 * What an answer page asks, once its token is verified and its question is open: the heading, the
 * question and its choices for each purpose (an invitation, the minutes — with the chair's
 * decisions on changes asked for and speakers to name — an action, a written report). Pure: the
 * facts it needs come in (the reply desk reads them).
 */
import type { QuestionClosed } from "../email/open-question.ts";
import type { ReplyClaims } from "../email/reply-token.ts";
import { longDate } from "../minutes/render.ts";
import type { Action, Approval, Meeting } from "./model.ts";

export const headings = {
  invitation: (type: string) => `Invitation: ${type}`,
  approval: (type: string) => `Minutes for approval: ${type}`,
  action: (type: string, number: number) => `Action ${number}: ${type}`,
  report: (type: string) => `Written report: ${type}`,
};

export interface AnswerPageFacts {
  /** The answers to the version (the chair's page decides the changes asked for). */
  approvals: Approval[];
  /** Transcript speakers the chair has not named yet. */
  unnamedSpeakers: string[];
  action?: Action;
}

/** The page's question for an open token. */
export function answerPageQuestion(
  meeting: Meeting,
  claims: ReplyClaims,
  facts: AnswerPageFacts,
  details: Array<{ label: string; value: string }>,
) {
  const base = { ok: true as const, details, textLabel: "Note (optional)", chair: meeting.chair.name };
  switch (claims.purpose) {
    case "invitation":
      return {
        ...base,
        heading: headings.invitation(meeting.typeName),
        question: "Will you attend?",
        options: [
          { choice: "accept", label: "I will attend" },
          { choice: "apologies", label: "Apologies: I cannot attend" },
          { choice: "apologies-with-report", label: "Apologies, and my written report is in the note" },
        ],
      };
    case "approval": {
      const changes = facts.approvals.filter((a) => a.response === "request-changes");
      const pending = changes.filter((a) => !a.chairDecision);
      // Decisions already made on this version: a button from an older page gets a closed answer.
      const retired = changes.flatMap((a) => {
        if (!a.chairDecision) return [];
        const closed: QuestionClosed = { reason: "change-decided", decision: a.chairDecision };
        return [`accept-change-${a.index}`, `reject-change-${a.index}`].map((choice) => ({
          choice,
          closed,
        }));
      });
      const unnamed = facts.unnamedSpeakers;
      const options = [
        ...(unnamed.length > 0
          ? [
              {
                choice: "name-speakers",
                label: `Name the speakers ${unnamed.join(", ")} (one line each: ${unnamed[0]} = Name)`,
                needsText: true,
              },
            ]
          : []),
        { choice: "approve", label: `Approve version ${claims.ref}` },
        { choice: "request-changes", label: "Ask for changes", needsText: true },
        ...pending.flatMap((a) => {
          const who = [meeting.chair, ...meeting.invitees].find((p) => p.index === a.index);
          const asked = `${who ? `${who.name} (${who.role})` : `attendee ${a.index}`}: “${(a.text ?? "").slice(0, 300)}”`;
          return [
            { choice: `accept-change-${a.index}`, label: `Accept the change asked for by ${asked}` },
            {
              choice: `reject-change-${a.index}`,
              label: `Reject the change asked for by ${asked} (your reason goes in the box)`,
            },
          ];
        }),
      ];
      return {
        ...base,
        heading: headings.approval(meeting.typeName),
        question: "Are the minutes accurate?",
        options,
        retired,
        textLabel: "The changes you need",
      };
    }
    case "action": {
      const action = facts.action;
      return {
        ...base,
        heading: headings.action(meeting.typeName, claims.ref),
        details: action
          ? [
              ...details,
              { label: "Action", value: action.action },
              { label: "Due", value: longDate(action.dueDate) },
            ]
          : details,
        question: "Is this action complete?",
        options: [
          { choice: "done", label: "Done", needsText: false },
          { choice: "more-time", label: "I need more time", needsText: true },
        ],
        textLabel: "What was done, or why more time is needed and until when",
      };
    }
    case "report":
      return {
        ...base,
        heading: headings.report(meeting.typeName),
        question: "Your agency's written report for the meeting",
        options: [{ choice: "apologies-with-report", label: "Submit the report", needsText: true }],
        textLabel: "Report",
      };
  }
}
