/**
 * The embedded workflow runtime: runs the synthesized ASL with aws-local-stepfunctions, maps each
 * Lambda ARN to its handler in-process, and emulates the callback pattern the library lacks: a
 * `.waitForTaskToken` task calls its handler with a fresh token and then waits on a promise that
 * `sendTaskSuccess` / `sendTaskFailure` settle. Implements the WorkflowPort for the use cases.
 */
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import type { WorkflowPort } from "../../domain/ports/workflow.ts";
import type { Handler } from "../../functions/shared/define-handler.ts";
import {
  type AslDefinition,
  localDefinition,
  localTaskTimeoutSeconds,
  placeholderArnPrefix,
  type SynthesizedWorkflows,
  taskStates,
} from "./local-definitions.ts";

// aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 20 lacks.
if (!("withResolvers" in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason: unknown) => void;
      const promise = new Promise<T>((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    },
  });
}

const { StateMachine } = await import("aws-local-stepfunctions");

export type MachineName = "lifecycle" | "actionTracker";

type LocalMachine = { definition: AslDefinition; machine: InstanceType<typeof StateMachine> };
const built = new WeakMap<AslDefinition, Map<number, LocalMachine>>();

/**
 * The local form of a definition and its StateMachine, built once per process for each definition
 * and task limit: building one validates the whole definition with asl-validator (about 70–140 ms
 * each here), and a StateMachine keeps no execution state, so every runtime in a process (tests
 * start dozens) can share it.
 */
function localMachine(definition: AslDefinition, taskTimeoutSeconds: number): LocalMachine {
  let byLimit = built.get(definition);
  if (!byLimit) {
    byLimit = new Map();
    built.set(definition, byLimit);
  }
  let found = byLimit.get(taskTimeoutSeconds);
  if (!found) {
    const local = localDefinition(definition, taskTimeoutSeconds);
    found = {
      definition: local,
      machine: new StateMachine(local as never, { validationOptions: { checkArn: false } }),
    };
    byLimit.set(taskTimeoutSeconds, found);
  }
  return found;
}

export interface ExecutionRecord {
  name: string;
  machine: MachineName;
  status: "RUNNING" | "SUCCEEDED" | "FAILED";
  input: unknown;
  output?: unknown;
  error?: { name: string; message: string };
  startedAt: number;
  transitions: number;
  done: Promise<void>;
}

/** Counts for the benchmark and the demo's summary. */
export interface RuntimeCounters {
  transitions: number;
  invocations: number;
  callbacks: number;
}

class TaskFailure extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}

interface PendingCallback {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  execution: string;
  state: string;
}

export interface LocalWorkflowOptions {
  definitions: SynthesizedWorkflows;
  /** Handlers by function name (the part after the placeholder ARN prefix). */
  handlers: (name: string) => Promise<Handler>;
  /** Retry pauses in ms (real Step Functions waits seconds; tests and the virtual clock need not). */
  retryIntervalMs?: number;
  onError?: (error: unknown) => void;
  /** The time limit of each plain Lambda task here (Lambda's maximum, 900 s, unless told; see localDefinition). */
  taskTimeoutSeconds?: number;
}

export class LocalWorkflow implements WorkflowPort {
  readonly executions = new Map<string, ExecutionRecord>();
  readonly counters: RuntimeCounters = { transitions: 0, invocations: 0, callbacks: 0 };
  private readonly callbacks = new Map<string, PendingCallback>();
  private readonly machines: Record<MachineName, InstanceType<typeof StateMachine>>;
  private readonly overrides: Record<MachineName, Record<string, (input: unknown) => Promise<unknown>>>;
  private readonly retryOverrides: Record<MachineName, Record<string, number>>;
  private active = 0;
  /** Each plain Lambda task's time limit here (see localDefinition). */
  private readonly taskTimeoutSeconds: number;
  /** Executions started and not yet finished. */
  private running = 0;

