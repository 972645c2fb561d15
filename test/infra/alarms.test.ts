/** Failures reach people: dead-letter queues on every asynchronous entry point, few alarms, email. */
import type { CfnElement } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import type { ConveneStack } from "../../lib/convene-stack.ts";
import type { ConveneInboundStack } from "../../lib/inbound-stack.ts";
import { asyncEntryPoints } from "../../lib/redrive-plan.ts";
import { buildConveneApp, localSynthAuthority } from "../../lib/synth-local.ts";
import type { CfnResource, CfnTemplate } from "./template-helpers.ts";

let stack: ConveneStack;
let inbound: ConveneInboundStack;
let template: Template;
let json: CfnTemplate;
let inboundJson: CfnTemplate;
const emails = ["ops@council.example", "duty.manager@council.example"];
const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);
const resourcesOf = (t: CfnTemplate, type: string): CfnResource[] =>
  Object.values(t.Resources).filter((r) => r.Type === type);
type KeyStatement = {
  Sid?: string;
  Principal?: { Service?: unknown };
  Condition?: Record<string, Record<string, unknown>>;
};
const keyStatements = (t: CfnTemplate): KeyStatement[] =>
  resourcesOf(t, "AWS::KMS::Key").flatMap(
    (k) => (k.Properties.KeyPolicy as { Statement: KeyStatement[] }).Statement,
  );

beforeAll(() => {
  const authority = parseAuthorityConfig(
    // Receiving in Ireland: the second stack has its own topic and alarm.
    { ...localSynthAuthority, deployment: { alarmEmails: emails, receivingRegion: "eu-west-1" } },
    "authorities/x.json",
  );
  ({ stack } = buildConveneApp({ authority }));
  inbound = stack.inbound as ConveneInboundStack;
  template = Template.fromStack(stack);
  json = template.toJSON() as CfnTemplate;
  inboundJson = Template.fromStack(inbound).toJSON() as CfnTemplate;
});

describe("the alarm topic", () => {
  it("subscribes every alarm email of the authority file, in both Regions", () => {
    for (const t of [json, inboundJson]) {
      const subscribed = resourcesOf(t, "AWS::SNS::Subscription")
        .filter((s) => s.Properties.Protocol === "email")
        .map((s) => s.Properties.Endpoint);
      expect(subscribed.sort()).toEqual([...emails].sort());
    }
  });

  it("lets CloudWatch alarms of this account publish, and CloudWatch encrypt with the key for them only", () => {
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [{ Ref: idOf(stack.stateless.alarmTopic) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Condition: {
              StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
              ArnLike: { "aws:SourceArn": Match.anyValue() },
            },
          }),
        ]),
      },
    });
    const cloudwatch = keyStatements(json).find((s) => JSON.stringify(s.Principal).includes("cloudwatch"));
    expect(cloudwatch?.Condition?.StringEquals?.["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
    expect(JSON.stringify(cloudwatch?.Condition?.ArnLike?.["aws:SourceArn"])).toContain(":alarm:*");
  });
});

