import type { CfnElement } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import { tableDesign } from "../../adapters/dynamo/table-design.ts";
import { type FunctionName, type FunctionSpec, functionSpecs } from "../../functions/catalog.ts";
import type { ConveneStack } from "../../lib/convene-stack.ts";
import { envNames } from "../../lib/function-environment.ts";
import { stateMachineNames } from "../../lib/stateless.ts";
import { buildConveneApp, localSynthAuthority } from "../../lib/synth-local.ts";
import {
  actionsOf,
  type CfnTemplate,
  dependencyGraph,
  findCycle,
  type IamStatement,
  propertiesOf,
  referencedIds,
  statementsOfRole,
} from "./template-helpers.ts";

let stack: ConveneStack;
let template: Template;
let json: CfnTemplate;
const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);
const resourcesOf = (type: string) => Object.entries(json.Resources).filter(([, r]) => r.Type === type);
const statementsOf = (name: FunctionName): IamStatement[] =>
  statementsOfRole(json, idOf(stack.stateless.functions[name].executionRole));
const specs: readonly FunctionSpec[] = functionSpecs;

beforeAll(() => {
  // In Europe (Ireland), where SES receives email: the whole authority in one stack. The default
  // Region (London, no SES receiving) and its receiving stack are tested in region.test.ts.
  const authority = parseAuthorityConfig(
    { ...localSynthAuthority, deployment: { region: "eu-west-1" } },
    "localSynthAuthority in eu-west-1",
  );
  ({ stack } = buildConveneApp({ authority }));
  template = Template.fromStack(stack);
  json = template.toJSON() as CfnTemplate;
});

describe("the table", () => {
  it("has the keys, timer index and TTL attribute of table-design.ts, on demand, with PITR and the CMK", () => {
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      KeySchema: [
        { AttributeName: tableDesign.partitionKey, KeyType: "HASH" },
        { AttributeName: tableDesign.sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: tableDesign.timersIndex.name,
          KeySchema: [
            { AttributeName: tableDesign.timersIndex.partitionKey, KeyType: "HASH" },
            { AttributeName: tableDesign.timersIndex.sortKey, KeyType: "RANGE" },
          ],
        }),
      ],
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: {
        SSEEnabled: true,
        SSEType: "KMS",
        KMSMasterKeyId: { "Fn::GetAtt": [idOf(stack.stateful.key), "Arn"] },
      },
      DeletionProtectionEnabled: true,
      TimeToLiveSpecification: { AttributeName: tableDesign.ttlAttribute, Enabled: true },
    });
  });

  it("is retained when the stack is deleted", () => {
    template.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });
});

describe("backups", () => {
  it("back up the table and the documents bucket daily for 35 days and monthly for the retention period", () => {
    template.hasResourceProperties("AWS::Backup::BackupPlan", {
      BackupPlan: {
        BackupPlanName: Match.anyValue(),
        BackupPlanRule: [
          Match.objectLike({ RuleName: "daily", Lifecycle: { DeleteAfterDays: 35 } }),
          Match.objectLike({
            RuleName: "monthly",
            Lifecycle: { DeleteAfterDays: Math.ceil(localSynthAuthority.retentionYears * 365.25) },
          }),
        ],
      },
    });
    const selection = resourcesOf("AWS::Backup::BackupSelection")[0]?.[1];
    const text = JSON.stringify(selection?.Properties);
    expect(text).toContain(idOf(stack.stateful.table));
    expect(text).toContain(idOf(stack.stateful.bucket("documents")));
    template.hasResourceProperties("AWS::Backup::BackupVault", {
      EncryptionKeyArn: { "Fn::GetAtt": [idOf(stack.stateful.key), "Arn"] },
    });
  });
});

describe("the key", () => {
  it("is customer managed with rotation on", () => {
    template.hasResourceProperties("AWS::KMS::Key", { EnableKeyRotation: true });
  });
});

