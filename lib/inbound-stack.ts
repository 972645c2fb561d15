/**
 * The receiving half of an authority whose replies SES receives in another Region than the stack's
 * (`deployment.receivingRegion`: a Region without SES receiving, see domain/authority/aws-support.ts,
 * defaults to eu-west-1, Ireland, in Europe). Holds only what SES receiving needs in its own Region,
 * with its own KMS key (keys are regional):
 *
 * - the receipt rule (in this stack's rule set, or added to a shared, active one),
 * - the raw replies, in a KMS-encrypted bucket of that Region, kept `inboundMail` days,
 * - an encrypted SNS topic on which SES announces each stored reply; the inbound-email function,
 *   in the authority's own Region, is subscribed to it and reads the reply from the bucket.
 *
 * No reference crosses the Regions: both stacks build the names they share (bucket, topic, key
 * alias, function) from the authority id, the account and the Regions, and the home stack is
 * deployed first (`addDependency`).
 */
import { ArnFormat, Aws, Duration, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as cwActions from "aws-cdk-lib/aws-cloudwatch-actions";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import type * as s3 from "aws-cdk-lib/aws-s3";
import * as ses from "aws-cdk-lib/aws-ses";
import * as sesActions from "aws-cdk-lib/aws-ses-actions";
import * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { alarmTopic } from "./alarm-topic.ts";
import { accessLogsBucket, encryptedBucket } from "./buckets.ts";
import { acknowledgeRule } from "./nag.ts";
import { inboundDeadLetterQueueName } from "./redrive-plan.ts";

/** Key prefix under which SES stores inbound replies (the inbound-email handler reads it). */
export const inboundMailPrefix = "inbound/";

/** The names both Regions' stacks use for the receiving resources of one authority. */
export function inboundNames(authorityId: string, receivingRegion: string, account: string = Aws.ACCOUNT_ID) {
  return {
    bucket: `convene-${authorityId}-inbound-${account}-${receivingRegion}`,
    topic: `convene-${authorityId}-inbound`,
    keyAlias: `alias/convene/${authorityId}/inbound`,
    /** The inbound-email function of the home stack. */
    inboundFunction: `convene-${authorityId}-inbound-email`,
  };
}

export interface ConveneInboundStackProps extends StackProps {
  authorityId: string;
  /** The home Region, where the inbound-email function runs. */
  homeRegion: string;
  replyDomain: string;
  /** Days the raw replies are kept. */
  inboundMailDays: number;
  accessLogDays: number;
  sharedReceiptRuleSetName?: string;
  /** Addresses subscribed to this Region's alarm topic (alarms publish only to a topic of their Region). */
  alarmEmails: readonly string[];
}

export class ConveneInboundStack extends Stack {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly topic: sns.Topic;
  readonly receiptRuleSet: ses.IReceiptRuleSet;
  readonly receiptRule: ses.ReceiptRule;
  /** Notifications SNS could not deliver to inbound-email in the home Region. */
  readonly deadLetters: sqs.Queue;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: ConveneInboundStackProps) {
    super(scope, id, {
      terminationProtection: true,
      description: `Convene ${props.authorityId}: SES receiving of replies (this Region has SES receiving; ${props.homeRegion} does not)`,
      ...props,
    });
    const names = inboundNames(props.authorityId, this.region);
    const sourceAccount = { "aws:SourceAccount": Aws.ACCOUNT_ID };
    const arn = (service: string, resource: string, resourceName: string, arnFormat: ArnFormat) =>
      this.formatArn({ service, resource, resourceName, arnFormat });

    this.key = new kms.Key(this, "key", {
      description: `Convene ${props.authorityId}: raw inbound replies and their notifications`,
      enableKeyRotation: true,
      alias: names.keyAlias,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Each service may use the key for this account's own resources only (confused deputy).
    const service = (sid: string, principal: string, sourceArnLike: string) =>
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(principal)],
          actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
          resources: ["*"],
          conditions: { StringEquals: sourceAccount, ArnLike: { "aws:SourceArn": sourceArnLike } },
        }),
      );
    // SES encrypts the stored reply through S3 (bucket default encryption) and the notification
    // through SNS; SNS sends undeliverable notifications to the encrypted dead-letter queue;
    // CloudWatch publishes alarms to the encrypted alarm topic.
    service(
      "SesStoresRepliesAndNotifies",
      "ses.amazonaws.com",
      arn("ses", "receipt-rule-set", "*", ArnFormat.SLASH_RESOURCE_NAME),
    );
    service(
      "SnsSendsDeadLetters",
      "sns.amazonaws.com",
      arn("sns", names.topic, "", ArnFormat.NO_RESOURCE_NAME),
    );
    service(
      "CloudWatchAlarmsPublish",
      "cloudwatch.amazonaws.com",
      arn("cloudwatch", "alarm", "*", ArnFormat.COLON_RESOURCE_NAME),
    );

    const accessLogs = accessLogsBucket(this, [
      { id: "retention", expiration: Duration.days(props.accessLogDays) },
    ]);
    this.bucket = encryptedBucket(this, "inbound-mail", {
      bucketName: names.bucket,
      key: this.key,
      accessLogs,
      days: props.inboundMailDays,
    });

    this.topic = new sns.Topic(this, "inbound", {
      topicName: names.topic,
      displayName: `Convene ${props.authorityId} inbound replies`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "SesPublishesStoredReplies",
        principals: [new iam.ServicePrincipal("ses.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: sourceAccount },
      }),
    );
    this.deadLetters = new sqs.Queue(this, "dead-letters", {
      queueName: inboundDeadLetterQueueName(props.authorityId),
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeRule(
      this.deadLetters,
      "AwsSolutions-SQS3",
      "This queue is the dead-letter queue of the inbound topic's subscription; convene redrive drains it",
    );
    // The function is in the home Region; SNS delivers across Regions.
    new sns.Subscription(this, "to-inbound-email", {
      deadLetterQueue: this.deadLetters,
      topic: this.topic,
      protocol: sns.SubscriptionProtocol.LAMBDA,
      endpoint: this.formatArn({
        service: "lambda",
        region: props.homeRegion,
        resource: "function",
        resourceName: names.inboundFunction,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    });

    this.receiptRuleSet = props.sharedReceiptRuleSetName
      ? ses.ReceiptRuleSet.fromReceiptRuleSetName(this, "receipt-rules", props.sharedReceiptRuleSetName)
      : new ses.ReceiptRuleSet(this, "receipt-rules", { dropSpam: false });
    this.receiptRule = this.receiptRuleSet.addRule(`replies-${props.authorityId}`, {
      recipients: [props.replyDomain],
      scanEnabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [
        new sesActions.S3({ bucket: this.bucket, objectKeyPrefix: inboundMailPrefix, topic: this.topic }),
      ],
    });

    this.alarmTopic = alarmTopic(this, "alarms", {
      authorityId: props.authorityId,
      key: this.key,
      emails: props.alarmEmails,
    });
    this.deadLetters
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: "Maximum" })
      .createAlarm(this, "dead-letters-alarm", {
        alarmDescription: "A reply notification could not be delivered to inbound-email (convene redrive)",
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      })
      .addAlarmAction(new cwActions.SnsAction(this.alarmTopic));
  }
}
