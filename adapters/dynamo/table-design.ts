/**
 * The single-table design shared by the CDK stack and the embedded runtime (dynalite).
 *
 * Keys: `pk` (string), `sk` (string). One GSI, `gsi1` (`gsi1pk`, `gsi1sk`), used for timers:
 * `gsi1pk = DUE#<YYYY-MM>` (the UTC month a timer fires), `gsi1sk = <ISO instant>#<timer id>`, so a
 * sweep queries only the days between its last run and now and never scans the table.
 *
 * Attributes: each item's record is one JSON string, `body`; what a condition or the GSI needs is
 * an attribute of its own: `ver` (a meeting's version, for optimistic writes), `st`, `tk` and
 * `completedAt` (a wait's status and token, changed in place by one conditional update), a
 * timer's `arm` (each write of a timer its own, so the sweeper's conditional delete removes only
 * the write it read: a wait re-armed with the same deadline while a sweep held the old timer keeps
 * its new one), and the timer GSI keys. Nothing queries inside a body, and a string is far cheaper to move than a map.
 *
 * Access patterns (each a GetItem, a Query on pk, or a Query on gsi1; audit events, timers and
 * address checks also in batches of 25 writes or 100 reads):
 * | pattern | key |
 * |---|---|
 * | meeting by id | pk=MEETING#id, sk=META |
 * | everything of a meeting (invitees, answers, minutes versions, approvals, actions, waits, audit) | pk=MEETING#id |
 * | invitee n of a meeting | pk=MEETING#id, sk=INVITEE#nnnn |
 * | minutes version v | pk=MEETING#id, sk=MINUTES#vvvv |
 * | a person's response to version v | pk=MEETING#id, sk=APPROVAL#vvvv#nnnn |
 * | action n | pk=MEETING#id, sk=ACTION#nnnn |
 * | the wait (task token) for a purpose | pk=MEETING#id, sk=WAIT#purpose#ref |
 * | timers due in a month, in time order | gsi1: gsi1pk=DUE#month, gsi1sk <= now |
 * | audit events of a meeting, in time order | pk=MEETING#id, begins_with(sk, AUDIT#) |
 * | an inbound message already applied (idempotency) | pk=INBOUND#key, sk=INBOUND |
 * | an API request's Idempotency-Key (what it created) | pk=IDEMPOTENCY#scope#key, sk=REQUEST |
 * | undeliverable address | pk=ADDRESS#email, sk=STATUS |
 * | meetings in flight (for resume) | pk=INFLIGHT, sk=MEETING#id |
 * | what retention removes, due in a month | gsi1: gsi1pk=RETAIN#month, gsi1sk <= now (item pk=MEETING#id, sk=RETAIN#what) |
 * | a child's meetings, in the order held (a CPM finds the Specific Issue CPMs before it) | pk=CHILD#authority#reference, sk=MEETING#start#id |
 * | an authority's meetings (the workspace's lists) | pk=MEETINGS#authority, sk=MEETING#start#id |
 * | a recipient's copy of a batch of emails | pk=MEETING#id, sk=SEND#batch#email |
 * | a child's plan (seed 004: visits, safety-scale scores, closure inside it; plan-store.ts) | pk=PLAN#id, sk=META |
 * | a child's plans, in the order started | pk=CHILDPLANS#authority#reference, sk=PLAN#planStart#id |
 * | an authority's plans (the workspace list, the caseload's visits) | pk=PLANS#authority, sk=PLAN#id |
 * | a plan's visit timers, audit events and send records | as a meeting's, with the plan id in the meeting-id slot (purpose `visit`, ref = the visit's number) |
 *
 * A meeting is in flight while its lifecycle or any of its action trackers runs: a closed meeting
 * with open actions stays on the list until its last tracker finishes, and a cancelled one until
 * its cancellations are out, so a restart resumes them.
 *
 * Send records (SendRecord): before a batch of emails goes out (the invitations or cancellations
 * of a calendar sequence, the approval requests or final minutes of a version, a reminder timer,
 * an escalation rung) one batched read gets the recipients' records with their undeliverable status, one batched
 * write records each unsent recipient `pending`, and after each email one batched write marks its
 * recipients `sent` with its audit event. A retried or resumed step sends only what is unsent.
 * The residual window: a crash after the mail service accepted an email and before its mark leaves
 * it `pending`, and it is sent again with the same Message-ID (derived from the record). The local
 * outbox recognises that id and keeps one copy; SES has no idempotency key, so through SES that
 * recipient gets a second copy: at-least-once, for the length of one DynamoDB request
 * (milliseconds). The sweeper removes a timer after it has acted, so a crash in between leaves it
 * to the next sweep; two sweeps at once could then both send one reminder (records are read, not
 * conditionally claimed): give the cloud sweeper `reservedConcurrency: { sweeper: 1 }`. DynamoDB
 * requests per batch of n single-recipient emails (n <= 25): one
 * BatchGetItem, one BatchWriteItem of pending records, then one BatchWriteItem per email; before,
 * one or two reads and one write of the audit at the end of the batch.
 */
export const tableDesign = {
  partitionKey: "pk",
  sortKey: "sk",
  timersIndex: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  /** Attribute holding the epoch-seconds expiry that DynamoDB TTL may use in the cloud. */
  ttlAttribute: "expiresAt",
} as const;
