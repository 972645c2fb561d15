/**
 * Tells the team manager that a meeting was convened against a convene-time rule (a date after its
 * statutory due date, a required role missing…), with the chair's reason for each (issue 10).
 */
import type { OutgoingEmail } from "#domain/ports/mailer.ts";
import {
  composeEmail,
  type EmailContent,
  greeting,
  type MailContext,
  type MeetingInfo,
  meetingLine,
  meetingSubject,
  para,
  type Recipient,
} from "./shared.ts";

export interface PlanOverriddenData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  /** Each convene-time rule gone against, with the reason the chair gave. */
  overrides: Array<{ problem: string; reason: string }>;
}

/** The notice's subject, heading and body: each rule gone against, with its reason. */
export function planOverriddenContent(data: PlanOverriddenData): EmailContent {
  const { meeting, recipient, overrides } = data;
  return {
    subject: meetingSubject("Convened against a rule", meeting),
    heading: "Convened against a rule",
    blocks: [
      greeting(recipient),
      para(
        `${meeting.chair.name} convened the ${meetingLine(meeting)} although it breaks ${overrides.length === 1 ? "a rule" : `${overrides.length} rules`} for its meeting type. The reasons given are recorded with the meeting and in its minutes:`,
      ),
      {
        kind: "list",
        style: "bullets",
        items: overrides.map((o) => ({ text: `${o.problem}.`, more: [`Reason given: ${o.reason}`] })),
      },
      para(
        "Nothing is needed from you unless you disagree: then speak to the chair, who can reschedule or cancel the meeting.",
      ),
    ],
  };
}

export function planOverriddenEmail(data: PlanOverriddenData): OutgoingEmail {
  return composeEmail(data.ctx, "plan-overridden", data.meeting, data.recipient, planOverriddenContent(data));
}
