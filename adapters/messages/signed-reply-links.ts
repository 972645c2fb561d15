/** ReplyLinks over the HMAC-signed reply tokens: a per-recipient, per-purpose Reply-To and page link. */
import { replyAddress, signReplyToken } from "../../domain/email/reply-token.ts";
import type { ReplyLinks, ReplyPurpose } from "../../domain/lifecycle/kernel.ts";
import type { ReplyLink } from "../../domain/ports/messages.ts";

export class SignedReplyLinks implements ReplyLinks {
  constructor(
    private readonly secret: string,
    private readonly replyDomain: string,
    private readonly baseUrl: () => string,
  ) {}

  link(meetingId: string, person: number, purpose: ReplyPurpose, ref: number, expiresAt: Date): ReplyLink {
    const token = signReplyToken({ meetingId, person, purpose, ref, expiresAt }, this.secret);
    return { token, address: replyAddress(token, this.replyDomain), pageUrl: `${this.baseUrl()}/r/${token}` };
  }
}
