/**
 * The synthesized state machines (the same JSON Step Functions runs): valid ASL, plain JSONPath,
 * every wait bounded and caught, every task retried, the lifecycle routed by phase, the action
 * tracker's escalation ladder (seed 001) wired rung by rung; and they run on the embedded runner.
 */
import "../../../adapters/local/local-workflow.ts"; // Promise.withResolvers polyfill for Node 20
import { createRequire } from "node:module";
import { StateMachine } from "aws-local-stepfunctions";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type AslDefinition,
  type AslState,
  placeholderArnPrefix,
  type SynthesizedWorkflows,
  synthesizeWorkflows,
  taskStates,
} from "../../../adapters/local/local-definitions.ts";
import { phases, workflowErrors } from "../../../domain/lifecycle/phases.ts";

/** asl-validator 4 is CommonJS without types: `validator(definition, options?)`. */
type AslValidator = (
  definition: unknown,
  options?: { checkPaths?: boolean; checkArn?: boolean },
) => { isValid: boolean; errorsText: (separator?: string) => string };
const validateAsl = createRequire(import.meta.url)("asl-validator") as AslValidator;

const callbackResource = "arn:aws:states:::lambda:invoke.waitForTaskToken";

let workflows: SynthesizedWorkflows;

beforeAll(() => {
  workflows = synthesizeWorkflows();
});

const machines = () =>
  [
    ["lifecycle", workflows.lifecycle],
    ["actionTracker", workflows.actionTracker],
  ] as const;

function state(definition: AslDefinition, name: string): AslState {
  const found = definition.States[name];
  if (!found) throw new Error(`no state ${name}`);
  return found;
}

type Catcher = { ErrorEquals: string[]; Next: string };
type Retrier = { ErrorEquals: string[]; MaxAttempts?: number };
type ChoiceRule = { Variable: string; StringEquals?: string; NumericEquals?: number; Next: string };

const catchers = (s: AslState) => (s.Catch ?? []) as Catcher[];
const catchTarget = (s: AslState, error: string) =>
  catchers(s).find((c) => c.ErrorEquals.includes(error))?.Next;

