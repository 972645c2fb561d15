/**
 * The cost model behind `npm run cost`: the idle monthly cost of an authority's stacks, read from
 * their synthesized templates, and the cost of one meeting, from the bench's per-lifecycle counts.
 * Pure: templates and counts in, itemized dollars out. Prices and assumptions: lib/cost/prices.ts.
 */
import { assumptions, prices } from "./prices.ts";

type Resource = { Type: string; Properties?: Record<string, unknown> };
export type Template = { Resources: Record<string, Resource> };

export interface CostLine {
  item: string;
  monthly: number;
}

/** The bench's counts for one lifecycle (bench/lifecycle-bench.ts). */
export interface LifecycleCounts {
  transitions: number;
  invocations: number;
  dynamoRequests: number;
  emails: number;
}

const resources = (templates: readonly Template[], type: string): Resource[] =>
  templates.flatMap((t) => Object.values(t.Resources)).filter((r) => r.Type === type);

/** Metrics an alarm pays for: one, or each metric (not expression) of a metric-math alarm. */
function alarmMetrics(alarm: Resource): number {
  const metrics = alarm.Properties?.Metrics as Array<{ MetricStat?: unknown }> | undefined;
  return metrics ? metrics.filter((m) => m.MetricStat !== undefined).length : 1;
}

/** The rate(N minutes) schedules of the templates, as invocations per month, with the target function's memory. */
function scheduledInvocations(templates: readonly Template[]): Array<{ perMonth: number; memoryGb: number }> {
  const functions = new Map(
    templates
      .flatMap((t) => Object.entries(t.Resources))
      .filter(([, r]) => r.Type === "AWS::Lambda::Function"),
  );
  return resources(templates, "AWS::Events::Rule").flatMap((rule) => {
    const match = /^rate\((\d+) minutes?\)$/.exec(String(rule.Properties?.ScheduleExpression ?? ""));
    if (!match) return [];
    const perMonth = (assumptions.daysPerMonth * 24 * 60) / Number(match[1]);
    const targets = (rule.Properties?.Targets as Array<{ Arn?: { "Fn::GetAtt"?: [string, string] } }>) ?? [];
    return targets.map((target) => {
      const fn = functions.get(target.Arn?.["Fn::GetAtt"]?.[0] ?? "");
      return { perMonth, memoryGb: Number(fn?.Properties?.MemorySize ?? 128) / 1024 };
    });
  });
}

/**
 * What the stacks cost a month with no meeting at all: keys, secrets, alarms, WAF, and what the
 * schedules run. Storage is left out (it grows with use, from nothing).
 */
export function idleMonthlyCost(templates: readonly Template[]): CostLine[] {
  const lines: CostLine[] = [];
  const keys = resources(templates, "AWS::KMS::Key").length;
  lines.push({ item: `KMS keys (${keys})`, monthly: keys * prices.kmsKeyMonth });
  const secrets = resources(templates, "AWS::SecretsManager::Secret").length;
  lines.push({ item: `Secrets Manager secrets (${secrets})`, monthly: secrets * prices.secretMonth });
  const alarms = resources(templates, "AWS::CloudWatch::Alarm");
  const metrics = alarms.reduce((n, alarm) => n + alarmMetrics(alarm), 0);
  lines.push({
    item: `CloudWatch alarms (${alarms.length}, ${metrics} metrics)`,
    monthly: metrics * prices.alarmMetricMonth,
  });
  const acls = resources(templates, "AWS::WAFv2::WebACL");
  const rules = acls.reduce((n, acl) => n + ((acl.Properties?.Rules as unknown[]) ?? []).length, 0);
  lines.push({
    item: `WAF web ACLs (${acls.length}, ${rules} rules)`,
    monthly: acls.length * prices.wafAclMonth + rules * prices.wafRuleMonth,
  });
  for (const { perMonth, memoryGb } of scheduledInvocations(templates)) {
    const lambda =
      perMonth * memoryGb * assumptions.invocationSeconds * prices.lambdaArmGbSecond +
      (perMonth / 1e6) * prices.lambdaPerMillionRequests;
    const reads = perMonth * assumptions.dynamoReadsPerSweep;
    const other =
      (reads / 1e6) * prices.dynamoPerMillionReads +
      (perMonth / 1e6) * prices.xrayPerMillionTraces +
      ((perMonth * assumptions.logBytesPerInvocation) / 1e9) * prices.logsIngestPerGb +
      ((reads * assumptions.kmsRequestsPerDataRequest) / 1e4) * prices.kmsPer10kRequests;
    lines.push({ item: `scheduled sweeps (${Math.round(perMonth)} a month)`, monthly: lambda + other });
  }
  return lines;
}

/** What one meeting's lifecycle costs, excluding transcription (Amazon Transcribe bills per audio minute). */
export function meetingCost(counts: LifecycleCounts, templates: readonly Template[]): CostLine[] {
  const functions = resources(templates, "AWS::Lambda::Function");
  const memoryGb =
    functions.reduce((n, fn) => n + Number(fn.Properties?.MemorySize ?? 128), 0) /
    Math.max(functions.length, 1) /
    1024;
  const writes = counts.dynamoRequests * assumptions.dynamoWriteShare;
  const reads = counts.dynamoRequests - writes;
  return [
    {
      item: `Step Functions (${counts.transitions} transitions)`,
      monthly: counts.transitions * prices.stepFunctionsTransition,
    },
    {
      item: `Lambda (${counts.invocations} invocations × ${assumptions.invocationSeconds} s × ${memoryGb.toFixed(2)} GB)`,
      monthly:
        counts.invocations * assumptions.invocationSeconds * memoryGb * prices.lambdaArmGbSecond +
        (counts.invocations / 1e6) * prices.lambdaPerMillionRequests,
    },
    {
      item: `DynamoDB (${counts.dynamoRequests} requests)`,
      monthly: (writes / 1e6) * prices.dynamoPerMillionWrites + (reads / 1e6) * prices.dynamoPerMillionReads,
    },
    {
      item: `SES (${counts.emails} sent, ${assumptions.repliesPerMeeting} received)`,
      monthly:
        (counts.emails / 1000) * prices.sesPer1000Sent +
        (assumptions.repliesPerMeeting / 1000) * prices.sesPer1000Received,
    },
    {
      item: `reply page (${assumptions.replyPageRequestsPerMeeting} requests)`,
      monthly: (assumptions.replyPageRequestsPerMeeting / 1e6) * prices.apiGatewayPerMillionRequests,
    },
    {
      item: "X-Ray, logs and KMS requests",
      monthly:
        (counts.invocations / 1e6) * prices.xrayPerMillionTraces +
        ((counts.invocations * assumptions.logBytesPerInvocation) / 1e9) * prices.logsIngestPerGb +
        ((counts.dynamoRequests * assumptions.kmsRequestsPerDataRequest) / 1e4) * prices.kmsPer10kRequests,
    },
  ];
}

/** The sum of a list of lines. */
export function total(lines: readonly CostLine[]): number {
  return lines.reduce((n, line) => n + line.monthly, 0);
}
