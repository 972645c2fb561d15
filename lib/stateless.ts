/**
 * The stateless half of a Convene stack: the Lambda functions of `functions/catalog.ts` with exactly
 * the access each spec lists, the two state machines of `workflows/`, the triggers (sweep schedule,
 * Transcribe job events, recording uploads, SES replies, SES feedback), the reply page API, and the
 * alarms.
 *
 * Circular dependency avoided: the state machines reference the functions (ARNs in the definition,
 * invoke permissions on their role), and some functions need the state machines' ARNs (to start
 * executions and to answer task tokens). Referencing `stateMachine.stateMachineArn` from a function
 * would make each depend on the other. So the state machines get fixed names
 * (`convene-<authority>-lifecycle`, `convene-<authority>-action-tracker`) and the functions get ARNs
 * built from those names and the stack's pseudo parameters (`arn:${Partition}:states:${Region}:
 * ${AccountId}:stateMachine:<name>`): no reference to the state machine resource, no cycle, and
 * no runtime lookup (an SSM parameter would work too, at the cost of a call per cold start and an
 * extra grant).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { ArnFormat, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as apigw from "aws-cdk-lib/aws-apigateway";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cwActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as events from "aws-cdk-lib/aws-events";
import * as targets from "aws-cdk-lib/aws-events-targets";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";
import * as ses from "aws-cdk-lib/aws-ses";
import * as sesActions from "aws-cdk-lib/aws-ses-actions";
import type * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type * as sfn from "aws-cdk-lib/aws-stepfunctions";
import * as wafv2 from "aws-cdk-lib/aws-wafv2";
import { Construct } from "constructs";
import { tableDesign } from "../adapters/dynamo/table-design.ts";
import type { AuthorityConfig } from "../domain/authority/index.ts";
import { type FunctionName, functionSpecs, type TableAccess } from "../functions/catalog.ts";
import { ConveneWorkflows } from "../workflows/index.ts";
import { alarmTopic } from "./alarm-topic.ts";
import { type BucketAccessMode, ConveneFunction, repoRoot } from "./convene-function.ts";
import { bundledAuthorityConfigPath, envNames } from "./function-environment.ts";
import { inboundNames } from "./inbound-stack.ts";
import { acknowledgeIamWildcard, acknowledgeRule, nagText, wildcardResources } from "./nag.ts";
import {
  type AsyncEntryPoint,
  asyncEntryPoints,
  deadLetterQueueName,
  entryFunctionName,
  workflowFailuresQueueName,
} from "./redrive-plan.ts";
import { type BucketName, type ConveneStateful, inboundMailPrefix } from "./stateful.ts";
import { ConveneSignIn } from "./workspace.ts";

/** The fixed state machine names of an authority (see the module comment for why they are fixed). */
export function stateMachineNames(authorityId: string): { lifecycle: string; actionTracker: string } {
  return {
    lifecycle: `convene-${authorityId}-lifecycle`,
    actionTracker: `convene-${authorityId}-action-tracker`,
  };
}

/** Every Transcribe job of an authority is named with this prefix; the job-state rule filters on it. */
export function transcriptionJobPrefix(authorityId: string): string {
  return `convene-${authorityId}-`;
}

/** How often the reply-link signing key is replaced (see README, "Keys"). */
export const replyKeyRotation = Duration.days(90);

/** The access each bucket gives, as documented in `FunctionSpec.buckets`. */
const bucketAccess: Record<BucketName, { access: BucketAccessMode; envName: string }> = {
  recordings: { access: "read", envName: envNames.recordingsBucket },
  transcripts: { access: "read-write", envName: envNames.transcriptsBucket },
  documents: { access: "read-write", envName: envNames.documentsBucket },
  "inbound-mail": { access: "read", envName: envNames.inboundMailBucket },
};

/**
 * Run-time sizing where the 30 s / 512 MB default does not fit. Functions invoked by a state
 * machine must finish within its 60 s task timeout; the sweeper and inbound mail are not.
 */
const sizing: Partial<Record<FunctionName, { timeout?: Duration; memorySize?: number }>> = {
  "send-invitations": { timeout: Duration.seconds(55) },
  "draft-minutes": { timeout: Duration.seconds(55), memorySize: 1024 },
  "request-approvals": { timeout: Duration.seconds(55), memorySize: 1024 },
  "distribute-minutes": { timeout: Duration.seconds(55), memorySize: 1024 },
  sweeper: { timeout: Duration.minutes(2) },
  "inbound-email": { timeout: Duration.minutes(1), memorySize: 1024 },
  // API Gateway waits 29 s at most; rendering pages and reading a meeting wants the CPU of 1 GB.
  web: { timeout: Duration.seconds(29), memorySize: 1024 },
};

