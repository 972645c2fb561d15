import type { CfnElement } from "aws-cdk-lib";
import { Match, Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import { sesReceivingRegions } from "../../domain/authority/aws-support.ts";
import { type ConveneStack, StackConfigurationError } from "../../lib/convene-stack.ts";
import type { ConveneInboundStack } from "../../lib/inbound-stack.ts";
import { buildConveneApp, localSynthAuthority } from "../../lib/synth-local.ts";
import type { CfnTemplate } from "./template-helpers.ts";

let home: ConveneStack;
let inbound: ConveneInboundStack;
let homeTemplate: Template;
let inboundTemplate: Template;
let homeJson: CfnTemplate;

const resourcesOf = (json: CfnTemplate, type: string) =>
  Object.entries(json.Resources).filter(([, r]) => r.Type === type);

beforeAll(() => {
  // No profile, no CDK_DEFAULT_REGION: the Region must come from the authority file alone.
  delete process.env.CDK_DEFAULT_REGION;
  // London, receiving in Ireland: the two-Region layout (London's own receiving is tested below).
  ({ stack: home } = buildConveneApp({
    authority: parseAuthorityConfig(
      { ...localSynthAuthority, deployment: { receivingRegion: "eu-west-1" } },
      "authorities/x.json",
    ),
  }));
  if (!home.inbound) throw new Error("expected a receiving stack in eu-west-1");
  inbound = home.inbound;
  homeTemplate = Template.fromStack(home);
  inboundTemplate = Template.fromStack(inbound);
  homeJson = homeTemplate.toJSON() as CfnTemplate;
});

describe("the Region", () => {
  it("is Europe (London) by default, as a literal in the stack, never the CLI profile's", () => {
    expect(home.region).toBe("eu-west-2");
    // The environment CloudFormation deploys to: any account, London.
    expect(home.environment).toBe("aws://unknown-account/eu-west-2");
    const text = JSON.stringify(homeJson);
    expect(text.includes("us-east-1"), "us-east-1 in the template").toBe(false);
    expect(text.includes(".execute-api.eu-west-2."), "reply page URL in London").toBe(true);
  });

  it("is the one the authority file names", () => {
    const authority = parseAuthorityConfig(
      { ...localSynthAuthority, deployment: { region: "eu-west-1" } },
      "authorities/x.json",
    );
    const { stack } = buildConveneApp({ authority });
    expect(stack.region).toBe("eu-west-1");
    // SES receives in Ireland: no second stack, the rule is in the authority's own stack.
    expect(stack.inbound).toBeUndefined();
    Template.fromStack(stack).resourceCountIs("AWS::SES::ReceiptRule", 1);
  });

  it("refuses an env.region that contradicts the authority file", () => {
    const authority = parseAuthorityConfig(localSynthAuthority, "authorities/x.json");
    expect(() => buildConveneApp({ authority, env: { region: "us-east-1" } })).toThrow(
      StackConfigurationError,
    );
  });
});

describe("SES receiving in London, the default", () => {
  it("is in the authority's own stack: no second stack, one KMS key, the rule and bucket in London", () => {
    const { stack } = buildConveneApp();
    expect(stack.authority.deployment.receivingRegion).toBe("eu-west-2");
    expect(stack.inbound).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs("AWS::KMS::Key", 1);
    template.resourceCountIs("AWS::SES::ReceiptRuleSet", 1);
    template.hasResourceProperties("AWS::SES::ReceiptRule", {
      Rule: Match.objectLike({
        Recipients: ["reply.convene.invalid"],
        ScanEnabled: true,
        TlsPolicy: "Require",
      }),
    });
  });
});

describe("SES receiving in another Region (London's replies in Ireland)", () => {
  it("puts only the receipt rule, the raw replies, their topic and its dead letters in Europe (Ireland)", () => {
    expect(inbound.region).toBe("eu-west-1");
    expect(inbound.stackName).toBe("Convene-local-inbound");
    const types = new Set(
      Object.values(inboundTemplate.toJSON().Resources as CfnTemplate["Resources"]).map((r) => r.Type),
    );
    expect([...types].sort()).toEqual(
      [
        "AWS::KMS::Alias",
        "AWS::KMS::Key",
        "AWS::S3::Bucket",
        "AWS::S3::BucketPolicy",
        "AWS::SES::ReceiptRule",
        "AWS::SES::ReceiptRuleSet",
        "AWS::SNS::Subscription",
        "AWS::SNS::Topic",
        "AWS::SNS::TopicPolicy",
        "AWS::SQS::Queue",
        "AWS::SQS::QueuePolicy",
        "AWS::CloudWatch::Alarm",
      ].sort(),
    );
    // No table, function, state machine or secret leaves London.
    homeTemplate.resourceCountIs("AWS::SES::ReceiptRule", 0);
    homeTemplate.resourceCountIs("AWS::SES::ReceiptRuleSet", 0);
    homeTemplate.resourceCountIs("AWS::DynamoDB::Table", 1);
  });

  it("stores each reply encrypted in the Irish bucket and announces it on the encrypted topic", () => {
    const bucketId = inbound.getLogicalId(inbound.bucket.node.defaultChild as CfnElement);
    const topicId = inbound.getLogicalId(inbound.topic.node.defaultChild as CfnElement);
    inboundTemplate.hasResourceProperties("AWS::SES::ReceiptRule", {
      Rule: Match.objectLike({
        Recipients: ["reply.convene.invalid"],
        ScanEnabled: true,
        TlsPolicy: "Require",
        Actions: [
          { S3Action: Match.objectLike({ BucketName: { Ref: bucketId }, TopicArn: { Ref: topicId } }) },
        ],
      }),
    });
    inboundTemplate.hasResourceProperties("AWS::S3::Bucket", {
      BucketName: {
        "Fn::Join": ["", ["convene-local-inbound-", { Ref: "AWS::AccountId" }, "-eu-west-1"]],
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: "aws:kms" }) }),
        ],
      },
    });
    inboundTemplate.hasResourceProperties("AWS::SNS::Topic", {
      TopicName: "convene-local-inbound",
      KmsMasterKeyId: Match.anyValue(),
    });
  });

  it("subscribes London's inbound-email function, which may be invoked by that topic only", () => {
    const fn = home.stateless.functions["inbound-email"];
    const fnId = home.getLogicalId(fn.node.defaultChild as CfnElement);
    expect(homeJson.Resources[fnId]?.Properties.FunctionName).toBe("convene-local-inbound-email");
    inboundTemplate.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "lambda",
      Endpoint: {
        "Fn::Join": [
          "",
          ["arn:aws:lambda:eu-west-2:", { Ref: "AWS::AccountId" }, ":function:convene-local-inbound-email"],
        ],
      },
    });
    homeTemplate.hasResourceProperties("AWS::Lambda::Permission", {
      Principal: "sns.amazonaws.com",
      FunctionName: { "Fn::GetAtt": [fnId, "Arn"] },
      SourceArn: {
        "Fn::Join": ["", ["arn:aws:sns:eu-west-1:", { Ref: "AWS::AccountId" }, ":convene-local-inbound"]],
      },
    });
  });

  it("lets inbound-email read the Irish bucket and decrypt with the Irish key named by its alias", () => {
    const role = home.getLogicalId(
      home.stateless.functions["inbound-email"].executionRole.node.defaultChild as CfnElement,
    );
    const statements = resourcesOf(homeJson, "AWS::IAM::Policy")
      .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
    const text = JSON.stringify(statements);
    expect(text).toContain("convene-local-inbound-");
    expect(text).toContain('"kms:ResourceAliases":"alias/convene/local/inbound"');
    expect(text).toContain("arn:aws:kms:eu-west-1:");
  });

  it("is deployed after the home stack, which it names but does not reference", () => {
    expect(inbound.dependencies).toContain(home);
    expect(JSON.stringify(inboundTemplate.toJSON())).not.toMatch(/Fn::ImportValue|"Ref":"stateless/);
  });

  it("adds the rule to a shared, active rule set when the file names one", () => {
    const authority = parseAuthorityConfig(
      {
        ...localSynthAuthority,
        deployment: { receivingRegion: "eu-west-1", sharedReceiptRuleSetName: "council-inbound" },
      },
      "authorities/x.json",
    );
    const { stack } = buildConveneApp({ authority });
    const template = Template.fromStack(stack.inbound as ConveneInboundStack);
    template.resourceCountIs("AWS::SES::ReceiptRuleSet", 0);
    template.hasResourceProperties("AWS::SES::ReceiptRule", { RuleSetName: "council-inbound" });
  });
});

describe("the receiving Region in the authority file", () => {
  const problems = (deployment: unknown): string => {
    try {
      parseAuthorityConfig({ ...localSynthAuthority, deployment }, "authorities/x.json");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error("expected a ConfigError");
  };

  it("must be one where SES receives email", () => {
    expect(problems({ receivingRegion: "eu-west-3" })).toBe(
      `authorities/x.json: deployment.receivingRegion: SES does not receive email in "eu-west-3" (expected one of ${sesReceivingRegions.join(", ")})`,
    );
  });

  it("must be chosen for a Region outside Europe without SES receiving", () => {
    expect(problems({ region: "ap-south-1" })).toMatch(
      /^authorities\/x\.json: deployment\.receivingRegion: SES does not receive email in ap-south-1: set receivingRegion/,
    );
  });
});
