/**
 * The pieces every path of the workspace's OpenAPI document shares: the one-error body, a JSON
 * request body from a zod schema, and the answers an authenticated route gives.
 */
import { z } from "zod";

export const errorResponse = {
  description: "One error naming the field",
  content: {
    "application/json": {
      schema: {
        type: "object",
        properties: { error: { type: "string" }, field: { type: "string" }, errors: { type: "array" } },
        required: ["error", "field"],
      },
    },
  },
};

/** A required JSON request body, described from the zod schema the route parses it with. */
export const jsonBody = (schema: z.ZodType) => ({
  required: true,
  content: {
    "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) },
  },
});

/** What an authenticated route answers: `ok`, or one error. */
export const answers = (ok: string) => ({
  "200": { description: ok },
  "400": errorResponse,
  "401": errorResponse,
  "403": errorResponse,
  "404": errorResponse,
  "409": errorResponse,
});