describe("the buckets", () => {
  const dataBuckets = ["recordings", "transcripts", "documents", "inbound-mail"] as const;

  it.each(
    dataBuckets,
  )("%s is encrypted with the CMK, private, versioned, logged and expires objects", (name) => {
    const bucket = json.Resources[idOf(stack.stateful.bucket(name))];
    expect(bucket?.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: "aws:kms",
              KMSMasterKeyID: { "Fn::GetAtt": [idOf(stack.stateful.key), "Arn"] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: "Enabled" },
      LoggingConfiguration: { DestinationBucketName: { Ref: idOf(stack.stateful.accessLogsBucket) } },
      LifecycleConfiguration: {
        Rules: [expect.objectContaining({ ExpirationInDays: expect.any(Number) })],
      },
    });
  });

  it("keeps documents for the authority's retention period and recordings much shorter", () => {
    const expiry = (name: (typeof dataBuckets)[number]) =>
      (
        propertiesOf(json, idOf(stack.stateful.bucket(name))) as {
          LifecycleConfiguration: { Rules: Array<{ ExpirationInDays: number }> };
        }
      ).LifecycleConfiguration.Rules[0]?.ExpirationInDays;
    expect(expiry("documents")).toBeGreaterThanOrEqual(localSynthAuthority.retentionYears * 365);
    expect(expiry("recordings")).toBeLessThan(expiry("documents") ?? 0);
  });

  it("every bucket, the log bucket included, denies requests without TLS", () => {
    const buckets = resourcesOf("AWS::S3::Bucket").map(([id]) => id);
    const denied = resourcesOf("AWS::S3::BucketPolicy")
      .filter(([, policy]) =>
        (policy.Properties.PolicyDocument as { Statement: IamStatement[] }).Statement.some(
          (s) =>
            s.Effect === "Deny" &&
            JSON.stringify(s.Condition) === JSON.stringify({ Bool: { "aws:SecureTransport": "false" } }),
        ),
      )
      .map(([, policy]) => (policy.Properties.Bucket as { Ref: string }).Ref);
    expect(buckets.length).toBe(5);
    expect(new Set(denied)).toEqual(new Set(buckets));
  });

  it("sends recording uploads to EventBridge without a custom resource", () => {
    expect(
      json.Resources[idOf(stack.stateful.bucket("recordings"))]?.Properties?.NotificationConfiguration,
    ).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    expect(resourcesOf("Custom::S3BucketNotifications")).toEqual([]);
  });
});

describe("the functions", () => {
  it("are one per spec in functions/catalog.ts", () => {
    expect(resourcesOf("AWS::Lambda::Function").length).toBe(functionSpecs.length);
    expect(Object.keys(stack.stateless.functions).sort()).toEqual(functionSpecs.map((s) => s.name).sort());
  });

  it.each(
    functionSpecs.map((s) => s.name),
  )("%s runs ARM_64 on Node.js 24 with tracing and its own encrypted log group", (name) => {
    const fn = stack.stateless.functions[name];
    const props = json.Resources[idOf(fn)]?.Properties;
    expect(props).toMatchObject({
      Architectures: ["arm64"],
      Runtime: "nodejs24.x",
      TracingConfig: { Mode: "Active" },
      LoggingConfig: { LogFormat: "JSON", LogGroup: { Ref: idOf(fn.logGroup) } },
      Environment: {
        Variables: expect.objectContaining({
          [envNames.authorityId]: "local",
          NODE_OPTIONS: "--enable-source-maps",
        }),
      },
    });
    expect(json.Resources[idOf(fn.logGroup)]?.Properties).toMatchObject({
      RetentionInDays: expect.any(Number),
      KmsKeyId: { "Fn::GetAtt": [idOf(stack.stateful.key), "Arn"] },
    });
  });

  it("get the reply secret's ARN, never its value", () => {
    const secretId = idOf(stack.stateful.replySecret);
    for (const [, fn] of resourcesOf("AWS::Lambda::Function")) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(variables)).not.toMatch(/resolve:secretsmanager|SecretString/);
      if (envNames.replySecretArn in variables)
        expect(variables[envNames.replySecretArn]).toEqual({ Ref: secretId });
    }
  });

  it("use no AWS managed policies (only AWS Backup's service role has its documented ones)", () => {
    const backupRole = idOf(stack.stateful.node.findChild("backup-role"));
    for (const [id, role] of resourcesOf("AWS::IAM::Role"))
      if (id !== backupRole) expect(role.Properties?.ManagedPolicyArns, id).toBeUndefined();
  });
});

