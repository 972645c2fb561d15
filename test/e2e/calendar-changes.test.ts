import ical from "node-ical";
import { afterEach, describe, expect, it } from "vitest";
import { cancel } from "../../domain/lifecycle/cancel.ts";
import { reschedule } from "../../domain/lifecycle/reschedule.ts";
import { demoInput, startTestRuntime, type TestRuntime } from "./support.ts";

const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.runtime.close();
});

function event(content: string | undefined) {
  const parsed = ical.sync.parseICS(content ?? "");
  const found = Object.values(parsed).find((c) => c?.type === "VEVENT");
  if (found?.type !== "VEVENT") throw new Error("no VEVENT");
  return found;
}

describe("rescheduling and cancelling a meeting", () => {
  it("sends updated invitations with the same UID and a raised SEQUENCE, and moves the attendance deadline", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    const first = t.mailer.latest(meeting.id, "invitation", meeting.chair.email);
    const before = await t.runtime.store.getWait(meeting.id, "meeting-held", 0);
    const start = new Date("2026-03-12T14:00:00Z");
    await reschedule(t.runtime.kernel, meeting.id, start, new Date("2026-03-12T15:30:00Z"), "chair", "test");
    await t.runtime.settle();
    const update = t.mailer.latest(meeting.id, "invitation-update", meeting.chair.email);
    expect(update?.calendar?.method).toBe("REQUEST");
    const a = event(first?.calendar?.content);
    const b = event(update?.calendar?.content);
    expect(b.uid).toBe(a.uid);
    expect(Number(b.sequence)).toBeGreaterThan(Number(a.sequence ?? 0));
    expect(new Date(b.start as unknown as string).toISOString()).toBe(start.toISOString());
    const after = await t.runtime.store.getWait(meeting.id, "meeting-held", 0);
    expect(after?.token).toBe(before?.token);
    expect(new Date(after?.deadline ?? 0) > new Date(before?.deadline ?? 0)).toBe(true);
    expect(t.mailer.sent.filter((e) => e.kind === "invitation-update")).toHaveLength(10);
  }, 60_000);

  it("sends a calendar CANCEL to everyone and ends the workflow as cancelled", async () => {
    const t = await startTestRuntime();
    open.push(t);
    const { meeting } = await t.runtime.startMeeting(await demoInput());
    await cancel(t.runtime.kernel, meeting.id, "the hearing was vacated", "chair", "test");
    await t.runtime.settle();
    const cancellations = t.mailer.sent.filter((e) => e.kind === "cancellation");
    expect(cancellations).toHaveLength(10);
    expect(cancellations[0]?.calendar?.method).toBe("CANCEL");
    expect(event(cancellations[0]?.calendar?.content).uid).toBe(
      event(t.mailer.latest(meeting.id, "invitation", meeting.chair.email)?.calendar?.content).uid,
    );
    const execution = t.runtime.workflow.executions.get(meeting.id);
    await execution?.done;
    expect(execution?.status).toBe("SUCCEEDED");
    expect((await t.runtime.store.getMeeting(meeting.id)).phase).toBe("cancelled");
  }, 60_000);
});
