/**
 * The state machines of Convene, written once as CDK chains (JSONPath, no JSONata, no variables, so
 * the embedded runtime can execute the same synthesized JSON).
 *
 * - `lifecycle`: one Standard execution per meeting. It opens with a Choice on the meeting's
 *   persisted phase, so an execution can be started again at the phase the meeting was in.
 * - `actionTracker`: one Standard execution per agreed action: remind → due → escalate to the
 *   responsible professional's line manager → then to the chair and the child's team manager.
 *
 * Every wait on people or time is a `.waitForTaskToken` task on the `await-event` function, which
 * stores the token in DynamoDB with its deadline and reminders. The sweeper fails a token with
 * `DeadlinePassed` when its deadline passes; the Catch routes that to an escalation branch, visible
 * in the graph. Each callback task has TimeoutSeconds (7 days): a timeout re-arms the same wait
 * with a fresh token and the stored deadline, so no wait is ever silently lost.
 */
import { Duration } from "aws-cdk-lib";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import type * as logs from "aws-cdk-lib/aws-logs";
import * as sfn from "aws-cdk-lib/aws-stepfunctions";
import * as tasks from "aws-cdk-lib/aws-stepfunctions-tasks";
import { Construct } from "constructs";
import { type WaitPurpose, workflowErrors } from "../domain/lifecycle/phases.ts";
import type { FunctionName } from "../functions/catalog.ts";

export interface ConveneWorkflowsProps {
  functions: Record<FunctionName, lambda.IFunction>;
  /** Fixed names, so functions can be given the ARNs without a circular dependency. */
  lifecycleName?: string;
  actionTrackerName?: string;
  /** Execution logs (encrypted by the caller's key); omitted in local synthesis. */
  logGroup?: logs.ILogGroup;
}

/** How long one callback token lives before the wait re-arms (well under the local timer limit). */
export const callbackRearmAfter = Duration.days(7);

const retryableLambdaErrors = [
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "Lambda.TooManyRequestsException",
];

export class ConveneWorkflows extends Construct {
  readonly lifecycle: sfn.StateMachine;
  readonly actionTracker: sfn.StateMachine;
  private readonly fns: Record<FunctionName, lambda.IFunction>;

  constructor(scope: Construct, id: string, props: ConveneWorkflowsProps) {
    super(scope, id);
    this.fns = props.functions;
    this.lifecycle = new sfn.StateMachine(this, "meeting-lifecycle", {
      stateMachineName: props.lifecycleName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(this.lifecycleDefinition()),
      tracingEnabled: true,
      logs: props.logGroup ? { destination: props.logGroup, level: sfn.LogLevel.ERROR } : undefined,
      comment: "One meeting, convene to review (Convene)",
    });
    this.actionTracker = new sfn.StateMachine(this, "action-tracker", {
      stateMachineName: props.actionTrackerName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(this.actionTrackerDefinition()),
      tracingEnabled: true,
      logs: props.logGroup ? { destination: props.logGroup, level: sfn.LogLevel.ERROR } : undefined,
      comment: "One agreed action: remind, due, escalate up the ladder (Convene)",
    });
  }