describe("least privilege, as functions/catalog.ts lists it", () => {
  const has = (name: FunctionName, action: string) => actionsOf(statementsOf(name)).includes(action);
  const holders = (action: string) =>
    specs.filter((s) => has(s.name as FunctionName, action)).map((s) => s.name);

  it("the load-meeting role can only read the table", () => {
    const dynamo = actionsOf(statementsOf("load-meeting")).filter((a) => a.startsWith("dynamodb:"));
    expect(dynamo.length).toBeGreaterThan(0);
    expect(
      dynamo.filter(
        (a) => !/^dynamodb:(GetItem|BatchGetItem|Query|ConditionCheckItem|DescribeTable)$/.test(a),
      ),
    ).toEqual([]);
    expect(
      actionsOf(statementsOf("load-meeting")).filter((a) => !/^(dynamodb|logs|xray|kms):/.test(a)),
    ).toEqual([]);
  });

  it("only sweeper, inbound-email, reply-page, transcription-events and web can complete task tokens", () => {
    expect(holders("states:SendTaskSuccess").sort()).toEqual(
      ["inbound-email", "reply-page", "sweeper", "transcription-events", "web"].sort(),
    );
    expect(holders("states:SendTaskFailure").sort()).toEqual(holders("states:SendTaskSuccess").sort());
  });

  it.each([
    ["ses:SendEmail", (s: FunctionSpec) => s.sendsEmail],
    ["ses:SendRawEmail", (s: FunctionSpec) => s.sendsEmail],
    ["states:StartExecution", (s: FunctionSpec) => s.startsExecutions],
    ["secretsmanager:GetSecretValue", (s: FunctionSpec) => s.readsReplySecret || s.rotatesReplySecret],
    ["secretsmanager:PutSecretValue", (s: FunctionSpec) => s.rotatesReplySecret],
    ["transcribe:StartTranscriptionJob", (s: FunctionSpec) => s.startsTranscription],
    ["transcribe:CreateVocabulary", (s: FunctionSpec) => s.startsTranscription],
    ["dynamodb:PutItem", (s: FunctionSpec) => s.table === "read-write"],
    ["dynamodb:GetItem", (s: FunctionSpec) => s.table !== "none"],
  ] as const)("only functions whose spec allows it get %s", (action, allowed) => {
    expect(holders(action).sort()).toEqual(
      specs
        .filter(allowed)
        .map((s) => s.name)
        .sort(),
    );
  });

  it("grants Bedrock to nobody while the demo authority keeps the generative drafter off", () => {
    expect(holders("bedrock:InvokeModel")).toEqual([]);
  });

  it("scopes SES sending to the authority's identity and configuration set", () => {
    for (const spec of specs.filter((s) => s.sendsEmail)) {
      const ses = statementsOf(spec.name as FunctionName).filter((s) =>
        actionsOf([s]).includes("ses:SendEmail"),
      );
      expect(JSON.stringify(ses.map((s) => s.Resource))).toContain(idOf(stack.stateful.fromIdentity));
      expect(JSON.stringify(ses.map((s) => s.Resource))).toContain("configuration-set");
    }
  });

  it("grants object access only to the buckets of the spec, and writes only where the spec says read-write", () => {
    const bucketIds = Object.fromEntries(
      (["recordings", "transcripts", "documents", "inbound-mail"] as const).map((b) => [
        b,
        idOf(stack.stateful.bucket(b)),
      ]),
    );
    const retentionOnly = new Set(["s3:ListBucket", "s3:DeleteObject"]);
    for (const spec of specs) {
      const all = statementsOf(spec.name as FunctionName).filter((s) =>
        actionsOf([s]).some((a) => a.startsWith("s3:")),
      );
      // Retention (the sweeper alone): list and delete in recordings, transcripts and documents.
      const retention = all.filter((s) => actionsOf([s]).every((a) => retentionOnly.has(a)));
      const retained = new Set(retention.flatMap((s) => [...referencedIds(s.Resource)]));
      expect([...retained].sort()).toEqual(
        spec.deletesRetainedData
          ? [bucketIds.recordings, bucketIds.transcripts, bucketIds.documents].sort()
          : [],
      );
      const s3 = all.filter((s) => !retention.includes(s));
      const reached = new Set(s3.flatMap((s) => [...referencedIds(s.Resource)]));
      expect([...reached].sort()).toEqual(spec.buckets.map((b) => bucketIds[b]).sort());
      for (const statement of s3) {
        const [bucket] = [...referencedIds(statement.Resource)];
        const name = Object.entries(bucketIds).find(([, id]) => id === bucket)?.[0];
        const writes = actionsOf([statement]).includes("s3:PutObject");
        expect(writes).toBe(name === "transcripts" || name === "documents");
      }
    }
  });

  it("uses a * resource only for actions that have no resource-level permissions", () => {
    const allowedOnStar = new Set([
      "xray:PutTraceSegments",
      "xray:PutTelemetryRecords",
      "xray:GetSamplingRules",
      "xray:GetSamplingTargets",
      "logs:CreateLogDelivery",
      "logs:GetLogDelivery",
      "logs:UpdateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
      // CDK's rotation schedule grants it to the rotation function.
      "secretsmanager:GetRandomPassword",
    ]);
    const onStar = resourcesOf("AWS::IAM::Policy")
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: IamStatement[] }).Statement)
      .filter(
        (s) => s.Effect === "Allow" && (Array.isArray(s.Resource) ? s.Resource : [s.Resource]).includes("*"),
      )
      .flatMap((s) => actionsOf([s]));
    expect(onStar.length).toBeGreaterThan(0);
    expect(onStar.filter((a) => !allowedOnStar.has(a))).toEqual([]);
  });
});

