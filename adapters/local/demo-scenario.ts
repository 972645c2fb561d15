/**
 * The demo: the seed 000 professionals meeting, end to end on the embedded runtime and a virtual
 * clock. People answer by real email (MIME built by nodemailer, parsed by the inbound path), the
 * chair records attendance, the transcript is imported, minutes are drafted, changed, agreed,
 * distributed; actions are tracked and one slips up the escalation ladder to the team manager.
 * Used by `convene demo`, the end-to-end tests and the benchmark.
 */

import { readFile } from "node:fs/promises";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { recordMeetingHeld } from "../../domain/lifecycle/hold.ts";
import type { Meeting } from "../../domain/lifecycle/model.ts";
import type { ReplyOutcome } from "../../domain/lifecycle/replies.ts";
import type { OutgoingEmail } from "../../domain/ports/mailer.ts";
import { applyRawReply } from "./inbound.ts";
import type { RecordingMailer } from "./recording-mailer.ts";
import type { LocalRuntime } from "./runtime.ts";

export const demoInputPath = "examples/demo/professionals-meeting.json";
/** The demo meeting's transcript: read here, by the client, and uploaded as a file's content. */
export const demoTranscriptPath = "examples/demo/professionals-meeting.vtt";
/** Monday 2 March 2026, 09:00 GMT: a week before the meeting. */
export const demoStart = new Date("2026-03-02T09:00:00Z");

const hour = 3_600_000;
const day = 24 * hour;

/** A reply from `from` to the email `to` (its signed Reply-To), as a real MIME message. */
export async function replyTo(
  original: OutgoingEmail,
  from: { name: string; email: string },
  text: string,
  attachments: Array<{ filename: string; content: string }> = [],
): Promise<Buffer> {
  if (!original.replyTo) throw new Error(`the ${original.kind} email has no Reply-To`);
  const quoted = original.text
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
  const composer = new MailComposer({
    from: { name: from.name, address: from.email },
    to: original.replyTo.email,
    subject: `RE: ${original.subject}`,
    text: `${text}\n\nOn ${new Date().toUTCString()}, ${original.from.name ?? original.from.email} wrote:\n${quoted}`,
    attachments,
  });
  return composer.compile().build();
}

export interface DemoResult {
  meetingId: string;
  reviewMeetingId?: string;
  outcomes: ReplyOutcome[];
}

/** Answers `kind` emails for each person, as they would by email. */
async function answer(
  runtime: LocalRuntime,
  mailer: RecordingMailer,
  meeting: Meeting,
  kind: OutgoingEmail["kind"],
  answers: Array<[email: string, text: string, attachments?: Array<{ filename: string; content: string }>]>,
  outcomes: ReplyOutcome[],
) {
  const desk = runtime.replyDesk();
  for (const [email, text, attachments] of answers) {
    const person = [meeting.chair, ...meeting.invitees].find((p) => p.email === email);
    const original = mailer.latest(meeting.id, kind, email);
    if (!person || !original) throw new Error(`no ${kind} email to ${email} to answer`);
    const outcome = await applyRawReply(desk, await replyTo(original, person, text, attachments));
    outcomes.push(outcome);
    await runtime.settle();
  }
}

/**
 * Runs the demo meeting. `runtime` must run on a virtual clock starting at `demoStart` and send
 * through `mailer`.
 */
