/** The recording mailer the demo drivers read: every email by meeting, attachment bytes kept unless told not to. */
import { describe, expect, it } from "vitest";
import { RecordingMailer } from "../../../adapters/local/recording-mailer.ts";
import type { OutgoingEmail } from "../../../domain/ports/mailer.ts";

const email = (meetingId: string, to: string): OutgoingEmail =>
  ({
    kind: "invitation",
    meetingId,
    from: { email: "convene@example.org" },
    to: [{ email: to }],
    subject: "s",
    text: "t",
    html: "<p>t</p>",
    attachments: [
      { filename: "agenda.docx", contentType: "application/octet-stream", content: new Uint8Array(100) },
    ],
  }) as OutgoingEmail;

describe("RecordingMailer", () => {
  it("finds the latest email of a kind to an address, per meeting, whatever the address's case", async () => {
    const sent: OutgoingEmail[] = [];
    const mailer = new RecordingMailer({
      send: async (e) => {
        sent.push(e);
        return { messageId: `m${sent.length}`, location: "memory" };
      },
    });
    await mailer.send(email("m1", "a@example.org"));
    await mailer.send(email("m2", "a@example.org"));
    await mailer.send(email("m1", "A@example.org"));
    expect(mailer.forMeeting("m1")).toHaveLength(2);
    expect(mailer.latest("m1", "invitation", "a@EXAMPLE.org")).toBe(mailer.sent[2]);
    expect(mailer.latest("m3", "invitation", "a@example.org")).toBeUndefined();
    expect(sent[0]?.attachments?.[0]?.content).toHaveLength(100);
    expect(mailer.sent[0]?.attachments?.[0]?.content).toHaveLength(100);
  });

  it("keeps only attachment names and types when told, passing the bytes on untouched", async () => {
    const sent: OutgoingEmail[] = [];
    const mailer = new RecordingMailer(
      {
        send: async (e) => {
          sent.push(e);
          return { messageId: "m", location: "memory" };
        },
      },
      { attachmentBytes: false },
    );
    await mailer.send(email("m1", "a@example.org"));
    expect(sent[0]?.attachments?.[0]?.content).toHaveLength(100);
    expect(mailer.sent[0]?.attachments?.[0]).toMatchObject({
      filename: "agenda.docx",
      content: new Uint8Array(0),
    });
  });
});
