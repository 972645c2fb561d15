import { readFileSync } from "node:fs";
import path from "node:path";
import { Template as Assertions } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import { repoRoot } from "../../lib/convene-function.ts";
import { idleMonthlyCost, meetingCost, type Template, total } from "../../lib/cost/model.ts";
import { assumptions, prices } from "../../lib/cost/prices.ts";
import { buildConveneApp, localSynthAuthority } from "../../lib/synth-local.ts";

const line = (lines: ReturnType<typeof idleMonthlyCost>, prefix: string) =>
  lines.find((l) => l.item.startsWith(prefix))?.monthly;

describe("the idle monthly cost", () => {
  it("prices keys, secrets, each alarm metric, the WAF and the schedules found in the templates", () => {
    const template: Template = {
      Resources: {
        k: { Type: "AWS::KMS::Key" },
        s: { Type: "AWS::SecretsManager::Secret" },
        single: { Type: "AWS::CloudWatch::Alarm", Properties: { MetricName: "Errors" } },
        math: {
          Type: "AWS::CloudWatch::Alarm",
          Properties: { Metrics: [{ Expression: "a+b" }, { MetricStat: {} }, { MetricStat: {} }] },
        },
        acl: { Type: "AWS::WAFv2::WebACL", Properties: { Rules: [{}, {}] } },
        fn: { Type: "AWS::Lambda::Function", Properties: { MemorySize: 1024 } },
        rule: {
          Type: "AWS::Events::Rule",
          Properties: {
            ScheduleExpression: "rate(10 minutes)",
            Targets: [{ Arn: { "Fn::GetAtt": ["fn", "Arn"] } }],
          },
        },
      },
    };
    const lines = idleMonthlyCost([template]);
    expect(line(lines, "KMS")).toBe(prices.kmsKeyMonth);
    expect(line(lines, "Secrets")).toBe(prices.secretMonth);
    expect(line(lines, "CloudWatch alarms (2, 3 metrics)")).toBeCloseTo(3 * prices.alarmMetricMonth);
    expect(line(lines, "WAF")).toBe(prices.wafAclMonth + 2 * prices.wafRuleMonth);
    const sweeps = (assumptions.daysPerMonth * 24 * 60) / 10;
    expect(lines.find((l) => l.item.startsWith("scheduled sweeps"))?.item).toBe(
      `scheduled sweeps (${sweeps} a month)`,
    );
    expect(line(lines, "scheduled sweeps")).toBeGreaterThan(
      sweeps * assumptions.invocationSeconds * prices.lambdaArmGbSecond,
    );
  });

  it("drops the WAF's fixed cost when the authority file turns it off or shares one", () => {
    const templateOf = (waf: string) => {
      const authority = parseAuthorityConfig(
        { ...localSynthAuthority, deployment: { waf } },
        "authorities/x.json",
      );
      const { stack } = buildConveneApp({ authority });
      return [stack, stack.inbound].flatMap((s) => (s ? [Assertions.fromStack(s).toJSON() as Template] : []));
    };
    const own = idleMonthlyCost(templateOf("own"));
    const off = idleMonthlyCost(templateOf("off"));
    // Two rate limits (answer pages, whole office) and three managed rule groups.
    expect(line(own, "WAF")).toBe(prices.wafAclMonth + 5 * prices.wafRuleMonth);
    expect(line(off, "WAF")).toBe(0);
    expect(total(own) - total(off)).toBeCloseTo(prices.wafAclMonth + 5 * prices.wafRuleMonth);
  });
});

describe("the demo authority's idle month (issue 14: under $3, WAF shared or off)", () => {
  const demo = JSON.parse(readFileSync(path.join(repoRoot, "authorities", "demo.json"), "utf8"));
  const idle = (deployment: Record<string, unknown>) => {
    const authority = parseAuthorityConfig(
      { ...demo, deployment: { ...demo.deployment, ...deployment } },
      "authorities/demo.json",
    );
    const { stack } = buildConveneApp({ authority });
    const templates = [stack, stack.inbound].flatMap((s) =>
      s ? [Assertions.fromStack(s).toJSON() as Template] : [],
    );
    return idleMonthlyCost(templates);
  };
  const sharedAcl = "arn:aws:wafv2:eu-west-2:123456789012:regional/webacl/council-shared/abc";

  it("is under $3 receiving in London, with a shared web ACL or none", () => {
    for (const waf of ["off", sharedAcl]) {
      const lines = idle({ waf });
      expect(total(lines), waf).toBeLessThan(3);
      // One key, the reply-link secret, 11 alarm metrics, the sweeps.
      expect(line(lines, "KMS keys (1)")).toBe(prices.kmsKeyMonth);
      expect(line(lines, "CloudWatch alarms (6, 11 metrics)")).toBeCloseTo(11 * prices.alarmMetricMonth);
      expect(line(lines, "WAF")).toBe(0);
    }
  });

  it("is not, receiving in Ireland: a second key and a second alarm", () => {
    const london = total(idle({ waf: "off" }));
    const ireland = idle({ waf: "off", receivingRegion: "eu-west-1" });
    expect(line(ireland, "KMS keys (2)")).toBe(2 * prices.kmsKeyMonth);
    expect(total(ireland) - london).toBeCloseTo(prices.kmsKeyMonth + prices.alarmMetricMonth);
    expect(total(ireland)).toBeGreaterThan(3);
  });
});

describe("the cost of one meeting", () => {
  it("prices the bench's counts: transitions, invocations, DynamoDB requests and emails", () => {
    const template: Template = {
      Resources: { fn: { Type: "AWS::Lambda::Function", Properties: { MemorySize: 512 } } },
    };
    const lines = meetingCost({ transitions: 40, invocations: 27, dynamoRequests: 480, emails: 50 }, [
      template,
    ]);
    expect(lines.find((l) => l.item.startsWith("Step Functions"))?.monthly).toBeCloseTo(
      40 * prices.stepFunctionsTransition,
    );
    expect(lines.find((l) => l.item.startsWith("SES"))?.monthly).toBeCloseTo(
      (50 / 1000) * prices.sesPer1000Sent +
        (assumptions.repliesPerMeeting / 1000) * prices.sesPer1000Received,
    );
    expect(total(lines)).toBeLessThan(0.01);
  });
});
