/**
 * One way to write a Lambda handler: a zod schema for the event (Powertools parser middleware),
 * Powertools logger with the Lambda context, and one use case. `build(deps)` makes the handler
 * for any composition root: AWS (`handler`, dependencies from the environment, created once per
 * container) or the embedded runtime (local adapters).
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import { parser } from "@aws-lambda-powertools/parser/middleware";
import middy from "@middy/core";
import type { Context } from "aws-lambda";
import type { z } from "zod";
import type { LifecycleDeps } from "../../domain/lifecycle/kernel.ts";

export const logger = new Logger({ serviceName: "convene" });

/**
 * Events are never logged, whatever POWERTOOLS_LOGGER_LOG_EVENT says: an SES event carries reply
 * tokens and addresses, a page event the token and the answer, and a workflow event the meeting
 * (special category data). `logEvent: false` on the middleware overrides the variable (Powertools
 * gives the option precedence); the handlers log ids and outcomes instead.
 */
const neverLogEvents = { logEvent: false } as const;

export type Handler = (event: unknown, context: Context) => Promise<unknown>;

export interface HandlerDefinition {
  build(deps: LifecycleDeps): Handler;
  /** The AWS Lambda entry point. */
  handler: Handler;
}

let awsDeps: Promise<LifecycleDeps> | undefined;

/** Defines a handler: parse the event with `schema`, run `useCase`, return its (JSON) result. */
export function defineHandler<S extends z.ZodType>(
  name: string,
  schema: S,
  useCase: (deps: LifecycleDeps, input: z.infer<S>) => Promise<unknown>,
): HandlerDefinition {
  const build = (deps: LifecycleDeps): Handler => {
    const wrapped = middy<unknown, unknown>()
      .use(injectLambdaContext(logger, { resetKeys: true, ...neverLogEvents }))
      .use(parser({ schema }) as middy.MiddlewareObj<unknown, unknown>)
      .handler(async (input: unknown) => {
        // Log ids and outcomes only: never names, emails or minutes (special category data).
        logger.debug("handling", { function: name });
        return useCase(deps, input as z.infer<S>);
      });
    return (event, context) => wrapped(event as never, context) as Promise<unknown>;
  };
  let cached: Handler | undefined;
  const handler: Handler = async (event, context) => {
    if (!cached) {
      awsDeps ??= import("../../adapters/aws/dependencies.ts").then((m) => m.awsDependencies());
      cached = build(await awsDeps);
    }
    return cached(event, context);
  };
  return { build, handler };
}
