/** Key hygiene: the reply-link key rotates, only its readers can read it, service key access is conditioned. */
import type { CfnElement } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import { functionSpecs } from "../../functions/catalog.ts";
import type { ConveneStack } from "../../lib/convene-stack.ts";
import { buildConveneApp, localSynthAuthority } from "../../lib/synth-local.ts";
import type { CfnTemplate } from "./template-helpers.ts";

let stack: ConveneStack;
let json: CfnTemplate;
let inboundJson: CfnTemplate;
const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

beforeAll(() => {
  // Receiving in Ireland, so both Regions' keys are checked.
  ({ stack } = buildConveneApp({
    authority: parseAuthorityConfig(
      { ...localSynthAuthority, deployment: { receivingRegion: "eu-west-1" } },
      "authorities/x.json",
    ),
  }));
  json = Template.fromStack(stack).toJSON() as CfnTemplate;
  inboundJson = Template.fromStack(
    stack.inbound as NonNullable<ConveneStack["inbound"]>,
  ).toJSON() as CfnTemplate;
});

describe("the reply-link signing key", () => {
  it("is rotated every 90 days by rotate-reply-secret", () => {
    const schedules = Object.values(json.Resources).filter(
      (r) => r.Type === "AWS::SecretsManager::RotationSchedule",
    );
    expect(schedules.map((s) => s.Properties)).toEqual([
      expect.objectContaining({
        SecretId: { Ref: idOf(stack.stateful.replySecret) },
        RotationLambdaARN: { "Fn::GetAtt": [idOf(stack.stateless.functions["rotate-reply-secret"]), "Arn"] },
        RotationRules: { ScheduleExpression: "rate(90 days)" },
      }),
    ]);
  });

  it("can be read only by the functions whose spec reads or rotates it, whatever IAM grants elsewhere", () => {
    const [policy, ...others] = Object.values(json.Resources).filter(
      (r) => r.Type === "AWS::SecretsManager::ResourcePolicy",
    );
    expect(others).toEqual([]);
    expect(policy?.Properties.SecretId).toEqual({ Ref: idOf(stack.stateful.replySecret) });
    const statements = (policy?.Properties.ResourcePolicy as { Statement: Array<Record<string, unknown>> })
      .Statement;
    const deny = statements.find((statement) => statement.Sid === "OnlyTheFunctionsThatNeedItRead");
    expect(deny).toMatchObject({
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "secretsmanager:GetSecretValue",
    });
    const allowed = (deny?.Condition as { ArnNotEquals: { "aws:PrincipalArn": unknown[] } }).ArnNotEquals[
      "aws:PrincipalArn"
    ];
    const readers = functionSpecs
      .filter((s) => s.readsReplySecret || s.rotatesReplySecret)
      .map((s) => ({ "Fn::GetAtt": [idOf(stack.stateless.functions[s.name].executionRole), "Arn"] }));
    expect(allowed).toEqual(readers);
    expect(readers.length).toBeLessThan(functionSpecs.length);
  });
});

describe("the KMS key policies", () => {
  type Statement = {
    Sid?: string;
    Principal?: { Service?: unknown };
    Condition?: Record<string, Record<string, unknown>>;
  };
  const serviceStatements = (t: CfnTemplate): Statement[] =>
    Object.values(t.Resources)
      .filter((r) => r.Type === "AWS::KMS::Key")
      .flatMap((k) => (k.Properties.KeyPolicy as { Statement: Statement[] }).Statement)
      .filter((s) => s.Principal?.Service !== undefined);

  it("give SES, CloudWatch, SNS and EventBridge the key only for this account's own resources", () => {
    for (const t of [json, inboundJson]) {
      const statements = serviceStatements(t).filter((s) => !JSON.stringify(s.Principal).includes("logs."));
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(statement.Condition?.StringEquals?.["aws:SourceAccount"], statement.Sid).toEqual({
          Ref: "AWS::AccountId",
        });
        expect(statement.Condition?.ArnLike?.["aws:SourceArn"], statement.Sid).toBeDefined();
      }
      // One service per statement: a condition on one service's source ARN cannot cover another.
      for (const statement of statements)
        expect(typeof statement.Principal?.Service, statement.Sid).toBe("string");
    }
  });

  it("give CloudWatch Logs the key only for this account's log groups", () => {
    const [logs] = serviceStatements(json).filter((s) => JSON.stringify(s.Principal).includes("logs."));
    expect(JSON.stringify(logs?.Condition)).toContain("kms:EncryptionContext:aws:logs:arn");
  });
});
