/**
 * Acknowledging cdk-nag findings, one finding at a time, each with a specific reason.
 *
 * cdk-nag 3 reads acknowledgements recorded with `Validations.of(scope).acknowledge({ id, reason })`
 * on the resource or any of its ancestors. IAM findings are granular: `AwsSolutions-IAM5[Resource::…]`
 * names the exact wildcard, written the way cdk-nag flattens CloudFormation references
 * (`<LogicalId.Arn>/*`). These helpers compute that text from the CDK token, so an acknowledgement
 * covers exactly one wildcard and stops matching if the resource changes.
 */
import { CfnResource, Stack, Validations } from "aws-cdk-lib";
import type * as iam from "aws-cdk-lib/aws-iam";
import { flattenCfnReference } from "cdk-nag/lib/utils/flatten-cfn-reference.js";
import type { IConstruct } from "constructs";

/**
 * Acknowledges one cdk-nag rule on `scope` (and everything below it).
 * @example acknowledgeRule(bucket, "AwsSolutions-S1", "This is the access-log bucket itself");
 */
export function acknowledgeRule(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * The text cdk-nag uses for `value` (a string that may hold CDK tokens) in a finding id.
 * @example nagText(stack, `${bucket.bucketArn}/*`) // "<RecordingsBucket12AB.Arn>/*"
 */
export function nagText(scope: IConstruct, value: string): string {
  return flattenCfnReference(Stack.of(scope).resolve(value));
}

/**
 * Acknowledges one wildcard in an IAM policy under `scope`: either a resource (`resource`, a
 * string that may hold tokens, e.g. `${bucket.bucketArn}/*`) or an action (`action`, e.g.
 * `ses:Send*`; only that exact text is acknowledged).
 */
export function acknowledgeIamWildcard(
  scope: IConstruct,
  finding: { resource: string } | { action: string },
  reason: string,
): void {
  const detail =
    "resource" in finding ? `Resource::${nagText(scope, finding.resource)}` : `Action::${finding.action}`;
  acknowledgeRule(scope, `AwsSolutions-IAM5[${detail}]`, reason);
}

/**
 * The wildcard resources (as cdk-nag writes them) in the statements of `document`, resolved in
 * the stack of `scope`.
 */
export function wildcardResources(scope: IConstruct, document: iam.PolicyDocument): string[] {
  const json = Stack.of(scope).resolve(document.toJSON()) as {
    Statement?: Array<{ Effect: string; Resource?: unknown }>;
  };
  const texts = (json.Statement ?? [])
    .filter((statement) => statement.Effect === "Allow" && statement.Resource !== undefined)
    .flatMap((statement) => (Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource]))
    .map((resource) => flattenCfnReference(resource))
    .filter((text) => text.includes("*"));
  return [...new Set(texts)];
}

/**
 * The ONE place where findings of the NIST 800-53 R5 and Serverless cdk-nag packs are
 * acknowledged, each with its reason. A finding of those packs that no entry here matches fails
 * `test/infra/nag.test.ts` and `cdk synth`: fix it, or add an entry and say why.
 */
