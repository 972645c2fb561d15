/**
 * Care Planning Meetings counted between the child's CLA Reviews (seed 002: at least 1 between the
 * 1st and 2nd Review, at least 2 between each later 6-monthly Review, at least 1 where a Review is
 * brought forward). Pure: when a CPM closes, by when the next one must be held.
 *
 * - This window (the Reviews either side of the meeting) still short: before its later Review.
 * - Met: before the later Review of the next window, which needs its own.
 * - No window known for the meeting (no Reviews listed past it): no limit.
 */

import type { CpmWindow } from "../catalog/cpm-schedule.ts";
import { addDays, type IsoDate } from "../clock/index.ts";

export interface NextCpm {
  /** The last day the next CPM may be held. */
  by: IsoDate;
  window: CpmWindow;
  /** CPMs held in that window so far (this one included, when it falls in it). */
  held: number;
}

export function nextCpmBy(
  windows: readonly CpmWindow[],
  cpmDates: readonly IsoDate[],
  heldOn: IsoDate,
): NextCpm | undefined {
  const sorted = [...windows].sort((a, b) => a.from.localeCompare(b.from));
  const count = (w: CpmWindow) => cpmDates.filter((d) => d > w.from && d < w.to).length;
  const current = sorted.find((w) => heldOn > w.from && heldOn < w.to);
  if (current) {
    const held = count(current);
    if (held < current.minimum) return { by: addDays(current.to, -1), window: current, held };
    const next = sorted.find((w) => w.from >= current.to);
    return next ? { by: addDays(next.to, -1), window: next, held: count(next) } : undefined;
  }
  // Held before the 1st window opens (or on a Review's day): the first window still to come.
  const next = sorted.find((w) => w.to > heldOn);
  return next ? { by: addDays(next.to, -1), window: next, held: count(next) } : undefined;
}
