/**
 * An in-process transport from the AWS SDK's DynamoDB client to dynalite: the SDK serializes each
 * command exactly as it would for AWS and parses dynalite's answer exactly as it would AWS's; only
 * the loopback socket, HTTP framing and SigV4 signing (which dynalite checks for form, never for
 * value) are skipped. dynalite's own request handler runs unchanged, with its validation and its
 * LevelDB store. The HTTP endpoint stays up for other tools.
 */
import { EventEmitter } from "node:events";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";

type RequestHandler = NonNullable<DynamoDBClientConfig["requestHandler"]>;
type SdkRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
};
type SdkResponse = { statusCode: number; headers: Record<string, string>; body: Uint8Array };

/** The authorization dynalite requires to be present and well formed (it does not check signatures). */
const localAuthorization =
  "AWS4-HMAC-SHA256 Credential=local/20260101/eu-west-2/dynamodb/aws4_request, SignedHeaders=host, Signature=local";

/** A fake IncomingMessage / ServerResponse pair carrying one request through dynalite's listener. */
function exchange(listener: RequestListener, request: SdkRequest): Promise<SdkResponse> {
  return new Promise<SdkResponse>((resolve, reject) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
    headers.authorization ??= localAuthorization;
    headers["x-amz-date"] ??= "20260101T000000Z";
    const req = Object.assign(new EventEmitter(), {
      method: request.method,
      url: request.path || "/",
      headers,
    });
    const responseHeaders: Record<string, string> = {};
    const res = {
      statusCode: 200,
      contentType: undefined as string | undefined,
      setHeader(name: string, value: string | number) {
        responseHeaders[name.toLowerCase()] = String(value);
      },
      end(body?: string | Buffer) {
        resolve({
          statusCode: res.statusCode,
          headers: responseHeaders,
          body: typeof body === "string" ? Buffer.from(body, "utf8") : (body ?? new Uint8Array()),
        });
      },
    };
    try {
      listener(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    } catch (error) {
      reject(error);
      return;
    }
    const body = request.body;
    process.nextTick(() => {
      if (body !== undefined && body.length > 0)
        req.emit(
          "data",
          typeof body === "string"
            ? Buffer.from(body, "utf8")
            : // A view, not Buffer.from(body): the SDK's body type converts itself to a string on valueOf().
              Buffer.from(body.buffer, body.byteOffset, body.byteLength),
        );
      req.emit("end");
    });
  });
}

/** A request handler for the SDK client that hands each request to dynalite in this process. */
export function inProcessHandler(listener: RequestListener): RequestHandler {
  const handler = {
    metadata: { handlerProtocol: "in-process" },
    handle: async (request: SdkRequest) => ({ response: await exchange(listener, request) }),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  };
  return handler as unknown as RequestHandler;
}

/** A signer that leaves the request as it is (the in-process handler adds the form dynalite checks). */
export const unsignedForLocal = { sign: async <T>(request: T): Promise<T> => request };

type AuthScheme = NonNullable<DynamoDBClientConfig["httpAuthSchemes"]>[number];

/** The SigV4 auth scheme with the local credentials and no signing (dynalite does not verify signatures). */
export function unsignedAuthScheme(credentials: {
  accessKeyId: string;
  secretAccessKey: string;
}): AuthScheme {
  return {
    schemeId: "aws.auth#sigv4",
    identityProvider: () => async () => credentials,
    signer: unsignedForLocal,
  } as AuthScheme;
}
