/**
 * The stacks of every authority, added to one CDK app: what `bin/cdk.ts` runs, and what the
 * onboarding test runs on a copy of the authorities folder.
 */
import type { App } from "aws-cdk-lib";
import type { LoadedAuthority } from "../adapters/config/load-authorities.ts";
import { ConveneStack, stackNameFor } from "./convene-stack.ts";

/**
 * One `Convene-<id>` stack per authority (and its `Convene-<id>-inbound` where SES receives in
 * another Region), in the authority's Region; `account` is the CLI profile's, if any.
 * @example addAuthorityStacks(app, loadAuthorityDirectory("authorities"), process.env.CDK_DEFAULT_ACCOUNT);
 */
export function addAuthorityStacks(
  app: App,
  authorities: readonly LoadedAuthority[],
  account?: string,
): ConveneStack[] {
  return authorities.map(
    ({ authority, path }) =>
      new ConveneStack(app, stackNameFor(authority.id), {
        authority,
        authorityConfigFile: path,
        env: { account },
      }),
  );
}
