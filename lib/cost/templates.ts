/**
 * The synthesized templates of each authority's stacks (without bundling: the cost model reads
 * resources, not code), for `npm run cost` and `convene simulate`.
 */
import { fileURLToPath } from "node:url";
import { App } from "aws-cdk-lib";
import { loadAuthorityDirectory } from "../../adapters/config/load-authorities.ts";
import { addAuthorityStacks } from "../app.ts";
import { cdkJsonContext } from "../synth-local.ts";
import type { Template } from "./model.ts";

export interface AuthorityTemplates {
  authorityId: string;
  stackName: string;
  /** The authority's stack and, where it has one, its inbound-email stack. */
  templates: Template[];
}

export function authorityTemplates(
  folder = fileURLToPath(new URL("../../authorities/", import.meta.url)),
): AuthorityTemplates[] {
  const app = new App({ context: { ...cdkJsonContext(), "aws:cdk:bundling-stacks": [] } });
  const loaded = loadAuthorityDirectory(folder);
  const stacks = addAuthorityStacks(app, loaded);
  const assembly = app.synth();
  return stacks.map((stack, i) => ({
    authorityId: loaded[i]?.authority.id ?? "",
    stackName: stack.stackName,
    templates: [stack, ...(stack.inbound ? [stack.inbound] : [])].map(
      (s) => assembly.getStackArtifact(s.artifactId).template as Template,
    ),
  }));
}
