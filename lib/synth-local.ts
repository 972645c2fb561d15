/**
 * In-process synthesis for the embedded runtime and for tests: builds the real `ConveneStack` with
 * bundling skipped and the feature flags of cdk.json, and extracts the two state machines'
 * definitions as plain ASL JSON, with every CloudFormation intrinsic resolved to placeholders.
 * The embedded runtime (aws-local-stepfunctions) runs exactly this JSON; `functionArns` maps each
 * placeholder Lambda ARN back to the handler it stands for.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { App, type CfnElement } from "aws-cdk-lib";
import type * as sfn from "aws-cdk-lib/aws-stepfunctions";
import { parseAuthorityConfig } from "../adapters/config/load-authority.ts";
import type { AuthorityConfig, AuthorityConfigInput } from "../domain/authority/index.ts";
import type { FunctionName } from "../functions/catalog.ts";
import { repoRoot } from "./convene-function.ts";
import { ConveneStack, type ConveneStackProps, stackNameFor } from "./convene-stack.ts";

/** Region, account and partition the placeholders use. */
export const placeholderEnvironment = {
  region: "eu-west-2",
  account: "000000000000",
  partition: "aws",
} as const;

/** The placeholder ARN standing for function `name` in local definitions. */
export function placeholderFunctionArn(name: FunctionName): string {
  const { partition, region, account } = placeholderEnvironment;
  return `arn:${partition}:lambda:${region}:${account}:function:${name}`;
}

/** An Amazon States Language document, parsed. */
export type AslDefinition = { StartAt: string; States: Record<string, unknown> } & Record<string, unknown>;

export interface LocalDefinitions {
  lifecycle: AslDefinition;
  actionTracker: AslDefinition;
  /** Placeholder Lambda ARN → the function (handler folder) it stands for. */
  functionArns: Record<string, FunctionName>;
}

/** A definition refers to something that is neither a Convene function nor a pseudo parameter. */
export class UnresolvedReferenceError extends Error {
  override name = "UnresolvedReferenceError";
}

/**
 * A valid authority used when none is given: the definitions do not depend on the authority
 * (only names, ARNs and settings of other resources do).
 */
export const localSynthAuthority: AuthorityConfigInput = {
  id: "local",
  name: "Local synthesis",
  nation: "england-and-wales",
  email: {
    from: { name: "Convene", email: "convene@convene.invalid" },
    replyDomain: "reply.convene.invalid",
  },
  minutes: { nonResponder: { rule: "escalate", afterWorkingDays: 3 } },
  retentionYears: 25,
  contacts: { teamManager: { name: "Team Manager", email: "team.manager@convene.invalid" } },
};

/** The `context` of cdk.json (feature flags), so in-process apps behave as `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(repoRoot, "cdk.json"), "utf8")) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface BuildOptions extends Partial<Omit<ConveneStackProps, "authority">> {
  authority?: AuthorityConfig;
  /** Run esbuild for every function (needs every handler file). @default false */
  bundling?: boolean;
  /**
   * Run CDK's built-in CloudFormation template validation at synth, as `cdk synth` does. It does
   * not change the template and costs ~4 s, so it is off unless asked. @default false
   */
  validateTemplates?: boolean;
}

/**
 * Builds an app holding one `ConveneStack`, bundling skipped unless asked (context
 * `aws:cdk:bundling-stacks` = []), with the cdk.json feature flags.
 * @example const { stack } = buildConveneApp(); Template.fromStack(stack);
 */
export function buildConveneApp(options: BuildOptions = {}): { app: App; stack: ConveneStack } {
  const { authority: given, bundling = false, validateTemplates = false, ...props } = options;
  const authority = given ?? parseAuthorityConfig(localSynthAuthority, "localSynthAuthority");
  const app = new App({
    builtinCloudFormationValidation: validateTemplates,
    context: { ...cdkJsonContext(), ...(bundling ? {} : { "aws:cdk:bundling-stacks": [] }) },
  });
  const stack = new ConveneStack(app, stackNameFor(authority.id), { ...props, authority });
  return { app, stack };
}

/**
 * Synthesizes the stack in-process (bundling skipped) and returns both state machine definitions
 * with Lambda ARNs replaced by {@link placeholderFunctionArn} and pseudo parameters by
 * {@link placeholderEnvironment}.
 * @example
 * const { lifecycle, functionArns } = synthesizeDefinitions();
 * // lifecycle.States.LoadMeeting.Resource === "arn:aws:lambda:eu-west-2:000000000000:function:load-meeting"
 */