/** API Gateway's stage: the answer pages' links in emails already sent name it, so it stays. */
export const apiStageName = "reply";

/** What the web and reply-page functions read beside their bundles: page templates and GOV.UK Frontend. */
function webAssets(): Record<string, string> {
  const govuk = path.join(
    path.dirname(createRequire(import.meta.url).resolve("govuk-frontend/package.json")),
    "dist",
  );
  return { views: path.join(repoRoot, "app", "views"), "govuk-frontend/dist": govuk };
}

export interface ConveneStatelessProps {
  authority: AuthorityConfig;
  stateful: ConveneStateful;
  /** The authority's JSON file, bundled with every function (required when the stack is bundled). */
  authorityConfigFile?: string;
  /** Retention of Lambda, Step Functions and API access logs. @default the authority's `deployment.logRetentionDays` */
  logRetention?: logs.RetentionDays;
  /**
   * The reply page's WAF: "own" (a web ACL with rate limit + AWS managed rules), "off", or the ARN
   * of a shared regional web ACL. @default the authority's `deployment.waf`
   */
  waf?: string;
  /** Invoke start-transcription when a recording lands in the recordings bucket. @default false */
  transcribeOnUpload?: boolean;
  /** Reserved concurrency by function, e.g. `{ sweeper: 1 }`. @default the authority's `deployment.reservedConcurrency` */
  reservedConcurrency?: Partial<Record<FunctionName, number>>;
}

export class ConveneStateless extends Construct {
  readonly functions: Record<FunctionName, ConveneFunction>;
  readonly workflows: ConveneWorkflows;
  readonly api: apigw.RestApi;
  /** The staff workspace's URL (and the answer pages' base): https://<api>.execute-api.<region>.amazonaws.com/reply */
  readonly workspaceUrl: string;
  /** The workspace's Cognito user pool, groups, hosted sign-in and app client. */
  readonly signIn: ConveneSignIn;
  readonly alarmTopic: sns.Topic;
  /** The dead-letter queue of each asynchronous entry point (see lib/redrive-plan.ts). */
  readonly deadLetters: Record<AsyncEntryPoint, sqs.Queue>;
  readonly alarms: cloudwatch.Alarm[] = [];
  /**
   * Failed and timed-out executions of both state machines, delivered by EventBridge straight to
   * the alarm topic (Step Functions' status-change events cost nothing; four alarm metrics did).
   */
  readonly workflowFailures: events.Rule;
  /** Failure notices EventBridge could not deliver to the alarm topic after a day of retries. */
  readonly workflowFailureDeadLetters: sqs.Queue;
  /** ARNs built from the fixed names (identical to the state machines' own ARNs). */
  readonly stateMachineArns: { lifecycle: string; actionTracker: string };

