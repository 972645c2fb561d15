import { App, Stack } from "aws-cdk-lib";
import { Annotations, Match, Template } from "aws-cdk-lib/assertions";
import * as kms from "aws-cdk-lib/aws-kms";
import { describe, expect, it } from "vitest";
import { ConveneFunction, MissingHandlerError } from "../../lib/convene-function.ts";

const missing = "no-such-function-for-tests";

function stackWith(bundling: boolean) {
  const app = new App({ context: bundling ? {} : { "aws:cdk:bundling-stacks": [] } });
  const stack = new Stack(app, "FunctionTest");
  const key = new kms.Key(stack, "key");
  return { stack, key };
}

describe("ConveneFunction with a missing handler file", () => {
  it("synthesizes stub code and says so when bundling is skipped", () => {
    const { stack, key } = stackWith(false);
    new ConveneFunction(stack, missing, { name: missing, encryptionKey: key });
    Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", {
      Handler: "index.handler",
      Code: { ZipFile: Match.stringLikeRegexp("bundling skipped") },
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
    });
    const infos = Annotations.fromStack(stack).findInfo("*", Match.anyValue());
    expect(infos.map((i) => String(i.entry.data))).toEqual([
      expect.stringContaining(`functions/${missing}/handler.ts is missing`),
    ]);
  });

  it("refuses to synthesize when the stack is bundled for deployment", () => {
    const { stack, key } = stackWith(true);
    expect(() => new ConveneFunction(stack, missing, { name: missing, encryptionKey: key })).toThrow(
      MissingHandlerError,
    );
  });

  it("uses the handler file without running esbuild when bundling is skipped", () => {
    const { stack, key } = stackWith(false);
    // Any existing TypeScript file under the repository stands in for a handler.
    const started = performance.now();
    new ConveneFunction(stack, "catalog", {
      name: "catalog",
      entry: "functions/catalog.ts",
      encryptionKey: key,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    Template.fromStack(stack).hasResourceProperties("AWS::Lambda::Function", {
      Handler: "index.handler",
      Code: { S3Bucket: Match.anyValue(), S3Key: Match.stringLikeRegexp("\\.zip$") },
    });
  });
});
