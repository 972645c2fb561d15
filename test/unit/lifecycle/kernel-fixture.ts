/**
 * A lifecycle kernel over in-memory ports, for the use cases' unit tests: the memory store, a
 * mailer and workflow that record what they were asked, the real email messages and signed reply
 * links (pure), a clock the test sets. Nothing touches a database, a network or the disk.
 */
import { MemoryBlobStore } from "../../../adapters/local/blob-store.ts";
import { EmailMessages } from "../../../adapters/messages/email-messages.ts";
import { SignedReplyLinks } from "../../../adapters/messages/signed-reply-links.ts";
import { type LifecycleDeps, LifecycleKernel } from "../../../domain/lifecycle/kernel.ts";
import type { Meeting } from "../../../domain/lifecycle/model.ts";
import type { OutgoingEmail } from "../../../domain/ports/mailer.ts";
import type { MinutesPort } from "../../../domain/ports/minutes.ts";
import type { WorkflowPort } from "../../../domain/ports/workflow.ts";
import { MemoryMeetingStore } from "./memory-store.ts";
import { testSettings } from "./support.ts";

export interface KernelFixture {
  k: LifecycleKernel;
  store: MemoryMeetingStore;
  blobs: MemoryBlobStore;
  sent: OutgoingEmail[];
  workflow: Array<{ call: string; args: unknown[] }>;
  clock: { now: Date };
  /** Stores a meeting as created (version 0). */
  add(meeting: Meeting): Promise<Meeting>;
}

/**
 * A minutes port with only the methods a test gives (e.g. what blocks finalising), for a use case
 * whose decision turns on the port's answer rather than on document work; any other call throws.
 */
export function minutesStub(methods: Partial<MinutesPort>): MinutesPort {
  return new Proxy(methods as MinutesPort, {
    get: (target, name) => {
      if (name in target) return Reflect.get(target, name);
      if (typeof name === "symbol" || name === "then") return undefined;
      throw new Error(`the minutes port's ${String(name)} is not stubbed for this test`);
    },
  });
}

export const secret = "unit-test-reply-secret-0123456789abcdef";

export function kernelFixture(
  now = new Date("2026-07-06T09:00:00Z"),
  /**
   * Ports a use case needs for real (e.g. the minutes port, pure document work), a transcription
   * port that records its jobs, or the authority's settings varied.
   */
  overrides: Partial<Pick<LifecycleDeps, "minutes" | "transcription" | "settings" | "mailer">> = {},
): KernelFixture {
  const store = new MemoryMeetingStore();
  const blobs = new MemoryBlobStore();
  const sent: OutgoingEmail[] = [];
  const workflow: KernelFixture["workflow"] = [];
  const clock = { now };
  const record =
    (call: string) =>
    async (...args: unknown[]) => {
      workflow.push({ call, args });
    };
  const port: WorkflowPort = {
    startLifecycle: record("startLifecycle"),
    startActionTracker: record("startActionTracker"),
    sendTaskSuccess: record("sendTaskSuccess"),
    sendTaskFailure: record("sendTaskFailure"),
  };
  let n = 0;
  const deps: LifecycleDeps = {
    store,
    mailer: {
      send: async (email) => {
        sent.push(email);
        return { messageId: `unit-${++n}@convene.test`, location: "memory" };
      },
    },
    messages: new EmailMessages(
      {
        authorityName: testSettings.name,
        from: testSettings.email.from,
        baseUrl: "http://127.0.0.1:8787",
        timezone: testSettings.timezone,
      },
      () => clock.now,
    ),
    minutes: new Proxy({} as LifecycleDeps["minutes"], {
      get: (_t, name) => {
        throw new Error(`the minutes port (${String(name)}) is not used by this use case`);
      },
    }),
    blobs,
    transcription: { start: async () => "waiting-for-upload" },
    workflow: port,
    clock: { now: () => clock.now },
    settings: testSettings,
    replies: new SignedReplyLinks(secret, testSettings.email.replyDomain, () => "http://127.0.0.1:8787"),
    replySecret: secret,
    newMeetingId: () => `m${++n}`.padEnd(16, "a"),
    ...overrides,
  };
  return {
    k: new LifecycleKernel(deps),
    store,
    blobs,
    sent,
    workflow,
    clock,
    add: async (meeting) => {
      await store.createMeeting(meeting);
      return store.getMeeting(meeting.id);
    },
  };
}