  constructor(private readonly options: LocalWorkflowOptions) {
    this.taskTimeoutSeconds = options.taskTimeoutSeconds ?? localTaskTimeoutSeconds;
    const local = {
      lifecycle: localMachine(options.definitions.lifecycle, this.taskTimeoutSeconds),
      actionTracker: localMachine(options.definitions.actionTracker, this.taskTimeoutSeconds),
    };
    const lifecycle = local.lifecycle.definition;
    const actionTracker = local.actionTracker.definition;
    this.machines = { lifecycle: local.lifecycle.machine, actionTracker: local.actionTracker.machine };
    this.overrides = {
      lifecycle: this.localHandlers(lifecycle),
      actionTracker: this.localHandlers(actionTracker),
    };
    const retry = (definition: AslDefinition) =>
      Object.fromEntries(
        Object.entries(definition.States)
          .filter(([, s]) => Array.isArray(s.Retry))
          .map(([name]) => [name, options.retryIntervalMs ?? 1000]),
      );
    this.retryOverrides = { lifecycle: retry(lifecycle), actionTracker: retry(actionTracker) };
  }

  /**
   * The Lambda context a handler gets here. Its remaining time counts down from the local task
   * limit (see localDefinition): middy ends a handler early when its context says time is up, so a
   * fixed 60 s here aborted handlers that were only slow because the event loop was busy.
   */
  private localContext(name: string): Context {
    const deadline = Date.now() + this.taskTimeoutSeconds * 1000;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: `convene-${name}`,
      functionVersion: "$LATEST",
      invokedFunctionArn: `${placeholderArnPrefix}${name}`,
      memoryLimitInMB: "512",
      awsRequestId: randomUUID(),
      logGroupName: `/local/convene-${name}`,
      logStreamName: "local",
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
  }

  private async invoke(name: string, payload: unknown): Promise<unknown> {
    this.counters.invocations++;
    this.active++;
    try {
      const handler = await this.options.handlers(name);
      return await handler(payload, this.localContext(name));
    } finally {
      this.active--;
    }
  }

