/**
 * Synthesizes the workflow definitions in-process for the embedded runtime: the same
 * ConveneWorkflows construct the stack deploys, with each function referenced by a placeholder
 * ARN (`arn:aws:lambda:eu-west-2:000000000000:function:convene-<name>`) that the runtime maps back
 * to its handler. The result is the ASL JSON Step Functions would run.
 */
import { App, Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { type FunctionName, functionSpecs } from "../../functions/catalog.ts";
import { ConveneWorkflows } from "../../workflows/index.ts";

export const placeholderArnPrefix = "arn:aws:lambda:eu-west-2:000000000000:function:convene-";

export interface SynthesizedWorkflows {
  lifecycle: AslDefinition;
  actionTracker: AslDefinition;
}

export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  [key: string]: unknown;
}

export interface AslState {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  Iterator?: AslDefinition;
  ItemProcessor?: AslDefinition;
  Branches?: AslDefinition[];
  [key: string]: unknown;
}

/** Resolves the intrinsic functions CDK leaves in a DefinitionString (Fn::Join of strings). */
function resolve(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "Fn::Join" in value) {
    const [separator, parts] = (value as { "Fn::Join": [string, unknown[]] })["Fn::Join"];
    return parts.map(resolve).join(separator);
  }
  if (value && typeof value === "object" && "Ref" in value) {
    const pseudo: Record<string, string> = {
      "AWS::Partition": "aws",
      "AWS::Region": "eu-west-2",
      "AWS::AccountId": "000000000000",
      "AWS::URLSuffix": "amazonaws.com",
    };
    const ref = (value as { Ref: string }).Ref;
    if (ref in pseudo) return pseudo[ref] as string;
  }
  throw new Error(`cannot resolve ${JSON.stringify(value).slice(0, 120)} in a state machine definition`);
}

let cached: SynthesizedWorkflows | undefined;

/** Builds the app once per process and returns both definitions. */
export function synthesizeWorkflows(): SynthesizedWorkflows {
  if (cached) return cached;
  const app = new App({ context: { "aws:cdk:bundling-stacks": [] } });
  const stack = new Stack(app, "convene-local", { env: { account: "000000000000", region: "eu-west-2" } });
  const functions = Object.fromEntries(
    functionSpecs.map((spec) => [
      spec.name,
      lambda.Function.fromFunctionArn(stack, `fn-${spec.name}`, `${placeholderArnPrefix}${spec.name}`),
    ]),
  ) as Record<FunctionName, lambda.IFunction>;
  const workflows = new ConveneWorkflows(stack, "workflows", { functions });
  const template = app.synth().getStackByName(stack.stackName).template as {
    Resources: Record<string, { Type: string; Properties: { DefinitionString: unknown } }>;
  };
  const definition = (construct: Stack | ConveneWorkflows["lifecycle"]) => {
    const logicalId = stack.getLogicalId(construct.node.defaultChild as never);
    const resource = template.Resources[logicalId];
    if (!resource) throw new Error(`state machine ${logicalId} missing from the synthesized template`);
    return JSON.parse(resolve(resource.Properties.DefinitionString)) as AslDefinition;
  };
  cached = { lifecycle: definition(workflows.lifecycle), actionTracker: definition(workflows.actionTracker) };
  return cached;
}

/** Every Task state of a definition, including those inside Map and Parallel states. */
export function taskStates(definition: AslDefinition): Array<[string, AslState]> {
  const out: Array<[string, AslState]> = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === "Task") out.push([name, state]);
    for (const inner of [state.Iterator, state.ItemProcessor, ...(state.Branches ?? [])]) {
      if (inner) out.push(...taskStates(inner));
    }
  }
  return out;
}

/**
 * Lambda's own maximum run time, 15 minutes: the time limit the embedded runtime gives each plain
 * Lambda task (see `localDefinition`).
 */
export const localTaskTimeoutSeconds = 900;

/**
 * A definition as the embedded runtime runs it: a copy in which every plain Lambda task's
 * TimeoutSeconds is raised to `timeoutSeconds` (Lambda's maximum unless told). In the cloud each
 * invocation runs alone in its own Lambda, so the definition's 60 s bounds that handler's own work.
 * Here every execution shares one event loop: under load a handler's wall time includes every other
 * execution's work, and the runner's real-time limit would fire while the handler carried on (the
 * runner cannot stop a running handler), so the step would run again and its emails go twice.
 * Callback tasks keep their limits, which re-arm waits.
 */
export function localDefinition(
  definition: AslDefinition,
  timeoutSeconds = localTaskTimeoutSeconds,
): AslDefinition {
  const copy = structuredClone(definition);
  for (const [, state] of taskStates(copy)) {
    if (!state.Resource?.startsWith(placeholderArnPrefix)) continue;
    state.TimeoutSeconds = Math.max(Number(state.TimeoutSeconds ?? 0), timeoutSeconds);
  }
  return copy;
}
