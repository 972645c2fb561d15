/**
 * A recorded batch (send-batch.ts) reaches each recipient once, and how many writes its marks
 * cost depends on whether the mailer delivers a Message-ID once (the embedded runtime's outbox)
 * or would deliver a second copy (SES).
 */
import { describe, expect, it } from "vitest";
import { sendBatch } from "../../../domain/lifecycle/send-batch.ts";
import type { Mailer, OutgoingEmail } from "../../../domain/ports/mailer.ts";
import { kernelFixture } from "./kernel-fixture.ts";

const people = ["a@school.example", "b@health.example", "c@police.example"];

function emailTo(address: string): Promise<OutgoingEmail> {
  return Promise.resolve({
    kind: "approval-request",
    meetingId: "m-batch",
    from: { email: "convene@council.example" },
    to: [{ email: address }],
    subject: "Minutes to agree",
    text: "Please answer.",
    html: "<p>Please answer.</p>",
  });
}

/** Delivers each Message-ID once, like the outbox; fails once after `failAfter` deliveries. */
function mailer(idempotent: boolean, failAfter?: number) {
  const delivered: Array<{ to: string; messageId: string | undefined }> = [];
  const taken = new Set<string>();
  let calls = 0;
  let failed = false;
  const m: Mailer = {
    idempotent,
    send: async (email) => {
      calls++;
      const id = email.messageId;
      if (!(idempotent && id && taken.has(id))) {
        delivered.push({ to: email.to.map((t) => t.email).join(","), messageId: id });
        if (id) taken.add(id);
      }
      if (failAfter !== undefined && !failed && calls === failAfter) {
        failed = true;
        throw new Error("the process stopped here");
      }
      return { messageId: id ?? `x-${calls}`, location: "memory" };
    },
  };
  return { m, delivered };
}

function countingWrites(store: { putRecords: (...args: never[]) => Promise<void> }) {
  const counter = { writes: 0 };
  const put = store.putRecords.bind(store);
  store.putRecords = (async (...args: never[]) => {
    counter.writes++;
    return put(...args);
  }) as typeof store.putRecords;
  return counter;
}

describe("a recorded batch of emails", () => {
  it("through a mailer that delivers an id once, is marked sent in one write after the last email", async () => {
    const { m, delivered } = mailer(true);
    const f = kernelFixture(undefined, { mailer: m });
    const counter = countingWrites(f.store);
    await sendBatch(f.k, { id: "m-batch" }, people.map(emailTo), { once: "approval-v1" });
    expect(delivered.map((d) => d.to)).toEqual(people);
    expect(counter.writes).toBe(1);
    const records = [...(f.store.sends.get("m-batch")?.values() ?? [])];
    expect(records.map((r) => [r.recipient, r.status])).toEqual(people.map((p) => [p, "sent"]));
    const events = await f.store.listAudit("m-batch");
    expect(events.filter((e) => e.what === "email:approval-request")).toHaveLength(3);
  });

  it("stopped part-way through such a mailer, is given again on retry and each recipient still gets one copy", async () => {
    const { m, delivered } = mailer(true, 2);
    const f = kernelFixture(undefined, { mailer: m });
    await expect(
      sendBatch(f.k, { id: "m-batch" }, people.map(emailTo), { once: "approval-v1" }),
    ).rejects.toThrow("the process stopped here");
    expect(f.store.sends.get("m-batch")?.size ?? 0).toBe(0);
    await sendBatch(f.k, { id: "m-batch" }, people.map(emailTo), { once: "approval-v1" });
    expect(delivered.map((d) => d.to)).toEqual(people);
    expect(new Set(delivered.map((d) => d.messageId)).size).toBe(3);
    // A third run finds everything recorded sent and sends nothing.
    await sendBatch(f.k, { id: "m-batch" }, people.map(emailTo), { once: "approval-v1" });
    expect(delivered).toHaveLength(3);
  });

  it("through a mailer that would deliver twice (SES), marks each copy before the next, so a retry sends only the unmarked", async () => {
    const { m, delivered } = mailer(false, 2);
    const f = kernelFixture(undefined, { mailer: m });
    const counter = countingWrites(f.store);
    await expect(
      sendBatch(f.k, { id: "m-batch" }, people.map(emailTo), { once: "approval-v1" }),
    ).rejects.toThrow("the process stopped here");
    // The first copy was marked before the second went; the second, sent then stopped, was not.
    expect([...(f.store.sends.get("m-batch")?.keys() ?? [])]).toEqual([`approval-v1#${people[0]}`]);
    await sendBatch(f.k, { id: "m-batch" }, people.map(emailTo), { once: "approval-v1" });
    // The second recipient's copy goes again (the window of one request), with the same Message-ID.
    expect(delivered.map((d) => d.to)).toEqual([people[0], people[1], people[1], people[2]]);
    expect(delivered[1]?.messageId).toBe(delivered[2]?.messageId);
    expect(counter.writes).toBe(1 + 2);
  });

  it("derives each copy's Message-ID from the batch and its addressee, the same on every run", async () => {
    const first = mailer(true);
    const second = mailer(true);
    for (const { m } of [first, second]) {
      const f = kernelFixture(undefined, { mailer: m });
      await sendBatch(f.k, { id: "m-batch" }, people.map(emailTo), { once: "approval-v1" });
    }
    expect(first.delivered.map((d) => d.messageId)).toEqual(second.delivered.map((d) => d.messageId));
    expect(first.delivered.every((d) => d.messageId?.endsWith("@council.example"))).toBe(true);
    expect(first.delivered.some((d) => d.messageId?.includes("school"))).toBe(false);
  });
});
