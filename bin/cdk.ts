/**
 * The CDK app: one stack per `authorities/*.json`, named `Convene-<id>`, checked by cdk-nag's
 * AwsSolutions pack on every synth. Run by `cdk synth` / `cdk deploy` (cdk.json: `npx tsx bin/cdk.ts`).
 *
 * Each file is read, parsed and validated synchronously (the CDK CLI reads the cloud assembly
 * when this process exits); a bad file stops the synth with one error naming the file and field.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { ConfigError, parseAuthorityConfig } from "../adapters/config/load-authority.ts";
import { ConveneStack, stackNameFor } from "../lib/convene-stack.ts";

const authoritiesDir = fileURLToPath(new URL("../authorities/", import.meta.url));

function readAuthority(file: string) {
  const shown = path.relative(process.cwd(), file);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(shown, `not valid JSON: ${(error as Error).message}`);
  }
  return parseAuthorityConfig(json, shown);
}

const app = new App();
// `cdk synth -c convene:skip-bundling=true`: templates and cdk-nag without esbuild (handlers may be missing).
const skipBundling = app.node.tryGetContext("convene:skip-bundling");
if (skipBundling === true || skipBundling === "true") app.node.setContext("aws:cdk:bundling-stacks", []);
const files = readdirSync(authoritiesDir)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => path.join(authoritiesDir, name));

for (const file of files) {
  const authority = readAuthority(file);
  new ConveneStack(app, stackNameFor(authority.id), {
    authority,
    authorityConfigFile: file,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
}

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
