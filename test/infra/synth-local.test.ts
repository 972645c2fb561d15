import { StateMachine } from "aws-local-stepfunctions";
import { beforeAll, describe, expect, it } from "vitest";
import { functionSpecs } from "../../functions/catalog.ts";
import {
  type LocalDefinitions,
  placeholderFunctionArn,
  resolveIntrinsics,
  synthesizeDefinitions,
  UnresolvedReferenceError,
} from "../../lib/synth-local.ts";

let definitions: LocalDefinitions;

/** Every Lambda ARN a definition invokes: `Resource` of plain tasks, `Parameters.FunctionName` of callbacks. */
function invokedArns(definition: object): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const state = node as Record<string, unknown>;
      if (state.Type === "Task") {
        const resource = String(state.Resource);
        const params = state.Parameters as Record<string, unknown> | undefined;
        found.push(resource.startsWith("arn:aws:states:::") ? String(params?.FunctionName) : resource);
      }
      Object.values(state).forEach(visit);
    }
  };
  visit(definition);
  return found;
}

beforeAll(() => {
  definitions = synthesizeDefinitions();
});

describe("synthesizeDefinitions", () => {
  it("returns both definitions as plain ASL, with no CloudFormation intrinsic left", () => {
    for (const definition of [definitions.lifecycle, definitions.actionTracker]) {
      expect(definition.States[definition.StartAt]).toBeDefined();
      expect(JSON.stringify(definition)).not.toMatch(/Fn::|"Ref"|\$\{Token/);
    }
  });

  it("maps every invoked Lambda to a placeholder ARN of a function in the catalog", () => {
    const invoked = [...invokedArns(definitions.lifecycle), ...invokedArns(definitions.actionTracker)];
    expect(invoked.length).toBeGreaterThan(0);
    for (const arn of invoked) expect(definitions.functionArns[arn], arn).toBeDefined();
    expect(new Set(Object.values(definitions.functionArns))).toEqual(
      new Set(functionSpecs.map((s) => s.name)),
    );
    expect(definitions.functionArns[placeholderFunctionArn("load-meeting")]).toBe("load-meeting");
    expect(invoked).toContain(placeholderFunctionArn("load-meeting"));
  });

  it("produces definitions the embedded runtime (aws-local-stepfunctions) accepts", () => {
    for (const definition of [definitions.lifecycle, definitions.actionTracker]) {
      expect(() => new StateMachine(definition as never)).not.toThrow();
    }
  });
});

describe("resolveIntrinsics", () => {
  const functions = new Map([["ConveneFnABC", "sweeper" as const]]);

  it("resolves Join, Sub, GetAtt and pseudo parameters", () => {
    expect(
      resolveIntrinsics(
        {
          "Fn::Join": [
            "",
            [
              { "Fn::Sub": ["arn:", "$", "{AWS::Partition}:states:::lambda:invoke"].join("") },
              "|",
              { "Fn::GetAtt": ["ConveneFnABC", "Arn"] },
            ],
          ],
        },
        functions,
      ),
    ).toBe(`arn:aws:states:::lambda:invoke|${placeholderFunctionArn("sweeper")}`);
  });

  it("refuses a reference to anything but a Convene function", () => {
    expect(() => resolveIntrinsics({ "Fn::GetAtt": ["SomeTable", "Arn"] }, functions)).toThrow(
      UnresolvedReferenceError,
    );
    expect(() => resolveIntrinsics({ Ref: "SomeBucket" }, functions)).toThrow(/SomeBucket/);
  });
});
