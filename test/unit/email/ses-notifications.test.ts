import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSesFeedback } from "#adapters/mail/ses-feedback.ts";
import {
  decideReceipt,
  messageFromSesHeaders,
  parseSesNotification,
  SesNotificationError,
} from "#adapters/mail/ses-receipt.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/emails/${name}`, import.meta.url), "utf8"));

describe("parseSesNotification", () => {
  it("reads the SNS action notification with the message inline", () => {
    const inbound = parseSesNotification(fixture("ses-received-sns-action.json"));
    expect(inbound.source).toBe("sns");
    expect(inbound.mail.commonHeaders.subject).toBe("Example subject");
    expect(inbound.content?.toString("utf8")).toContain("Example content");
  });

  it("unwraps the SNS envelope and decodes BASE64 content", () => {
    const inner = fixture("ses-received-sns-action.json") as { content: string; receipt: { action: object } };
    const base64 = {
      ...inner,
      content: Buffer.from(inner.content).toString("base64"),
      receipt: { ...inner.receipt, action: { ...inner.receipt.action, encoding: "BASE64" } },
    };
    const envelope = {
      Type: "Notification",
      MessageId: "x",
      TopicArn: "arn",
      Message: JSON.stringify(base64),
    };
    const inbound = parseSesNotification(envelope);
    expect(inbound.source).toBe("sns-envelope");
    expect(inbound.content?.toString("utf8")).toContain("Example content");
  });

  it("reads the notification an SNS topic delivers to a subscribed Lambda (receiving in another Region)", () => {
    const inner = fixture("ses-received-sns-action.json") as {
      content?: string;
      receipt: { action: object };
    };
    const { content: _content, ...withoutContent } = inner;
    const event = {
      Records: [
        {
          EventSource: "aws:sns",
          Sns: {
            Type: "Notification",
            MessageId: "x",
            TopicArn: "arn",
            Message: JSON.stringify(withoutContent),
          },
        },
      ],
    };
    const inbound = parseSesNotification(event);
    expect(inbound.source).toBe("sns-envelope");
    expect(inbound.mail.commonHeaders.subject).toBe("Example subject");
    // The S3 action's notification carries no content: the handler reads the stored reply.
    expect(inbound.content).toBeUndefined();
  });

  it("reads the Lambda SES event, which carries no content", () => {
    const inbound = parseSesNotification(fixture("ses-lambda-event.json"));
    expect(inbound.source).toBe("lambda");
    expect(inbound.content).toBeUndefined();
    expect(decideReceipt(inbound, messageFromSesHeaders(inbound.mail))).toEqual({
      accepted: true,
      reason: "DMARC PASS",
    });
  });

  it("names the field that does not fit", () => {
    expect(() => parseSesNotification({ notificationType: "Received", mail: {} })).toThrow(
      SesNotificationError,
    );
    expect(() => parseSesNotification({ Type: "SubscriptionConfirmation", Message: "{}" })).toThrow(
      /Type is SubscriptionConfirmation/,
    );
    expect(() => parseSesNotification([])).toThrow(/not an SES/);
  });
});

describe("parseSesFeedback", () => {
  it("turns a permanent bounce into an undeliverable address with the meeting from the headers", () => {
    expect(parseSesFeedback(fixture("ses-bounce.json"))).toEqual([
      {
        email: "jane@example.com",
        kind: "bounce",
        permanent: true,
        sesMessageId: "00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000",
        meetingId: "abcdefghijklmnop",
        emailKind: "invitation",
        detail: "Permanent: General: smtp; 550 5.1.1 <jane@example.com>... User",
        at: "2016-01-27T14:59:38.237Z",
      },
    ]);
  });

  it("reads a configuration-set complaint event inside an SNS envelope, meeting from the tags", () => {
    const envelope = { Type: "Notification", Message: JSON.stringify(fixture("ses-complaint-event.json")) };
    expect(parseSesFeedback(envelope)).toMatchObject([
      {
        email: "recipient@example.com",
        kind: "complaint",
        permanent: true,
        meetingId: "abcdefghijklmnop",
        emailKind: "approval-request",
      },
    ]);
  });

  it("treats a transient bounce as not permanent, and a delivery as nothing to do", () => {
    const bounce = fixture("ses-bounce.json") as { bounce: object };
    const transient = { ...bounce, bounce: { ...bounce.bounce, bounceType: "Transient" } };
    expect(parseSesFeedback(transient)[0]?.permanent).toBe(false);
    expect(parseSesFeedback({ notificationType: "Delivery", mail: { messageId: "m" } })).toEqual([]);
  });

  it("refuses JSON that is not SES feedback", () => {
    expect(() => parseSesFeedback({ hello: "world" })).toThrow(SesNotificationError);
  });
});
