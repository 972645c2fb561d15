/** To the chair: actions agreed without a date; each has a provisional date until one is set. */
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

export interface ActionDatesToConfirmData {
  ctx: MailContext;
  meeting: MeetingInfo;
  recipient: Recipient;
  actions: { number: number; action: string; provisional: string; link: string }[];
}

/** The list's subject, heading and body: one details table per action, with its link. */
export function actionDatesToConfirmContent(data: ActionDatesToConfirmData): EmailContent {
  const { meeting, recipient, actions } = data;
  const intro = `${actions.length === 1 ? "One action" : `${actions.length} actions`} agreed at the ${meetingLine(meeting)} had no date. Until you set one, each is tracked to the provisional date below (10 working days after the meeting), and its owner is reminded before it.`;
  return {
    subject: meetingSubject(
      `Set the date of ${actions.length === 1 ? "an action" : `${actions.length} actions`} agreed without one`,
      meeting,
    ),
    heading: "Actions with no date",
    blocks: [
      greeting(recipient),
      para(intro),
      ...actions.map((a) => ({
        kind: "details" as const,
        rows: [
          { label: `Action ${a.number}`, value: a.action },
          { label: "Provisional date", value: a.provisional },
          { label: "Set the date", value: [{ kind: "link" as const, text: "Set the date", href: a.link }] },
        ],
      })),
      para("Sign in to Convene to set each date."),
    ],
  };
}

export function actionDatesToConfirmEmail(data: ActionDatesToConfirmData): OutgoingEmail {
  return composeEmail(
    data.ctx,
    "action-dates-to-confirm",
    data.meeting,
    data.recipient,
    actionDatesToConfirmContent(data),
  );
}
