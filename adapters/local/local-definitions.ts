/**
 * The state machine definitions as the embedded runtime runs them: exactly the ASL JSON the
 * deployed stack synthesizes (`synthesizeDefinitions` in lib/synth-local.ts builds the real
 * `ConveneStack`, bundling skipped), with the one local adjustment it needs applied here, in one
 * place (`localDefinition`, tested in test/integration/workflows/local-timeouts.test.ts).
 * There is no second synthesizer: test/infra/synth-local.test.ts compares these definitions with the
 * stack template's own DefinitionString.
 */
import {
  placeholderFunctionArn,
  type AslDefinition as StackAslDefinition,
  synthesizeDefinitions,
} from "../../lib/synth-local.ts";

/** Every placeholder Lambda ARN starts with this; the rest is the function's name (functions/catalog.ts). */
export const placeholderArnPrefix = placeholderFunctionArn("" as never);

export interface SynthesizedWorkflows {
  lifecycle: AslDefinition;
  actionTracker: AslDefinition;
}

export interface AslDefinition extends StackAslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
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

let cached: SynthesizedWorkflows | undefined;

/** Synthesizes the stack once per process and returns both definitions (the stack's own JSON). */
export function synthesizeWorkflows(): SynthesizedWorkflows {
  if (cached) return cached;
  const { lifecycle, actionTracker } = synthesizeDefinitions();
  cached = { lifecycle: lifecycle as AslDefinition, actionTracker: actionTracker as AslDefinition };
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
