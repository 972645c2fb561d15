/**
 * The Mailer in the cloud: SES v2 SendEmail with the raw MIME (the same bytes the outbox writes
 * locally), so attachments and the text/calendar part reach the recipient unchanged.
 */
import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { newMessageId, toRawMime } from "#adapters/mail/mime.ts";
import type { Mailer, OutgoingEmail, SentEmail } from "#domain/ports/mailer.ts";

/**
 * Sends through SES v2 (Content.Raw). The configuration set routes bounce and complaint events to
 * the feedback handler (see adapters/mail/ses-feedback.ts).
 * @example const mailer = new SesMailer(new SESv2Client({}), "convene-events");
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly configurationSet?: string,
  ) {}

  async send(email: OutgoingEmail): Promise<SentEmail> {
    // A recorded batch fixes the id. SES has no idempotency key: a copy re-sent after a crash
    // between SES accepting it and the send record being marked sent reaches its recipient twice
    // (the at-least-once window, milliseconds; see adapters/dynamo/table-design.ts).
    const messageId = email.messageId ?? newMessageId(email.from);
    const raw = await toRawMime(email, { messageId });
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: email.from.email,
        Destination: {
          ToAddresses: email.to.map((a) => a.email),
          ...(email.cc && email.cc.length > 0 ? { CcAddresses: email.cc.map((a) => a.email) } : {}),
        },
        Content: { Raw: { Data: raw } },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        // Tags reach bounce/complaint events; ids only, never personal data.
        EmailTags: [
          { Name: "kind", Value: email.kind },
          { Name: "meeting", Value: email.meetingId },
        ],
      }),
    );
    if (!result.MessageId) throw new Error("SES accepted the email but returned no MessageId");
    return { messageId, location: result.MessageId };
  }
}
