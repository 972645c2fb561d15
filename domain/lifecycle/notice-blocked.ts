/**
 * Agreed minutes that cannot be finalised (seed 001: the record must hold what the type requires):
 * 1. the pure notice decision (minutes-blocked.ts): the chair once, the team manager once when late;
 * 2. sent with the chair's approval link, and audited.
 */

import type { Address } from "../ports/mailer.ts";
import { address, type LifecycleKernel } from "./kernel.ts";
import { blockedNotice } from "./minutes-blocked.ts";
import type { Meeting } from "./model.ts";

/** Agreed minutes lacking a blocking section: the chair told once, the team manager once when late. */
export async function noticeBlocked(
  k: LifecycleKernel,
  meeting: Meeting,
  version: number,
  unanswered: number,
  blockers: string[],
): Promise<Address[]> {
  const notice = blockedNotice({
    version,
    unanswered,
    blockers,
    minutesDueBy: meeting.minutesDueBy,
    now: k.now(),
  });
  if (notice.kind === "none") return [];
  const to =
    notice.kind === "team-manager"
      ? [address(meeting.chair), address(meeting.teamManager)]
      : [address(meeting.chair)];
  const reply = k.approvalLink(meeting.id, meeting.chair.index, version);
  await k.send(
    meeting,
    k.deps.messages.minutesBlocked(
      meeting,
      to,
      { level: notice.kind === "team-manager" ? 2 : 0, lines: notice.lines },
      reply,
    ),
    notice.once,
  );
  await k.audit(meeting.id, "workflow", "minutes-blocked", "workflow", {
    version,
    blockers,
    to: to.map((a) => a.email),
  });
  return to;
}
