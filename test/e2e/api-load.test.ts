/**
 * Load through the local API, small (issue 15; `npm run load` runs 1,000): meetings convened
 * concurrently by HTTP, then driven to the end on the virtual clock; every request answered, no
 * email sent twice, no wait without its deadline timer, no execution failed.
 */
import { describe, expect, it } from "vitest";
import { runApiLoad } from "../../bench/api-load.ts";

describe("meetings convened concurrently through the local API, then driven to the end", () => {
  it("answers every request 201, sends no email twice, loses no timer and closes the meetings held", async () => {
    const result = await runApiLoad(12, 6);
    expect(result.statuses).toEqual({ 201: 12 });
    expect(result.duplicates).toBe(0);
    expect(result.lostTimers).toBe(0);
    expect(result.failedExecutions).toBe(0);
    expect(result.closed).toBeGreaterThan(6);
    expect(result.emails).toBeGreaterThan(12 * 10);
  }, 300_000);
});
