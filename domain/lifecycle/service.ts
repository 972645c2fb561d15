/**
 * The lifecycle use cases as one object for the composition roots that need many of them (the
 * embedded runtime, the reply desk, tests). It holds no rule: each method is the use case of the
 * same name, one per file beside this one, called with the shared kernel (kernel.ts). A Lambda
 * handler that needs one step imports that step directly.
 */

import { agreeNewActionDate } from "./agree-new-action-date.ts";
import { askForMoreTime } from "./ask-for-more-time.ts";
import { recordAttendanceAnswer } from "./attendance-answer.ts";
import { cancel, finishCancellation } from "./cancel.ts";
import { answerClosedQuestion } from "./closed-question.ts";
import { convene, loadMeeting } from "./convened.ts";
import { decideChange } from "./decide-change.ts";
import { distribute } from "./distribute.ts";
import { draftMinutes } from "./draft.ts";
import { editMinutes } from "./edit-minutes.ts";
import { erasePerson } from "./erase-person.ts";
import { escalate } from "./escalate.ts";
import { recordMeetingHeld } from "./hold.ts";
import { sendInvitations } from "./invite.ts";
import { type LifecycleDeps, LifecycleKernel } from "./kernel.ts";
import { mapSpeakers, unnamedSpeakers } from "./name-speakers.ts";
import { reassignAction } from "./reassign-action.ts";
import { recordApproval } from "./record-approval.ts";
import { refuseMoreTime } from "./refuse-more-time.ts";
import { registerWait } from "./register-wait.ts";
import { requestApprovals } from "./request-approvals.ts";
import { reschedule } from "./reschedule.ts";
import { scheduleReview } from "./review.ts";
import { supplyMissingSections } from "./supply-sections.ts";
import { sweep } from "./sweep.ts";
import { closeAction, markActionDone, startActionTrackers } from "./track-actions.ts";
import { startTranscription, transcriptArrived } from "./transcribe.ts";
import { addressUndeliverable } from "./undeliverable.ts";

export type { ReportDocument } from "./attendance-answer.ts";
export type { AgreementOutcome, ClosedAnswer, LifecycleDeps, ReplyLinks, ReplyPurpose } from "./kernel.ts";
export { LifecycleKernel, LifecycleStateError, meetingFacts } from "./kernel.ts";

/** The arguments of a use case after its kernel. */
type Args<F> = F extends (k: LifecycleKernel, ...a: infer A) => unknown ? A : never;

export class Lifecycle {
  readonly kernel: LifecycleKernel;
  constructor(deps: LifecycleDeps) {
    this.kernel = new LifecycleKernel(deps);
  }
  loadMeeting(...a: Args<typeof loadMeeting>) {
    return loadMeeting(this.kernel, ...a);
  }
  convene(...a: Args<typeof convene>) {
    return convene(this.kernel, ...a);
  }
  sendInvitations(...a: Args<typeof sendInvitations>) {
    return sendInvitations(this.kernel, ...a);
  }
  registerWait(...a: Args<typeof registerWait>) {
    return registerWait(this.kernel, ...a);
  }
  resolve(...a: Parameters<LifecycleKernel["resolve"]>) {
    return this.kernel.resolve(...a);
  }
  failWaitFor(...a: Parameters<LifecycleKernel["failWaitFor"]>) {
    return this.kernel.failWaitFor(...a);
  }
  addressUndeliverable(...a: Args<typeof addressUndeliverable>) {
    return addressUndeliverable(this.kernel, ...a);
  }
  recordMeetingHeld(...a: Args<typeof recordMeetingHeld>) {
    return recordMeetingHeld(this.kernel, ...a);
  }
  startTranscription(...a: Args<typeof startTranscription>) {
    return startTranscription(this.kernel, ...a);
  }
  transcriptArrived(...a: Args<typeof transcriptArrived>) {
    return transcriptArrived(this.kernel, ...a);
  }
  draftMinutes(...a: Args<typeof draftMinutes>) {
    return draftMinutes(this.kernel, ...a);
  }
  requestApprovals(...a: Args<typeof requestApprovals>) {
    return requestApprovals(this.kernel, ...a);
  }
  recordApproval(...a: Args<typeof recordApproval>) {
    return recordApproval(this.kernel, ...a);
  }
  supplyMissingSections(...a: Args<typeof supplyMissingSections>) {
    return supplyMissingSections(this.kernel, ...a);
  }
  unnamedSpeakers(...a: Args<typeof unnamedSpeakers>) {
    return unnamedSpeakers(this.kernel, ...a);
  }
  mapSpeakers(...a: Args<typeof mapSpeakers>) {
    return mapSpeakers(this.kernel, ...a);
  }
  decideChange(...a: Args<typeof decideChange>) {
    return decideChange(this.kernel, ...a);
  }
  editMinutes(...a: Args<typeof editMinutes>) {
    return editMinutes(this.kernel, ...a);
  }
  distribute(...a: Args<typeof distribute>) {
    return distribute(this.kernel, ...a);
  }
  reassignAction(...a: Args<typeof reassignAction>) {
    return reassignAction(this.kernel, ...a);
  }
  refuseMoreTime(...a: Args<typeof refuseMoreTime>) {
    return refuseMoreTime(this.kernel, ...a);
  }
  askForMoreTime(...a: Args<typeof askForMoreTime>) {
    return askForMoreTime(this.kernel, ...a);
  }
  agreeNewActionDate(...a: Args<typeof agreeNewActionDate>) {
    return agreeNewActionDate(this.kernel, ...a);
  }
  startActionTrackers(...a: Args<typeof startActionTrackers>) {
    return startActionTrackers(this.kernel, ...a);
  }
  scheduleReview(...a: Args<typeof scheduleReview>) {
    return scheduleReview(this.kernel, ...a);
  }
  escalate(...a: Args<typeof escalate>) {
    return escalate(this.kernel, ...a);
  }
  markActionDone(...a: Args<typeof markActionDone>) {
    return markActionDone(this.kernel, ...a);
  }
  closeAction(...a: Args<typeof closeAction>) {
    return closeAction(this.kernel, ...a);
  }
  sweep(...a: Args<typeof sweep>) {
    return sweep(this.kernel, ...a);
  }
  recordAttendanceAnswer(...a: Args<typeof recordAttendanceAnswer>) {
    return recordAttendanceAnswer(this.kernel, ...a);
  }
  answerClosedQuestion(...a: Args<typeof answerClosedQuestion>) {
    return answerClosedQuestion(this.kernel, ...a);
  }
  cancel(...a: Args<typeof cancel>) {
    return cancel(this.kernel, ...a);
  }
  finishCancellation(...a: Args<typeof finishCancellation>) {
    return finishCancellation(this.kernel, ...a);
  }
  erasePerson(...a: Args<typeof erasePerson>) {
    return erasePerson(this.kernel, ...a);
  }
  reschedule(...a: Args<typeof reschedule>) {
    return reschedule(this.kernel, ...a);
  }
}
