/** The alarm topic of a Convene stack: encrypted, published to by this account's CloudWatch alarms only. */
import { ArnFormat, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";

/**
 * An encrypted alarm topic CloudWatch alarms of this account may publish to, with an email
 * subscription per address (each confirms once). The key's policy must let CloudWatch encrypt
 * (see `ConveneStateful`).
 * @example alarmTopic(this, "alarms", { authorityId: "demo", key, emails: ["ops@council.example"] });
 */
export function alarmTopic(
  scope: Construct,
  id: string,
  { authorityId, key, emails }: { authorityId: string; key: kms.IKey; emails: readonly string[] },
): sns.Topic {
  const stack = Stack.of(scope);
  const topic = new sns.Topic(scope, id, {
    displayName: `Convene ${authorityId} alarms`,
    masterKey: key,
    enforceSSL: true,
  });
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: "CloudWatchAlarmsOfThisAccountPublish",
      principals: [new iam.ServicePrincipal("cloudwatch.amazonaws.com")],
      actions: ["sns:Publish"],
      resources: [topic.topicArn],
      conditions: {
        StringEquals: { "aws:SourceAccount": stack.account },
        ArnLike: {
          "aws:SourceArn": stack.formatArn({
            service: "cloudwatch",
            resource: "alarm",
            resourceName: "*",
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
  );
  for (const email of emails) topic.addSubscription(new subscriptions.EmailSubscription(email));
  return topic;
}
