/**
 * Clocks for the embedded runtime: real time by default, or a virtual clock that a user
 * (`convene clock advance 3d`) or a test advances. The sweeper runs on whichever is in use. A
 * virtual clock on disk keeps its time in the data folder (VirtualClockFile).
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import { z } from "zod";
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

const virtualClockSchema = z.object({ now: z.iso.datetime() }).strict();

/**
 * Where a virtual clock keeps its time (`virtual-clock.json` in the data folder). The clock never
 * runs backwards, across restarts too: the waits, timers, audit events and emails stored beside it
 * carry its times. So the runtime saves it on every step of an advance, before anything happens
 * at the new time: a process killed part-way through an advance restarts at or after the time of
 * everything it did.
 */
export class VirtualClockFile {
  constructor(readonly path: string) {}

  /** Where the clock starts: `requested`, or where it stopped in this folder if that is later. */
  async start(requested: Date): Promise<Date> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return requested;
      throw error;
    }
    let saved: z.infer<typeof virtualClockSchema>;
    try {
      saved = virtualClockSchema.parse(JSON.parse(text));
    } catch {
      throw new Error(
        `${this.path}: expected {"now": "<ISO instant>"}, the virtual clock's last time; fix or delete the file (the clock then starts now)`,
      );
    }
    const stopped = new Date(saved.now);
    return stopped > requested ? stopped : requested;
  }

  /** Writes the time whole, then renames it into place: a kill leaves the old time or the new, never half. */
  async save(now: Date): Promise<void> {
    await writeFile(`${this.path}.tmp`, `${JSON.stringify({ now: now.toISOString() })}\n`);
    await rename(`${this.path}.tmp`, this.path);
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
