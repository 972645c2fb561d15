/** The answer page behind email links, on API Gateway: GET shows (never changes state), POST records once. */
import { z } from "zod";
import {
  csrfKeyFrom,
  fromApiGatewayEvent,
  handleReplyPage,
  toApiGatewayResult,
} from "../../adapters/http/reply-page.ts";
import { replyPagePort } from "../../adapters/http/reply-page-port.ts";
import { ReplyDesk } from "../../domain/lifecycle/replies.ts";
import { defineHandler } from "../shared/define-handler.ts";

export const eventSchema = z.object({}).passthrough();

export const { build, handler } = defineHandler("reply-page", eventSchema, async (deps, event) => {
  const desk = new ReplyDesk(deps, {
    secret: deps.replySecret,
    replyDomain: deps.settings.email.replyDomain,
    requireReceipt: true,
  });
  // API Gateway serves the page over HTTPS only: the CSRF cookie is __Host- and Secure.
  const options = { csrfKey: csrfKeyFrom(deps.replySecret), secure: true };
  return toApiGatewayResult(await handleReplyPage(fromApiGatewayEvent(event), replyPagePort(desk), options));
});
