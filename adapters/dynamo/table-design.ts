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
 * Access patterns (each a GetItem, a Query on pk, or a Query on gsi1; a step's unconditional
 * records of one meeting, audit events, timers and address checks also in batches of 25 writes or
 * 100 reads; a meeting with its wait and action in one BatchGetItem):
 * | pattern | key |
 * |---|---|
 * | meeting by id | pk=MEETING#id, sk=META |
 * | everything of a meeting (invitees, answers, minutes versions, approvals, actions, waits, audit) | pk=MEETING#id |
 * | invitee n of a meeting | pk=MEETING#id, sk=INVITEE#nnnn |
 * | minutes version v | pk=MEETING#id, sk=MINUTES#vvvv, mv = the meeting lock version it was written under (fences an orphan's replacement) |
 * | a person's response to version v | pk=MEETING#id, sk=APPROVAL#vvvv#nnnn |
 * | the answers and the responses to version v, in one read | pk=MEETING#id, sk BETWEEN ANSWER# AND APPROVAL#vvvv#~ |
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
 * an escalation rung) one batched read gets the recipients' records with their undeliverable
 * status; each copy not yet recorded sent goes with a Message-ID derived from the batch and its
 * first addressee (so a copy sent again after a crash carries the same id), and its recipients are
 * then recorded `sent` with its audit event (send-batch.ts). When they are recorded depends on the
 * mailer: the embedded runtime's outbox answers a Message-ID it has already taken with the copy it
 * has (Mailer.idempotent), so a batch's records are written together after its last email, one
 * batched write, and a crash before it resends only ids the outbox recognises. Through SES, which
 * has no idempotency key, each copy is recorded before the next is sent: a kill between a send and
 * its record resends that one copy, an at-least-once window of one request's length. (Records
 * `pending` were written before a batch until 3 December 2026; a record left so keeps its id.) The
 * sweeper removes a timer after it has acted, so a crash in between leaves it to the next sweep;
 * two sweeps at once could then both send one reminder (records are read, not conditionally
 * claimed): give the cloud sweeper `reservedConcurrency: { sweeper: 1 }`.
 *
 * The embedded runtime is its table's only writer (it holds the data folder's lock; every write of
 * the meeting records goes through its one store, `soleWriter`), so its store keeps what it has read
 * true by its own writes, as a write-through cache in front of DynamoDB would: the items read by key
 * (held-items.ts: a meeting, a wait, an action, an address's status, a send record, found or
 * absent), a meeting's answers, approvals and actions once read whole (held-ranges.ts), and the head
 * of each timers-index bucket (index-heads.ts). A read during which a write of the same key was
 * answered learns nothing; a write refused or failed lets what it touches go, to be read again; a
 * wait closed in place is held closed. What is held is bounded (64 million characters of items and
 * 16 million of ranges by default, least recently used let go first: ~90,000 per demo lifecycle),
 * so a runtime left running holds its recent meetings; one let go is read again, a request more.
 * Every conditional write still goes to the table, which
 * decides it. Generated tests (test/integration/store/meeting-store.test.ts, on dynalite and
 * DynamoDB Local) hold a sole writer's answers to a plain store's over random writes, refusals and
 * claims. In the cloud, Lambdas write the table side by side, nothing is held, and every read is a
 * request.
 *
 * Requests per lifecycle (issue 15: at most 250, each justified). One demo lifecycle (seed 000, as
 * `convene demo` and `npm run bench` drive it: 64 emails, 47 state transitions, 33 handler
 * invocations, a review meeting convened at the end) made **218** on the embedded runtime on
 * 3 December 2026 (682 that morning, then 459; `npx tsx bench/dynamo-requests.ts` lists them by
 * operation, store method and step; test/e2e/dynamo-requests.test.ts holds the count to 250). The
 * cloud's path (no held reads, a record per email) makes about 440 for the same work (459 less the
 * pending records): counted from the same accounting, not run here.
 *
 * The rules every step follows: a meeting's write is a conditional PutItem on `ver` (optimistic
 * concurrency), alone because dynalite has no TransactWriteItems; a wait closes by a conditional
 * UpdateItem on its status and token, a timer or retention item is claimed by a conditional
 * DeleteItem, an inbound message and an Idempotency-Key by a conditional PutItem: each alone for
 * the same reason. Everything unconditional a step records (its wait and timers, answers,
 * approvals, actions, send records, audit events, a closed wait's timers by key) goes in one
 * BatchWriteItem with the step's audit events (putRecords); what a step reads of one meeting by
 * key (the meeting, a wait, an action) is one BatchGetItem (getMeetingWith), or nothing when held.
 *
 * | step (use case) | requests | what they are | why not fewer |
 * |---|---|---|---|
 * | sweeps at each timer stop (sweep.ts) | 30 | per fired timer its conditional claim (13 DeleteItem), a deadline's conditional wait close (5 UpdateItem), a bucket's head read when past what is held (9 Query), the sweep mark (3) | a claim is once-only by its condition, and a wait closes once by its token |
 * | waits (registerWait, 13) | 22 | the wait with its timers, the old timers' removal and audit (13 BatchWriteItem); the meeting, wait and action when not held (8); the agreement check of an approval wait (1) | one write per wait |
 * | replies, every one (ReplyDesk: 21 emails, 1 page) | 22 | the inbound message recorded once (conditional PutItem) | exactly-once inbound handling needs its own conditional write |
 * | attendance answers (recordAttendanceAnswer, 9) | 13 | the answer with its audit (11 BatchWriteItem), the report's forwarding to the chair (2) | one write per answer |
 * | approval answers (recordApproval, 9 replies and the chair's) | 13 | the answer with its audit (12 BatchWriteItem), the chair's approval closing the wait (1) | one write per answer |
 * | reminders (remind, remindEach) | 19 | per reminder: send state (BatchGetItem), records with audit (BatchWriteItem), the chase audit | send records |
 * | invitations, approval requests, distribution | 28 | send state, one write of the batch's records, the phase (conditional PutItem), minutes versions (conditional PutItem), retention items | conditional writes |
 * | escalations (escalate, 4) | 12 | send state (4), the escalation's records, the action's rung and the wait marked escalated (8 BatchWriteItem) | send records |
 * | action trackers (markActionDone ×3, closeAction, startActionTrackers) | 17 | the action's close with its audit, a done action's wait closed (conditional UpdateItem) | — |
 * | hold, transcribe, draft, minutes changes, review, convene, create (two meetings) | 40 | the meeting's conditional writes with their phase audits, minutes versions, the review meeting's creation (conditional PutItem + listings + audit) | conditional writes |
 * | the runtime's start and the demo driver | 5 | the table check, the sweep state, the driver's reads | — |
 *
 * What would go further, and what it costs: TransactWriteItems for a meeting's write with its audit
 * (~20; not on dynalite); the inbound message's record written with its effect (~20; exactly-once
 * handling would then rest on the effect's own condition); a batch's send records known absent
 * without a read (a sole writer could track batches it never began, ~20).
 */
export const tableDesign = {
  partitionKey: "pk",
  sortKey: "sk",
  timersIndex: { name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
  /** Attribute holding the epoch-seconds expiry that DynamoDB TTL may use in the cloud. */
  ttlAttribute: "expiresAt",
} as const;
