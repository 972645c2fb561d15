/** The WorkflowPort on AWS Step Functions. */
import {
  ExecutionAlreadyExists,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { WorkflowPort } from "../../domain/ports/workflow.ts";

export class SfnWorkflow implements WorkflowPort {
  constructor(
    private readonly client: SFNClient,
    private readonly arns: { lifecycle: () => string; actionTracker: () => string },
  ) {}

  private async start(stateMachineArn: string, name: string, input: unknown): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
      );
    } catch (error) {
      // Execution names are unique per state machine: a second start of the same meeting is a no-op.
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }

  startLifecycle(meetingId: string): Promise<void> {
    return this.start(this.arns.lifecycle(), meetingId, { meetingId });
  }

  startActionTracker(meetingId: string, actionNumber: number, startLevel = 0, run = 0): Promise<void> {
    const name = `${meetingId}-action-${actionNumber}-${startLevel}${run > 0 ? `-r${run}` : ""}`;
    return this.start(this.arns.actionTracker(), name, {
      meetingId,
      actionNumber,
      startLevel,
    });
  }

  async sendTaskSuccess(token: string, output: unknown): Promise<void> {
    await this.client.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output ?? {}) }),
    );
  }

  async sendTaskFailure(token: string, error: string, cause: string): Promise<void> {
    await this.client.send(
      new SendTaskFailureCommand({ taskToken: token, error, cause: cause.slice(0, 32_000) }),
    );
  }
}