describe("dead letters", () => {
  it("every asynchronous entry point has an encrypted dead-letter queue, used by Lambda for failed async invocations", () => {
    for (const entry of asyncEntryPoints) {
      const queue = stack.stateless.deadLetters[entry];
      expect(json.Resources[idOf(queue)]?.Properties).toMatchObject({
        QueueName: `convene-local-${entry}-dlq`,
        KmsMasterKeyId: { "Fn::GetAtt": [idOf(stack.stateful.key), "Arn"] },
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      expect(json.Resources[idOf(stack.stateless.functions[entry])]?.Properties.DeadLetterConfig).toEqual({
        TargetArn: { "Fn::GetAtt": [idOf(queue), "Arn"] },
      });
    }
  });

  it("the sweeper's schedule and the Transcribe job rule send undeliverable events to the DLQs", () => {
    for (const entry of ["sweeper", "transcription-events"] as const) {
      template.hasResourceProperties("AWS::Events::Rule", {
        Targets: [
          Match.objectLike({
            Arn: { "Fn::GetAtt": [idOf(stack.stateless.functions[entry]), "Arn"] },
            DeadLetterConfig: { Arn: { "Fn::GetAtt": [idOf(stack.stateless.deadLetters[entry]), "Arn"] } },
          }),
        ],
      });
    }
  });

  it("SES feedback over SNS, and inbound replies over SNS from the receiving Region, have subscription DLQs", () => {
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "lambda",
      RedrivePolicy: {
        deadLetterTargetArn: { "Fn::GetAtt": [idOf(stack.stateless.deadLetters["ses-feedback"]), "Arn"] },
      },
    });
    const queueId = inbound.getLogicalId(inbound.deadLetters.node.defaultChild as CfnElement);
    Template.fromStack(inbound).hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "lambda",
      RedrivePolicy: { deadLetterTargetArn: { "Fn::GetAtt": [queueId, "Arn"] } },
    });
  });

  it("lets SNS and EventBridge encrypt dead letters for this account's topics and rules only", () => {
    for (const service of ["sns.amazonaws.com", "events.amazonaws.com"]) {
      const statement = keyStatements(json).find(
        (s) => JSON.stringify(s.Principal?.Service) === JSON.stringify(service),
      );
      expect(statement?.Condition?.StringEquals?.["aws:SourceAccount"], service).toEqual({
        Ref: "AWS::AccountId",
      });
      expect(statement?.Condition?.ArnLike?.["aws:SourceArn"], service).toBeDefined();
    }
  });
});

describe("alarms", () => {
  const metricsOf = (alarm: CfnResource): string[] =>
    (
      (alarm.Properties.Metrics as Array<{ MetricStat?: { Metric: { MetricName: string } } }> | undefined) ??
      []
    ).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));

  it("are few, each to the alarm topic, and together watch everything the issue lists", () => {
    const alarms = resourcesOf(json, "AWS::CloudWatch::Alarm");
    expect(alarms.length).toBe(6);
    for (const alarm of alarms)
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: idOf(stack.stateless.alarmTopic) }]);
    const watched = alarms.flatMap(metricsOf);
    // Failed and timed-out executions reach the topic by EventBridge, not by an alarm (below).
    expect(watched).not.toContain("ExecutionsFailed");
    for (const metric of [
      "Errors",
      "Throttles",
      "ApproximateNumberOfMessagesVisible",
      "Invocations",
      "Reputation.BounceRate",
      "Reputation.ComplaintRate",
      "5XXError",
    ]) {
      expect(watched, metric).toContain(metric);
    }
    // Every dead-letter queue is watched: the entry points' and the workflow-failure rule's.
    expect(watched.filter((m) => m === "ApproximateNumberOfMessagesVisible").length).toBe(
      asyncEntryPoints.length + 1,
    );
  });

  it("fires when the sweeper has not run for 15 minutes, missing data included", () => {
    const sweeper = resourcesOf(json, "AWS::CloudWatch::Alarm").find((a) =>
      metricsOf(a).includes("Invocations"),
    );
    expect(sweeper?.Properties.TreatMissingData).toBe("breaching");
    const stat = (
      sweeper?.Properties.Metrics as Array<{
        MetricStat?: { Period: number; Metric: { Dimensions: unknown } };
      }>
    ).find((m) => m.MetricStat)?.MetricStat;
    expect(stat?.Period).toBe(900);
    expect(JSON.stringify(stat?.Metric.Dimensions)).toContain(idOf(stack.stateless.functions.sweeper));
  });

  it("watches the receiving Region's dead-letter queue there, to its own alarm topic", () => {
    const [alarm, ...others] = resourcesOf(inboundJson, "AWS::CloudWatch::Alarm");
    expect(others).toEqual([]);
    expect(alarm?.Properties.MetricName).toBe("ApproximateNumberOfMessagesVisible");
    expect(alarm?.Properties.AlarmActions).toEqual([
      { Ref: inbound.getLogicalId(inbound.alarmTopic.node.defaultChild as CfnElement) },
    ]);
  });
});

