import { readFileSync } from "node:fs";
import path from "node:path";
import { Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import { AwsSolutionsChecks, NIST80053R5Checks, ServerlessChecks } from "cdk-nag";
import { flattenCfnReference } from "cdk-nag/lib/utils/flatten-cfn-reference.js";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAuthorityConfig } from "../../adapters/config/load-authority.ts";
import { repoRoot } from "../../lib/convene-function.ts";
import type { ConveneStack } from "../../lib/convene-stack.ts";
import { compliancePackAcknowledgements } from "../../lib/nag.ts";
import { buildConveneApp } from "../../lib/synth-local.ts";

interface Variant {
  stack: ConveneStack;
  report: ReturnType<AwsSolutionsChecks["validateScope"]>;
  packReports: Array<[string, ReturnType<AwsSolutionsChecks["validateScope"]>]>;
  synthError: string | undefined;
}
/** The demo authority as shipped (SES receives in London), and receiving in Ireland (a second stack). */
const variants = {
  "receiving in the stack's Region": {},
  "receiving in Ireland": { receivingRegion: "eu-west-1" },
} as const;
const built = new Map<string, Variant>();
const variant = (name: string): Variant => {
  const v = built.get(name);
  if (!v) throw new Error(`variant ${name} was not built`);
  return v;
};

/** Every acknowledgement recorded in the tree: rule id → reasons. */
function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: string }> {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ""),
          reason,
        })),
      ),
  );
}

beforeAll(() => {
  // The demo authority, as `cdk synth` reads it (alarm emails, WAF, Region).
  const demo = JSON.parse(readFileSync(path.join(repoRoot, "authorities", "demo.json"), "utf8"));
  for (const [name, deployment] of Object.entries(variants)) {
    const { app, stack } = buildConveneApp({
      authority: parseAuthorityConfig(
        { ...demo, deployment: { ...demo.deployment, ...deployment } },
        "authorities/demo.json",
      ),
      validateTemplates: true,
    });
    // As `cdk synth` does: the plugin registered on the app, then synthesis (with CDK's own
    // CloudFormation template validation on, which fails the synth on any error).
    Validations.of(app).addPlugins(
      new AwsSolutionsChecks(app),
      new NIST80053R5Checks(app),
      new ServerlessChecks(app),
    );
    let synthError: string | undefined;
    try {
      app.synth();
    } catch (error) {
      synthError = String(error);
    }
    // The same pack run directly gives the structured report (acknowledged findings are left out).
    built.set(name, {
      stack,
      synthError,
      report: new AwsSolutionsChecks().validateScope(app),
      packReports: [
        ["NIST 800-53 R5", new NIST80053R5Checks().validateScope(app)],
        ["Serverless", new ServerlessChecks().validateScope(app)],
      ],
    });
  }
});

describe.each(Object.keys(variants))("cdk-nag NIST 800-53 R5 and Serverless, %s", (name) => {
  it.each([0, 1])("pack %i finds nothing that lib/nag.ts does not acknowledge", (index) => {
    const [pack, packReport] = variant(name).packReports[index] ?? ["?", { violations: [] }];
    const findings = packReport.violations.map(
      (v) =>
        `${pack}: ${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(", ")}`,
    );
    expect(findings).toEqual([]);
  });

  it("acknowledges each of their rules in one table, each with a reason, and every entry is still needed", () => {
    const acks = acknowledgements(variant(name).stack.node.root);
    // Still needed by at least one of the variants.
    const everyAck = [...built.values()].flatMap((v) => acknowledgements(v.stack.node.root));
    for (const entry of compliancePackAcknowledgements) {
      expect(entry.reason.length, entry.rule).toBeGreaterThanOrEqual(40);
      expect(
        everyAck.some((a) => a.id === entry.rule),
        `${entry.rule} matches no resource`,
      ).toBe(true);
    }
    // Nowhere else: every acknowledgement of these packs comes from the table.
    const packAcks = acks.filter((a) => /^(NIST\.800\.53\.R5|Serverless)-/.test(a.id));
    for (const ack of packAcks) {
      expect(compliancePackAcknowledgements.find((e) => e.rule === ack.id)?.reason, ack.id).toBe(ack.reason);
    }
  });
});

describe.each(Object.keys(variants))("cdk-nag AwsSolutions, %s", (name) => {
  it("lets the app synthesize with the plugin registered and template validation on, as `cdk synth` does", () => {
    expect(variant(name).synthError).toBeUndefined();
  });

  it("finds no unacknowledged error or warning", () => {
    const findings = variant(name).report.violations.map(
      (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(", ")}`,
    );
    expect(findings).toEqual([]);
  });

  it("has a specific reason on every acknowledgement, and IAM findings acknowledged one wildcard at a time", () => {
    const acks = acknowledgements(variant(name).stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(40);
      if (/^AwsSolutions-IAM[45]/.test(ack.id))
        expect(ack.id).toMatch(/^AwsSolutions-IAM[45]\[(Resource|Action|Policy)::.+\]$/);
    }
  });

  it("acknowledges only IAM wildcards that exist, each in a policy below the acknowledging construct", () => {
    const prefix = "AwsSolutions-IAM5[Resource::";
    const { stack } = variant(name);
    const iamAcks = acknowledgements(stack).filter((a) => a.id.startsWith(prefix));
    expect(iamAcks.length).toBeGreaterThan(0);
    for (const ack of iamAcks) {
      const scope = stack.node.findAll().find((c) => c.node.path === ack.path);
      const wildcards = (scope?.node.findAll() ?? [])
        .filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy)
        .flatMap(
          (policy) =>
            (Stack.of(policy).resolve(policy.policyDocument) as { Statement: Array<{ Resource: unknown }> })
              .Statement,
        )
        .flatMap((statement) => [statement.Resource].flat().map((resource) => flattenCfnReference(resource)));
      expect(wildcards, `${ack.id} at ${ack.path}`).toContain(ack.id.slice(prefix.length, -1));
    }
  });
});
