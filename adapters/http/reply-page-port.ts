/** The answer page's port over the reply desk (shared by the local server and the Lambda). */
import type { ReplyDesk } from "../../domain/lifecycle/replies.ts";
import type { ReplyPagePort } from "./reply-page.ts";

export function replyPagePort(desk: ReplyDesk): ReplyPagePort {
  return {
    describe: (token) => desk.describe(token),
    apply: async (token, choice, text, key) => {
      const outcome = await desk.applyPage(token, choice, text, key);
      return { status: outcome.status === "applied" ? "recorded" : outcome.status, message: outcome.message };
    },
  };
}
