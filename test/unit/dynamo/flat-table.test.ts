/** The store's flat items: strings and numbers only, marshalled both ways without a document client. */
import { describe, expect, it } from "vitest";
import { fromAttributes, toAttributes } from "../../../adapters/dynamo/flat-table.ts";

describe("flat item marshalling", () => {
  it("turns strings and numbers into DynamoDB attribute values and back, leaving out undefined", () => {
    const attributes = toAttributes({
      pk: "MEETING#1",
      sk: "META",
      ver: 3,
      body: '{"a":1}',
      gone: undefined,
    });
    expect(attributes).toEqual({
      pk: { S: "MEETING#1" },
      sk: { S: "META" },
      ver: { N: "3" },
      body: { S: '{"a":1}' },
    });
    expect(fromAttributes(attributes)).toEqual({ pk: "MEETING#1", sk: "META", ver: 3, body: '{"a":1}' });
  });

  it("refuses an item with an attribute that is neither a string nor a number, naming it", () => {
    expect(() => fromAttributes({ pk: { S: "x" }, data: { M: {} } })).toThrow(
      /item x: attribute data is neither a string nor a number/,
    );
  });
});
