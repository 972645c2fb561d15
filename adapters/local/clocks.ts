/**
 * Clocks for the embedded runtime: real time by default, or a virtual clock that a user
 * (`convene clock advance 3d`) or a test advances. The sweeper runs on whichever is in use.
 */
import type { Clock } from "../../domain/ports/workflow.ts";

export class RealClock implements Clock {
  now(): Date {
    return new Date();
  }
}

export class VirtualClock implements Clock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the clock only moves forward");
    this.current += ms;
    return this.now();
  }

  set(at: Date): void {
    if (at.getTime() < this.current) throw new RangeError("the clock only moves forward");
    this.current = at.getTime();
  }
}

const units: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** Parses "3d", "4h", "90m", "2w" (or combinations like "1d12h") into milliseconds. */
export function parseClockDuration(text: string): number {
  const trimmed = text.trim();
  if (!/^(\d+[mhdw])+$/.test(trimmed)) {
    throw new RangeError(`'${text}' is not a duration: expected e.g. 90m, 4h, 3d, 2w or 1d12h`);
  }
  let total = 0;
  for (const [, n, unit] of trimmed.matchAll(/(\d+)([mhdw])/g))
    total += Number(n) * (units[unit as string] ?? 0);
  return total;
}
