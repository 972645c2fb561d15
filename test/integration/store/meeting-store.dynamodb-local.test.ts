/**
 * Parity with DynamoDB Local, AWS's own emulator (issue 15, section 1): every store test of
 * meeting-store.test.ts (conditional writes, the timer index, batch retries, errors) runs again
 * against it, so what the embedded runtime relies on from dynalite is what DynamoDB itself does.
 * Differences found are fixed in the store or written down in adapters/dynamo/table-design.ts.
 */
import { CreateTableCommand, TransactWriteItemsCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { startStoreBackend, useStoreBackend } from "../../support/store-backend.ts";

useStoreBackend("dynamodb-local");
await import("./meeting-store.test.ts");

describe("the parity run", () => {
  it("talks to AWS's DynamoDB Local, which has the transactions dynalite lacks", async () => {
    const dynamo = await startStoreBackend();
    try {
      await dynamo.client.send(
        new CreateTableCommand({
          TableName: "parity-probe",
          BillingMode: "PAY_PER_REQUEST",
          KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
        }),
      );
      const written = await dynamo.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: "parity-probe", Item: { pk: { S: "a" } } } }],
        }),
      );
      expect(written.$metadata.httpStatusCode).toBe(200);
    } finally {
      await dynamo.close();
    }
  });
});