  constructor(scope: Construct, id: string, props: ConveneStatelessProps) {
    super(scope, id);
    const { authority, stateful } = props;
    const stack = Stack.of(this);
    const names = stateMachineNames(authority.id);
    const arnOf = (name: string) =>
      stack.formatArn({
        service: "states",
        resource: "stateMachine",
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    this.stateMachineArns = { lifecycle: arnOf(names.lifecycle), actionTracker: arnOf(names.actionTracker) };
    const machineArns = [this.stateMachineArns.lifecycle, this.stateMachineArns.actionTracker];
    const deployment = authority.deployment;
    const logRetention = props.logRetention ?? (deployment.logRetentionDays as logs.RetentionDays);
    const reservedConcurrency: Partial<Record<string, number>> =
      props.reservedConcurrency ?? deployment.reservedConcurrency;
    const remoteReceiving = stateful.remoteReceivingRegion;
    const configFile = authorityFileToBundle(stack, props);

    // 0. Dead letters: one encrypted queue per asynchronous entry point, kept 14 days (SQS's maximum).
    const deadLetterScope = new Construct(this, "dead-letters");
    this.deadLetters = Object.fromEntries(
      asyncEntryPoints.map((entry) => {
        const queue = new sqs.Queue(deadLetterScope, entry, {
          queueName: deadLetterQueueName(authority.id, entry),
          encryption: sqs.QueueEncryption.KMS,
          encryptionMasterKey: stateful.key,
          enforceSSL: true,
          retentionPeriod: Duration.days(14),
        });
        acknowledgeRule(
          queue,
          "AwsSolutions-SQS3",
          `This queue is the dead-letter queue of ${entry} (Lambda async DLQ and its trigger's DLQ); convene redrive drains it`,
        );
        return [entry, queue];
      }),
    ) as Record<AsyncEntryPoint, sqs.Queue>;
    const isEntry = (name: string): name is AsyncEntryPoint =>
      (asyncEntryPoints as readonly string[]).includes(name);

    // 1. One function per spec, granted exactly what the spec lists.
    const functionsScope = new Construct(this, "functions");
    const functions: Partial<Record<FunctionName, ConveneFunction>> = {};
    for (const spec of functionSpecs) {
      const fn = new ConveneFunction(functionsScope, spec.name, {
        name: spec.name,
        description: `Convene ${authority.id}: ${spec.description}`,
        encryptionKey: stateful.key,
        logRetention,
        reservedConcurrentExecutions: reservedConcurrency[spec.name],
        // Entry points have fixed names: convene redrive, and the receiving Region's topic, name them.
        functionName: isEntry(spec.name) ? entryFunctionName(authority.id, spec.name) : undefined,
        deadLetterQueue: isEntry(spec.name) ? this.deadLetters[spec.name] : undefined,
        ...sizing[spec.name],
        bundledFiles: configFile ? { "authority.json": configFile } : undefined,
        ...(spec.name === "web" || spec.name === "reply-page" ? { bundledDirectories: webAssets() } : {}),
        environment: {
          [envNames.authorityId]: authority.id,
          ...(configFile ? { [envNames.authorityConfigPath]: bundledAuthorityConfigPath } : {}),
          [envNames.powertoolsServiceName]: "convene",
          [envNames.powertoolsMetricsNamespace]: "Convene",
          [envNames.powertoolsLogLevel]: "INFO",
        },
      });
      const tableAccess = spec.table as TableAccess;
      if (tableAccess !== "none") {
        fn.bindTable({
          table: stateful.table,
          access: tableAccess,
          indexNames: [tableDesign.timersIndex.name],
        });
        fn.addEnvironment(envNames.timersIndexName, tableDesign.timersIndex.name);
      }
      for (const name of spec.buckets) {
        fn.bindBucket({ bucket: stateful.bucket(name), ...bucketAccess[name] });
      }
      if (spec.readsReplySecret)
        fn.bindSecret({ secret: stateful.replySecret, envName: envNames.replySecretArn });
      if (spec.deletesRetainedData)
        for (const name of ["recordings", "transcripts", "documents"] as const)
          fn.allowDeleteObjects({ bucket: stateful.bucket(name), envName: bucketAccess[name].envName });
      if (spec.rotatesReplySecret) {
        // Every 90 days; the replaced key stays AWSPREVIOUS and is still accepted until the next
        // rotation, so a link stays valid for at least 90 days after the key that signed it is replaced.
        stateful.replySecret.addRotationSchedule("rotation", {
          rotationLambda: fn,
          automaticallyAfter: replyKeyRotation,
          rotateImmediatelyOnUpdate: false,
        });
        acknowledgeIamWildcard(
          fn.executionRole,
          { resource: "*" },
          "CDK's rotation schedule grants secretsmanager:GetRandomPassword, which has no resource-level permissions (the function makes its key with node:crypto)",
        );
      }
      if (spec.sendsEmail) {
        fn.allowSendEmail({
          identityArn: stateful.fromIdentity.emailIdentityArn,
          configurationSetName: stateful.configurationSet.configurationSetName,
        });
        fn.addEnvironment(envNames.fromAddress, authority.email.from.email);
        fn.addEnvironment(envNames.fromName, authority.email.from.name);
        fn.addEnvironment(envNames.replyDomain, authority.email.replyDomain);
        fn.addEnvironment(envNames.sesConfigurationSet, stateful.configurationSet.configurationSetName);
      }
      if (spec.completesTasks) fn.allowTaskResponses(machineArns);
      if (spec.startsExecutions) fn.allowStartExecutions(machineArns);
      if (spec.completesTasks || spec.startsExecutions) {
        fn.addEnvironment(envNames.lifecycleStateMachineArn, this.stateMachineArns.lifecycle);
        fn.addEnvironment(envNames.actionTrackerStateMachineArn, this.stateMachineArns.actionTracker);
      }
      if (spec.startsTranscription) {
        fn.allowTranscription({
          jobPrefix: transcriptionJobPrefix(authority.id),
          outputBucket: stateful.bucket("transcripts"),
          outputKey: stateful.key,
        });
      }
      if (
        spec.name === "draft-minutes" &&
        authority.drafting.generative.enabled &&
        authority.drafting.generative.modelId
      ) {
        fn.allowGenerativeDrafting(authority.drafting.generative.modelId);
      }
      functions[spec.name] = fn;
    }
    this.functions = functions as Record<FunctionName, ConveneFunction>;
    const fns = this.functions;
    // Only the functions whose spec reads or rotates the key may read it, whatever IAM says
    // elsewhere in the account (an explicit deny in the secret's own policy).
    const secretReaders = functionSpecs
      .filter((spec) => spec.readsReplySecret || spec.rotatesReplySecret)
      .map((spec) => fns[spec.name].executionRole.roleArn);
    stateful.replySecret.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "OnlyTheFunctionsThatNeedItRead",
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ["secretsmanager:GetSecretValue"],
        resources: ["*"],
        conditions: { ArnNotEquals: { "aws:PrincipalArn": secretReaders } },
      }),
    );

