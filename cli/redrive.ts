/**
 * `convene redrive [--authority FILE.json] [--dry-run] [--limit N]`: sends the dead letters of an
 * authority's asynchronous entry points (inbound email, SES feedback, the sweeper, Transcribe job
 * events) back to their functions; see lib/redrive-plan.ts for what goes where.
 *
 * Needs AWS credentials for the authority's account (the default credential chain: a profile,
 * SSO or environment variables) allowed sqs:GetQueueUrl, sqs:ReceiveMessage, sqs:DeleteMessage,
 * kms:Decrypt on the queues' keys and lambda:InvokeFunction on the entry-point functions.
 */
import { parseArgs } from "node:util";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import {
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { defaultAuthorityPath } from "#adapters/config/effective-catalog.ts";
import { ConfigError, loadAuthorityFile } from "#adapters/config/load-authority.ts";
import { type RedrivePort, type RedriveTarget, redrive, redriveTargets } from "#lib/redrive-plan.ts";
import { type Command, UsageError } from "./io.ts";

/** The SDK implementation of {@link RedrivePort}: one client per Region. */
export function awsRedrivePort(): RedrivePort {
  const sqs = new Map<string, SQSClient>();
  const lambda = new Map<string, LambdaClient>();
  const urls = new Map<string, string>();
  const sqsIn = (region: string): SQSClient => {
    const client = sqs.get(region) ?? new SQSClient({ region });
    sqs.set(region, client);
    return client;
  };
  const lambdaIn = (region: string): LambdaClient => {
    const client = lambda.get(region) ?? new LambdaClient({ region });
    lambda.set(region, client);
    return client;
  };
  const urlOf = async (target: RedriveTarget) => {
    const key = `${target.queueRegion}/${target.queueName}`;
    const known = urls.get(key);
    if (known) return known;
    const { QueueUrl } = await sqsIn(target.queueRegion).send(
      new GetQueueUrlCommand({ QueueName: target.queueName }),
    );
    if (!QueueUrl) throw new Error(`no queue ${target.queueName} in ${target.queueRegion}`);
    urls.set(key, QueueUrl);
    return QueueUrl;
  };
  return {
    async receive(target) {
      const { Messages = [] } = await sqsIn(target.queueRegion).send(
        new ReceiveMessageCommand({
          QueueUrl: await urlOf(target),
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          // Long enough to invoke and delete; a message not deleted comes back for the next run.
          VisibilityTimeout: 60,
        }),
      );
      return Messages.flatMap((m) =>
        m.Body !== undefined && m.ReceiptHandle !== undefined
          ? [{ body: m.Body, receiptHandle: m.ReceiptHandle }]
          : [],
      );
    },
    async invoke(target, payload) {
      const { StatusCode, FunctionError } = await lambdaIn(target.functionRegion).send(
        new InvokeCommand({
          FunctionName: target.functionName,
          InvocationType: "Event",
          Payload: new TextEncoder().encode(JSON.stringify(payload)),
        }),
      );
      if (StatusCode !== 202 || FunctionError)
        throw new Error(`status ${StatusCode} ${FunctionError ?? ""}`.trim());
    },
    async delete(target, message) {
      await sqsIn(target.queueRegion).send(
        new DeleteMessageCommand({ QueueUrl: await urlOf(target), ReceiptHandle: message.receiptHandle }),
      );
    },
  };
}

export const redriveCommand: Command = async (argv, io) => {
  let values: { authority?: string; "dry-run"?: boolean; limit?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        authority: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        limit: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0] ?? "bad arguments");
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new UsageError(`--limit: expected a whole number of messages, got ${JSON.stringify(values.limit)}`);
  }
  let authority: Awaited<ReturnType<typeof loadAuthorityFile>>;
  try {
    authority = await loadAuthorityFile(values.authority ?? defaultAuthorityPath);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message.split("\n")[0] ?? error.message);
    throw error;
  }
  const targets = redriveTargets({ id: authority.id, ...authority.deployment });
  const outcomes = await redrive(targets, awsRedrivePort(), { dryRun: values["dry-run"], limit });
  for (const o of outcomes) {
    io.out(`${o.queueName} -> ${o.functionName}: ${o.redriven} redriven, ${o.kept.length} kept`);
    for (const reason of o.kept) io.out(`  kept: ${reason}`);
  }
  return outcomes.some((o) => o.kept.some((reason) => reason !== "dry run")) ? 1 : 0;
};
