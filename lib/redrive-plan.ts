/**
 * Dead letters of an authority's asynchronous entry points, and how to redrive them: which queue
 * holds what, which function each message goes back to, and in what shape. Pure (no AWS SDK, no
 * CDK): the stack names its queues and functions with these, and `convene redrive` reads them.
 *
 * Each entry point has one encrypted SQS queue, used both by the delivering service (EventBridge
 * target DLQ, SNS subscription DLQ) and by Lambda for async invocations that failed every retry.
 * Message bodies are therefore either the event the function was invoked with (Lambda and
 * EventBridge DLQs) or an SNS envelope (SNS subscription DLQs), which is re-wrapped in the
 * `Records[].Sns` event Lambda would have received.
 */

/** The functions invoked asynchronously (by SES, SNS or EventBridge), each with its own dead-letter queue. */
export const asyncEntryPoints = ["inbound-email", "ses-feedback", "sweeper", "transcription-events"] as const;
export type AsyncEntryPoint = (typeof asyncEntryPoints)[number];

/** The fixed name of an entry-point function (so redrive and another Region's stack can name it). */
export function entryFunctionName(authorityId: string, entry: AsyncEntryPoint): string {
  return `convene-${authorityId}-${entry}`;
}

/** The dead-letter queue of an entry point, in the authority's Region. */
export function deadLetterQueueName(authorityId: string, entry: AsyncEntryPoint): string {
  return `convene-${authorityId}-${entry}-dlq`;
}

/** The dead-letter queue of the inbound topic's subscription, in the receiving Region. */
export function inboundDeadLetterQueueName(authorityId: string): string {
  return `convene-${authorityId}-inbound-dlq`;
}

/**
 * The dead-letter queue of the workflow-failure rule (failure notices EventBridge could not publish
 * to the alarm topic). Not an entry point: nothing to redrive into; read its messages to see which
 * executions failed.
 */
export function workflowFailuresQueueName(authorityId: string): string {
  return `convene-${authorityId}-workflow-failures-dlq`;
}

/** One queue to drain and the function its messages go back to. */
export interface RedriveTarget {
  queueName: string;
  queueRegion: string;
  functionName: string;
  functionRegion: string;
}

/**
 * Every dead-letter queue of an authority, with where its messages go back to.
 * @example redriveTargets({ id: "demo", region: "eu-west-2", receivingRegion: "eu-west-1" })
 */
export function redriveTargets(authority: {
  id: string;
  region: string;
  receivingRegion: string;
}): RedriveTarget[] {
  const targets: RedriveTarget[] = asyncEntryPoints.map((entry) => ({
    queueName: deadLetterQueueName(authority.id, entry),
    queueRegion: authority.region,
    functionName: entryFunctionName(authority.id, entry),
    functionRegion: authority.region,
  }));
  if (authority.receivingRegion !== authority.region) {
    targets.push({
      queueName: inboundDeadLetterQueueName(authority.id),
      queueRegion: authority.receivingRegion,
      functionName: entryFunctionName(authority.id, "inbound-email"),
      functionRegion: authority.region,
    });
  }
  return targets;
}

/** A dead letter whose body is not JSON: it cannot be redriven and stays in the queue. */
export class DeadLetterError extends Error {
  override name = "DeadLetterError";
}

/**
 * The event to invoke the function with again, from a dead letter's body: the body itself, or,
 * for an SNS envelope (an SNS subscription's DLQ), the `Records[].Sns` event Lambda receives.
 * @throws DeadLetterError when the body is not a JSON object.
 */
export function redrivePayload(body: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new DeadLetterError(`the message body is not JSON (starts ${JSON.stringify(body.slice(0, 40))})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new DeadLetterError("the message body is not a JSON object");
  }
  const envelope = parsed as Record<string, unknown>;
  if (envelope.Type === "Notification" && typeof envelope.TopicArn === "string" && "Message" in envelope) {
    return {
      Records: [
        {
          EventSource: "aws:sns",
          EventVersion: "1.0",
          EventSubscriptionArn: `${envelope.TopicArn}:redrive`,
          Sns: envelope,
        },
      ],
    };
  }
  return parsed;
}

/** A message received from a dead-letter queue. */
export interface DeadLetter {
  body: string;
  receiptHandle: string;
}

/** What redrive needs from AWS (SQS and Lambda); `cli/redrive.ts` implements it with the SDK. */
export interface RedrivePort {
  /** Up to 10 visible messages of the queue; an empty list when it is drained. */
  receive(target: RedriveTarget): Promise<DeadLetter[]>;
  /** Invokes the function asynchronously with the payload; throws when Lambda refuses. */
  invoke(target: RedriveTarget, payload: unknown): Promise<void>;
  delete(target: RedriveTarget, message: DeadLetter): Promise<void>;
}

export interface RedriveOutcome {
  queueName: string;
  functionName: string;
  redriven: number;
  /** Messages left in the queue, with why. */
  kept: string[];
}

/**
 * Drains each target's queue into its function: every message is invoked again (asynchronously,
 * so the function's retries and dead-letter queue apply again) and deleted only once Lambda
 * accepted it. A message that cannot be redriven stays in the queue (until its 14 days end) and is
 * reported. `limit` caps the messages per queue.
 */
export async function redrive(
  targets: readonly RedriveTarget[],
  port: RedrivePort,
  { dryRun = false, limit = 1000 }: { dryRun?: boolean; limit?: number } = {},
): Promise<RedriveOutcome[]> {
  const outcomes: RedriveOutcome[] = [];
  for (const target of targets) {
    const outcome: RedriveOutcome = {
      queueName: target.queueName,
      functionName: target.functionName,
      redriven: 0,
      kept: [],
    };
    const seen = new Set<string>();
    while (outcome.redriven + outcome.kept.length < limit) {
      const batch = (await port.receive(target)).filter((m) => !seen.has(m.receiptHandle));
      if (batch.length === 0) break;
      for (const message of batch) {
        seen.add(message.receiptHandle);
        if (outcome.redriven + outcome.kept.length >= limit) break;
        let payload: unknown;
        try {
          payload = redrivePayload(message.body);
        } catch (error) {
          if (!(error instanceof DeadLetterError)) throw error;
          outcome.kept.push(error.message);
          continue;
        }
        if (dryRun) {
          outcome.kept.push("dry run");
          continue;
        }
        try {
          await port.invoke(target, payload);
        } catch (error) {
          outcome.kept.push(`Lambda refused the invocation: ${(error as Error).message}`);
          continue;
        }
        await port.delete(target, message);
        outcome.redriven++;
      }
    }
    outcomes.push(outcome);
  }
  return outcomes;
}
