/**
 * `convene redrive`: which queue is drained into which function, in what shape, and that a dead
 * letter is deleted only once Lambda accepted it again. The AWS side (SQS, Lambda) is behind
 * RedrivePort; no local SQS is available here, so the loop runs against an in-memory queue.
 */
import type { CfnElement } from "aws-cdk-lib";
import type * as sqs from "aws-cdk-lib/aws-sqs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import type { ConveneStack } from "../../lib/convene-stack.ts";
import type { ConveneInboundStack } from "../../lib/inbound-stack.ts";
import {
  asyncEntryPoints,
  type DeadLetter,
  DeadLetterError,
  type RedrivePort,
  type RedriveTarget,
  redrive,
  redrivePayload,
  redriveTargets,
} from "../../lib/redrive-plan.ts";
import { buildConveneApp, localSynthAuthority } from "../../lib/synth-local.ts";

let stack: ConveneStack;
beforeAll(() => {
  // Receiving in Ireland: a dead-letter queue in each Region.
  ({ stack } = buildConveneApp({
    authority: parseAuthorityConfig(
      { ...localSynthAuthority, deployment: { receivingRegion: "eu-west-1" } },
      "authorities/x.json",
    ),
  }));
});

describe("what is redriven where", () => {
  it("names exactly the dead-letter queues and entry functions the synthesized stacks create", () => {
    const targets = redriveTargets({ id: "local", ...stack.authority.deployment });
    const inbound = stack.inbound as ConveneInboundStack;
    const queues = [
      ...asyncEntryPoints.map((entry) => ({
        name: stack.resolve((stack.stateless.deadLetters[entry].node.defaultChild as sqs.CfnQueue).queueName),
        region: stack.region,
      })),
      {
        name: inbound.resolve((inbound.deadLetters.node.defaultChild as sqs.CfnQueue).queueName),
        region: inbound.region,
      },
    ];
    expect(targets.map((t) => ({ name: t.queueName, region: t.queueRegion }))).toEqual(queues);
    for (const target of targets) {
      const entry = asyncEntryPoints.find((e) => target.functionName === `convene-local-${e}`);
      expect(entry, target.functionName).toBeDefined();
      const fn = stack.stateless.functions[entry ?? "sweeper"];
      expect(
        stack.resolve((fn.node.defaultChild as CfnElement & { functionName: string }).functionName),
      ).toBe(target.functionName);
      expect(target.functionRegion).toBe("eu-west-2");
    }
    // The receiving Region's queue goes back to inbound-email in London.
    expect(targets.at(-1)).toEqual({
      queueName: "convene-local-inbound-dlq",
      queueRegion: "eu-west-1",
      functionName: "convene-local-inbound-email",
      functionRegion: "eu-west-2",
    });
  });

  it("has no receiving-Region queue when SES receives in the authority's Region", () => {
    expect(
      redriveTargets({ id: "x", region: "eu-west-1", receivingRegion: "eu-west-1" }).map(
        (t) => t.queueRegion,
      ),
    ).toEqual(["eu-west-1", "eu-west-1", "eu-west-1", "eu-west-1"]);
  });
});

describe("redrivePayload", () => {
  it("sends a Lambda or EventBridge dead letter back as the event it was", () => {
    const event = { "detail-type": "Scheduled Event", source: "aws.events", detail: {} };
    expect(redrivePayload(JSON.stringify(event))).toEqual(event);
  });

  it("re-wraps an SNS subscription's dead letter in the Records[].Sns event Lambda receives", () => {
    const envelope = {
      Type: "Notification",
      TopicArn: "arn:aws:sns:eu-west-1:1:convene-x-inbound",
      Message: "{}",
    };
    expect(redrivePayload(JSON.stringify(envelope))).toEqual({
      Records: [
        {
          EventSource: "aws:sns",
          EventVersion: "1.0",
          EventSubscriptionArn: "arn:aws:sns:eu-west-1:1:convene-x-inbound:redrive",
          Sns: envelope,
        },
      ],
    });
  });

  it("refuses a body that is not a JSON object", () => {
    expect(() => redrivePayload("not json")).toThrow(DeadLetterError);
    expect(() => redrivePayload("[1]")).toThrow(/not a JSON object/);
  });
});

/** An in-memory queue per target and a record of invocations: our port, not the AWS SDK. */
function memoryPort(bodies: string[], refuse: (payload: unknown) => boolean = () => false) {
  const queue: DeadLetter[] = bodies.map((body, i) => ({ body, receiptHandle: `r${i}` }));
  const invoked: unknown[] = [];
  const port: RedrivePort = {
    receive: async () => queue.slice(0, 10),
    invoke: async (_target, payload) => {
      if (refuse(payload)) throw new Error("TooManyRequestsException");
      invoked.push(payload);
    },
    delete: async (_target, message) => {
      queue.splice(queue.indexOf(message), 1);
    },
  };
  return { port, queue, invoked };
}

const target: RedriveTarget = {
  queueName: "convene-x-sweeper-dlq",
  queueRegion: "eu-west-2",
  functionName: "convene-x-sweeper",
  functionRegion: "eu-west-2",
};

describe("redrive", () => {
  it("invokes each dead letter again and deletes it once Lambda accepted it", async () => {
    const bodies = Array.from({ length: 23 }, (_, i) => JSON.stringify({ n: i }));
    const { port, queue, invoked } = memoryPort(bodies);
    const [outcome] = await redrive([target], port);
    expect(outcome).toEqual({
      queueName: target.queueName,
      functionName: target.functionName,
      redriven: 23,
      kept: [],
    });
    expect(invoked).toEqual(bodies.map((b) => JSON.parse(b)));
    expect(queue).toEqual([]);
  });

  it("keeps what cannot be redriven, or what Lambda refused, in the queue and says why", async () => {
    const { port, queue } = memoryPort(
      ['{"n":1}', "garbage", '{"n":2}'],
      (p) => (p as { n: number }).n === 2,
    );
    const [outcome] = await redrive([target], port);
    expect(outcome?.redriven).toBe(1);
    expect(outcome?.kept).toEqual([
      'the message body is not JSON (starts "garbage")',
      "Lambda refused the invocation: TooManyRequestsException",
    ]);
    expect(queue.map((m) => m.body)).toEqual(["garbage", '{"n":2}']);
  });

  it("changes nothing on a dry run", async () => {
    const { port, queue, invoked } = memoryPort(['{"n":1}']);
    const [outcome] = await redrive([target], port, { dryRun: true });
    expect(outcome?.kept).toEqual(["dry run"]);
    expect(invoked).toEqual([]);
    expect(queue.length).toBe(1);
  });
});
