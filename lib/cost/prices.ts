/**
 * The list prices `npm run cost` uses, all in this one file: US dollars, on-demand, no free tier,
 * from the AWS pricing pages named below. They were NOT fetched live: they are the published list
 * prices as this file's author knew them (2 December 2026) and London can differ from US East by
 * a few percent. Check them with the AWS Pricing Calculator (https://calculator.aws) before
 * budgeting, and correct them here.
 */
export const prices = {
  /** https://aws.amazon.com/kms/pricing/ — per customer managed key per month; per 10,000 requests. */
  kmsKeyMonth: 1.0,
  kmsPer10kRequests: 0.03,
  /** https://aws.amazon.com/secrets-manager/pricing/ — per secret per month. */
  secretMonth: 0.4,
  /** https://aws.amazon.com/cloudwatch/pricing/ — per standard-resolution alarm metric per month (a metric-math alarm pays for each metric in it). */
  alarmMetricMonth: 0.1,
  /** Log ingestion per GB. */
  logsIngestPerGb: 0.57,
  /** https://aws.amazon.com/waf/pricing/ — per web ACL per month, per rule (or managed rule group) per month, per million requests. */
  wafAclMonth: 5.0,
  wafRuleMonth: 1.0,
  /** https://aws.amazon.com/lambda/pricing/ — Arm: per GB-second; per million requests. */
  lambdaArmGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  /** https://aws.amazon.com/step-functions/pricing/ — Standard workflows, per state transition. */
  stepFunctionsTransition: 0.000025,
  /** https://aws.amazon.com/dynamodb/pricing/on-demand/ — per million write / read request units. */
  dynamoPerMillionWrites: 0.625,
  dynamoPerMillionReads: 0.125,
  /** https://aws.amazon.com/ses/pricing/ — per 1,000 emails sent; per 1,000 emails received. */
  sesPer1000Sent: 0.1,
  sesPer1000Received: 0.1,
  /** https://aws.amazon.com/xray/pricing/ — per million traces recorded. */
  xrayPerMillionTraces: 5.0,
  /** https://aws.amazon.com/api-gateway/pricing/ — REST API, per million requests. */
  apiGatewayPerMillionRequests: 3.5,
} as const;

/**
 * What the model assumes where neither the template nor the bench says: stated so they can be
 * argued with, and changed here.
 */
export const assumptions = {
  /** Billed duration of one invocation (handlers do a few DynamoDB calls; cold starts are 1–2 s). */
  invocationSeconds: 0.4,
  /** Share of the bench's DynamoDB requests that are writes (the rest are reads). */
  dynamoWriteShare: 0.5,
  /** What one idle sweep does: a Query on the timers index (reads). */
  dynamoReadsPerSweep: 2,
  /** Log bytes one invocation writes (JSON lines: ids and outcomes only). */
  logBytesPerInvocation: 2_000,
  /** KMS requests per DynamoDB or S3 request (DynamoDB caches table keys; S3 uses bucket keys). */
  kmsRequestsPerDataRequest: 0.05,
  /** Replies received by email per meeting (the rest answer on the reply page). */
  repliesPerMeeting: 5,
  /** Reply page requests per meeting (GET then POST per answer). */
  replyPageRequestsPerMeeting: 20,
  /** Days in a month. */
  daysPerMonth: 30,
} as const;
