import { App, Stack, Validations } from "aws-cdk-lib";
import * as s3 from "aws-cdk-lib/aws-s3";
import { AwsSolutionsChecks } from "cdk-nag";
const app = new App({ outdir: "/tmp/nagcli" });
const s = new Stack(app, "S");
new s3.Bucket(s, "b");
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
console.log("exitCode", process.exitCode);