export function synthesizeDefinitions(authority?: AuthorityConfig): LocalDefinitions {
  const { app, stack } = buildConveneApp({ authority });
  const template = app.synth().getStackArtifact(stack.artifactId).template as {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };
  const functions = stack.stateless.functions;
  const byLogicalId = new Map<string, FunctionName>();
  const functionArns: Record<string, FunctionName> = {};
  for (const [name, fn] of Object.entries(functions) as Array<
    [FunctionName, (typeof functions)[FunctionName]]
  >) {
    byLogicalId.set(stack.getLogicalId(fn.node.defaultChild as CfnElement), name);
    functionArns[placeholderFunctionArn(name)] = name;
  }
  const definitionOf = (machine: sfn.StateMachine): AslDefinition => {
    const id = stack.getLogicalId(machine.node.defaultChild as CfnElement);
    const resource = template.Resources[id];
    if (resource?.Type !== "AWS::StepFunctions::StateMachine") {
      throw new UnresolvedReferenceError(`state machine ${id} is not in the synthesized template`);
    }
    const resolved = resolveIntrinsics(resource?.Properties?.DefinitionString, byLogicalId);
    if (typeof resolved !== "string")
      throw new UnresolvedReferenceError(`DefinitionString of ${id} is not a string`);
    return JSON.parse(resolved) as AslDefinition;
  };
  return {
    lifecycle: definitionOf(stack.stateless.workflows.lifecycle),
    actionTracker: definitionOf(stack.stateless.workflows.actionTracker),
    functionArns,
  };
}

const pseudoParameters: Record<string, string> = {
  "AWS::Partition": placeholderEnvironment.partition,
  "AWS::Region": placeholderEnvironment.region,
  "AWS::AccountId": placeholderEnvironment.account,
  "AWS::URLSuffix": "amazonaws.com",
};

/**
 * Resolves Fn::Join, Fn::Sub, Fn::GetAtt (function `Arn`), Ref (pseudo parameters, functions) and
 * Fn::Select in `value`. Anything else is an {@link UnresolvedReferenceError}.
 */
export function resolveIntrinsics(value: unknown, functions: ReadonlyMap<string, FunctionName>): unknown {
  const ref = (name: string): string => {
    const pseudo = pseudoParameters[name];
    if (pseudo !== undefined) return pseudo;
    const fn = functions.get(name);
    if (fn !== undefined) return fn; // Ref of a Lambda function is its name
    throw new UnresolvedReferenceError(`Ref to ${name}: not a Convene function or pseudo parameter`);
  };
  const getAtt = (id: string, attribute: string): string => {
    const fn = functions.get(id);
    if (fn !== undefined && attribute === "Arn") return placeholderFunctionArn(fn);
    throw new UnresolvedReferenceError(
      `Fn::GetAtt ${id}.${attribute}: only Convene function ARNs are resolved`,
    );
  };
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (node === null || typeof node !== "object") return node;
    const entries = Object.entries(node);
    const [first] = entries;
    if (entries.length === 1 && first) {
      const [key, arg] = first;
      switch (key) {
        case "Ref":
          return ref(String(arg));
        case "Fn::GetAtt": {
          const [id, attribute] = (Array.isArray(arg) ? arg : String(arg).split(".")) as [string, string];
          return getAtt(id, attribute);
        }
        case "Fn::Join": {
          const [delimiter, parts] = arg as [string, unknown[]];
          return (resolve(parts) as unknown[]).map(String).join(delimiter);
        }
        case "Fn::Select": {
          const [index, list] = arg as [number | string, unknown];
          return (resolve(list) as unknown[])[Number(index)];
        }
        case "Fn::Sub": {
          const [text, variables] = (Array.isArray(arg) ? arg : [arg, {}]) as [
            string,
            Record<string, unknown>,
          ];
          const vars = resolve(variables) as Record<string, unknown>;
          return text.replace(/\$\{([^}!][^}]*)\}/g, (_match, name: string) => {
            if (name in vars) return String(vars[name]);
            const dot = name.indexOf(".");
            return dot === -1 ? ref(name) : getAtt(name.slice(0, dot), name.slice(dot + 1));
          });
        }
        default:
          if (key.startsWith("Fn::"))
            throw new UnresolvedReferenceError(`${key} is not supported in definitions`);
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v)]));
  };
  return resolve(value);
}
