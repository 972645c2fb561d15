/**
 * Invite:
 * 1. each person (chair first) not yet invited for this calendar sequence gets an invitation with a
 *    calendar entry and their own signed reply address, sent once per sequence (send records); its
 *    agenda names who has already sent apologies (an updated invitation's, seed 000);
 * 2. their answer is recorded as not-responded (the chair as attending) as each goes out, so a
 *    retry invites only those not yet invited;
 * 3. the phase moves to await-meeting.
 */

import { invitationReplyBy } from "./deadlines.ts";
import { day, type LifecycleKernel } from "./kernel.ts";
import { type Invitee, sentApologies } from "./model.ts";

/**
 * Invite: 1. each invitee not yet invited for this calendar sequence gets an invitation with a
 * calendar entry and their own reply address; 2. their answer starts as not-responded; 3. phase.
 */
export async function sendInvitations(k: LifecycleKernel, meetingId: string): Promise<{ invited: number }> {
  const meeting = await k.deps.store.getMeeting(meetingId);
  const answers = new Map((await k.deps.store.listAnswers(meetingId)).map((a) => [a.index, a]));
  const expires = new Date(new Date(meeting.end).getTime() + day);
  const toInvite = [meeting.chair, ...meeting.invitees].filter(
    (invitee) => answers.get(invitee.index)?.invitedSequence !== meeting.sequence,
  );
  const replyBy = invitationReplyBy(meeting, k.now(), k.deps.settings);
  const apologies = meeting.invitees.filter(
    (p) => p.index !== meeting.chair.index && sentApologies(answers.get(p.index)?.attendance),
  );
  await k.sendAll(
    meeting,
    toInvite.map((invitee) =>
      k.deps.messages.invitation(
        meeting,
        invitee,
        k.deps.replies.link(meeting.id, invitee.index, "invitation", meeting.sequence, expires),
        // The chair is not asked to answer (the chair is attending).
        invitee.index === meeting.chair.index ? undefined : replyBy,
        apologies,
      ),
    ),
    // Recorded as each goes out (with its send record), so a retry after a failed send invites
    // only those not yet invited.
    {
      once: `invitation-s${meeting.sequence}`,
      recordEach: (i) => {
        const invitee = toInvite[i] as Invitee;
        const existing = answers.get(invitee.index);
        return {
          answers: [
            {
              index: invitee.index,
              attendance:
                existing?.attendance ??
                (invitee.index === meeting.chair.index ? "attending" : "not-responded"),
              note: existing?.note,
              reportReceived: existing?.reportReceived ?? false,
              invitedSequence: meeting.sequence,
              reports: existing?.reports,
              at: k.now().toISOString(),
            },
          ],
        };
      },
    },
  );
  const invited = toInvite.length;
  if (meeting.phase === "invite") await k.setPhase(meeting, "await-meeting");
  return { invited };
}
