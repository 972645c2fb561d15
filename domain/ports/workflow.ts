/**
 * The Workflow port: how use cases talk to the state machines. Step Functions in the cloud; the
 * embedded runner (aws-local-stepfunctions with emulated callbacks) locally.
 */
export interface WorkflowPort {
  /** Starts the lifecycle of a meeting (execution name = meeting id, so a start is idempotent). */
  startLifecycle(meetingId: string): Promise<void>;
  /**
   * Starts an action's tracker. `run` numbers a later tracker of the same action (a slipped
   * action given a new date): each run is its own execution.
   */
  startActionTracker(
    meetingId: string,
    actionNumber: number,
    startLevel?: number,
    run?: number,
  ): Promise<void>;
  sendTaskSuccess(token: string, output: unknown): Promise<void>;
  sendTaskFailure(token: string, error: string, cause: string): Promise<void>;
}

/** The clock port: the only place the lifecycle reads time. */
export interface Clock {
  now(): Date;
}