  /** A plain Lambda task: retried with backoff, and caught into `onFailure` when it keeps failing. */
  private step(
    id: string,
    fn: FunctionName,
    payload: Record<string, unknown>,
    resultPath: string | undefined,
    onFailure: sfn.IChainable,
    failurePath = "$.failure",
  ): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this, id, {
      lambdaFunction: this.fns[fn],
      payloadResponseOnly: true,
      payload: sfn.TaskInput.fromObject(payload),
      resultPath: resultPath ?? sfn.JsonPath.DISCARD,
      retryOnServiceExceptions: false,
      taskTimeout: sfn.Timeout.duration(Duration.seconds(60)),
    });
    task.addRetry({ errors: ["States.ALL"], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 3 });
    task.addCatch(onFailure, { errors: ["States.ALL"], resultPath: failurePath });
    return task;
  }

  /**
   * A wait on people or time: `await-event` stores the token with the deadline for `purpose`.
   * `DeadlinePassed` goes to `onDeadline`; a timeout re-arms the same state; other errors, after
   * retries, go to `onFailure`.
   */
  private wait(
    id: string,
    purpose: WaitPurpose,
    extra: Record<string, unknown>,
    resultPath: string,
    handlers: {
      onDeadline: sfn.IChainable;
      onFailure: sfn.IChainable;
      onCancelled?: sfn.IChainable;
      onRedated?: sfn.IChainable;
    },
    fn: FunctionName = "await-event",
  ): tasks.LambdaInvoke {
    const task = new tasks.LambdaInvoke(this, id, {
      lambdaFunction: this.fns[fn],
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: sfn.TaskInput.fromObject({
        taskToken: sfn.JsonPath.taskToken,
        "meetingId.$": "$.meetingId",
        purpose,
        ...extra,
      }),
      resultPath,
      retryOnServiceExceptions: false,
      taskTimeout: sfn.Timeout.duration(callbackRearmAfter),
    });
    // Deadlines and cancellations are outcomes, not faults: never retried.
    task.addRetry({
      errors: [
        workflowErrors.deadlinePassed,
        workflowErrors.cancelled,
        workflowErrors.actionRedated,
        "States.Timeout",
      ],
      maxAttempts: 0,
    });
    task.addRetry({
      errors: [...retryableLambdaErrors, "States.TaskFailed"],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 3,
    });
    task.addCatch(handlers.onDeadline, { errors: [workflowErrors.deadlinePassed], resultPath: "$.deadline" });
    if (handlers.onCancelled) {
      task.addCatch(handlers.onCancelled, { errors: [workflowErrors.cancelled], resultPath: "$.cancelled" });
    }
    if (handlers.onRedated) {
      task.addCatch(handlers.onRedated, { errors: [workflowErrors.actionRedated], resultPath: "$.redated" });
    }
    task.addCatch(task, { errors: ["States.Timeout"], resultPath: "$.rearm" });
    task.addCatch(handlers.onFailure, { errors: ["States.ALL"], resultPath: "$.failure" });
    return task;
  }

  private escalate(
    id: string,
    reason: string,
    extra: Record<string, unknown>,
    onFailure: sfn.IChainable,
    resultPath?: string,
  ): tasks.LambdaInvoke {
    return this.step(
      id,
      "escalate",
      { "meetingId.$": "$.meetingId", reason, ...extra },
      resultPath ?? "$.escalation",
      onFailure,
    );
  }

  private lifecycleDefinition(): sfn.IChainable {
    const done = new sfn.Succeed(this, "Reviewed", {
      comment: "Minutes agreed, actions tracked, review scheduled",
    });
    const cancelled = new sfn.Succeed(this, "Cancelled");
    const escalationFailed = new sfn.Fail(this, "EscalationFailed", {
      error: "EscalationFailed",
      cause: "A step kept failing and the escalation to the chair failed too",
    });

    // A handler that keeps failing ends in an escalation to the chair, then waits to be resumed.
    const handlerFailed = this.step(
      "EscalateHandlerFailure",
      "escalate",
      { "meetingId.$": "$.meetingId", reason: "handler-failure", "failure.$": "$.failure" },
      undefined,
      escalationFailed,
      "$.escalationFailure",
    );

    const load = this.step(
      "LoadMeeting",
      "load-meeting",
      { "meetingId.$": "$.meetingId" },
      "$.meeting",
      handlerFailed,
    );
    const awaitResume = this.wait("AwaitResume", "resume", {}, "$.resume", {
      onDeadline: load,
      onFailure: escalationFailed,
      onCancelled: cancelled,
    });
    handlerFailed.next(awaitResume);
    awaitResume.next(load);

    const scheduleReview = this.step(
      "ScheduleReview",
      "schedule-review",
      { "meetingId.$": "$.meetingId" },
      "$.review",
      handlerFailed,
    );
    scheduleReview.next(done);
    const startTrackers = this.step(
      "StartActionTrackers",
      "start-action-trackers",
      { "meetingId.$": "$.meetingId" },
      "$.trackers",
      handlerFailed,
    );
    startTrackers.next(scheduleReview);

    const escalateLate = this.escalate("EscalateLateDistribution", "distribution-late", {}, handlerFailed);
    escalateLate.next(startTrackers);
    const distribute = this.step(
      "Distribute",
      "distribute-minutes",
      { "meetingId.$": "$.meetingId" },
      "$.distribution",
      handlerFailed,
    );
    distribute.next(
      new sfn.Choice(this, "DistributedInTime")
        .when(sfn.Condition.booleanEquals("$.distribution.late", true), escalateLate)
        .otherwise(startTrackers),
    );

    const requestApprovals = this.step(
      "RequestApprovals",
      "request-approvals",
      { "meetingId.$": "$.meetingId" },
      "$.approvalRequest",
      handlerFailed,
    );
    const escalateApprovals = this.escalate("ApplyNonResponderRule", "approvals-overdue", {}, handlerFailed);
    const awaitApprovals = this.wait("AwaitApprovals", "approval", {}, "$.agreement", {
      onDeadline: escalateApprovals,
      onFailure: handlerFailed,
      onCancelled: cancelled,
    });
    escalateApprovals.next(awaitApprovals);
    requestApprovals.next(awaitApprovals);
    awaitApprovals.next(
      new sfn.Choice(this, "MinutesAgreed")
        .when(sfn.Condition.stringEquals("$.agreement.outcome", "agreed"), distribute)
        .when(sfn.Condition.stringEquals("$.agreement.outcome", "new-version"), requestApprovals)
        .otherwise(awaitApprovals),
    );

    const draft = this.step(
      "DraftMinutes",
      "draft-minutes",
      { "meetingId.$": "$.meetingId" },
      "$.draft",
      handlerFailed,
    );
    draft.next(requestApprovals);

    const escalateTranscript = this.escalate(
      "EscalateTranscription",
      "transcript-missing",
      {},
      handlerFailed,
    );
    escalateTranscript.next(draft);
    const transcribe = this.wait(
      "Transcribe",
      "transcript",
      {},
      "$.transcript",
      { onDeadline: escalateTranscript, onFailure: escalateTranscript, onCancelled: cancelled },
      "start-transcription",
    );
    transcribe.next(draft);

    const escalateNotHeld = this.escalate(
      "EscalateMeetingNotRecorded",
      "meeting-not-recorded",
      {},
      handlerFailed,
    );
    const awaitMeeting = this.wait("AwaitMeeting", "meeting-held", {}, "$.held", {
      onDeadline: escalateNotHeld,
      onFailure: handlerFailed,
      onCancelled: cancelled,
    });
    escalateNotHeld.next(awaitMeeting);
    awaitMeeting.next(transcribe);

    const invite = this.step(
      "SendInvitations",
      "send-invitations",
      { "meetingId.$": "$.meetingId" },
      "$.invitations",
      handlerFailed,
    );
    invite.next(awaitMeeting);
    const convene = this.step(
      "Convene",
      "convene-meeting",
      { "meetingId.$": "$.meetingId" },
      "$.plan",
      handlerFailed,
    );
    convene.next(invite);

    const route = new sfn.Choice(this, "RouteByPhase", { comment: "Start again at the persisted phase" })
      .when(sfn.Condition.stringEquals("$.meeting.phase", "invite"), invite)
      // Invitations first: a restart after a crash part-way through a reschedule's updated
      // invitations sends the rest (those already invited for the sequence are not invited again).
      .when(sfn.Condition.stringEquals("$.meeting.phase", "await-meeting"), invite)
      .when(sfn.Condition.stringEquals("$.meeting.phase", "transcribe"), transcribe)
      .when(sfn.Condition.stringEquals("$.meeting.phase", "draft-minutes"), draft)
      // Requests first: a restart after a crash part-way through a version's requests sends the
      // rest (each request is recorded, so those already sent are not sent again).
      .when(sfn.Condition.stringEquals("$.meeting.phase", "agree-minutes"), requestApprovals)
      .when(sfn.Condition.stringEquals("$.meeting.phase", "distribute"), distribute)
      .when(sfn.Condition.stringEquals("$.meeting.phase", "track-actions"), startTrackers)
      .when(sfn.Condition.stringEquals("$.meeting.phase", "review"), scheduleReview)
      .when(sfn.Condition.stringEquals("$.meeting.phase", "closed"), done)
      .when(sfn.Condition.stringEquals("$.meeting.phase", "cancelled"), cancelled)
      .otherwise(convene);
    load.next(route);
    return load;
  }

  private actionTrackerDefinition(): sfn.IChainable {
    const failed = new sfn.Fail(this, "TrackerFailed", {
      error: "TrackerFailed",
      cause: "A tracker step kept failing; the chair was told",
    });
    const escalationFailed = new sfn.Fail(this, "TrackerEscalationFailed", {
      error: "EscalationFailed",
      cause: "A tracker step kept failing and the escalation to the chair failed too",
    });
    const handlerFailed = this.step(
      "EscalateTrackerFailure",
      "escalate",
      {
        "meetingId.$": "$.meetingId",
        "actionNumber.$": "$.actionNumber",
        reason: "handler-failure",
        "failure.$": "$.failure",
      },
      undefined,
      escalationFailed,
      "$.escalationFailure",
    );
    handlerFailed.next(failed);

    const closed = new sfn.Succeed(this, "ActionClosed");
    const slipped = new sfn.Succeed(this, "ActionSlipped", { comment: "Raised for the review meeting" });
    const close = (id: string, outcome: "done" | "slipped" | "cancelled", next: sfn.IChainable) =>
      this.step(
        id,
        "close-action",
        { "meetingId.$": "$.meetingId", "actionNumber.$": "$.actionNumber", outcome },
        "$.closed",
        handlerFailed,
      ).next(next);

    const recordDone = close("RecordActionDone", "done", closed);
    const recordCancelled = close("RecordActionCancelled", "cancelled", closed);
    const recordSlipped = close("RecordActionSlipped", "slipped", slipped);

    // A new date agreed by the team manager: back to the first rung, reminders before the new date.
    const redated = new sfn.Pass(this, "StartAgainFromNewDate", {
      comment: "A team manager agreed a new date: the ladder starts again from it",
      result: sfn.Result.fromNumber(0),
      resultPath: "$.startLevel",
    });

    // The escalation ladder (seed 001: the person's own line manager first, then further up).
    const awaitAt = (id: string, level: number, onDeadline: sfn.IChainable) => {
      const task = this.wait(id, "action", { "ref.$": "$.actionNumber", level }, "$.outcome", {
        onDeadline,
        onFailure: handlerFailed,
        onCancelled: recordCancelled,
        onRedated: redated,
      });
      task.next(recordDone);
      return task;
    };
    const escalateTo = (id: string, level: number, next: sfn.IChainable) =>
      this.escalate(id, "action-overdue", { "actionNumber.$": "$.actionNumber", level }, handlerFailed).next(
        next,
      );
    const awaitAfterServiceManager = awaitAt("AwaitAfterServiceManagerEscalation", 3, recordSlipped);
    const awaitAfterChair = awaitAt(
      "AwaitAfterChairEscalation",
      2,
      escalateTo("EscalateToServiceManager", 3, awaitAfterServiceManager),
    );
    const awaitAfterLineManager = awaitAt(
      "AwaitAfterLineManagerEscalation",
      1,
      escalateTo("EscalateToChairAndTeamManager", 2, awaitAfterChair),
    );
    const awaitAction = awaitAt(
      "AwaitActionDone",
      0,
      escalateTo("EscalateToLineManager", 1, awaitAfterLineManager),
    );
    // A tracker restarted after a redeploy or a local restart resumes at the rung it had reached.
    const route = new sfn.Choice(this, "RouteByLevel", {
      comment: "Start again at the escalation level reached",
    })
      .when(sfn.Condition.numberEquals("$.startLevel", 1), awaitAfterLineManager)
      .when(sfn.Condition.numberEquals("$.startLevel", 2), awaitAfterChair)
      .when(sfn.Condition.numberEquals("$.startLevel", 3), awaitAfterServiceManager)
      .otherwise(awaitAction);
    redated.next(route);
    return route;
  }
}