export async function runDemoMeeting(
  runtime: LocalRuntime,
  mailer: RecordingMailer,
  /** Moves the clock to an instant; several demo meetings at once share one clock through a barrier. */
  advanceTo: (target: Date) => Promise<unknown> = (target) => runtime.advanceTo(target),
): Promise<DemoResult> {
  const input = JSON.parse(await readFile(demoInputPath, "utf8"));
  const outcomes: ReplyOutcome[] = [];
  // 1. Convene and invite.
  const { meeting } = await runtime.startMeeting(input);
  const by = (name: string) => {
    const p = [meeting.chair, ...meeting.invitees].find((i) => i.name === name);
    if (!p) throw new Error(`no invitee ${name}`);
    return p.email;
  };
  // 2. Answers to the invitation, by email.
  await advanceTo(new Date(demoStart.getTime() + day));
  await answer(
    runtime,
    mailer,
    meeting,
    "invitation",
    [
      [by("Tom Hughes"), "Yes, I will attend."],
      [by("Grace Mensah"), "Happy to attend, thanks."],
      [by("Mark Bell"), "Yes I'll be there."],
      [by("Dr Aisha Karim"), "I will attend."],
      [by("Ruth Daniels"), "Yes, I'll attend."],
      [by("Owen Price"), "Yes, attending."],
      [by("Lucy Green"), "Yes, I will attend."],
      // A key agency sending apologies owes a written report (seed 001).
      [by("Dr Helen Ward"), "Sorry, I'm unable to attend on the 10th."],
      [
        by("Kate Moss"),
        "Apologies, I can't make it. My written report is attached.",
        [
          {
            filename: "salt-report.txt",
            content: "Speech and language therapy report: progress since January…",
          },
        ],
      ],
    ],
    outcomes,
  );
  // 3. The meeting is held; the chair records who attended.
  const heldAt = new Date(new Date(meeting.end).getTime() + 30 * 60_000);
  await advanceTo(heldAt);
  const absent = new Set([by("Dr Helen Ward"), by("Kate Moss")]);
  await recordMeetingHeld(
    runtime.kernel,
    meeting.id,
    [meeting.chair, ...meeting.invitees].map((p) => ({ index: p.index, attended: !absent.has(p.email) })),
    meeting.chair.email,
    "demo",
  );
  await runtime.settle();
  await runtime.uploadTranscript(meeting.id, await readFile(demoTranscriptPath), "professionals-meeting.vtt");
  // 4. The transcript is imported and the minutes drafted; approvals go out. One change is asked for.
  await advanceTo(new Date(heldAt.getTime() + 2 * hour));
  const approvers = [meeting.chair, ...meeting.invitees.filter((p) => !absent.has(p.email))];
  await answer(
    runtime,
    mailer,
    meeting,
    "approval-request",
    [[by("Lucy Green"), "Item 2 should also say the short breaks referral was made on 2 March 2026."]],
    outcomes,
  );
  // The chair accepts the change on the page: a new version goes back out to everyone.
  const chairLink = mailer.latest(meeting.id, "approval-request", meeting.chair.email);
  const changeLink = mailer
    .forMeeting(meeting.id)
    .filter((e) => e.to.some((t) => t.email === meeting.chair.email))
    .at(-1);
  const token = /\/r\/([a-z2-7]+)/.exec(changeLink?.text ?? chairLink?.text ?? "")?.[1];
  if (!token) throw new Error("no page link for the chair's decision");
  const lucy = meeting.invitees.find((p) => p.email === by("Lucy Green"));
  outcomes.push(
    await runtime.replyDesk().applyPage(token, `accept-change-${lucy?.index}`, "", `demo-${token}`),
  );
  await runtime.settle();
  // 5. Everyone approves version 2 but the IRO, who does not answer: reminder, then escalation to the chair.
  await answer(
    runtime,
    mailer,
    meeting,
    "approval-request",
    approvers
      .filter((p) => p.email !== by("Ruth Daniels"))
      .map(
        (p) =>
          [p.email, p.index === meeting.chair.index ? "Approved." : "Agreed, no changes."] as [
            string,
            string,
          ],
      ),
    outcomes,
  );
  await advanceTo(new Date(heldAt.getTime() + 2 * hour + 6 * day));
  // The chair confirms the minutes as agreed for the attendee who did not answer (the authority's rule).
  // The chair answers the escalation itself: it carries the chair's own reply address.
  const confirm = mailer.latest(meeting.id, "escalation", meeting.chair.email);
  if (confirm?.replyTo) {
    outcomes.push(
      await applyRawReply(
        runtime.replyDesk(),
        await replyTo(confirm, meeting.chair, "Approved. I confirm the minutes as agreed."),
      ),
    );
    await runtime.settle();
  }
  // 6. Distributed; actions tracked. Three are done on time, the CAMHS assessment slips.
  await advanceTo(new Date(heldAt.getTime() + 2 * hour + 7 * day));
  const actions = (await runtime.store.listActions(meeting.id)).sort((a, b) =>
    a.dueDate.localeCompare(b.dueDate),
  );
  for (const action of actions) {
    if (action.responsible.email === by("Dr Aisha Karim")) continue;
    if (!action.responsible.email) continue;
    // The day before it is due, after the reminders have gone out.
    await advanceTo(new Date(new Date(`${action.dueDate}T10:00:00Z`).getTime() - day));
    const reminder = mailer.latest(meeting.id, "action-reminder", action.responsible.email);
    if (reminder) {
      const person = [meeting.chair, ...meeting.invitees].find((p) => p.email === action.responsible.email);
      if (person) {
        outcomes.push(
          await applyRawReply(
            runtime.replyDesk(),
            await replyTo(reminder, person, `Done - completed on ${action.dueDate}.`),
          ),
        );
        await runtime.settle();
      }
    }
  }
  // 7. Time passes: the slipped action goes to the line manager, then the chair and team manager.
  await advanceTo(new Date(heldAt.getTime() + 42 * day));
  const updated = await runtime.store.getMeeting(meeting.id);
  const audit = await runtime.store.listAudit(meeting.id);
  const review = audit.find((e) => e.what === "review-scheduled");
  return {
    meetingId: updated.id,
    reviewMeetingId: review?.detail.reviewMeetingId as string | undefined,
    outcomes,
  };
}
