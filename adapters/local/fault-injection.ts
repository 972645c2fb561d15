/**
 * Fault injection for the kill -9 tests of the embedded runtime, and nothing else: read from
 * `CONVENE_FAULT_KILL_AFTER` by the local runtime only (never by a cloud handler). It kills this
 * process with SIGKILL, as `kill -9` would, at a chosen point, so a test can restart the runtime on
 * the same data folder and count what was lost or sent twice:
 *
 * - `send:<kind>:<n>`: right after the n-th email of that kind is handed to the mailer (the .eml
 *   is written, its send record not yet marked sent), e.g. `send:final-minutes:4`;
 * - `phase:<phase>`: right after a meeting is first saved at that phase, e.g. `phase:agree-minutes`.
 *
 * Unset, nothing is wrapped. A value in neither form stops the runtime at start, naming it.
 */
import type { Phase } from "../../domain/lifecycle/phases.ts";
import { phaseSchema } from "../../domain/lifecycle/phases.ts";
import type { EmailKind, Mailer } from "../../domain/ports/mailer.ts";
import type { MeetingStore } from "../../domain/ports/store.ts";

export class FaultInjectionError extends Error {
  override name = "FaultInjectionError";
}

export type KillPoint = { at: "send"; kind: EmailKind; n: number } | { at: "phase"; phase: Phase };

/** Parses the variable; undefined when it is unset or empty. */
export function parseKillPoint(value: string | undefined): KillPoint | undefined {
  if (!value) return undefined;
  const send = /^send:([a-z-]+):([1-9]\d*)$/.exec(value);
  if (send) return { at: "send", kind: send[1] as EmailKind, n: Number(send[2]) };
  const phase = /^phase:([a-z-]+)$/.exec(value);
  const parsed = phase ? phaseSchema.safeParse(phase[1]) : undefined;
  if (parsed?.success) return { at: "phase", phase: parsed.data };
  throw new FaultInjectionError(
    `CONVENE_FAULT_KILL_AFTER: expected send:<email kind>:<n> or phase:<phase>, got "${value}"`,
  );
}

function killNow(): never {
  process.kill(process.pid, "SIGKILL");
  // SIGKILL to oneself is delivered at once; this only satisfies the type.
  throw new FaultInjectionError("SIGKILL was not delivered");
}

/** The hooks for one kill point (see the file's comment); undefined when none is set. */
export function faultInjection(value: string | undefined) {
  const point = parseKillPoint(value);
  if (!point) return undefined;
  return {
    point,
    /** Kills after the n-th email of the point's kind has been sent. */
    watchMailer(inner: Mailer): Mailer {
      let sent = 0;
      return {
        ...(inner.idempotent ? { idempotent: true } : {}),
        send: async (email) => {
          const result = await inner.send(email);
          if (point.at === "send" && email.kind === point.kind && ++sent === point.n) killNow();
          return result;
        },
      };
    },
    /** Kills after a meeting is saved at the point's phase (the store object's own methods are wrapped). */
    watchStore(store: MeetingStore): void {
      if (point.at !== "phase") return;
      const save = store.saveMeeting.bind(store);
      const setPhase = store.setPhase.bind(store);
      store.saveMeeting = async (meeting) => {
        const saved = await save(meeting);
        if (saved.phase === point.phase) killNow();
        return saved;
      };
      store.setPhase = async (id, phase, at) => {
        const saved = await setPhase(id, phase, at);
        if (saved.phase === point.phase) killNow();
        return saved;
      };
    },
  };
}