describe("the state machines", () => {
  it("are STANDARD, traced, logged to an encrypted log group, and named as the functions expect", () => {
    const names = stateMachineNames("local");
    for (const [machine, name] of [
      [stack.stateless.workflows.lifecycle, names.lifecycle],
      [stack.stateless.workflows.actionTracker, names.actionTracker],
    ] as const) {
      const props = json.Resources[idOf(machine)]?.Properties;
      expect(props).toMatchObject({
        StateMachineName: name,
        StateMachineType: "STANDARD",
        TracingConfiguration: { Enabled: true },
        LoggingConfiguration: {
          Destinations: [expect.anything()],
          Level: expect.stringMatching(/ERROR|ALL/),
        },
      });
    }
    template.hasResourceProperties("AWS::Logs::LogGroup", {
      LogGroupName: "/aws/vendedlogs/states/convene-local",
      KmsKeyId: Match.anyValue(),
    });
  });

  it("are reached by functions through ARNs built from their names, not references, so there is no cycle", () => {
    const lifecycleId = idOf(stack.stateless.workflows.lifecycle);
    const sweeper = json.Resources[idOf(stack.stateless.functions.sweeper)]?.Properties as {
      Environment: { Variables: Record<string, unknown> };
    };
    const arn = JSON.stringify(sweeper.Environment.Variables[envNames.lifecycleStateMachineArn]);
    expect(arn).toContain(`:stateMachine:${stateMachineNames("local").lifecycle}`);
    expect(referencedIds(sweeper)).not.toContain(lifecycleId);
    expect(findCycle(dependencyGraph(json))).toBeUndefined();
  });
});

describe("triggers", () => {
  it("runs the sweeper every 5 minutes", () => {
    template.hasResourceProperties("AWS::Events::Rule", {
      ScheduleExpression: "rate(5 minutes)",
      Targets: [
        Match.objectLike({ Arn: { "Fn::GetAtt": [idOf(stack.stateless.functions.sweeper), "Arn"] } }),
      ],
    });
  });

  it("sends this authority's Transcribe job state changes to transcription-events", () => {
    template.hasResourceProperties("AWS::Events::Rule", {
      EventPattern: {
        source: ["aws.transcribe"],
        "detail-type": ["Transcribe Job State Change"],
        detail: Match.objectLike({ TranscriptionJobName: [{ prefix: "convene-local-" }] }),
      },
      Targets: [
        Match.objectLike({
          Arn: { "Fn::GetAtt": [idOf(stack.stateless.functions["transcription-events"]), "Arn"] },
        }),
      ],
    });
  });

  it("stores replies in the inbound-mail bucket and invokes inbound-email, with scanning and TLS required", () => {
    template.hasResourceProperties("AWS::SES::ReceiptRule", {
      Rule: Match.objectLike({
        Recipients: ["reply.convene.invalid"],
        ScanEnabled: true,
        TlsPolicy: "Require",
        Actions: [
          {
            S3Action: Match.objectLike({ BucketName: { Ref: idOf(stack.stateful.bucket("inbound-mail")) } }),
          },
          {
            LambdaAction: {
              FunctionArn: { "Fn::GetAtt": [idOf(stack.stateless.functions["inbound-email"]), "Arn"] },
              InvocationType: "Event",
            },
          },
        ],
      }),
    });
  });

  it("routes bounces and complaints through an encrypted topic to ses-feedback", () => {
    const topic = idOf(stack.stateful.feedbackTopic);
    template.hasResourceProperties("AWS::SES::ConfigurationSetEventDestination", {
      EventDestination: Match.objectLike({
        MatchingEventTypes: Match.arrayWith(["bounce", "complaint"]),
        SnsDestination: { TopicARN: { Ref: topic } },
      }),
    });
    expect(json.Resources[topic]?.Properties?.KmsMasterKeyId).toBeDefined();
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "lambda",
      TopicArn: { Ref: topic },
      Endpoint: { "Fn::GetAtt": [idOf(stack.stateless.functions["ses-feedback"]), "Arn"] },
    });
    template.hasResourceProperties("AWS::SES::EmailIdentity", {
      EmailIdentity: "convene.invalid",
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: idOf(stack.stateful.configurationSet) } },
    });
  });
});

