#!/usr/bin/env node
// The `convene` command: a plain-JS shim so `npx convene` works on Node 20 without a build step.
// tsx compiles the TypeScript sources on the fly (esbuild), then bin/convene.ts dispatches.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.CDK_DISABLE_CLI_TELEMETRY ??= "true";
const { register } = await import("tsx/esm/api");
register();
const { main } = await import("./convene.ts");
const code = await main(process.argv.slice(2));
// Exit once output is flushed: an embedded runtime may leave long task timers behind.
process.stdout.write("", () => process.exit(code));