  private localHandlers(definition: AslDefinition): Record<string, (input: unknown) => Promise<unknown>> {
    const out: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, state] of taskStates(definition)) {
      const resource = state.Resource ?? "";
      if (resource.startsWith(placeholderArnPrefix)) {
        const fn = resource.slice(placeholderArnPrefix.length);
        out[stateName] = (input) => this.invoke(fn, input);
      } else if (resource === "arn:aws:states:::lambda:invoke.waitForTaskToken") {
        const functionArn = String(state.Parameters?.FunctionName ?? "");
        const fn = functionArn.slice(placeholderArnPrefix.length);
        out[stateName] = (input) =>
          this.callback(stateName, fn, input as { Payload: Record<string, unknown> });
      } else {
        throw new Error(`the embedded runtime cannot run Task state ${stateName} (resource ${resource})`);
      }
    }
    return out;
  }

  /** Emulates `.waitForTaskToken`: register the promise first, then call the handler with the token. */
  private callback(state: string, fn: string, input: { Payload: Record<string, unknown> }): Promise<unknown> {
    const token = `local-${randomUUID()}`;
    this.counters.callbacks++;
    const settled = new Promise<unknown>((resolve, reject) => {
      this.callbacks.set(token, { resolve, reject, execution: String(input.Payload.meetingId ?? ""), state });
    });
    this.invoke(fn, { ...input.Payload, taskToken: token }).catch((error: Error) => {
      const pending = this.callbacks.get(token);
      this.callbacks.delete(token);
      pending?.reject(error);
    });
    return settled;
  }

  async sendTaskSuccess(token: string, output: unknown): Promise<void> {
    const pending = this.callbacks.get(token);
    if (!pending) throw new TaskFailure("TaskTimedOut", `task token ${token.slice(0, 14)}… is not waiting`);
    this.callbacks.delete(token);
    pending.resolve(output);
  }

  async sendTaskFailure(token: string, error: string, cause: string): Promise<void> {
    const pending = this.callbacks.get(token);
    if (!pending) throw new TaskFailure("TaskTimedOut", `task token ${token.slice(0, 14)}… is not waiting`);
    this.callbacks.delete(token);
    pending.reject(new TaskFailure(error, cause));
  }

  async startLifecycle(meetingId: string): Promise<void> {
    this.start("lifecycle", meetingId, { meetingId });
  }

  /** A later run of the same action starts once the earlier has finished: one name, as before. */
  async startActionTracker(meetingId: string, actionNumber: number, startLevel = 0): Promise<void> {
    this.start("actionTracker", `${meetingId}-action-${actionNumber}`, {
      meetingId,
      actionNumber,
      startLevel,
    });
  }

  /** Starts an execution; like Step Functions, a running execution of the same name is not started twice. */
  start(machine: MachineName, name: string, input: Record<string, unknown>): ExecutionRecord {
    const existing = this.executions.get(name);
    if (existing && existing.status === "RUNNING") return existing;
    const run = this.machines[machine].run(input as never, {
      context: { Task: { Token: "issued-by-the-embedded-runtime" } },
      overrides: {
        taskResourceLocalHandlers: this.overrides[machine] as never,
        retryIntervalOverrides: this.retryOverrides[machine],
      },
    });
    const record: ExecutionRecord = {
      name,
      machine,
      status: "RUNNING",
      input,
      startedAt: Date.now(),
      transitions: 0,
      done: Promise.resolve(),
    };
    const countTransitions = (async () => {
      for await (const event of run.eventLogs) {
        if ((event as { type: string }).type === "StateEntered") {
          record.transitions++;
          this.counters.transitions++;
        }
      }
    })().catch(() => undefined);
    this.running++;
    record.done = run.result
      .finally(() => {
        this.running--;
      })
      .then((output: unknown) => {
        record.status = "SUCCEEDED";
        record.output = output;
      })
      .catch((error: Error) => {
        record.status = "FAILED";
        record.error = { name: error.name, message: error.message };
        this.options.onError?.(error);
      })
      .then(() => countTransitions);
    this.executions.set(name, record);
    return record;
  }

  /** True while any handler is running (the workflow is not yet waiting on people or time). */
  get busy(): boolean {
    return this.active > 0;
  }

  /** Tokens currently waiting, by execution, for status pages and tests. */
  waiting(): Array<{ token: string; execution: string; state: string }> {
    return [...this.callbacks.entries()].map(([token, p]) => ({
      token,
      execution: p.execution,
      state: p.state,
    }));
  }

  private settleWaiters: Array<() => void> = [];
  private quietRounds = 0;

  /**
   * True when nothing can happen until people answer or time passes: no handler is running and
   * every running execution is parked on a callback (the workflows have no Parallel or Map state,
   * so an execution waits on at most one token). An execution in a retry pause or between states
   * counts as busy.
   */
  private get quiet(): boolean {
    return this.active === 0 && this.running <= this.callbacks.size;
  }

  /**
   * Resolves when every execution is either finished or blocked on a callback, i.e. nothing more
   * happens until people answer or time passes. One polling loop serves every caller (hundreds of
   * meetings may wait at once); a caller joining restarts the count of quiet rounds.
   */
  settle(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.settleWaiters.push(resolve);
      this.quietRounds = 0;
      if (this.settleWaiters.length === 1) void this.pollUntilQuiet();
    });
  }

  private async pollUntilQuiet(): Promise<void> {
    let busyRounds = 0;
    while (this.quietRounds < 2) {
      // Promise hops between states finish within a round or two. No handler running for 16
      // rounds and still not quiet means a retry pause (2 s on real time): poll every 2 ms then,
      // rather than spin.
      await new Promise((resolve) => (busyRounds > 16 ? setTimeout(resolve, 2) : setImmediate(resolve)));
      if (this.quiet) {
        this.quietRounds++;
        busyRounds = 0;
      } else {
        this.quietRounds = 0;
        busyRounds = this.active === 0 ? busyRounds + 1 : 0;
      }
    }
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    this.quietRounds = 0;
    for (const resolve of waiters) resolve();
  }
}