    // 2. The state machines, with their execution logs in an encrypted log group.
    const workflowLogs = new logs.LogGroup(this, "workflow-logs", {
      logGroupName: `/aws/vendedlogs/states/convene-${authority.id}`,
      retention: logRetention,
      encryptionKey: stateful.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.workflows = new ConveneWorkflows(this, "workflows", {
      functions: fns,
      lifecycleName: names.lifecycle,
      actionTrackerName: names.actionTracker,
      logGroup: workflowLogs,
    });
    this.acknowledgeWorkflowFindings();

    // 3. Triggers.
    new events.Rule(this, "sweep-schedule", {
      description: "Fires due reminders and deadlines every 5 minutes",
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [
        new targets.LambdaFunction(fns.sweeper, {
          retryAttempts: 2,
          maxEventAge: Duration.minutes(5),
          deadLetterQueue: this.deadLetters.sweeper,
        }),
      ],
    });
    new events.Rule(this, "transcription-job-events", {
      description: "Resumes the lifecycle when a Convene transcription job completes or fails",
      eventPattern: {
        source: ["aws.transcribe"],
        detailType: ["Transcribe Job State Change"],
        detail: {
          TranscriptionJobStatus: ["COMPLETED", "FAILED"],
          TranscriptionJobName: events.Match.prefix(transcriptionJobPrefix(authority.id)),
        },
      },
      targets: [
        new targets.LambdaFunction(fns["transcription-events"], {
          retryAttempts: 8,
          deadLetterQueue: this.deadLetters["transcription-events"],
        }),
      ],
    });
    // Off by default: start-transcription is the Transcribe step's callback task and takes the
    // workflow's event, not an S3 event; the job starts when the chair records the meeting as held.
    if (props.transcribeOnUpload ?? false) {
      // The Transcribe step may be waiting for a recording that is uploaded later.
      new events.Rule(this, "recording-uploaded", {
        description: "Starts transcription when a meeting recording is uploaded",
        eventPattern: {
          source: ["aws.s3"],
          detailType: ["Object Created"],
          detail: { bucket: { name: [stateful.bucket("recordings").bucketName] } },
        },
        targets: [new targets.LambdaFunction(fns["start-transcription"], { retryAttempts: 4 })],
      });
    }
    // Replies: SES (spam and virus scan on, TLS required) stores the raw message, then invokes inbound-email
    // with the verdicts. Recipients: every address on the reply domain.
    if (stateful.receiptRuleSet) {
      stateful.receiptRuleSet.addRule(`replies-${authority.id}`, {
        recipients: [authority.email.replyDomain],
        scanEnabled: true,
        tlsPolicy: ses.TlsPolicy.REQUIRE,
        actions: [
          new sesActions.S3({ bucket: stateful.bucket("inbound-mail"), objectKeyPrefix: inboundMailPrefix }),
          new sesActions.Lambda({
            function: fns["inbound-email"],
            invocationType: sesActions.LambdaInvocationType.EVENT,
          }),
        ],
      });
    } else if (remoteReceiving) {
      this.allowRemoteInbound(authority.id, remoteReceiving, fns["inbound-email"]);
    }
    stateful.feedbackTopic.addSubscription(
      new subscriptions.LambdaSubscription(fns["ses-feedback"], {
        deadLetterQueue: this.deadLetters["ses-feedback"],
      }),
    );

    // 4. The API: the answer pages (public, signed links) and the staff workspace (Cognito sign-in).
    this.api = this.replyPageApi(
      authority.id,
      fns["reply-page"],
      fns.web,
      stateful.key,
      logRetention,
      props.waf ?? deployment.waf,
    );
    // Built from the API's id, not `api.url` (which names the stage, whose deployment depends on
    // the web function's methods: the web function's environment would make a cycle).
    this.workspaceUrl = `https://${this.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}/${apiStageName}`;
    const replyPageBaseUrl = `${this.workspaceUrl}/r/`;
    for (const spec of functionSpecs) {
      if (spec.sendsEmail) fns[spec.name].addEnvironment(envNames.replyPageBaseUrl, replyPageBaseUrl);
    }
    const workspace = deployment.workspace;
    this.signIn = new ConveneSignIn(this, "sign-in", {
      authorityId: authority.id,
      ...(workspace.cognitoDomainPrefix ? { domainPrefix: workspace.cognitoDomainPrefix } : {}),
      ...(workspace.identityProvider ? { identityProvider: workspace.identityProvider } : {}),
      sessionMinutes: workspace.sessionMinutes,
      appUrl: this.workspaceUrl,
    });
    const web = fns.web;
    web.addEnvironment(envNames.userPoolId, this.signIn.userPool.userPoolId);
    web.addEnvironment(envNames.userPoolClientId, this.signIn.client.userPoolClientId);
    web.addEnvironment(envNames.cognitoDomainUrl, this.signIn.domainUrl);
    web.addEnvironment(envNames.workspaceUrl, this.workspaceUrl);
    web.addEnvironment(envNames.workspaceBasePath, `/${apiStageName}`);
    if (this.signIn.identityProviderName)
      web.addEnvironment(envNames.identityProviderName, this.signIn.identityProviderName);

    // 5. Alarms, to the people named in the authority file.
    this.alarmTopic = alarmTopic(this, "alarms", {
      authorityId: authority.id,
      key: stateful.key,
      emails: deployment.alarmEmails,
    });
    ({ rule: this.workflowFailures, deadLetters: this.workflowFailureDeadLetters } =
      this.workflowFailureNotices(authority.id, stateful));
    this.createAlarms(stateful);
  }

  /**
   * An EventBridge rule that publishes each failed or timed-out execution of either state machine
   * to the alarm topic: ids and status only (the event's input, output and cause can hold meeting
   * data). The topic's policy lets this rule alone publish; the key lets EventBridge encrypt for
   * this account's rules (`ConveneStateful`). What cannot be delivered in a day waits 14 days in an
   * encrypted queue, which an alarm watches.
   */
  private workflowFailureNotices(
    authorityId: string,
    stateful: ConveneStateful,
  ): { rule: events.Rule; deadLetters: sqs.Queue } {
    const deadLetters = new sqs.Queue(this, "workflow-failures-dlq", {
      queueName: workflowFailuresQueueName(authorityId),
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: stateful.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeRule(
      deadLetters,
      "AwsSolutions-SQS3",
      "This queue is the dead-letter queue of the workflow-failure rule's target (the alarm topic); an alarm watches it",
    );
    const { lifecycle, actionTracker } = this.workflows;
    const field = (path: string) => events.EventField.fromPath(path);
    const topicArn = this.alarmTopic.topicArn;
    const rule = new events.Rule(this, "workflow-failures", {
      description: "A Convene lifecycle or action-tracker execution failed or timed out: to the alarm topic",
      eventPattern: {
        source: ["aws.states"],
        detailType: ["Step Functions Execution Status Change"],
        detail: {
          status: ["FAILED", "TIMED_OUT"],
          stateMachineArn: [lifecycle.stateMachineArn, actionTracker.stateMachineArn],
        },
      },
      targets: [
        {
          // Not targets.SnsTopic: it would grant events.amazonaws.com the topic and the key with no
          // condition. The policies below name this rule.
          bind: () => ({
            arn: topicArn,
            input: events.RuleTargetInput.fromText(
              `Convene ${authorityId}: the workflow execution ${field("$.detail.executionArn")} ended ${field("$.detail.status")} at ${field("$.time")}. Its execution history in the Step Functions console shows the state that failed.`,
            ),
            deadLetterConfig: { arn: deadLetters.queueArn },
            retryPolicy: { maximumEventAgeInSeconds: 24 * 3600, maximumRetryAttempts: 185 },
          }),
        },
      ],
    });
    const fromThisRule = {
      StringEquals: { "aws:SourceAccount": Stack.of(this).account },
      ArnEquals: { "aws:SourceArn": rule.ruleArn },
    };
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "WorkflowFailureRulePublishes",
        principals: [new iam.ServicePrincipal("events.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [topicArn],
        conditions: fromThisRule,
      }),
    );
    deadLetters.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "WorkflowFailureRuleSendsDeadLetters",
        principals: [new iam.ServicePrincipal("events.amazonaws.com")],
        actions: ["sqs:SendMessage"],
        resources: [deadLetters.queueArn],
        conditions: fromThisRule,
      }),
    );
    return { rule, deadLetters };
  }

  private replyPageApi(
    authorityId: string,
    replyPage: ConveneFunction,
    web: ConveneFunction,
    key: ConveneStateful["key"],
    retention: logs.RetentionDays,
    waf: string,
  ): apigw.RestApi {
    const accessLogs = new logs.LogGroup(this, "reply-api-access-logs", {
      retention,
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const field = apigw.AccessLogField;
    const api = new apigw.RestApi(this, "reply-api", {
      restApiName: `convene-${authorityId}-reply`,
      description: "The answer pages behind the links in Convene emails, and the staff workspace",
      endpointConfiguration: { types: [apigw.EndpointType.REGIONAL] },
      // Bodies reach the functions base64-encoded (a transcript upload is binary) and binary
      // responses (fonts, images) go back as binary; both functions decode and encode themselves.
      binaryMediaTypes: ["*/*"],
      // The API Gateway CloudWatch role is an account-wide setting: not owned by one authority's stack.
      cloudWatchRole: false,
      deployOptions: {
        stageName: apiStageName,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        // The resource path ("/r/{token}"), never the request path: tokens stay out of the logs.
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: field.contextRequestId(),
            ip: field.contextIdentitySourceIp(),
            time: field.contextRequestTime(),
            method: field.contextHttpMethod(),
            resource: field.contextResourcePath(),
            status: field.contextStatus(),
            protocol: field.contextProtocol(),
            responseLength: field.contextResponseLength(),
            latency: field.contextResponseLatency(),
            waf: field.contextWafResponseCode(),
            error: field.contextErrorMessage(),
          }),
        ),
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        // X-Ray would record the full URL, token included; the Lambda behind it is traced.
        tracingEnabled: false,
        // The workspace: a page and its assets are a handful of requests per person.
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
        // The answer pages: people answering one email each.
        methodOptions: {
          "/r/{token}/GET": { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
          "/r/{token}/POST": { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
        },
      },
    });
    const validator = api.addRequestValidator("token-required", {
      requestValidatorName: "token-required",
      validateRequestParameters: true,
      validateRequestBody: false,
    });
    acknowledgeRule(
      api,
      "AwsSolutions-APIG2",
      "Request parameters are validated (the token is required); bodies are HTML form posts, which API Gateway's JSON-schema validator cannot check, so reply-page parses them with zod",
    );
    const integration = new apigw.LambdaIntegration(replyPage, { proxy: true, allowTestInvoke: false });
    const tokenResource = api.root.addResource("r").addResource("{token}");
    for (const method of ["GET", "POST"]) {
      const added = tokenResource.addMethod(method, integration, {
        authorizationType: apigw.AuthorizationType.NONE,
        requestValidator: validator,
        requestParameters: { "method.request.path.token": true },
      });
      const reason =
        "The reply page is opened from links in emails by invitees who have no account; each request carries an HMAC-signed, expiring token that the reply-page function verifies with the reply secret";
      acknowledgeRule(added, "AwsSolutions-APIG4", reason);
      acknowledgeRule(added, "AwsSolutions-COG4", reason);
    }
    // The staff workspace: every other path. Sign-in is the web function's: API Gateway's Cognito
    // authorizer reads a header, but a browser's session is a cookie, and the sign-in routes and
    // assets must be reachable before signing in.
    const webIntegration = new apigw.LambdaIntegration(web, { proxy: true, allowTestInvoke: false });
    for (const resource of [api.root, api.root.addResource("{proxy+}")]) {
      const added = resource.addMethod("ANY", webIntegration, {
        authorizationType: apigw.AuthorizationType.NONE,
      });
      const reason =
        "The staff workspace verifies the Cognito ID token in its session cookie on every request (aws-jwt-verify: signature, issuer, audience, expiry) and refuses, or sends to sign-in, any request without one; API Gateway's Cognito authorizer cannot read a cookie";
      acknowledgeRule(added, "AwsSolutions-APIG4", reason);
      acknowledgeRule(added, "AwsSolutions-COG4", reason);
    }
    if (waf === "own") {
      const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
        cloudWatchMetricsEnabled: true,
        metricName,
        // Sampled requests keep full URLs (reply tokens): off.
        sampledRequestsEnabled: false,
      });
      const managed = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
        name,
        priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: "AWS", name } },
        visibilityConfig: visibility(name),
      });
      const acl = new wafv2.CfnWebACL(this, "reply-api-waf", {
        scope: "REGIONAL",
        defaultAction: { allow: {} },
        description: "Convene reply page: rate limit and AWS managed rules",
        visibilityConfig: visibility(`convene-${authorityId}-reply`),
        rules: [
          {
            // Answer pages: 300 requests per 5 minutes from one address.
            name: "rate-limit-per-ip",
            priority: 0,
            action: { block: {} },
            statement: {
              rateBasedStatement: {
                limit: 300,
                aggregateKeyType: "IP",
                scopeDownStatement: {
                  byteMatchStatement: {
                    fieldToMatch: { uriPath: {} },
                    positionalConstraint: "STARTS_WITH",
                    searchString: `/${apiStageName}/r/`,
                    textTransformations: [{ priority: 0, type: "NONE" }],
                  },
                },
              },
            },
            visibilityConfig: visibility("rate-limit-per-ip"),
          },
          {
            // Everything: a council office's staff share one address.
            name: "rate-limit-per-office",
            priority: 1,
            action: { block: {} },
            statement: { rateBasedStatement: { limit: 6000, aggregateKeyType: "IP" } },
            visibilityConfig: visibility("rate-limit-per-office"),
          },
          managed("AWSManagedRulesAmazonIpReputationList", 2),
          {
            ...managed("AWSManagedRulesCommonRuleSet", 3),
            // Its 8 KB body limit would block a transcript upload and a long minutes section; the
            // functions limit bodies themselves (an answer 256 KB, an upload 4 MB by Lambda's payload).
            statement: {
              managedRuleGroupStatement: {
                vendorName: "AWS",
                name: "AWSManagedRulesCommonRuleSet",
                ruleActionOverrides: [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }],
              },
            },
          },
          managed("AWSManagedRulesKnownBadInputsRuleSet", 4),
        ],
      });
      new wafv2.CfnWebACLAssociation(this, "reply-api-waf-association", {
        resourceArn: api.deploymentStage.stageArn,
        webAclArn: acl.attrArn,
      });
    } else if (waf === "off") {
      acknowledgeRule(
        api,
        "AwsSolutions-APIG3",
        'WAF turned off for this authority (authority file deployment.waf: "off")',
      );
    } else {
      // A web ACL shared by several authorities (deployment.waf is its ARN): one ACL's fixed cost.
      new wafv2.CfnWebACLAssociation(this, "reply-api-waf-association", {
        resourceArn: api.deploymentStage.stageArn,
        webAclArn: waf,
      });
    }
    return api;
  }

  /**
   * Acknowledges, one by one, the wildcards CDK puts in the state machines' roles: `*` for log
   * delivery and X-Ray, and `<function ARN>:*` for each function a LambdaInvoke task calls. A
   * wildcard of any other shape stays unacknowledged, so cdk-nag reports it for review.
   */
  private acknowledgeWorkflowFindings(): void {
    const invokedFunctions = new Map(
      Object.values(this.functions).map((fn) => [nagText(this, `${fn.functionArn}:*`), fn.specName]),
    );
    for (const machine of [this.workflows.lifecycle, this.workflows.actionTracker]) {
      const policy = machine.role.node.tryFindChild("DefaultPolicy") as iam.Policy | undefined;
      for (const wildcard of policy ? wildcardResources(machine, policy.document) : []) {
        const invoked = invokedFunctions.get(wildcard);
        if (wildcard === "*") {
          acknowledgeIamWildcard(
            machine,
            { resource: "*" },
            "Step Functions execution logging (log deliveries, resource policies, DescribeLogGroups) and X-Ray (PutTraceSegments) have no resource-level permissions",
          );
        } else if (invoked) {
          acknowledgeRule(
            machine,
            `AwsSolutions-IAM5[Resource::${wildcard}]`,
            `LambdaInvoke may call any version or alias of ${invoked} (ARN:*); the function itself is named`,
          );
        }
      }
      if (logLevelOf(machine) !== "ALL") {
        acknowledgeRule(
          machine,
          "AwsSolutions-SF1",
          "workflows/index.ts logs at level ERROR: failures are logged; the execution history keeps every transition for 90 days",
        );
      }
    }
  }

  /**
   * Replies received in another Region: SES there stores each reply in the inbound-mail bucket
   * of that Region and announces it on a topic; this function is subscribed to the topic and
   * reads the reply from the bucket (encrypted with the receiving Region's key).
   */
  private allowRemoteInbound(authorityId: string, region: string, fn: ConveneFunction): void {
    const stack = Stack.of(this);
    const names = inboundNames(authorityId, region);
    const topicArn = stack.formatArn({ service: "sns", region, resource: names.topic });
    fn.addPermission("from-inbound-topic", {
      principal: new iam.ServicePrincipal("sns.amazonaws.com"),
      sourceArn: topicArn,
      sourceAccount: stack.account,
    });
    const keys = stack.formatArn({
      service: "kms",
      region,
      resource: "key",
      resourceName: "*",
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    // The key's id is not known here; the alias (created with it) names the one key.
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ["kms:Decrypt", "kms:DescribeKey"],
        resources: [keys],
        conditions: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": names.keyAlias } },
      }),
    );
    acknowledgeIamWildcard(
      fn.executionRole,
      { resource: keys },
      `The receiving Region's key is named by its alias (${names.keyAlias}, kms:ResourceAliases condition), its id being unknown to this stack`,
    );
  }

  /**
   * Few alarms, each a metric-math expression over several metrics, to keep the idle cost down
   * (CloudWatch charges per alarm metric): workflows, functions, dead letters, the sweeper, SES
   * reputation and the reply page.
   */
  private createAlarms(stateful: ConveneStateful): void {
    const action = new cwActions.SnsAction(this.alarmTopic);
    const scope = new Construct(this, "alarm");
    const period = Duration.minutes(5);
    const add = (
      id: string,
      description: string,
      expression: string,
      usingMetrics: Record<string, cloudwatch.IMetric>,
      { every = period, ...options }: Partial<cloudwatch.CreateAlarmOptions> & { every?: Duration } = {},
    ) => {
      // The expression's period applies to every metric in it.
      const math = new cloudwatch.MathExpression({ expression, usingMetrics, period: every, label: id });
      const alarm = math.createAlarm(scope, id, {
        alarmDescription: description,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
      });
      alarm.addAlarmAction(action);
      this.alarms.push(alarm);
    };
    const sum = { period, statistic: "Sum" };
    // Failed or timed-out executions are not alarms: EventBridge publishes each one to the topic
    // (workflowFailureNotices). What it could not deliver is.
    add(
      "workflow-failure-notices-undelivered",
      `A workflow failure could not be published to the alarm topic for a day; it waits in ${this.workflowFailureDeadLetters.queueName}`,
      "notices",
      {
        notices: this.workflowFailureDeadLetters.metricApproximateNumberOfMessagesVisible({
          period,
          statistic: "Maximum",
        }),
      },
    );
    // Account- and Region-wide: one metric each instead of two per function. Deploy each
    // authority in its own account to make it the authority's alone (README, "Alarms").
    add(
      "functions-errors-or-throttles",
      "A Lambda function in this account and Region threw or was throttled",
      "errors+throttles",
      {
        errors: new cloudwatch.Metric({ namespace: "AWS/Lambda", metricName: "Errors", ...sum }),
        throttles: new cloudwatch.Metric({ namespace: "AWS/Lambda", metricName: "Throttles", ...sum }),
      },
    );
    const queues = Object.values(this.deadLetters);
    add(
      "dead-letters",
      "An asynchronous event failed every retry and waits in a dead-letter queue (convene redrive)",
      queues.map((_, i) => `q${i}`).join("+"),
      Object.fromEntries(
        queues.map((queue, i) => [
          `q${i}`,
          queue.metricApproximateNumberOfMessagesVisible({ period, statistic: "Maximum" }),
        ]),
      ),
    );
    // Missing data means no invocation at all: that is the failure.
    add(
      "sweeper-stopped",
      "The sweeper has not run for 15 minutes: reminders and deadlines are not firing",
      "IF(invocations < 1, 1, 0)",
      {
        invocations: this.functions.sweeper.metricInvocations({ statistic: "Sum" }),
      },
      { every: Duration.minutes(15), treatMissingData: cloudwatch.TreatMissingData.BREACHING },
    );
    const configurationSet = stateful.configurationSet.configurationSetName;
    const reputation = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: "AWS/SES",
        metricName,
        dimensionsMap: { "ses:configuration-set": configurationSet },
        statistic: "Maximum",
      });
    // SES reviews an account at a 5% bounce or 0.1% complaint rate; alarm at half of each.
    add(
      "ses-reputation",
      "The SES bounce rate reached 2.5% or the complaint rate 0.05%",
      "IF(bounces >= 0.025 OR complaints >= 0.0005, 1, 0)",
      { bounces: reputation("Reputation.BounceRate"), complaints: reputation("Reputation.ComplaintRate") },
      { every: Duration.hours(1) },
    );
    add("reply-page-5xx", "The reply page answered with a server error", "errors", {
      errors: this.api.metricServerError(sum),
    });
  }
}

/** The log level a state machine was created with ("OFF" when it has no logging). */
function logLevelOf(machine: sfn.StateMachine): string {
  const cfn = machine.node.defaultChild as sfn.CfnStateMachine;
  const config = Stack.of(machine).resolve(cfn.loggingConfiguration) as { level?: string } | undefined;
  return config?.level ?? "OFF";
}

/**
 * The authority file to copy into each bundle: the given file when the stack is bundled, nothing
 * when bundling is skipped (tests, local synthesis).
 */
function authorityFileToBundle(stack: Stack, props: ConveneStatelessProps): string | undefined {
  if (!stack.bundlingRequired) return props.authorityConfigFile;
  if (props.authorityConfigFile) return path.resolve(props.authorityConfigFile);
  // Programmatic use without a file: bundle the validated configuration as written.
  const dir = mkdtempSync(path.join(tmpdir(), "convene-authority-"));
  const file = path.join(dir, "authority.json");
  writeFileSync(file, `${JSON.stringify(props.authority, null, 2)}\n`);
  return file;
}
