/** The answer page's port over the reply desk (shared by the local server and the Lambda). */
import type { ReplyDesk } from "../../domain/lifecycle/replies.ts";
import type { ReplyPagePort } from "./reply-page.ts";

export function replyPagePort(desk: ReplyDesk): ReplyPagePort {
  return {
    describe: (token) => desk.describe(token),
    apply: async (token, choice, text, key) => {
      const outcome = await desk.applyPage(token, choice, text, key);
      switch (outcome.status) {
        case "applied":
          return { status: "recorded", message: outcome.message };
        case "closed":
          return { status: "closed", closed: outcome.closed, message: outcome.message };
        case "duplicate":
        case "refused":
          return { status: outcome.status, message: outcome.message };
      }
    },
  };
}
