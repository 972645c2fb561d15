/** Every setting of the authority file's `deployment` object reaches the template. */
import type { CfnElement } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import type { ConveneStack } from "../../lib/convene-stack.ts";
import { buildConveneApp, localSynthAuthority } from "../../lib/synth-local.ts";
import type { CfnTemplate } from "./template-helpers.ts";

const sharedAcl = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/council-shared/abc";
let stack: ConveneStack;
let template: Template;
let json: CfnTemplate;

const build = (deployment: Record<string, unknown>) =>
  buildConveneApp({
    authority: parseAuthorityConfig({ ...localSynthAuthority, deployment }, "authorities/x.json"),
  }).stack;

beforeAll(() => {
  stack = build({
    region: "eu-west-1",
    sharedReceiptRuleSetName: "council-inbound",
    waf: sharedAcl,
    logRetentionDays: 30,
    reservedConcurrency: { sweeper: 1 },
    retentionDays: { recordings: 30, inboundMail: 60 },
  });
  template = Template.fromStack(stack);
  json = template.toJSON() as CfnTemplate;
});

describe("deployment settings from the authority file", () => {
  it("sharedReceiptRuleSetName: the rule joins the shared set and no set is created", () => {
    template.resourceCountIs("AWS::SES::ReceiptRuleSet", 0);
    template.hasResourceProperties("AWS::SES::ReceiptRule", { RuleSetName: "council-inbound" });
  });

  it("waf as an ARN: the reply stage is associated with the shared web ACL, none is created", () => {
    template.resourceCountIs("AWS::WAFv2::WebACL", 0);
    template.hasResourceProperties("AWS::WAFv2::WebACLAssociation", { WebACLArn: sharedAcl });
  });

  it("logRetentionDays: every log group keeps logs that long", () => {
    const groups = Object.values(json.Resources).filter((r) => r.Type === "AWS::Logs::LogGroup");
    expect(groups.length).toBeGreaterThan(10);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(30);
  });

  it("reservedConcurrency: the named function only", () => {
    const sweeper = stack.getLogicalId(stack.stateless.functions.sweeper.node.defaultChild as CfnElement);
    expect(json.Resources[sweeper]?.Properties.ReservedConcurrentExecutions).toBe(1);
    const reserved = Object.values(json.Resources).filter(
      (r) => r.Type === "AWS::Lambda::Function" && r.Properties.ReservedConcurrentExecutions !== undefined,
    );
    expect(reserved.length).toBe(1);
  });

  it("retentionDays: overrides expire objects after the days given, defaults elsewhere", () => {
    const expiry = (name: "recordings" | "inbound-mail" | "transcripts") =>
      (
        json.Resources[stack.getLogicalId(stack.stateful.bucket(name).node.defaultChild as CfnElement)]
          ?.Properties as { LifecycleConfiguration: { Rules: Array<{ ExpirationInDays: number }> } }
      ).LifecycleConfiguration.Rules[0]?.ExpirationInDays;
    expect(expiry("recordings")).toBe(30);
    expect(expiry("inbound-mail")).toBe(60);
    expect(expiry("transcripts")).toBe(365);
  });

  it('waf "off": no web ACL and no association', () => {
    const off = Template.fromStack(build({ region: "eu-west-1", waf: "off" }));
    off.resourceCountIs("AWS::WAFv2::WebACL", 0);
    off.resourceCountIs("AWS::WAFv2::WebACLAssociation", 0);
    off.hasResourceProperties("AWS::ApiGateway::Stage", {
      StageName: "reply",
      MethodSettings: Match.anyValue(),
    });
  });
});
