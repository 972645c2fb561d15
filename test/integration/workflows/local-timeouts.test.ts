/**
 * Task time limits on the embedded runtime. In the cloud a plain Lambda task's TimeoutSeconds (60 s)
 * bounds one handler running alone; locally every execution shares one event loop, so under load a
 * handler's wall time includes everyone else's work. The runner cannot stop a handler it times out,
 * so a limit that fires there would run the step twice (its emails twice). The runtime raises plain
 * tasks' limits to Lambda's own maximum, and the handler's Lambda context counts down from that limit
 * (middy ends a handler early by it); callback tasks keep their limits.
 */
import { describe, expect, it } from "vitest";
import {
  type AslDefinition,
  localDefinition,
  localTaskTimeoutSeconds,
  placeholderArnPrefix,
  synthesizeWorkflows,
  taskStates,
} from "../../../adapters/local/local-definitions.ts";
import { LocalWorkflow } from "../../../adapters/local/local-workflow.ts";
import type { Handler } from "../../../functions/shared/define-handler.ts";
import { synthesizeDefinitions } from "../../../lib/synth-local.ts";

const callbackResource = "arn:aws:states:::lambda:invoke.waitForTaskToken";

describe("one synthesizer: the embedded runtime runs the stack's own ASL", () => {
  it("runs exactly the definitions synthesized from the deployed ConveneStack", () => {
    const workflows = synthesizeWorkflows();
    const fromStack = synthesizeDefinitions();
    expect(workflows.lifecycle).toEqual(fromStack.lifecycle);
    expect(workflows.actionTracker).toEqual(fromStack.actionTracker);
    // Every function the runtime would call is one the stack deploys.
    for (const definition of [workflows.lifecycle, workflows.actionTracker])
      for (const [name, state] of taskStates(definition)) {
        const arn = String(
          state.Resource === callbackResource ? state.Parameters?.FunctionName : state.Resource,
        );
        expect(fromStack.functionArns[arn], name).toBeDefined();
      }
  });
});

describe("task time limits on the embedded runtime", () => {
  it("raises every plain Lambda task to Lambda's maximum and keeps each callback task's limit", () => {
    const workflows = synthesizeWorkflows();
    for (const definition of [workflows.lifecycle, workflows.actionTracker]) {
      const local = localDefinition(definition);
      const cloud = new Map(taskStates(definition));
      let plain = 0;
      for (const [name, state] of taskStates(local)) {
        const original = cloud.get(name);
        if (state.Resource === callbackResource) {
          expect(state.TimeoutSeconds, name).toBe(original?.TimeoutSeconds);
        } else {
          plain++;
          expect(original?.TimeoutSeconds, name).toBe(60);
          expect(state.TimeoutSeconds, name).toBe(localTaskTimeoutSeconds);
        }
      }
      expect(plain).toBeGreaterThan(0);
      // The cloud definition is left as it was.
      for (const [name, state] of taskStates(definition))
        if (state.Resource !== callbackResource) expect(state.TimeoutSeconds, name).toBe(60);
    }
  });

  it("runs a handler slower than its cloud limit once, not again on a retry", async () => {
    // A one-state machine whose cloud limit (1 s) is shorter than its handler takes (1.3 s).
    const slow: AslDefinition = {
      StartAt: "Work",
      States: {
        Work: {
          Type: "Task",
          Resource: `${placeholderArnPrefix}slow`,
          TimeoutSeconds: 1,
          Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 2 }],
          End: true,
        },
      },
    };
    let calls = 0;
    let remaining = 0;
    const handler = (async (_event: unknown, context: { getRemainingTimeInMillis(): number }) => {
      calls++;
      remaining = context.getRemainingTimeInMillis();
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      return { done: calls };
    }) as unknown as Handler;
    const run = (taskTimeoutSeconds: number) => {
      calls = 0;
      const workflow = new LocalWorkflow({
        definitions: { lifecycle: slow, actionTracker: slow },
        handlers: async () => handler,
        retryIntervalMs: 0,
        taskTimeoutSeconds,
      });
      return workflow.start("lifecycle", "slow-1", {});
    };

    const local = run(localTaskTimeoutSeconds);
    await local.done;
    expect(local.status).toBe("SUCCEEDED");
    expect(local.output).toEqual({ done: 1 });
    expect(calls).toBe(1);
    // middy ends a handler early by its context's remaining time: that counts down from the same limit.
    expect(remaining).toBeGreaterThan((localTaskTimeoutSeconds - 5) * 1000);
    expect(remaining).toBeLessThanOrEqual(localTaskTimeoutSeconds * 1000);

    // The failure this prevents: with the cloud's limit kept, the step times out and runs again.
    const cloudLimit = run(1);
    await cloudLimit.done;
    expect(calls).toBeGreaterThan(1);
  }, 15_000);
});
