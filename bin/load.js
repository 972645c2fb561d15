#!/usr/bin/env node
// `npm run load`: runs bench/load-run.ts (TypeScript, compiled on the fly by tsx).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
process.env.CDK_DISABLE_CLI_TELEMETRY ??= "true";
const { register } = await import("tsx/esm/api");
register();
await import("../bench/load-run.ts");