describe("the reply page", () => {
  it("answers GET and POST on /r/{token}, with the token required", () => {
    const token = resourcesOf("AWS::ApiGateway::Resource").find(
      ([, r]) => r.Properties?.PathPart === "{token}",
    );
    expect(token).toBeDefined();
    const [tokenId] = token ?? [];
    const parent = json.Resources[(propertiesOf(json, tokenId ?? "").ParentId as { Ref: string }).Ref];
    expect(parent?.Properties?.PathPart).toBe("r");
    const methods = resourcesOf("AWS::ApiGateway::Method").filter(
      ([, m]) => JSON.stringify(m.Properties?.ResourceId) === JSON.stringify({ Ref: tokenId }),
    );
    expect(methods.map(([, m]) => m.Properties?.HttpMethod).sort()).toEqual(["GET", "POST"]);
    for (const [, method] of methods) {
      expect(method.Properties).toMatchObject({
        RequestParameters: { "method.request.path.token": true },
        RequestValidatorId: expect.anything(),
        Integration: { Type: "AWS_PROXY" },
      });
      expect(JSON.stringify(method.Properties?.Integration)).toContain(
        idOf(stack.stateless.functions["reply-page"]),
      );
    }
  });

  it("logs access without the token, throttles, and sits behind a WAF", () => {
    const [stageId = ""] = resourcesOf("AWS::ApiGateway::Stage")[0] ?? [];
    const stage = propertiesOf(json, stageId);
    const format = (stage.AccessLogSetting as { Format: string }).Format;
    expect(format).toContain("$context.resourcePath");
    expect(format).not.toMatch(/\$context\.path\b/);
    // The workspace's default, and a tighter limit on the answer pages.
    expect(stage.MethodSettings).toEqual([
      expect.objectContaining({ ResourcePath: "/*", ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 }),
      expect.objectContaining({ HttpMethod: "GET", ResourcePath: "/~1r~1{token}", ThrottlingRateLimit: 10 }),
      expect.objectContaining({ HttpMethod: "POST", ResourcePath: "/~1r~1{token}", ThrottlingRateLimit: 10 }),
    ]);
    template.resourceCountIs("AWS::WAFv2::WebACLAssociation", 1);
  });
});

describe("alarms", () => {
  it("all go to the encrypted alarm topic (what they watch: alarms.test.ts)", () => {
    const topic = idOf(stack.stateless.alarmTopic);
    expect(json.Resources[topic]?.Properties?.KmsMasterKeyId).toBeDefined();
    const alarms = resourcesOf("AWS::CloudWatch::Alarm").map(([, a]) => a.Properties ?? {});
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
  });
});

describe("the stack", () => {
  it("validates the authority configuration and names the bad field", () => {
    const authority = {
      ...stack.authority,
      email: { ...stack.authority.email, replyDomain: "not a domain" },
    };
    expect(() => buildConveneApp({ authority })).toThrow(/email\.replyDomain.*expected a domain name/);
  });

  it("has termination protection and is tagged with the app and the authority", () => {
    expect(stack.terminationProtection).toBe(true);
    expect(stack.tags.tagValues()).toMatchObject({ app: "convene", "convene:authority": "local" });
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      Tags: Match.arrayWith([
        { Key: "app", Value: "convene" },
        { Key: "convene:authority", Value: "local" },
      ]),
    });
    expect(stack.stackName).toBe("Convene-local");
  });
});
