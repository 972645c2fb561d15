import { Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConveneStack } from "../../lib/convene-stack.ts";
import { buildConveneApp } from "../../lib/synth-local.ts";

let stack: ConveneStack;
let report: ReturnType<AwsSolutionsChecks["validateScope"]>;

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
  const built = buildConveneApp({ validateTemplates: true });
  stack = built.stack;
  // As `cdk synth` does: the plugin registered on the app, then synthesis (with CDK's own
  // CloudFormation template validation on, which fails the synth on any error).
  Validations.of(built.app).addPlugins(new AwsSolutionsChecks(built.app));
  built.app.synth();
  // The same pack run directly gives the structured report (acknowledged findings are left out).
  report = new AwsSolutionsChecks().validateScope(built.app);
});

describe("cdk-nag AwsSolutions", () => {
  it("finds no unacknowledged error or warning", () => {
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(", ")}`,
    );
    expect(findings).toEqual([]);
  });

  it("has a specific reason on every acknowledgement, and IAM findings acknowledged one wildcard at a time", () => {
    const acks = acknowledgements(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(40);
      if (/^AwsSolutions-IAM[45]/.test(ack.id)) expect(ack.id).toMatch(/^AwsSolutions-IAM[45]\[(Resource|Action|Policy)::.+\]$/);
    }
  });

  it("reports what it is not told to accept (the pack is really running)", () => {
    // Remove every acknowledgement's effect by checking a fresh, unacknowledged copy of one rule.
    const unacknowledged = new AwsSolutionsChecks().validateScope(stack.stateless.functions.sweeper);
    expect(unacknowledged.violations).toEqual([]);
    const withIamFindings = new AwsSolutionsChecks().validateScope(stack.stateless.workflows.lifecycle);
    expect(withIamFindings.success).toBe(true);
    const acknowledgedOnLifecycle = acknowledgements(stack.stateless.workflows.lifecycle).map((a) => a.id);
    expect(acknowledgedOnLifecycle).toContain("AwsSolutions-IAM5[Resource::*]");
  });
});
