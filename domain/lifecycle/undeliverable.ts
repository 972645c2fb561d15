/**
 * An address SES reports as undeliverable:
 * 1. a permanent bounce or a complaint marks the address, so nothing more is sent to it;
 * 2. the meeting's chair is told (a meeting gone by retention needs no alert).
 */

import { NotFoundError } from "../ports/store.ts";
import type { LifecycleKernel } from "./kernel.ts";
import type { Meeting } from "./model.ts";

/** SES said an address bounces or complained: stop emailing it and tell the chair (nothing lost silently). */
export async function addressUndeliverable(
  k: LifecycleKernel,
  email: string,
  kind: "bounce" | "complaint",
  permanent: boolean,
  meetingId: string | undefined,
  detail: string,
): Promise<void> {
  const now = k.now().toISOString();
  if (permanent) await k.deps.store.markUndeliverable(email, `${kind}: ${detail}`.slice(0, 500), now);
  if (!meetingId) return;
  let meeting: Meeting;
  try {
    meeting = await k.deps.store.getMeeting(meetingId);
  } catch (error) {
    // A bounce for a meeting that is gone (retention) still marks the address; nothing to alert.
    if (error instanceof NotFoundError) return;
    throw error;
  }
  await k.audit(meetingId, "ses", `undeliverable:${kind}`, "ses", { permanent });
  const alert = await k.deps.messages.undeliverable(meeting, email, kind, permanent);
  await k.deps.mailer.send(alert);
}
