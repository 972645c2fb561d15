/**
 * The two kinds of S3 bucket both stacks make (the authority's stack in its Region, the receiving
 * stack where SES receives email): a server access log bucket (SSE-S3: access logs cannot go to an
 * SSE-KMS bucket), and buckets of case data encrypted with the customer key, logging to it.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type * as kms from "aws-cdk-lib/aws-kms";
import * as s3 from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { acknowledgeRule } from "./nag.ts";

/** Objects expire `days` after they are written; old versions 30 days after they are replaced. */
export function expiry(days: number): s3.LifecycleRule[] {
  return [
    {
      id: "retention",
      expiration: Duration.days(days),
      noncurrentVersionExpiration: Duration.days(30),
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    },
  ];
}

/** The server access log bucket, construct id `access-logs`. */
export function accessLogsBucket(scope: Construct, lifecycleRules: s3.LifecycleRule[]): s3.Bucket {
  const bucket = new s3.Bucket(scope, "access-logs", {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledgeRule(
    bucket,
    "AwsSolutions-S1",
    "This is the server access log bucket; logging its own access would loop",
  );
  return bucket;
}

/** A bucket of case data: customer-key encrypted, TLS only, versioned, logged under `<id>/`, kept `days`. */
export function encryptedBucket(
  scope: Construct,
  id: string,
  props: { key: kms.IKey; accessLogs: s3.IBucket; days: number; bucketName?: string },
): s3.Bucket {
  return new s3.Bucket(scope, id, {
    ...(props.bucketName === undefined ? {} : { bucketName: props.bucketName }),
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: props.key,
    bucketKeyEnabled: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: props.accessLogs,
    serverAccessLogsPrefix: `${id}/`,
    lifecycleRules: expiry(props.days),
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
