/**
 * The Lambda functions of a Convene stack, and what each may touch. The CDK stack creates one
 * function per entry (entry: functions/<name>/handler.ts, export `handler`) and grants exactly the
 * access listed: least privilege is data, reviewed here in one place.
 */

export type TableAccess = "none" | "read" | "read-write";

export interface FunctionSpec {
  /** kebab-case; the folder under functions/ and the CDK construct id. */
  name: string;
  description: string;
  table: TableAccess;
  /** Sends email through SES (ses:SendRawEmail / SendEmail on the authority identity). */
  sendsEmail: boolean;
  /** Calls SendTaskSuccess / SendTaskFailure on the workflows. */
  completesTasks: boolean;
  /** Starts executions of the action tracker (or the lifecycle, for the next review meeting). */
  startsExecutions: boolean;
  /** Reads the reply-token HMAC secret from Secrets Manager. */
  readsReplySecret: boolean;
  /** Buckets: recordings (read), transcripts (read-write), minutes documents (read-write), inbound mail (read). */
  buckets: Array<"recordings" | "transcripts" | "documents" | "inbound-mail">;
  /** Starts Amazon Transcribe jobs. */
  startsTranscription: boolean;
  /** Rotates the reply-token HMAC secret (Secrets Manager rotation function): reads and writes it. */
  rotatesReplySecret: boolean;
  /** Removes what retention says is due: lists and deletes objects in recordings, transcripts and documents. */
  deletesRetainedData: boolean;
}

const base = {
  table: "read-write",
  sendsEmail: false,
  completesTasks: false,
  startsExecutions: false,
  readsReplySecret: false,
  buckets: [],
  startsTranscription: false,
  rotatesReplySecret: false,
  deletesRetainedData: false,
} satisfies Omit<FunctionSpec, "name" | "description">;

/** Every function of the stack. The workflows reference these by name. */
export const functionSpecs = [
  { ...base, name: "load-meeting", description: "Reads a meeting's persisted phase", table: "read" },
  { ...base, name: "convene-meeting", description: "Plans and persists a meeting" },
  {
    ...base,
    name: "send-invitations",
    description: "Sends invitations with calendar entries",
    sendsEmail: true,
    readsReplySecret: true,
    buckets: ["documents"],
  },
  {
    ...base,
    name: "await-event",
    description: "Registers a task token with its deadline and reminders",
    sendsEmail: true,
    readsReplySecret: true,
  },
  {
    ...base,
    name: "start-transcription",
    description: "Starts a transcription job or imports a transcript",
    buckets: ["recordings", "transcripts"],
    startsTranscription: true,
  },
  {
    ...base,
    name: "draft-minutes",
    description: "Drafts the minutes from the transcript",
    buckets: ["transcripts", "documents"],
  },
  {
    ...base,
    name: "request-approvals",
    description: "Sends the minutes for approval",
    sendsEmail: true,
    readsReplySecret: true,
    buckets: ["documents"],
  },
  {
    ...base,
    name: "distribute-minutes",
    description: "Distributes the agreed minutes and files the case note",
    sendsEmail: true,
    buckets: ["documents"],
  },
  {
    ...base,
    name: "start-action-trackers",
    description: "Starts one tracker per agreed action",
    startsExecutions: true,
  },
  {
    ...base,
    name: "schedule-review",
    description: "Schedules the review meeting",
    sendsEmail: true,
    startsExecutions: true,
  },
  {
    ...base,
    name: "escalate",
    description: "Escalates up the ladder and writes the audit event",
    sendsEmail: true,
    readsReplySecret: true,
  },
  {
    ...base,
    name: "close-action",
    description: "Records an action's outcome",
  },
  {
    ...base,
    name: "sweeper",
    description: "Fires reminders and deadlines that are due, and removes what retention says is due",
    deletesRetainedData: true,
    sendsEmail: true,
    completesTasks: true,
    readsReplySecret: true,
  },
  {
    ...base,
    name: "inbound-email",
    description: "Parses, verifies and applies replies received by SES",
    sendsEmail: true,
    completesTasks: true,
    readsReplySecret: true,
    // Reads the stored reply; files a written report that came with apologies under documents/.
    buckets: ["inbound-mail", "documents"],
  },
  {
    ...base,
    name: "reply-page",
    description: "The reply page behind the links in emails (GET shows, POST records)",
    completesTasks: true,
    readsReplySecret: true,
  },
  {
    ...base,
    name: "web",
    description: "The staff workspace: pages and API behind the Cognito sign-in",
    // Rescheduling, cancelling and deciding a change email people with signed links; recording
    // the meeting as held, a transcript or an approval resumes the workflow; convening starts it.
    sendsEmail: true,
    completesTasks: true,
    startsExecutions: true,
    readsReplySecret: true,
    // Transcripts uploaded and read beside the minutes; reports filed with apologies.
    buckets: ["transcripts", "documents"],
  },
  {
    ...base,
    name: "transcription-events",
    description: "Resumes the workflow when a Transcribe job completes or fails",
    completesTasks: true,
    buckets: ["transcripts"],
  },
  {
    ...base,
    name: "ses-feedback",
    description: "Marks bounced/complained addresses undeliverable and alerts the chair",
    sendsEmail: true,
  },
  {
    ...base,
    name: "rotate-reply-secret",
    description: "Rotates the reply-link signing key every 90 days (Secrets Manager rotation)",
    table: "none",
    rotatesReplySecret: true,
  },
] as const satisfies readonly FunctionSpec[];

export type FunctionName = (typeof functionSpecs)[number]["name"];
