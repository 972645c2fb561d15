/**
 * Acknowledging cdk-nag findings, one finding at a time, each with a specific reason.
 *
 * cdk-nag 3 reads acknowledgements recorded with `Validations.of(scope).acknowledge({ id, reason })`
 * on the resource or any of its ancestors. IAM findings are granular: `AwsSolutions-IAM5[Resource::…]`
 * names the exact wildcard, written the way cdk-nag flattens CloudFormation references
 * (`<LogicalId.Arn>/*`). These helpers compute that text from the CDK token, so an acknowledgement
 * covers exactly one wildcard and stops matching if the resource changes.
 */
import { Stack, Validations } from "aws-cdk-lib";
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
