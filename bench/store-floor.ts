/**
 * The floor under the concurrent-lifecycle benchmark: how fast the runtime's DynamoDB path (the AWS
 * SDK client, in-process to dynalite) serves the store's simplest requests with nothing else
 * running. Fifty writers each append an audit event (a conditional PutItem) and then read an
 * address status (a GetItem) in turn, as lifecycles do; every request is counted. Multiplying the
 * lifecycles' own request count by this rate gives the time their DynamoDB requests alone need.
 */
import { DynamoMeetingStore, ensureTable } from "../adapters/dynamo/meeting-store.ts";
import { startDynalite } from "../adapters/local/dynalite-server.ts";

export interface StoreFloorResult {
  requests: number;
  requestsPerSecond: number;
}

export async function runStoreFloorBench(pairsPerWriter = 200, writers = 50): Promise<StoreFloorResult> {
  const dynamo = await startDynalite({});
  try {
    await ensureTable(dynamo.client, "convene-floor");
    const store = new DynamoMeetingStore(dynamo.client, "convene-floor");
    const detail = { template: "invitation", to: "someone@agency.nhs.uk", messageId: "x".repeat(60) };
    const round = async (pairs: number) =>
      Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < pairs; i++) {
            await store.appendAudit({
              at: new Date(Date.UTC(2026, 2, 2, 9, 0, i)).toISOString(),
              meetingId: `floor-${w}`,
              actor: "system",
              what: "email:sent",
              via: "workflow",
              detail,
            });
            await store.isUndeliverable(`person-${i}@agency-${w}.example`);
          }
        }),
      );
    await round(20); // warm up
    const before = dynamo.requests;
    const started = performance.now();
    await round(pairsPerWriter);
    const seconds = (performance.now() - started) / 1000;
    const requests = dynamo.requests - before;
    return { requests, requestsPerSecond: Math.round(requests / seconds) };
  } finally {
    await dynamo.close();
  }
}
