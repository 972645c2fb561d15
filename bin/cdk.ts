/**
 * The CDK app: one stack per `authorities/*.json`, named `Convene-<id>`, in the authority's
 * `deployment.region` (plus `Convene-<id>-inbound` in `deployment.receivingRegion` when SES cannot
 * receive email in that Region), checked by cdk-nag's AwsSolutions, NIST 800-53 R5 and Serverless
 * packs on every synth (acknowledgements: lib/nag.ts). Run by
 * `cdk synth` / `cdk deploy` (cdk.json: `npx tsx bin/cdk.ts`).
 *
 * Every file is read, parsed and validated synchronously (the CDK CLI reads the cloud assembly
 * when this process exits); if any is broken, the synth stops listing every problem of every file,
 * one line each, naming the file and field.
 */
import { fileURLToPath } from "node:url";
import { App, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks, NIST80053R5Checks, ServerlessChecks } from "cdk-nag";
import { AuthorityFilesError, loadAuthorityDirectory } from "../adapters/config/load-authorities.ts";
import { addAuthorityStacks } from "../lib/app.ts";

const authoritiesDir = fileURLToPath(new URL("../authorities/", import.meta.url));

const app = new App();
// `cdk synth -c convene:skip-bundling=true`: templates and cdk-nag without esbuild (handlers may be missing).
const skipBundling = app.node.tryGetContext("convene:skip-bundling");
if (skipBundling === true || skipBundling === "true") app.node.setContext("aws:cdk:bundling-stacks", []);

let authorities: ReturnType<typeof loadAuthorityDirectory>;
try {
  authorities = loadAuthorityDirectory(authoritiesDir);
} catch (error) {
  if (!(error instanceof AuthorityFilesError)) throw error;
  console.error(error.message);
  process.exit(1);
}

// The Region comes from each file (ConveneStack); only the account comes from the CLI profile.
addAuthorityStacks(app, authorities, process.env.CDK_DEFAULT_ACCOUNT);

Validations.of(app).addPlugins(
  new AwsSolutionsChecks(app),
  new NIST80053R5Checks(app),
  new ServerlessChecks(app),
);
app.synth();