/** Every key used anywhere in a JSON value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe("the synthesized definitions", () => {
  it("are valid Amazon States Language", () => {
    for (const [name, definition] of machines()) {
      // The validator writes QueryLanguage into the states it checks: give it a copy.
      const result = validateAsl(structuredClone(definition), { checkArn: true, checkPaths: true });
      expect(result.errorsText("\n"), name).toBe("");
      expect(result.isValid, name).toBe(true);
    }
  });

  it("use JSONPath only: no JSONata, no variables (Assign), no QueryLanguage field", () => {
    for (const [name, definition] of machines()) {
      const keys = keysOf(definition);
      for (const forbidden of ["QueryLanguage", "Assign", "Arguments", "Output"]) {
        expect(keys.has(forbidden), `${name} uses ${forbidden}`).toBe(false);
      }
      expect(JSON.stringify(definition), name).not.toMatch(/\{%/);
    }
  });

  it("bound every callback wait with TimeoutSeconds and catch DeadlinePassed on it", () => {
    const callbacks: string[] = [];
    for (const [name, definition] of machines()) {
      for (const [stateName, task] of taskStates(definition)) {
        if (task.Resource !== callbackResource) continue;
        callbacks.push(stateName);
        expect(task.TimeoutSeconds, `${name}.${stateName}`).toEqual(expect.any(Number));
        expect(catchTarget(task, workflowErrors.deadlinePassed), `${name}.${stateName}`).toBeDefined();
        // A timeout re-arms the same wait rather than ending the execution.
        expect(catchTarget(task, "States.Timeout"), `${name}.${stateName}`).toBe(stateName);
      }
    }
    expect(callbacks.sort()).toEqual(
      [
        "AwaitMeeting",
        "Transcribe",
        "AwaitApprovals",
        "AwaitResume",
        "AwaitActionDone",
        "AwaitAfterLineManagerEscalation",
        "AwaitAfterChairEscalation",
        "AwaitAfterServiceManagerEscalation",
      ].sort(),
    );
  });

  it("never retry a deadline or a cancellation: those are outcomes, caught before States.ALL", () => {
    for (const [name, definition] of machines()) {
      for (const [stateName, task] of taskStates(definition)) {
        if (task.Resource !== callbackResource) continue;
        const retriers = (task.Retry ?? []) as Retrier[];
        const first = retriers.findIndex((r) =>
          r.ErrorEquals.some((e) => e === "States.TaskFailed" || e === "States.ALL"),
        );
        const outcome = retriers.findIndex((r) => r.ErrorEquals.includes(workflowErrors.deadlinePassed));
        expect(outcome, `${name}.${stateName}`).toBeGreaterThanOrEqual(0);
        expect(outcome, `${name}.${stateName}`).toBeLessThan(first === -1 ? Number.POSITIVE_INFINITY : first);
        expect(retriers[outcome]?.MaxAttempts, `${name}.${stateName}`).toBe(0);
        const all = catchers(task).findIndex((c) => c.ErrorEquals.includes("States.ALL"));
        expect(all, `${name}.${stateName}`).toBe(catchers(task).length - 1);
      }
    }
  });

  it("give every Task a Retry", () => {
    for (const [name, definition] of machines()) {
      const tasks = taskStates(definition);
      expect(tasks.length).toBeGreaterThan(0);
      for (const [stateName, task] of tasks) {
        expect(Array.isArray(task.Retry) && task.Retry.length > 0, `${name}.${stateName} has no Retry`).toBe(
          true,
        );
      }
    }
  });

  it("point every Lambda at a function of the catalogue by its placeholder ARN", () => {
    for (const [name, definition] of machines()) {
      for (const [stateName, task] of taskStates(definition)) {
        const arn = task.Resource === callbackResource ? task.Parameters?.FunctionName : task.Resource;
        expect(String(arn), `${name}.${stateName}`).toMatch(new RegExp(`^${placeholderArnPrefix}[a-z-]+$`));
      }
    }
  });
});

describe("the lifecycle", () => {
  it("loads the meeting, then decides by phase: one branch per phase, convene as the default", () => {
    const lifecycle = workflows.lifecycle;
    const load = state(lifecycle, lifecycle.StartAt);
    expect(load.Type).toBe("Task");
    expect(load.Resource).toBe(`${placeholderArnPrefix}load-meeting`);
    expect(load.Next).toBe("RouteByPhase");

    const route = state(lifecycle, "RouteByPhase");
    expect(route.Type).toBe("Choice");
    const rules = route.Choices as ChoiceRule[];
    expect(rules.every((r) => r.Variable === "$.meeting.phase")).toBe(true);
    expect(rules.map((r) => r.StringEquals).sort()).toEqual(phases.filter((p) => p !== "convene").sort());
    for (const rule of rules) expect(lifecycle.States[rule.Next], rule.Next).toBeDefined();

    const convene = state(lifecycle, String(route.Default));
    expect(convene.Resource).toBe(`${placeholderArnPrefix}convene-meeting`);
    const target = (phase: string) => rules.find((r) => r.StringEquals === phase)?.Next;
    expect(state(lifecycle, String(target("closed"))).Type).toBe("Succeed");
    expect(state(lifecycle, String(target("cancelled"))).Type).toBe("Succeed");
    // Agreeing minutes starts again with the requests not yet sent, then the wait.
    expect(state(lifecycle, String(target("agree-minutes"))).Resource).toBe(
      `${placeholderArnPrefix}request-approvals`,
    );
  });
});

describe("the action tracker", () => {
  it("starts at the rung it had reached, by startLevel", () => {
    const tracker = workflows.actionTracker;
    const route = state(tracker, tracker.StartAt);
    expect(route.Type).toBe("Choice");
    const rules = route.Choices as ChoiceRule[];
    expect(rules.map((r) => [r.Variable, r.NumericEquals, r.Next])).toEqual([
      ["$.startLevel", 1, "AwaitAfterLineManagerEscalation"],
      ["$.startLevel", 2, "AwaitAfterChairEscalation"],
      ["$.startLevel", 3, "AwaitAfterServiceManagerEscalation"],
    ]);
    expect(route.Default).toBe("AwaitActionDone");
  });

  it("climbs the ladder on each DeadlinePassed: line manager, then chair and team manager, then service manager, then slipped (seed 001, issue 13)", () => {
    const tracker = workflows.actionTracker;
    const ladder = [
      "AwaitActionDone",
      "EscalateToLineManager",
      "AwaitAfterLineManagerEscalation",
      "EscalateToChairAndTeamManager",
      "AwaitAfterChairEscalation",
      "EscalateToServiceManager",
      "AwaitAfterServiceManagerEscalation",
      "RecordActionSlipped",
    ];
    const walked = [ladder[0] as string];
    let current = state(tracker, ladder[0] as string);
    while (walked.length < ladder.length) {
      const next =
        current.Resource === callbackResource
          ? catchTarget(current, workflowErrors.deadlinePassed)
          : (current.Next as string | undefined);
      if (!next) break;
      walked.push(next);
      current = state(tracker, next);
    }
    expect(walked).toEqual(ladder);
    expect(state(tracker, "RecordActionSlipped").Next).toBe("ActionSlipped");

    const level = (name: string) =>
      (state(tracker, name).Parameters?.Payload as Record<string, unknown> | undefined)?.level;
    expect([
      level("AwaitActionDone"),
      level("AwaitAfterLineManagerEscalation"),
      level("AwaitAfterChairEscalation"),
    ]).toEqual([0, 1, 2]);
    const reason = (name: string) => state(tracker, name).Parameters as Record<string, unknown>;
    expect(reason("EscalateToLineManager")).toMatchObject({ reason: "action-overdue", level: 1 });
    expect(reason("EscalateToChairAndTeamManager")).toMatchObject({ reason: "action-overdue", level: 2 });
  });
});

describe("on the embedded runner (aws-local-stepfunctions)", () => {
  type Handlers = Record<string, (input: unknown) => Promise<unknown>>;

  class NamedError extends Error {
    constructor(name: string) {
      super(`${name} (test)`);
      this.name = name;
    }
  }

  /** Runs a definition with every Task replaced by `handlers` (or a default) and lists the states entered. */
  async function run(definition: AslDefinition, input: Record<string, unknown>, handlers: Handlers) {
    const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
    const calls: Record<string, number> = {};
    const local: Handlers = {};
    for (const [name] of taskStates(definition)) {
      local[name] = async (taskInput) => {
        calls[name] = (calls[name] ?? 0) + 1;
        const handler = handlers[name];
        return handler ? handler(taskInput) : {};
      };
    }
    const execution = machine.run(input as never, {
      context: { Task: { Token: "test-token" } },
      overrides: {
        taskResourceLocalHandlers: local as never,
        retryIntervalOverrides: Object.fromEntries(taskStates(definition).map(([n]) => [n, 0])),
      },
    });
    const entered: string[] = [];
    const events = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === "StateEntered") entered.push(event.state.name);
      }
    })();
    const output = await execution.result;
    await events;
    return { output, entered, calls };
  }

  it("builds both machines (the runner validates the definitions)", () => {
    for (const [, definition] of machines()) {
      expect(
        () => new StateMachine(definition as never, { validationOptions: { checkArn: false } }),
      ).not.toThrow();
    }
  });

  it("runs a meeting from convene to review when every step succeeds", async () => {
    const { entered, calls } = await run(
      workflows.lifecycle,
      { meetingId: "m-1" },
      {
        LoadMeeting: async () => ({ phase: "convene" }),
        AwaitApprovals: async () => ({ outcome: "agreed", version: 1, deemed: false }),
        Distribute: async () => ({ late: false }),
      },
    );
    expect(entered).toEqual([
      "LoadMeeting",
      "RouteByPhase",
      "Convene",
      "SendInvitations",
      "AwaitMeeting",
      "Transcribe",
      "DraftMinutes",
      "RequestApprovals",
      "AwaitApprovals",
      "MinutesAgreed",
      "Distribute",
      "DistributedInTime",
      "StartActionTrackers",
      "ScheduleReview",
      "Reviewed",
    ]);
    expect(Object.values(calls).every((n) => n === 1)).toBe(true);
  });

  it("resumes a meeting at its persisted phase", async () => {
    const { entered } = await run(
      workflows.lifecycle,
      { meetingId: "m-2" },
      {
        LoadMeeting: async () => ({ phase: "distribute" }),
        Distribute: async () => ({ late: true }),
      },
    );
    expect(entered.slice(0, 4)).toEqual(["LoadMeeting", "RouteByPhase", "Distribute", "DistributedInTime"]);
    expect(entered).toContain("EscalateLateDistribution");
    expect(entered).not.toContain("Convene");
    expect(entered.at(-1)).toBe("Reviewed");
  });

  it("takes each DeadlinePassed up the ladder to a slipped action, each wait called once (seed 001)", async () => {
    const deadline = async () => {
      throw new NamedError(workflowErrors.deadlinePassed);
    };
    const { entered, calls, output } = await run(
      workflows.actionTracker,
      { meetingId: "m-3", actionNumber: 2, startLevel: 0 },
      {
        AwaitActionDone: deadline,
        AwaitAfterLineManagerEscalation: deadline,
        AwaitAfterChairEscalation: deadline,
        AwaitAfterServiceManagerEscalation: deadline,
        RecordActionSlipped: async (input) => ({ closed: input }),
      },
    );
    expect(entered).toEqual([
      "RouteByLevel",
      "AwaitActionDone",
      "EscalateToLineManager",
      "AwaitAfterLineManagerEscalation",
      "EscalateToChairAndTeamManager",
      "AwaitAfterChairEscalation",
      "EscalateToServiceManager",
      "AwaitAfterServiceManagerEscalation",
      "RecordActionSlipped",
      "ActionSlipped",
    ]);
    expect(calls.AwaitActionDone).toBe(1);
    expect(calls.AwaitAfterChairEscalation).toBe(1);
    expect(output).toMatchObject({ meetingId: "m-3", actionNumber: 2 });
  });

  it("restarts a tracker at the chair's rung and closes the action when it is done", async () => {
    const { entered } = await run(
      workflows.actionTracker,
      { meetingId: "m-4", actionNumber: 1, startLevel: 2 },
      { AwaitAfterChairEscalation: async () => ({ outcome: "done" }) },
    );
    expect(entered).toEqual([
      "RouteByLevel",
      "AwaitAfterChairEscalation",
      "RecordActionDone",
      "ActionClosed",
    ]);
  });

  it("passes the task token and the wait's rung to the await-event function", async () => {
    let payload: unknown;
    await run(
      workflows.actionTracker,
      { meetingId: "m-5", actionNumber: 3, startLevel: 1 },
      {
        AwaitAfterLineManagerEscalation: async (input) => {
          payload = input;
          return { outcome: "done" };
        },
      },
    );
    expect(payload).toMatchObject({
      FunctionName: `${placeholderArnPrefix}await-event`,
      Payload: { taskToken: "test-token", meetingId: "m-5", purpose: "action", ref: 3, level: 1 },
    });
  });
});