describe("workflow failures", () => {
  const ruleId = () => idOf(stack.stateless.workflowFailures);
  const topicRef = () => ({ Ref: idOf(stack.stateless.alarmTopic) });

  it("an EventBridge rule sends each failed or timed-out execution of both state machines to the alarm topic", () => {
    const rule = json.Resources[ruleId()];
    const { lifecycle, actionTracker } = stack.stateless.workflows;
    expect(rule?.Properties.EventPattern).toEqual({
      source: ["aws.states"],
      "detail-type": ["Step Functions Execution Status Change"],
      detail: {
        status: ["FAILED", "TIMED_OUT"],
        stateMachineArn: [{ Ref: idOf(lifecycle) }, { Ref: idOf(actionTracker) }],
      },
    });
    const [target, ...others] = rule?.Properties.Targets as Array<Record<string, unknown>>;
    expect(others).toEqual([]);
    expect(target?.Arn).toEqual(topicRef());
    expect(target?.DeadLetterConfig).toEqual({
      Arn: { "Fn::GetAtt": [idOf(stack.stateless.workflowFailureDeadLetters), "Arn"] },
    });
    // Ids and status only: the event's input, output and cause can hold meeting data.
    const transformer = target?.InputTransformer as { InputPathsMap: Record<string, string> };
    expect(Object.values(transformer.InputPathsMap).sort()).toEqual([
      "$.detail.executionArn",
      "$.detail.status",
      "$.time",
    ]);
  });

  it("the topic lets that rule alone publish, and the key lets EventBridge encrypt for this account's rules", () => {
    const fromTheRule = {
      StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
      ArnEquals: { "aws:SourceArn": { "Fn::GetAtt": [ruleId(), "Arn"] } },
    };
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [topicRef()],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sns:Publish",
            Condition: fromTheRule,
          }),
        ]),
      },
    });
    // No statement of any topic or queue policy lets EventBridge in without naming the rule.
    for (const policy of [
      ...resourcesOf(json, "AWS::SNS::TopicPolicy"),
      ...resourcesOf(json, "AWS::SQS::QueuePolicy"),
    ]) {
      const statements = (policy.Properties.PolicyDocument as { Statement: KeyStatement[] }).Statement;
      for (const statement of statements.filter((st) => JSON.stringify(st.Principal).includes("events"))) {
        expect(
          statement.Condition?.ArnEquals?.["aws:SourceArn"] ?? statement.Condition?.ArnLike,
        ).toBeDefined();
      }
    }
    const events = keyStatements(json).find(
      (st) => JSON.stringify(st.Principal?.Service) === JSON.stringify("events.amazonaws.com"),
    );
    expect(events?.Condition?.StringEquals?.["aws:SourceAccount"]).toEqual({ Ref: "AWS::AccountId" });
    expect(JSON.stringify(events?.Condition?.ArnLike?.["aws:SourceArn"])).toContain(":rule/*");
  });

  it("what EventBridge cannot deliver waits in an encrypted queue that an alarm watches", () => {
    const queue = stack.stateless.workflowFailureDeadLetters;
    expect(json.Resources[idOf(queue)]?.Properties).toMatchObject({
      QueueName: "convene-local-workflow-failures-dlq",
      KmsMasterKeyId: { "Fn::GetAtt": [idOf(stack.stateful.key), "Arn"] },
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    const watching = resourcesOf(json, "AWS::CloudWatch::Alarm").filter((alarm) =>
      JSON.stringify(alarm.Properties.Metrics).includes(idOf(queue)),
    );
    expect(watching.length).toBe(1);
  });
});
