/**
 * The stateful half of a Convene stack: what holds data or identity and must outlive a redeploy.
 * One customer-managed KMS key encrypts everything (table, buckets, secret, topics, log groups).
 *
 * Handed to {@link ConveneStateless} as typed props (Lee Gilmore's stateful/stateless split).
 */
import { ArnFormat, Aws, Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as events from "aws-cdk-lib/aws-events";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as ses from "aws-cdk-lib/aws-ses";
import * as sns from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { tableDesign } from "../adapters/dynamo/table-design.ts";
import { accessLogsBucket, encryptedBucket, expiry } from "./buckets.ts";
import { inboundMailPrefix, inboundNames } from "./inbound-stack.ts";
import { acknowledgeRule } from "./nag.ts";

export { inboundMailPrefix };

/** How long each kind of data is kept, in days. Lifecycle rules expire objects after this. */
export interface RetentionDays {
  /** Audio/video of the meeting: only needed until the transcript exists and the minutes are agreed. */
  recordings: number;
  /** Machine transcripts: kept while the minutes may be challenged. */
  transcripts: number;
  /** Minutes and other documents (also filed on the child's record in the case management system). */
  documents: number;
  /** Raw inbound replies: kept long enough to investigate a disputed reply. */
  inboundMail: number;
  /** S3 server access logs. */
  accessLogs: number;
}

/**
 * The default retention for an authority that keeps records for `retentionYears`. Engineering
 * defaults, not rules from the seeds (no seed sets retention periods): recordings 90 days,
 * transcripts and raw mail 1 year, access logs 2 years, documents `retentionYears`.
 */
export function defaultRetention(retentionYears: number): RetentionDays {
  return {
    recordings: 90,
    transcripts: 365,
    documents: Math.ceil(retentionYears * 365.25),
    inboundMail: 365,
    accessLogs: 730,
  };
}

export interface ConveneStatefulProps {
  authorityId: string;
  /** The From address of the authority's email; its domain becomes the SES sending identity. */
  fromAddress: string;
  /** Replies to reply addresses on this domain are received by SES. */
  replyDomain: string;
  /** Secrets Manager name of the reply-token HMAC key. */
  replySecretName: string;
  retention: RetentionDays;
  /** Years the authority keeps its records: monthly backups of the table and documents are kept this long. */
  retentionYears: number;
  /**
   * Only one SES receipt rule set can be active per account and region. Give the name of an
   * existing (active) rule set to add this authority's rule to it; otherwise a rule set is created
   * and must be activated once (`aws ses set-active-receipt-rule-set`).
   */
  sharedReceiptRuleSetName?: string;
  /**
   * Set when SES receives this authority's replies in another Region (ConveneInboundStack): the
   * inbound-mail bucket and the receipt rule live there, and this half creates neither.
   */
  remoteReceivingRegion?: string;
}

/** The bucket names as they appear in `FunctionSpec.buckets`. */
export type BucketName = "recordings" | "transcripts" | "documents" | "inbound-mail";

export class ConveneStateful extends Construct {
  readonly key: kms.Key;
  readonly table: dynamodb.Table;
  readonly accessLogsBucket: s3.Bucket;
  /** The data buckets; inbound-mail is imported from the receiving Region when it is remote. */
  readonly buckets: Record<BucketName, s3.IBucket>;
  readonly replySecret: secretsmanager.Secret;
  readonly fromIdentity: ses.EmailIdentity;
  readonly replyIdentity: ses.EmailIdentity | undefined;
  readonly configurationSet: ses.ConfigurationSet;
  /** Bounces and complaints from SES (KMS-encrypted). */
  readonly feedbackTopic: sns.Topic;
  /** Undefined when replies are received in another Region. */
  readonly receiptRuleSet: ses.IReceiptRuleSet | undefined;
  /** The Region where SES receives replies when it is not this one. */
  readonly remoteReceivingRegion: string | undefined;
  readonly fromDomain: string;
  readonly replyDomain: string;
  /** AWS Backup of the table and the documents bucket (daily for 35 days, monthly for the retention period). */
  readonly backupPlan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: ConveneStatefulProps) {
    super(scope, id);
    this.replyDomain = props.replyDomain;
    this.fromDomain = domainOf(props.fromAddress);

    // 1. The key. Rotation on; services that encrypt with it on their own behalf are named below.
    this.key = new kms.Key(this, "key", {
      description: `Convene ${props.authorityId}: table, buckets, secret, topics, logs`,
      enableKeyRotation: true,
      alias: `alias/convene/${props.authorityId}`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.allowServicesToUseKey();

    // 2. The table, per adapters/dynamo/table-design.ts.
    this.table = new dynamodb.Table(this, "table", {
      partitionKey: { name: tableDesign.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableDesign.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: tableDesign.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: tableDesign.timersIndex.name,
      partitionKey: { name: tableDesign.timersIndex.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableDesign.timersIndex.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    // 3. Buckets. Server access logs cannot go to an SSE-KMS bucket, so the log bucket uses SSE-S3.
    this.accessLogsBucket = accessLogsBucket(this, expiry(props.retention.accessLogs));
    const bucket = (name: BucketName, days: number) =>
      encryptedBucket(this, name, { key: this.key, accessLogs: this.accessLogsBucket, days });
    this.remoteReceivingRegion = props.remoteReceivingRegion;
    const recordings = bucket("recordings", props.retention.recordings);
    this.buckets = {
      recordings,
      transcripts: bucket("transcripts", props.retention.transcripts),
      documents: bucket("documents", props.retention.documents),
      "inbound-mail": props.remoteReceivingRegion
        ? s3.Bucket.fromBucketAttributes(this, "inbound-mail", {
            bucketName: inboundNames(props.authorityId, props.remoteReceivingRegion).bucket,
            region: props.remoteReceivingRegion,
          })
        : bucket("inbound-mail", props.retention.inboundMail),
    };
    // "Object Created" events go to EventBridge (the stateless half routes them). Set on the L1
    // bucket: the L2 `eventBridgeEnabled` would add a custom-resource Lambda for the same setting.
    const recordingsCfn = recordings.node.defaultChild as s3.CfnBucket;
    recordingsCfn.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };

    // 3b. Backups beyond point-in-time recovery's 35 days: the records the authority keeps for
    // years (table: meetings, minutes' metadata, audit; documents: the minutes themselves).
    const vault = new backup.BackupVault(this, "backup-vault", {
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.backupPlan = new backup.BackupPlan(this, "backup-plan", {
      backupVault: vault,
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: "daily",
          scheduleExpression: events.Schedule.cron({ hour: "2", minute: "0" }),
          deleteAfter: Duration.days(35),
        }),
        new backup.BackupPlanRule({
          ruleName: "monthly",
          scheduleExpression: events.Schedule.cron({ day: "1", hour: "3", minute: "0" }),
          deleteAfter: Duration.days(Math.ceil(props.retentionYears * 365.25)),
        }),
      ],
    });
    // AWS Backup's own service-role policies: AWS keeps them in step with what each service needs.
    const backupPolicies = [
      "service-role/AWSBackupServiceRolePolicyForBackup",
      "service-role/AWSBackupServiceRolePolicyForRestores",
      "AWSBackupServiceRolePolicyForS3Backup",
      "AWSBackupServiceRolePolicyForS3Restore",
    ];
    const backupRole = new iam.Role(this, "backup-role", {
      assumedBy: new iam.ServicePrincipal("backup.amazonaws.com"),
      description: `Convene ${props.authorityId}: AWS Backup of the table and documents bucket`,
      managedPolicies: backupPolicies.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    for (const name of backupPolicies) {
      acknowledgeRule(
        backupRole,
        `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        "AWS Backup's documented service-role policy; AWS maintains it as DynamoDB and S3 backup needs change",
      );
    }
    this.backupPlan.addSelection("records", {
      role: backupRole,
      resources: [
        backup.BackupResource.fromDynamoDbTable(this.table),
        backup.BackupResource.fromArn(this.buckets.documents.bucketArn),
      ],
    });

    // 4. The reply-token HMAC key: generated by Secrets Manager, never in the template or the environment.
    this.replySecret = new secretsmanager.Secret(this, "reply-secret", {
      secretName: props.replySecretName,
      description: `Convene ${props.authorityId}: HMAC key signing reply addresses and reply-page links`,
      encryptionKey: this.key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Rotated every 90 days by the rotate-reply-secret function (scheduled by the stateless half).

    // 5. Sending: configuration set with bounce/complaint events to an encrypted topic.
    this.feedbackTopic = new sns.Topic(this, "ses-feedback", {
      displayName: `Convene ${props.authorityId} SES bounces and complaints`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.configurationSet = new ses.ConfigurationSet(this, "configuration-set", {
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.configurationSet.addEventDestination("feedback", {
      destination: ses.EventDestination.snsTopic(this.feedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT],
    });
    this.fromIdentity = new ses.EmailIdentity(this, "from-identity", {
      identity: ses.Identity.domain(this.fromDomain),
      configurationSet: this.configurationSet,
      dkimSigning: true,
    });
    // A reply domain that is neither the from-domain nor under it needs its own verified identity.
    this.replyIdentity =
      this.replyDomain === this.fromDomain || this.replyDomain.endsWith(`.${this.fromDomain}`)
        ? undefined
        : new ses.EmailIdentity(this, "reply-identity", {
            identity: ses.Identity.domain(this.replyDomain),
            configurationSet: this.configurationSet,
          });

    // 6. Receiving, when SES receives in this Region: the rule itself (S3 then Lambda) is added by
    // the stateless half, which owns the function. Otherwise ConveneInboundStack holds it.
    this.receiptRuleSet = props.remoteReceivingRegion
      ? undefined
      : props.sharedReceiptRuleSetName
        ? ses.ReceiptRuleSet.fromReceiptRuleSetName(this, "receipt-rules", props.sharedReceiptRuleSetName)
        : new ses.ReceiptRuleSet(this, "receipt-rules", { dropSpam: false });
  }

  /** The bucket named as in `FunctionSpec.buckets`. */
  bucket(name: BucketName): s3.IBucket {
    return this.buckets[name];
  }

  /**
   * Services that encrypt or decrypt with the key as themselves rather than as a caller's role.
   * Each statement names the one service and, where the service passes one, the resource it works for.
   */
  private allowServicesToUseKey(): void {
    // CloudWatch Logs: every log group of this account and region (Lambda, Step Functions, API access logs).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "CloudWatchLogsEncryptLogGroups",
        principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        resources: ["*"],
        conditions: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
          },
        },
      }),
    );
    // Every service statement below is for this account's own resources only (confused deputy):
    // aws:SourceAccount, and aws:SourceArn of the kind of resource the service works for.
    const sourceArn = (service: string, resource: string, resourceName: string, sep: ArnFormat) =>
      Stack.of(this).formatArn({ service, resource, resourceName, arnFormat: sep });
    const fromThisAccount = (arnLike: string) => ({
      StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID },
      ArnLike: { "aws:SourceArn": arnLike },
    });
    // SES receipt: SES puts the raw reply in the inbound-mail bucket, whose default encryption
    // (SSE-KMS, server side) uses this key through S3. (The S3 action's own `kmsKey` would be
    // client-side encryption, which the AWS SDK for JavaScript v3 cannot decrypt.)
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "SesStoresInboundMailThroughS3",
        principals: [new iam.ServicePrincipal("ses.amazonaws.com")],
        actions: ["kms:GenerateDataKey", "kms:Decrypt"],
        resources: ["*"],
        conditions: {
          StringEquals: {
            "kms:ViaService": `s3.${Aws.REGION}.amazonaws.com`,
            "aws:SourceAccount": Aws.ACCOUNT_ID,
          },
          ArnLike: {
            "aws:SourceArn": sourceArn("ses", "receipt-rule-set", "*", ArnFormat.SLASH_RESOURCE_NAME),
          },
        },
      }),
    );
    // Encrypted SNS topics: SES publishes bounces and complaints (from the configuration set),
    // CloudWatch publishes alarms. The topic policies decide who may publish; this lets them encrypt.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "SesPublishesFeedbackToEncryptedTopic",
        principals: [new iam.ServicePrincipal("ses.amazonaws.com")],
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        resources: ["*"],
        conditions: fromThisAccount(
          sourceArn("ses", "configuration-set", "*", ArnFormat.SLASH_RESOURCE_NAME),
        ),
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "CloudWatchAlarmsPublishToEncryptedTopic",
        principals: [new iam.ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        resources: ["*"],
        conditions: fromThisAccount(sourceArn("cloudwatch", "alarm", "*", ArnFormat.COLON_RESOURCE_NAME)),
      }),
    );
    // Dead letters: SNS (a subscription's DLQ) and EventBridge (a target's DLQ) send to the
    // encrypted queues of lib/redrive-plan.ts; EventBridge also publishes workflow failures to the
    // encrypted alarm topic (its rule in lib/stateless.ts).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "SnsSendsDeadLettersToEncryptedQueues",
        principals: [new iam.ServicePrincipal("sns.amazonaws.com")],
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        resources: ["*"],
        conditions: fromThisAccount(sourceArn("sns", "*", "", ArnFormat.NO_RESOURCE_NAME)),
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "EventBridgeRulesSendToEncryptedQueuesAndTopics",
        principals: [new iam.ServicePrincipal("events.amazonaws.com")],
        actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
        resources: ["*"],
        conditions: fromThisAccount(sourceArn("events", "rule", "*", ArnFormat.SLASH_RESOURCE_NAME)),
      }),
    );
  }
}

/** The domain of an email address. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf("@");
  if (at < 1 || at === address.length - 1)
    throw new Error(`expected an email address, got ${JSON.stringify(address)}`);
  return address.slice(at + 1).toLowerCase();
}