export const compliancePackAcknowledgements: ReadonlyArray<{
  rule: string;
  /** The CloudFormation resource types the reason is true of (and, if given, which of them). */
  types: readonly string[];
  where?: (resource: CfnResource) => boolean;
  reason: string;
}> = [
  {
    rule: "NIST.800.53.R5-S3BucketReplicationEnabled",
    types: ["AWS::S3::Bucket"],
    reason:
      "Cross-Region replication would copy children's social care data out of the authority's Region; buckets are versioned and retained on stack deletion instead",
  },
  {
    rule: "NIST.800.53.R5-S3DefaultEncryptionKMS",
    types: ["AWS::S3::Bucket"],
    where: (bucket) => bucket.node.path.endsWith("/access-logs/Resource"),
    reason: "S3 server access logs can only be delivered to a bucket encrypted with SSE-S3, not SSE-KMS",
  },
  {
    rule: "NIST.800.53.R5-IAMNoInlinePolicy",
    types: ["AWS::IAM::Policy"],
    reason:
      "Each policy is attached to exactly one role and holds that role's grants from functions/catalog.ts; a managed policy could be attached to other roles and widen their access",
  },
  {
    rule: "NIST.800.53.R5-LambdaConcurrency",
    types: ["AWS::Lambda::Function"],
    reason:
      "Reserved concurrency takes from the account's unreserved pool; it is set per function with deployment.reservedConcurrency where the platform team wants it",
  },
  {
    rule: "NIST.800.53.R5-LambdaInsideVPC",
    types: ["AWS::Lambda::Function"],
    reason:
      "The functions reach only AWS service APIs (IAM-authorized, TLS) and no VPC resource; a VPC would need a NAT gateway or a dozen interface endpoints for no isolation gained",
  },
  ...["NIST.800.53.R5-LambdaDLQ", "Serverless-LambdaDLQ"].map((rule) => ({
    rule,
    types: ["AWS::Lambda::Function"],
    where: (fn: CfnResource) =>
      (fn as unknown as { deadLetterConfig?: unknown }).deadLetterConfig === undefined,
    reason:
      "Invoked synchronously (by Step Functions tasks, API Gateway, Secrets Manager rotation): failures go back to the caller, which retries or fails the execution and alarms; every asynchronous entry point has a DLQ",
  })),
  {
    rule: "NIST.800.53.R5-APIGWCacheEnabledAndEncrypted",
    types: ["AWS::ApiGateway::Stage"],
    reason:
      "Every reply page response is for one signed link and shows personal data; a cache would keep it, so caching is off",
  },
  {
    rule: "NIST.800.53.R5-APIGWSSLEnabled",
    types: ["AWS::ApiGateway::Stage"],
    reason:
      "The integration is a Lambda proxy, not an HTTP backend: there is no backend TLS connection for a client certificate to authenticate",
  },
  {
    rule: "Serverless-APIGWXrayEnabled",
    types: ["AWS::ApiGateway::Stage"],
    reason:
      "X-Ray would record the full request URL, reply token included; the Lambda function behind it is traced",
  },
  {
    rule: "NIST.800.53.R5-WAFv2LoggingEnabled",
    types: ["AWS::WAFv2::WebACL"],
    reason:
      "WAF logs keep full request URLs, reply tokens included; the web ACL's CloudWatch metrics are on and sampled requests off for the same reason",
  },
  {
    rule: "Serverless-SNSRedrivePolicy",
    types: ["AWS::SNS::Subscription"],
    where: (subscription) => (subscription as unknown as { protocol?: string }).protocol === "email",
    reason:
      "An alarm email that cannot be delivered has nowhere better to go: the alarm stays in ALARM in the CloudWatch console, and the Lambda subscriptions do have DLQs",
  },
  {
    rule: "Serverless-SQSRedrivePolicy",
    types: ["AWS::SQS::Queue"],
    where: (queue) => String((queue as unknown as { queueName?: string }).queueName).endsWith("-dlq"),
    reason:
      "This queue is itself a dead-letter queue (lib/redrive-plan.ts): convene redrive sends an entry point's messages back to its function, and the workflow-failure notices' messages are read, not moved to another queue",
  },
];

/** Records {@link compliancePackAcknowledgements} on every matching resource under `root`. */
export function acknowledgeCompliancePacks(root: IConstruct): void {
  for (const construct of root.node.findAll()) {
    if (!CfnResource.isCfnResource(construct)) continue;
    for (const ack of compliancePackAcknowledgements) {
      if (!ack.types.includes(construct.cfnResourceType)) continue;
      if (ack.where && !ack.where(construct)) continue;
      acknowledgeRule(construct, ack.rule, ack.reason);
    }
  }
}
