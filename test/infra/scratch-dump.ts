import { writeFileSync } from "node:fs";
import { Template } from "aws-cdk-lib/assertions";
import { buildConveneApp } from "../../lib/synth-local.ts";
const { stack } = buildConveneApp();
writeFileSync("/tmp/tpl.json", JSON.stringify(Template.fromStack(stack).toJSON(), null, 1));
